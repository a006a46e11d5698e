import type {
  OpenAIChatMessage,
  OpenAIChatRequest,
  OpenAIFunctionTool,
  OpenAIToolCall,
  OpenAIToolChoice,
  OpenAIUserContentPart,
} from '../../openai/wire.js';
import { accountForFields, refusedField } from '../fates/field-fates.js';
import { responsesToChatFates } from '../fates/responses-to-chat-fates.js';
import { isRecord, type JsonObject } from '../json.js';
import { customToolAsFunction } from './custom-tools.js';

export interface ResponsesToChatRequestOptions {
  /** Upstream model id to send. */
  model: string;
  /** Send `max_output_tokens` as `max_completion_tokens` rather than `max_tokens`. */
  useMaxCompletionTokens?: boolean;
  /** Receives the client fields that have no equivalent (`Tollgate-Removed-Params`). */
  removed?: string[];
}

/**
 * Translates an OpenAI Responses request into a Chat Completions request, for a model that has
 * no Responses API. `instructions` becomes the first system message; input items become
 * messages, function calls and their outputs tool calls and tool messages. Every top-level field
 * follows `responsesToChatFates`: mapped, named in `options.removed`, or refused.
 */
export function responsesToChatRequest(
  body: JsonObject,
  options: ResponsesToChatRequestOptions,
): OpenAIChatRequest {
  const removed = options.removed ?? [];
  if (body.background === true) {
    throw refusedField('background', 'background responses are stored and polled; Tollgate stores none');
  }
  accountForFields(body, responsesToChatFates, removed);
  if (body.store === true) removed.push('store');

  const messages: OpenAIChatMessage[] = [];
  if (typeof body.instructions === 'string' && body.instructions.length > 0) {
    messages.push({ role: 'system', content: body.instructions });
  }
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) appendItems(messages, body.input);

  const out: OpenAIChatRequest = { model: options.model, messages };
  if (typeof body.max_output_tokens === 'number') {
    if (options.useMaxCompletionTokens) out.max_completion_tokens = body.max_output_tokens;
    else out.max_tokens = body.max_output_tokens;
  }
  if (typeof body.temperature === 'number') out.temperature = body.temperature;
  if (typeof body.top_p === 'number') out.top_p = body.top_p;
  if (body.stream === true) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  if (typeof body.user === 'string') out.user = body.user;
  if (typeof body.safety_identifier === 'string') out.safety_identifier = body.safety_identifier;
  if (typeof body.parallel_tool_calls === 'boolean') out.parallel_tool_calls = body.parallel_tool_calls;
  addTextOptions(out, body.text);
  addReasoning(out, body.reasoning, removed);
  const tools = convertTools(body.tools);
  if (tools.length > 0) out.tools = tools;
  const choice = convertToolChoice(body.tool_choice);
  if (choice !== undefined) out.tool_choice = choice;
  return out;
}

/** Input items in order; consecutive function calls join one assistant message, as chat wants. */
function appendItems(messages: OpenAIChatMessage[], items: unknown[]): void {
  for (const item of items) {
    if (!isRecord(item)) continue;
    const type = item.type ?? 'message';
    if (type === 'message') messages.push(messageOf(item));
    else if (type === 'function_call') appendToolCall(messages, item, item.arguments);
    else if (type === 'custom_tool_call') {
      appendToolCall(messages, item, JSON.stringify({ input: String(item.input ?? '') }));
    } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      messages.push({
        role: 'tool',
        tool_call_id: String(item.call_id ?? ''),
        content: outputText(item.output),
      });
    } else if (type === 'reasoning') {
      // Reasoning a model did before: chat models take none back, and the answer needs none.
    } else {
      throw refusedField(
        'input',
        `input items of type "${String(type)}" have no Chat Completions equivalent`,
      );
    }
  }
}

function messageOf(item: JsonObject): OpenAIChatMessage {
  const role = item.role;
  if (role === 'assistant') return { role: 'assistant', content: textOf(item.content) };
  if (role === 'system' || role === 'developer') return { role, content: textOf(item.content) };
  if (typeof item.content === 'string') return { role: 'user', content: item.content };
  return { role: 'user', content: userParts(item.content) };
}

