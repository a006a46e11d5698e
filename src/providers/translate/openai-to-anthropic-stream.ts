import { randomUUID } from 'node:crypto';
import type { AnthropicMessage, AnthropicStopReason, AnthropicUsage } from '../anthropic/wire.js';
import { normalizeOpenAIUsage } from '../openai/usage.js';
import type { NormalizedUsage, SseEvent, StreamTranslator } from '../types.js';
import { openAIErrorToAnthropic } from './errors.js';
import { isRecord, optString, sseNamedEvent, tryParseJson } from './json.js';
import { messageIdFromCompletionId, normalizedUsageToAnthropic } from './openai-to-anthropic-response.js';
import { openAIFinishToAnthropic } from './stop-reasons.js';

export interface OpenAIToAnthropicStreamOptions {
  /** Client-facing model string for `message_start`. */
  model: string;
  /** Message id; defaults to one derived from the upstream chunk id. */
  id?: string;
  /**
   * Input tokens for `message_start` when the upstream has not counted them yet (OpenAI streams
   * count at the end): a tokenizer estimate. The closing `message_delta` carries the provider's.
   */
  estimatedInputTokens?: number;
}

interface ToolBlock {
  blockIndex: number;
}

/**
 * Translates an OpenAI `chat.completion.chunk` SSE stream (requested with `include_usage`) into the
 * Anthropic Messages event sequence the Anthropic SDKs expect: `message_start`, then per content block
 * `content_block_start` / `content_block_delta`* / `content_block_stop` (text, then one `tool_use` block
 * per tool call), then `message_delta` (stop reason, usage) and `message_stop`. The closing events wait
 * for the upstream's usage chunk: they are sent at `[DONE]`, or at `end()`.
 */
export class OpenAIToAnthropicStream implements StreamTranslator {
  private readonly model: string;
  private readonly estimatedInputTokens: number;
  private id: string | undefined;
  private started = false;
  private finished = false;
  private failed = false;
  private nextBlock = 0;
  /** The open content block: its index and, for a tool call, its OpenAI tool index. */
  private open: { index: number; tool: number | undefined } | undefined;
  private readonly tools = new Map<number, ToolBlock>();
  private lastToolKey: number | undefined;
  private finish: AnthropicStopReason | null = null;
  private lastUsage: NormalizedUsage | null = null;
  private readonly text: string[] = [];

  constructor(options: OpenAIToAnthropicStreamOptions) {
    this.model = options.model;
    this.id = options.id;
    this.estimatedInputTokens = options.estimatedInputTokens ?? 0;
  }

