import type { ToolSubject } from '../../domain/firewall/compiled-policy.js';
import { isRecord } from '../../providers/translate/json.js';
import type { ApiSurface } from '../../providers/types.js';

/** The tool calls in a complete answer, in the client's format (after any translation). */
export function toolCallsOfAnswer(surface: ApiSurface, answer: unknown): ToolSubject[] {
  if (!isRecord(answer)) return [];
  if (surface === 'messages') return anthropicCalls(answer.content);
  if (surface === 'responses') return responsesCalls(answer.output);
  const calls: ToolSubject[] = [];
  if (!Array.isArray(answer.choices)) return calls;
  for (const choice of answer.choices) {
    const message = isRecord(choice) ? choice.message : undefined;
    if (!isRecord(message) || !Array.isArray(message.tool_calls)) continue;
    for (const call of message.tool_calls) {
      if (!isRecord(call)) continue;
      const fn = isRecord(call.function) ? call.function : isRecord(call.custom) ? call.custom : undefined;
      if (!fn || typeof fn.name !== 'string') continue;
      const args =
        typeof fn.arguments === 'string' ? fn.arguments : typeof fn.input === 'string' ? fn.input : '';
      calls.push({ name: fn.name, arguments: args });
    }
  }
  return calls;
}

function anthropicCalls(content: unknown): ToolSubject[] {
  if (!Array.isArray(content)) return [];
  const calls: ToolSubject[] = [];
  for (const block of content) {
    if (isRecord(block) && block.type === 'tool_use' && typeof block.name === 'string') {
      calls.push({ name: block.name, arguments: JSON.stringify(block.input ?? {}) });
    }
  }
  return calls;
}

function responsesCalls(output: unknown): ToolSubject[] {
  if (!Array.isArray(output)) return [];
  const calls: ToolSubject[] = [];
  for (const item of output) {
    const call = responsesCallOf(item);
    if (call) calls.push(call);
  }
  return calls;
}

/** A Responses output item that is a tool call (`function_call`, `custom_tool_call`), as a subject. */
export function responsesCallOf(item: unknown): ToolSubject | undefined {
  if (!isRecord(item) || typeof item.name !== 'string') return undefined;
  if (item.type === 'function_call') {
    return { name: item.name, arguments: typeof item.arguments === 'string' ? item.arguments : '' };
  }
  if (item.type === 'custom_tool_call') {
    return { name: item.name, arguments: typeof item.input === 'string' ? item.input : '' };
  }
  return undefined;
}
