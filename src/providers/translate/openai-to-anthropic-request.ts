import type {
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicRequest,
  AnthropicTool,
  AnthropicToolChoice,
} from '../anthropic/wire.js';
import type {
  OpenAIAssistantMessage,
  OpenAIChatRequest,
  OpenAIFilePart,
  OpenAIImagePart,
  OpenAIToolChoice,
  OpenAIUserContentPart,
} from '../openai/wire.js';
import { chatToMessagesFates } from './fates/chat-to-messages-fates.js';
import { accountForFields, refusedField } from './fates/field-fates.js';
import { isRecord, parseToolInput } from './json.js';
import { minimumThinkingBudget, thinkingBudgetFor } from './reasoning-budget.js';
import { structuredOutputOf, structuredOutputTool } from './structured-output.js';

export interface OpenAIToAnthropicRequestOptions {
  /** Upstream model id to send. */
  model: string;
  /** `max_tokens` when the client gave neither `max_completion_tokens` nor `max_tokens`. */
  defaultMaxTokens: number;
  /** Receives the client fields that have no equivalent (`Tollgate-Removed-Params`). */
  removed?: string[];
}

/**
 * Translates an OpenAI Chat Completions request into an Anthropic Messages request.
 * System/developer messages become `system`; tool calls and tool results become `tool_use` /
 * `tool_result` blocks; consecutive same-role turns are merged, as Anthropic requires alternation.
 * Every other field follows `chatToMessagesFates`: mapped, named in `options.removed`, or refused
 * (a `TollgateError` naming it). `temperature` is clamped to Anthropic's 0–1.
 */
export function openAIChatToAnthropicRequest(
  body: OpenAIChatRequest,
  options: OpenAIToAnthropicRequestOptions,
): AnthropicRequest {
  const removed = options.removed ?? [];
  refuseWhatCannotBeAnswered(body);
  accountForFields(body, chatToMessagesFates, removed);
  const system: string[] = [];
  const messages: AnthropicMessageParam[] = [];
  const append = (role: 'user' | 'assistant', blocks: AnthropicContentBlock[]): void => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    if (last && last.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };

  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = textOf(message.content);
        if (text.length > 0) system.push(text);
        break;
      }
      case 'user':
        append('user', userBlocks(message.content));
        break;
      case 'assistant':
        append('assistant', assistantBlocks(message));
        break;
      case 'tool':
        append('user', [
          { type: 'tool_result', tool_use_id: message.tool_call_id, content: textOf(message.content) },
        ]);
        break;
      default:
        break;
    }
  }

  const out: AnthropicRequest = {
    model: options.model,
    messages: messages.map(collapseSingleText),
    max_tokens: positive(body.max_completion_tokens) ?? positive(body.max_tokens) ?? options.defaultMaxTokens,
  };
  if (system.length > 0) out.system = system.join('\n\n');

  const stop = stopSequences(body.stop);
  if (stop.length > 0) out.stop_sequences = stop;
  if (typeof body.temperature === 'number') out.temperature = Math.min(Math.max(body.temperature, 0), 1);
  if (typeof body.top_p === 'number') out.top_p = body.top_p;
  if (typeof body.top_k === 'number') out.top_k = body.top_k;
  if (typeof body.stream === 'boolean') out.stream = body.stream;
  const user = typeof body.user === 'string' && body.user.length > 0 ? body.user : body.safety_identifier;
  if (typeof user === 'string' && user.length > 0) out.metadata = { user_id: user };

  const tools = convertTools(body.tools ?? legacyFunctionTools(body.functions));
  const structured = structuredOutputOf(body.response_format);
  if (structured) {
    if (tools.some((tool) => tool.name === structuredOutputTool)) {
      throw refusedField('tools', `the tool name "${structuredOutputTool}" is reserved for response_format`);
    }
    tools.push({
      name: structuredOutputTool,
      description: structured.description,
      input_schema: structured.schema,
    });
  }
  if (tools.length > 0) {
    out.tools = tools;
    const requested = body.tool_choice ?? legacyFunctionChoice(body.function_call);
    const choice = convertToolChoice(requested, body.parallel_tool_calls === false);
    // Structured output: the model must answer through a tool, its own or the schema's.
    const forced = structured ? structuredChoice(choice) : choice;
    if (forced) out.tool_choice = forced;
  }
  addThinking(out, body, messages, removed);
  return out;
}