  push(event: SseEvent): string {
    if (this.finished || this.failed) return '';
    const data = event.data;
    if (data.length === 0) return '';
    if (data === '[DONE]') return this.finalize();
    const chunk = tryParseJson(data);
    if (!isRecord(chunk)) return '';

    if (chunk.error !== undefined && chunk.error !== null) {
      this.failed = true;
      const error = isRecord(chunk.error) ? chunk.error : {};
      const status = typeof error.status === 'number' ? error.status : statusForOpenAIErrorType(error);
      const body = openAIErrorToAnthropic(status, chunk);
      return sseNamedEvent('error', body);
    }

    if (chunk.usage !== undefined && chunk.usage !== null) {
      const usage = normalizeOpenAIUsage(chunk.usage);
      if (usage) this.lastUsage = usage;
    }
    if (this.id === undefined && typeof chunk.id === 'string' && chunk.id.length > 0) {
      this.id = messageIdFromCompletionId(chunk.id);
    }
    let out = this.start();

    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = choices.find((c) => isRecord(c) && (c.index === 0 || c.index === undefined));
    if (!isRecord(choice)) return out;
    const delta = isRecord(choice.delta) ? choice.delta : {};

    if (typeof delta.reasoning_content === 'string') this.text.push(delta.reasoning_content);
    for (const key of ['content', 'refusal'] as const) {
      const text = delta[key];
      if (typeof text === 'string' && text.length > 0) out += this.textDelta(text);
    }
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls) if (isRecord(call)) out += this.toolDelta(call);
    }
    if (typeof choice.finish_reason === 'string' && choice.finish_reason.length > 0) {
      out += this.closeOpen();
      this.finish = openAIFinishToAnthropic(choice.finish_reason);
    }
    return out;
  }

  end(): string {
    if (this.finished || this.failed) return '';
    return this.finalize();
  }

  usage(): NormalizedUsage | null {
    return this.lastUsage;
  }

  stopReason(): string | null {
    return this.finish;
  }

  generatedText(): string {
    return this.text.join('');
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    this.id ??= `msg_${randomUUID().replaceAll('-', '')}`;
    const usage = normalizedUsageToAnthropic(this.lastUsage);
    const message: AnthropicMessage = {
      id: this.id,
      type: 'message',
      role: 'assistant',
      model: this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        ...usage,
        input_tokens: this.lastUsage ? usage.input_tokens : this.estimatedInputTokens,
        output_tokens: 0,
      },
    };
    return sseNamedEvent('message_start', { type: 'message_start', message });
  }

  private textDelta(text: string): string {
    this.text.push(text);
    let out = '';
    if (this.open === undefined || this.open.tool !== undefined) {
      out += this.closeOpen();
      out += this.openBlock({ type: 'text', text: '' }, undefined);
    }
    const index = this.open?.index ?? 0;
    return (
      out +
      sseNamedEvent('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text },
      })
    );
  }

  private toolDelta(call: { [key: string]: unknown }): string {
    const fn = isRecord(call.function) ? call.function : {};
    const id = optString(call.id);
    let key: number | undefined;
    if (typeof call.index === 'number') key = call.index;
    else if (id === undefined || id.length === 0) key = this.lastToolKey;
    // Without `index`, a call with a new id starts a new tool call.
    key ??= this.tools.size;
    this.lastToolKey = key;

    let out = '';
    let tool = this.tools.get(key);
    if (tool === undefined) {
      out += this.closeOpen();
      const name = optString(fn.name) ?? '';
      this.text.push(name);
      const toolId = id !== undefined && id.length > 0 ? id : `toolu_${randomUUID().replaceAll('-', '')}`;
      const index = this.nextBlock;
      out += this.openBlock({ type: 'tool_use', id: toolId, name, input: {} }, key);
      tool = { blockIndex: index };
      this.tools.set(key, tool);
    }
    const args = optString(fn.arguments);
    if (args !== undefined && args.length > 0) {
      this.text.push(args);
      out += sseNamedEvent('content_block_delta', {
        type: 'content_block_delta',
        index: tool.blockIndex,
        delta: { type: 'input_json_delta', partial_json: args },
      });
    }
    return out;
  }

  private openBlock(block: { [key: string]: unknown }, tool: number | undefined): string {
    const index = this.nextBlock++;
    this.open = { index, tool };
    return sseNamedEvent('content_block_start', { type: 'content_block_start', index, content_block: block });
  }

  private closeOpen(): string {
    if (this.open === undefined) return '';
    const index = this.open.index;
    this.open = undefined;
    return sseNamedEvent('content_block_stop', { type: 'content_block_stop', index });
  }

  private finalize(): string {
    this.finished = true;
    let out = this.start() + this.closeOpen();
    const usage: Partial<AnthropicUsage> = { output_tokens: this.lastUsage?.outputTokens ?? 0 };
    if (this.lastUsage) {
      const full = normalizedUsageToAnthropic(this.lastUsage);
      usage.input_tokens = full.input_tokens;
      usage.cache_read_input_tokens = full.cache_read_input_tokens ?? 0;
      usage.cache_creation_input_tokens = full.cache_creation_input_tokens ?? 0;
    }
    const stopReason = this.finish ?? (this.tools.size > 0 ? 'tool_use' : 'end_turn');
    this.finish = stopReason;
    out += sseNamedEvent('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage,
    });
    out += sseNamedEvent('message_stop', { type: 'message_stop' });
    return out;
  }
}

function statusForOpenAIErrorType(error: { [key: string]: unknown }): number {
  const type = optString(error.type) ?? '';
  const code = optString(error.code) ?? '';
  if (type === 'invalid_request_error') return 400;
  if (type === 'authentication_error' || code === 'invalid_api_key') return 401;
  if (type === 'rate_limit_error' || code === 'rate_limit_exceeded') return 429;
  return 500;
}

export function createOpenAIToAnthropicStream(options: OpenAIToAnthropicStreamOptions): StreamTranslator {
  return new OpenAIToAnthropicStream(options);
}
