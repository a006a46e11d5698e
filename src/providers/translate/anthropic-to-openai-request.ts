import type {
  AnthropicContentBlock,
  AnthropicImageSource,
  AnthropicRequest,
  AnthropicToolChoice,
  AnthropicToolResultBlock,
} from '../anthropic/wire.js';
import type {
  OpenAIChatMessage,
  OpenAIChatRequest,
  OpenAIFunctionTool,
  OpenAIToolCall,
  OpenAIToolChoice,
  OpenAIUserContentPart,
} from '../openai/wire.js';
import { accountForFields, refusedField } from './fates/field-fates.js';
import { messagesToChatFates } from './fates/messages-to-chat-fates.js';
import { isRecord } from './json.js';
import { effortForBudget, effortFromAnthropic } from './reasoning-budget.js';

export interface AnthropicToOpenAIRequestOptions {
  /** Upstream model id to send. */
  model: string;
  /** Send `max_tokens` as `max_completion_tokens` (OpenAI reasoning models require it). */
  useMaxCompletionTokens?: boolean;
  /** Receives the client fields that have no equivalent (`Tollgate-Removed-Params`). */
  removed?: string[];
}

/**
 * Translates an Anthropic Messages request into an OpenAI Chat Completions request.
 * `tool_result` blocks become `role: 'tool'` messages placed right after the assistant turn that
 * called them; thinking blocks in the history are dropped (OpenAI takes no reasoning back). Every
 * top-level field follows `messagesToChatFates`: mapped, named in `options.removed`, or refused.
 */
export function anthropicToOpenAIRequest(
  body: AnthropicRequest,
  options: AnthropicToOpenAIRequestOptions,
): OpenAIChatRequest {
  if (Array.isArray(body.tools) && body.tools.some((tool) => !isRecord(tool.input_schema))) {
    throw refusedField('tools', 'server tools (web search, code execution, …) run only on Anthropic');
  }
  accountForFields(body, messagesToChatFates, options.removed ?? []);
  const messages: OpenAIChatMessage[] = [];
  const system = systemText(body.system);
  if (system.length > 0) messages.push({ role: 'system', content: system });

  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    if (message.role === 'assistant') {
      const assistant = assistantMessage(message.content);
      if (assistant) messages.push(assistant);
    } else if (message.role === 'user') {
      messages.push(...userMessages(message.content));
    }
  }

  const out: OpenAIChatRequest = { model: options.model, messages };
  if (typeof body.max_tokens === 'number') {
    if (options.useMaxCompletionTokens) out.max_completion_tokens = body.max_tokens;
    else out.max_tokens = body.max_tokens;
  }
  if (typeof body.temperature === 'number') out.temperature = body.temperature;
  if (typeof body.top_p === 'number') out.top_p = body.top_p;
  if (Array.isArray(body.stop_sequences) && body.stop_sequences.length > 0) out.stop = body.stop_sequences;
  if (body.stream === true) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  const userId = isRecord(body.metadata) ? body.metadata.user_id : undefined;
  if (typeof userId === 'string' && userId.length > 0) out.user = userId;
  const effort = reasoningEffortOf(body);
  if (effort !== undefined) out.reasoning_effort = effort;
  const format = (isRecord(body.output_config) ? body.output_config.format : undefined) ?? body.output_format;
  if (isRecord(format) && format.type === 'json_schema' && isRecord(format.schema)) {
    out.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: format.schema } };
  }

  const tools = convertTools(body.tools);
  if (tools.length > 0) {
    out.tools = tools;
    const choice = body.tool_choice;
    const converted = convertToolChoice(choice);
    if (converted !== undefined) out.tool_choice = converted;
    if (
      isRecord(choice) &&
      'disable_parallel_tool_use' in choice &&
      choice.disable_parallel_tool_use === true
    ) {
      out.parallel_tool_calls = false;
    }
  }
  return out;
}

