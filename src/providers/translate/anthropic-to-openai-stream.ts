import { anthropicEventType } from '../anthropic/messages-stream-tap.js';
import {
  type AnthropicUsageFields,
  mergeAnthropicUsage,
  normalizeAnthropicUsage,
} from '../anthropic/usage.js';
import type {
  OpenAIChatCompletionChunk,
  OpenAIChunkDelta,
  OpenAIFinishReason,
  OpenAIToolCallDelta,
} from '../openai/wire.js';
import type { NormalizedUsage, SseEvent, StreamTranslator } from '../types.js';
import { chatCompletionIdFromMessageId, normalizedUsageToOpenAI } from './anthropic-to-openai-response.js';
import { anthropicErrorToOpenAI, statusForAnthropicErrorType } from './errors.js';
import { isRecord, optString, sseData, tryParseJson } from './json.js';
import { anthropicStopToOpenAI } from './stop-reasons.js';
import { structuredOutputTool } from './structured-output.js';

export interface AnthropicToOpenAIStreamOptions {
  /** Client-facing model string for every chunk. */
  model: string;
  /** The client's `stream_options.include_usage`: send a final usage chunk with `choices: []`. */
  includeUsage: boolean;
  /** Chunk id; defaults to one derived from the upstream message id. */
  id?: string;
  /** Unix seconds; defaults to now. */
  created?: number;
  /** The client asked for `response_format`: the structured-output tool's input streams as content. */
  structuredOutput?: boolean;
}

/**
 * Translates an Anthropic Messages SSE stream into OpenAI `chat.completion.chunk` SSE
 * (`data: {...}\n\n`, ending with `data: [DONE]\n\n`).
 */
export class AnthropicToOpenAIStream implements StreamTranslator {
  private readonly model: string;
  private readonly includeUsage: boolean;
  private readonly created: number;
  private readonly structuredOutput: boolean;
  /** The content block index of the structured-output tool call, whose input is streamed as text. */
  private structuredBlock: number | undefined;
  private id: string | undefined;
  private started = false;
  private failed = false;
  private finish: OpenAIFinishReason | null = null;
  private usageFields: AnthropicUsageFields | null = null;
  /** Anthropic content block index → OpenAI tool call index. */
  private readonly toolIndexByBlock = new Map<number, number>();
  private nextToolIndex = 0;
  private readonly text: string[] = [];

  constructor(options: AnthropicToOpenAIStreamOptions) {
    this.model = options.model;
    this.includeUsage = options.includeUsage;
    this.id = options.id;
    this.created = options.created ?? Math.floor(Date.now() / 1000);
    this.structuredOutput = options.structuredOutput === true;
  }

  push(event: SseEvent): string {
    if (this.failed || event.data.length === 0) return '';
    const type = anthropicEventType(event);
    if (type === 'ping' || type === 'content_block_stop' || type === 'message_stop') return '';
    const parsed = tryParseJson(event.data);
    if (!isRecord(parsed)) return '';

    switch (type) {
      case 'message_start': {
        const message = isRecord(parsed.message) ? parsed.message : {};
        this.id ??= chatCompletionIdFromMessageId(optString(message.id) ?? `msg_${Date.now().toString(36)}`);
        this.usageFields = mergeAnthropicUsage(this.usageFields, message.usage);
        return this.start();
      }
      case 'content_block_start': {
        const block = parsed.content_block;
        const index = typeof parsed.index === 'number' ? parsed.index : -1;
        if (!isRecord(block)) return '';
        let out = this.start();
        if (block.type === 'tool_use' && this.structuredOutput && block.name === structuredOutputTool) {
          this.structuredBlock = index;
        } else if (block.type === 'tool_use') {
          const toolIndex = this.nextToolIndex++;
          this.toolIndexByBlock.set(index, toolIndex);
          const name = optString(block.name) ?? '';
          this.text.push(name);
          out += this.chunk({
            tool_calls: [
              {
                index: toolIndex,
                id: optString(block.id) ?? '',
                type: 'function',
                function: { name, arguments: '' },
              },
            ],
          });
        } else if (block.type === 'text' && typeof block.text === 'string' && block.text.length > 0) {
          this.text.push(block.text);
          out += this.chunk({ content: block.text });
        }
        return out;
      }
      case 'content_block_delta': {
        const delta = parsed.delta;
        if (!isRecord(delta)) return '';
        if (delta.type === 'text_delta' && typeof delta.text === 'string') {
          this.text.push(delta.text);
          return this.start() + this.chunk({ content: delta.text });
        }
        if (
          delta.type === 'input_json_delta' &&
          typeof delta.partial_json === 'string' &&
          parsed.index === this.structuredBlock
        ) {
          if (delta.partial_json.length === 0) return '';
          this.text.push(delta.partial_json);
          return this.start() + this.chunk({ content: delta.partial_json });
        }
        if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
          const toolIndex =
            typeof parsed.index === 'number' ? this.toolIndexByBlock.get(parsed.index) : undefined;
          if (toolIndex === undefined || delta.partial_json.length === 0) return '';
          this.text.push(delta.partial_json);
          const call: OpenAIToolCallDelta = { index: toolIndex, function: { arguments: delta.partial_json } };
          return this.start() + this.chunk({ tool_calls: [call] });
        }
        if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
          // Not forwarded (Chat Completions has no standard field), but it is generated output.
          this.text.push(delta.thinking);
        }
        return '';
      }
      case 'message_delta': {
        this.usageFields = mergeAnthropicUsage(this.usageFields, parsed.usage);
        const delta = isRecord(parsed.delta) ? parsed.delta : {};
        const stop = optString(delta.stop_reason);
        // A structured answer ends with the schema's tool call: for the client it is a plain stop.
        const structuredStop = stop === 'tool_use' && this.nextToolIndex === 0;
        this.finish = structuredStop ? 'stop' : (anthropicStopToOpenAI(stop) ?? this.finish ?? 'stop');
        return this.start() + this.chunk({}, this.finish);
      }
      case 'error': {
        this.failed = true;
        const error = isRecord(parsed.error) ? parsed.error : {};
        const status = statusForAnthropicErrorType(optString(error.type));
        return sseData(anthropicErrorToOpenAI(status, parsed));
      }
      default:
        return '';
    }
  }

  end(): string {
    if (this.failed) return '';
    let out = this.start();
    if (this.includeUsage) {
      const usage: OpenAIChatCompletionChunk = {
        ...this.envelope(),
        choices: [],
        usage: normalizedUsageToOpenAI(this.usage()),
      };
      out += sseData(usage);
    }
    return `${out}data: [DONE]\n\n`;
  }

  usage(): NormalizedUsage | null {
    return this.usageFields ? normalizeAnthropicUsage(this.usageFields) : null;
  }

  stopReason(): string | null {
    return this.finish;
  }

  generatedText(): string {
    return this.text.join('');
  }

  /** The opening chunk (`delta.role`), once. */
  private start(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunk({ role: 'assistant', content: '' });
  }

  private envelope(): Omit<OpenAIChatCompletionChunk, 'choices'> {
    this.id ??= `chatcmpl-${Date.now().toString(36)}`;
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }

  private chunk(delta: OpenAIChunkDelta, finish: OpenAIFinishReason | null = null): string {
    const chunk: OpenAIChatCompletionChunk = {
      ...this.envelope(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    };
    return sseData(chunk);
  }
}

export function createAnthropicToOpenAIStream(options: AnthropicToOpenAIStreamOptions): StreamTranslator {
  return new AnthropicToOpenAIStream(options);
}
