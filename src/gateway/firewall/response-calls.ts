import type { ToolSubject } from '../../domain/firewall/compiled-policy.js';
import { isRecord } from '../../providers/translate/json.js';
import type { ApiSurface } from '../../providers/types.js';
import { anthropicCallSubject, chatCallSubject, responsesCallSubject } from './tool-subjects.js';

/** The tool calls in a complete answer, in the client's format (after any translation). */
export function toolCallsOfAnswer(surface: ApiSurface, answer: unknown): ToolSubject[] {
  if (!isRecord(answer)) return [];
  if (surface === 'messages') return subjects(answer.content, anthropicCallSubject);
  if (surface === 'responses') return subjects(answer.output, responsesCallSubject);
  if (!Array.isArray(answer.choices)) return [];
  return answer.choices.flatMap((choice) => {
    const message = isRecord(choice) ? choice.message : undefined;
    return isRecord(message) ? subjects(message.tool_calls, chatCallSubject) : [];
  });
}

function subjects(list: unknown, read: (entry: unknown) => ToolSubject | undefined): ToolSubject[] {
  if (!Array.isArray(list)) return [];
  const found: ToolSubject[] = [];
  for (const entry of list) {
    const subject = read(entry);
    if (subject) found.push(subject);
  }
  return found;
}
