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
import { isRecord, parseToolInput } from './json.js';

export interface OpenAIToAnthropicRequestOptions {
  /** Upstream model id to send. */
  model: string;
  /** `max_tokens` when the client gave neither `max_completion_tokens` nor `max_tokens`. */
  defaultMaxTokens: number;
}

/**
 * Translates an OpenAI Chat Completions request into an Anthropic Messages request.
 * System/developer messages become `system`; tool calls and tool results become `tool_use` /
 * `tool_result` blocks; consecutive same-role turns are merged, as Anthropic requires alternation.
 * Parameters Anthropic has no equivalent for are dropped. `temperature` is clamped to Anthropic's 0–1.
 */
export function openAIChatToAnthropicRequest(
  body: OpenAIChatRequest,
  options: OpenAIToAnthropicRequestOptions,
): AnthropicRequest {
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
  if (typeof body.stream === 'boolean') out.stream = body.stream;
  if (typeof body.user === 'string' && body.user.length > 0) out.metadata = { user_id: body.user };

  const tools = convertTools(body.tools);
  if (tools.length > 0) {
    out.tools = tools;
    const choice = convertToolChoice(body.tool_choice, body.parallel_tool_calls === false);
    if (choice) out.tool_choice = choice;
  }
  return out;
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