/** Asks that no Anthropic answer can meet: refused with the field named. */
function refuseWhatCannotBeAnswered(body: OpenAIChatRequest): void {
  if (typeof body.n === 'number' && body.n > 1) {
    throw refusedField('n', 'Anthropic models answer one choice per request; send n requests instead');
  }
  if (Array.isArray(body.modalities) && body.modalities.includes('audio')) {
    throw refusedField('modalities', 'Anthropic models produce no audio');
  }
  if (Array.isArray(body.tools) && body.tools.some((tool) => !isRecord(tool) || tool.type !== 'function')) {
    throw refusedField('tools', 'only function tools have an Anthropic equivalent');
  }
}

/**
 * The tool choice when the answer must be structured: the schema's tool when the client left
 * the choice open or chose none, any tool (its own or the schema's) when it required one.
 */
function structuredChoice(choice: AnthropicToolChoice | undefined): AnthropicToolChoice {
  const disable =
    choice && 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true
      ? { disable_parallel_tool_use: true }
      : {};
  if (choice?.type === 'tool') return choice;
  if (choice?.type === 'any') return { type: 'any', ...disable };
  return { type: 'tool', name: structuredOutputTool, ...disable };
}

/**
 * `reasoning_effort` → `thinking`. Anthropic's thinking needs a budget below `max_tokens`, the
 * default temperature and `top_p`, an unforced tool choice, and, on a turn that answers a tool
 * call, the thinking blocks of that call (which OpenAI clients do not have): where these cannot
 * hold, the effort is named as removed rather than failing the request.
 */
function addThinking(
  out: AnthropicRequest,
  body: OpenAIChatRequest,
  messages: AnthropicMessageParam[],
  removed: string[],
): void {
  const budget = thinkingBudgetFor(body.reasoning_effort);
  if (budget === undefined) return;
  const room = Math.min(budget, out.max_tokens - 1);
  const forced = out.tool_choice?.type === 'any' || out.tool_choice?.type === 'tool';
  if (room < minimumThinkingBudget || forced || answersToolCall(messages)) {
    removed.push('reasoning_effort');
    return;
  }
  out.thinking = { type: 'enabled', budget_tokens: room };
  for (const field of ['temperature', 'top_p', 'top_k'] as const) {
    if (out[field] !== undefined) {
      delete out[field];
      removed.push(field);
    }
  }
}

/** Whether the last assistant turn called a tool (its results follow it). */
function answersToolCall(messages: AnthropicMessageParam[]): boolean {
  const assistant = messages.findLast((message) => message.role === 'assistant');
  return Array.isArray(assistant?.content) && assistant.content.some((block) => block.type === 'tool_use');
}

/** The deprecated `functions` as `tools`. */
function legacyFunctionTools(functions: unknown): OpenAIChatRequest['tools'] {
  if (!Array.isArray(functions)) return undefined;
  return functions.map((fn) => ({ type: 'function' as const, function: fn }));
}

/** The deprecated `function_call` as a `tool_choice`. */
function legacyFunctionChoice(call: unknown): OpenAIToolChoice | undefined {
  if (call === 'auto' || call === 'none') return call;
  if (isRecord(call) && typeof call.name === 'string') {
    return { type: 'function', function: { name: call.name } };
  }
  return undefined;
}

function positive(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && value > 0 ? Math.floor(value) : undefined;
}