/** `output_config.effort`, else the thinking budget, as OpenAI's `reasoning_effort`. */
function reasoningEffortOf(body: AnthropicRequest): string | undefined {
  const configured = isRecord(body.output_config)
    ? effortFromAnthropic(body.output_config.effort)
    : undefined;
  if (configured !== undefined) return configured;
  const thinking = body.thinking;
  if (!isRecord(thinking)) return undefined;
  if (thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number') {
    return effortForBudget(thinking.budget_tokens);
  }
  if (thinking.type === 'adaptive' || thinking.type === 'between_tools') return 'medium';
  return undefined;
}

function systemText(system: AnthropicRequest['system']): string {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return '';
  return system
    .filter((block) => isRecord(block) && typeof block.text === 'string')
    .map((block) => block.text)
    .join('\n\n');
}

function imageUrl(source: AnthropicImageSource): string | undefined {
  if (!isRecord(source)) return undefined;
  if (source.type === 'base64') return `data:${source.media_type};base64,${source.data}`;
  if (source.type === 'url') return source.url;
  return undefined;
}

/** One user turn → `tool` messages for its tool results, then a user message for the rest. */
function userMessages(content: string | AnthropicContentBlock[]): OpenAIChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  if (!Array.isArray(content)) return [];
  const out: OpenAIChatMessage[] = [];
  const parts: OpenAIUserContentPart[] = [];
  for (const block of content) {
    switch (block.type) {
      case 'text':
        parts.push({ type: 'text', text: block.text });
        break;
      case 'image': {
        const url = imageUrl(block.source);
        if (url !== undefined) parts.push({ type: 'image_url', image_url: { url } });
        break;
      }
      case 'document': {
        const source = block.source;
        if (source.type === 'text') parts.push({ type: 'text', text: source.data });
        else if (source.type === 'base64') {
          const file: { file_data: string; filename?: string } = {
            file_data: `data:${source.media_type};base64,${source.data}`,
          };
          if (typeof block.title === 'string') file.filename = block.title;
          parts.push({ type: 'file', file });
        }
        break;
      }
      case 'tool_result':
        out.push({ role: 'tool', tool_call_id: block.tool_use_id, content: toolResultText(block) });
        break;
      default:
        break;
    }
  }
  if (parts.length > 0) {
    const only = parts[0];
    if (parts.length === 1 && only?.type === 'text') out.push({ role: 'user', content: only.text });
    else out.push({ role: 'user', content: parts });
  }
  return out;
}

function toolResultText(block: AnthropicToolResultBlock): string {
  let text: string;
  if (typeof block.content === 'string') text = block.content;
  else if (Array.isArray(block.content)) {
    text = block.content
      .map((part) => (part.type === 'text' ? part.text : part.type === 'image' ? '[image]' : ''))
      .filter((part) => part.length > 0)
      .join('\n');
  } else text = '';
  return block.is_error === true ? `Error: ${text}` : text;
}

function assistantMessage(content: string | AnthropicContentBlock[]): OpenAIChatMessage | undefined {
  if (typeof content === 'string') return { role: 'assistant', content };
  if (!Array.isArray(content)) return undefined;
  const texts: string[] = [];
  const toolCalls: OpenAIToolCall[] = [];
  for (const block of content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  if (texts.length === 0 && toolCalls.length === 0) return undefined;
  return {
    role: 'assistant',
    content: texts.length > 0 ? texts.join('') : null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

function convertTools(tools: AnthropicRequest['tools']): OpenAIFunctionTool[] {
  if (!Array.isArray(tools)) return [];
  const out: OpenAIFunctionTool[] = [];
  for (const tool of tools) {
    // Server tools (web search, bash, ...) have no input_schema and no OpenAI equivalent.
    if (!isRecord(tool) || !isRecord(tool.input_schema) || typeof tool.name !== 'string') continue;
    const fn: OpenAIFunctionTool['function'] = { name: tool.name, parameters: tool.input_schema };
    if (typeof tool.description === 'string') fn.description = tool.description;
    out.push({ type: 'function', function: fn });
  }
  return out;
}

function convertToolChoice(choice: AnthropicToolChoice | undefined): OpenAIToolChoice | undefined {
  if (!isRecord(choice)) return undefined;
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    default:
      return undefined;
  }
}
