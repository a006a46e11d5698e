import type { ToolSubject } from '../../domain/firewall/compiled-policy.js';
import type { JsonBody } from '../../providers/exchange.js';
import { isRecord } from '../../providers/translate/json.js';
import type { ApiSurface } from '../../providers/types.js';
import { anthropicCallSubject, chatCallSubject, responsesCallSubject } from './tool-subjects.js';

/**
 * The tools a client's request carries, in its own format: the tools it advertises (by their
 * index in `tools`) and the results it sends back, each named by the call it answers (found by
 * id in the conversation, with that call's arguments). A result whose call is not in the request
 * has no name to match and is left out.
 */
export interface RequestTools {
  advertised: Array<{ index: number; name: string }>;
  results: ToolSubject[];
}

export function requestToolsOf(surface: ApiSurface, body: JsonBody): RequestTools {
  return {
    advertised: advertisedTools(body.tools),
    results:
      surface === 'messages'
        ? anthropicResults(body.messages)
        : surface === 'responses'
          ? responsesResults(body.input)
          : chatResults(body.messages),
  };
}

/** The name of one entry of `tools`, in any of the three formats. */
export function advertisedToolName(tool: unknown): string | undefined {
  if (!isRecord(tool)) return undefined;
  // Chat: {type: 'function', function: {name}} or {type: 'custom', custom: {name}}.
  for (const key of ['function', 'custom']) {
    const inner = tool[key];
    if (isRecord(inner) && typeof inner.name === 'string') return inner.name;
  }
  // Messages and Responses: {name}; a Responses built-in tool (`web_search`) is named by its type.
  if (typeof tool.name === 'string') return tool.name;
  return typeof tool.type === 'string' ? tool.type : undefined;
}

function advertisedTools(tools: unknown): RequestTools['advertised'] {
  if (!Array.isArray(tools)) return [];
  const advertised: RequestTools['advertised'] = [];
  for (const [index, tool] of tools.entries()) {
    const name = advertisedToolName(tool);
    if (name !== undefined) advertised.push({ index, name });
  }
  return advertised;
}

function chatResults(messages: unknown): ToolSubject[] {
  if (!Array.isArray(messages)) return [];
  const calls = new Map<string, ToolSubject>();
  const results: ToolSubject[] = [];
  for (const message of messages) {
    if (!isRecord(message)) continue;
    if (message.role === 'assistant' && Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        const subject = chatCallSubject(call);
        if (subject && isRecord(call) && typeof call.id === 'string') calls.set(call.id, subject);
      }
    }
    if (message.role === 'tool' && typeof message.tool_call_id === 'string') {
      const call = calls.get(message.tool_call_id);
      if (call) results.push(call);
    }
  }
  return results;
}

function anthropicResults(messages: unknown): ToolSubject[] {
  if (!Array.isArray(messages)) return [];
  const calls = new Map<string, ToolSubject>();
  const results: ToolSubject[] = [];
  for (const message of messages) {
    if (!isRecord(message) || !Array.isArray(message.content)) continue;
    for (const block of message.content) {
      const subject = anthropicCallSubject(block);
      if (subject && isRecord(block) && typeof block.id === 'string') calls.set(block.id, subject);
      else if (isRecord(block) && block.type === 'tool_result' && typeof block.tool_use_id === 'string') {
        const call = calls.get(block.tool_use_id);
        if (call) results.push(call);
      }
    }
  }
  return results;
}

function responsesResults(input: unknown): ToolSubject[] {
  if (!Array.isArray(input)) return [];
  const calls = new Map<string, ToolSubject>();
  const results: ToolSubject[] = [];
  for (const item of input) {
    if (!isRecord(item) || typeof item.call_id !== 'string') continue;
    const subject = responsesCallSubject(item);
    if (subject) calls.set(item.call_id, subject);
    else if (item.type === 'function_call_output' || item.type === 'custom_tool_call_output') {
      const call = calls.get(item.call_id);
      if (call) results.push(call);
    }
  }
  return results;
}

/**
 * The body without the stripped tools. A `tool_choice` that forces a stripped tool goes too (the
 * provider would refuse it), and so do `tools` and `tool_choice` when no tool is left.
 */
export function withoutTools(
  body: JsonBody,
  stripped: ReadonlySet<number>,
  strippedNames: ReadonlySet<string>,
): JsonBody {
  const tools = (body.tools as unknown[]).filter((_tool, index) => !stripped.has(index));
  const out: JsonBody = { ...body, tools };
  const forced = forcedToolName(body.tool_choice);
  if (tools.length === 0) {
    delete out.tools;
    delete out.tool_choice;
    delete out.parallel_tool_calls;
  } else if (forced !== undefined && strippedNames.has(forced)) {
    delete out.tool_choice;
  }
  return out;
}

function forcedToolName(choice: unknown): string | undefined {
  if (!isRecord(choice)) return undefined;
  if (isRecord(choice.function) && typeof choice.function.name === 'string') return choice.function.name;
  return typeof choice.name === 'string' ? choice.name : undefined;
}