function appendToolCall(messages: OpenAIChatMessage[], item: JsonObject, args: unknown): void {
  const call: OpenAIToolCall = {
    id: String(item.call_id ?? item.id ?? ''),
    type: 'function',
    function: {
      name: String(item.name ?? ''),
      arguments: typeof args === 'string' ? args : '{}',
    },
  };
  const last = messages.at(-1);
  if (last?.role === 'assistant') {
    last.tool_calls = [...(last.tool_calls ?? []), call];
    return;
  }
  messages.push({ role: 'assistant', content: null, tool_calls: [call] });
}

/** Text of a string or of text parts (`input_text`, `output_text`, `refusal`). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) ? (part.text ?? part.refusal) : undefined))
    .filter((text): text is string => typeof text === 'string')
    .join('');
}

function outputText(output: unknown): string {
  return typeof output === 'string' ? output : textOf(output);
}

function userParts(content: unknown): OpenAIUserContentPart[] {
  if (!Array.isArray(content)) return [];
  const parts: OpenAIUserContentPart[] = [];
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (part.type === 'input_text' && typeof part.text === 'string')
      parts.push({ type: 'text', text: part.text });
    else if (part.type === 'input_image' && typeof part.image_url === 'string') {
      const detail = part.detail === 'low' || part.detail === 'high' ? part.detail : undefined;
      parts.push({
        type: 'image_url',
        image_url: detail ? { url: part.image_url, detail } : { url: part.image_url },
      });
    } else if (part.type === 'input_file' && typeof part.file_data === 'string') {
      const filename = typeof part.filename === 'string' ? { filename: part.filename } : {};
      parts.push({ type: 'file', file: { file_data: part.file_data, ...filename } });
    } else {
      // Files and images by OpenAI file id live in OpenAI's storage: another model cannot read them.
      throw refusedField(
        'input',
        `content of type "${String(part.type)}" without inline data cannot be sent`,
      );
    }
  }
  return parts;
}

function addTextOptions(out: OpenAIChatRequest, text: unknown): void {
  if (!isRecord(text)) return;
  const format = text.format;
  if (isRecord(format) && format.type === 'json_schema') {
    const schema: JsonObject = { name: typeof format.name === 'string' ? format.name : 'output' };
    if (isRecord(format.schema)) schema.schema = format.schema;
    if (typeof format.description === 'string') schema.description = format.description;
    if (typeof format.strict === 'boolean') schema.strict = format.strict;
    out.response_format = { type: 'json_schema', json_schema: schema };
  } else if (isRecord(format) && format.type === 'json_object') {
    out.response_format = { type: 'json_object' };
  }
  if (typeof text.verbosity === 'string') out.verbosity = text.verbosity;
}

function addReasoning(out: OpenAIChatRequest, reasoning: unknown, removed: string[]): void {
  if (!isRecord(reasoning)) return;
  if (typeof reasoning.effort === 'string') out.reasoning_effort = reasoning.effort;
  if (reasoning.summary !== undefined && reasoning.summary !== null) removed.push('reasoning.summary');
}

function convertTools(tools: unknown): OpenAIFunctionTool[] {
  if (!Array.isArray(tools)) return [];
  return tools.map((tool) => {
    if (isRecord(tool) && tool.type === 'custom' && typeof tool.name === 'string') {
      return customToolAsFunction(tool);
    }
    if (!isRecord(tool) || tool.type !== 'function' || typeof tool.name !== 'string') {
      const type = isRecord(tool) ? String(tool.type) : typeof tool;
      throw refusedField('tools', `"${type}" tools run only on OpenAI; function and custom tools translate`);
    }
    const fn: OpenAIFunctionTool['function'] = { name: tool.name };
    if (typeof tool.description === 'string') fn.description = tool.description;
    if (isRecord(tool.parameters)) fn.parameters = tool.parameters;
    if (typeof tool.strict === 'boolean') fn.strict = tool.strict;
    return { type: 'function', function: fn };
  });
}

function convertToolChoice(choice: unknown): OpenAIToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  const named = isRecord(choice) && (choice.type === 'function' || choice.type === 'custom');
  if (named && typeof choice.name === 'string') {
    return { type: 'function', function: { name: choice.name } };
  }
  throw refusedField('tool_choice', 'only auto, none, required or a function tool translate');
}