/** Text of a string or an array of text parts (non-text parts ignored), parts joined without separator. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') parts.push(part);
    else if (isRecord(part) && typeof part.text === 'string') parts.push(part.text);
    else if (isRecord(part) && typeof part.refusal === 'string') parts.push(part.refusal);
  }
  return parts.join('');
}

function userBlocks(content: string | OpenAIUserContentPart[]): AnthropicContentBlock[] {
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [];
  const blocks: AnthropicContentBlock[] = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        if (typeof part.text === 'string' && part.text.length > 0)
          blocks.push({ type: 'text', text: part.text });
        break;
      case 'image_url': {
        const image = imageBlock(part);
        if (image) blocks.push(image);
        break;
      }
      case 'file': {
        const doc = fileBlock(part);
        if (doc) blocks.push(doc);
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

const DATA_URL = /^data:([^;,]+)((?:;[^;,]*)*?);base64,/;

/** Splits a base64 `data:` URL into media type and payload. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = DATA_URL.exec(url);
  if (!match?.[1]) return undefined;
  return { mediaType: match[1], data: url.slice(match[0].length) };
}

function imageBlock(part: OpenAIImagePart): AnthropicImageBlock | undefined {
  const raw: unknown = part.image_url;
  const url = typeof raw === 'string' ? raw : isRecord(raw) && typeof raw.url === 'string' ? raw.url : '';
  const data = parseDataUrl(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  return undefined;
}

function fileBlock(part: OpenAIFilePart): AnthropicDocumentBlock | undefined {
  const fileData = isRecord(part.file) ? part.file.file_data : undefined;
  if (typeof fileData !== 'string') return undefined;
  const data = parseDataUrl(fileData);
  if (!data) return undefined;
  const block: AnthropicDocumentBlock = {
    type: 'document',
    source: { type: 'base64', media_type: data.mediaType, data: data.data },
  };
  if (typeof part.file.filename === 'string') block.title = part.file.filename;
  return block;
}

function assistantBlocks(message: OpenAIAssistantMessage): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  const text = textOf(message.content);
  if (text.length > 0) blocks.push({ type: 'text', text });
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    if (!isRecord(call.function)) continue;
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseToolInput(call.function.arguments),
    });
  }
  return blocks;
}

/** A turn that is a single plain text block is sent as a string. */
function collapseSingleText(message: AnthropicMessageParam): AnthropicMessageParam {
  const content = message.content;
  if (Array.isArray(content) && content.length === 1) {
    const only = content[0];
    if (only?.type === 'text' && only.cache_control === undefined)
      return { role: message.role, content: only.text };
  }
  return message;
}

function stopSequences(stop: string | string[] | null | undefined): string[] {
  if (typeof stop === 'string') return stop.length > 0 ? [stop] : [];
  if (!Array.isArray(stop)) return [];
  return stop.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

function convertTools(tools: OpenAIChatRequest['tools']): AnthropicTool[] {
  if (!Array.isArray(tools)) return [];
  const out: AnthropicTool[] = [];
  for (const tool of tools) {
    if (!isRecord(tool) || tool.type !== 'function' || !isRecord(tool.function)) continue;
    const fn = tool.function;
    const converted: AnthropicTool = {
      name: fn.name,
      input_schema: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} },
    };
    if (typeof fn.description === 'string' && fn.description.length > 0)
      converted.description = fn.description;
    out.push(converted);
  }
  return out;
}

function convertToolChoice(
  choice: OpenAIToolChoice | undefined,
  disableParallel: boolean,
): AnthropicToolChoice | undefined {
  if (choice === 'none') return { type: 'none' };
  const extra = disableParallel ? { disable_parallel_tool_use: true } : {};
  if (choice === 'required') return { type: 'any', ...extra };
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === 'string') {
    return { type: 'tool', name: choice.function.name, ...extra };
  }
  if (choice === 'auto' || disableParallel) return { type: 'auto', ...extra };
  return undefined;
}
