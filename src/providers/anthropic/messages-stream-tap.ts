import { isRecord, tryParseJson } from '../translate/json.js';
import type { NormalizedUsage, SseEvent, StreamTranslator } from '../types.js';
import { type AnthropicUsageFields, mergeAnthropicUsage, normalizeAnthropicUsage } from './usage.js';

const EVENT_TYPE = /"type"\s*:\s*"([a-z_]+)"/;

/**
 * Pass-through tap for Anthropic Messages streams. Forwards every event's `raw` unchanged and keeps
 * usage (`message_start.message.usage`, overwritten field by field by `message_delta.usage`) and the
 * stop reason. Only `message_start` and `message_delta` are parsed on the hot path; content deltas
 * are kept raw and parsed lazily by `generatedText()`.
 */
export function createAnthropicStreamTap(): StreamTranslator {
  return new AnthropicStreamTap();
}

/** The event type: the SSE `event:` name, else the data's leading `"type"`. */
export function anthropicEventType(event: SseEvent): string | undefined {
  if (event.event !== undefined) return event.event;
  return EVENT_TYPE.exec(event.data)?.[1];
}

class AnthropicStreamTap implements StreamTranslator {
  private fields: AnthropicUsageFields | null = null;
  private stop: string | null = null;
  private pending: string[] = [];
  private text = '';

  push(event: SseEvent): string {
    if (event.data.length === 0) return event.raw;
    switch (anthropicEventType(event)) {
      case 'content_block_delta':
        this.pending.push(event.data);
        break;
      case 'message_start': {
        const parsed = tryParseJson(event.data);
        if (isRecord(parsed) && isRecord(parsed.message))
          this.fields = mergeAnthropicUsage(this.fields, parsed.message.usage);
        break;
      }
      case 'message_delta': {
        const parsed = tryParseJson(event.data);
        if (!isRecord(parsed)) break;
        this.fields = mergeAnthropicUsage(this.fields, parsed.usage);
        if (isRecord(parsed.delta) && typeof parsed.delta.stop_reason === 'string') {
          this.stop = parsed.delta.stop_reason;
        }
        break;
      }
      default:
        break;
    }
    return event.raw;
  }

  end(): string {
    return '';
  }

  usage(): NormalizedUsage | null {
    return this.fields ? normalizeAnthropicUsage(this.fields) : null;
  }

  stopReason(): string | null {
    return this.stop;
  }

  generatedText(): string {
    if (this.pending.length > 0) {
      const parts: string[] = [this.text];
      for (const data of this.pending) {
        const delta = anthropicDeltaText(tryParseJson(data));
        if (delta !== undefined) parts.push(delta);
      }
      this.pending = [];
      this.text = parts.join('');
    }
    return this.text;
  }
}

/** Generated text in a `content_block_delta` event (text, tool input JSON or thinking). */
export function anthropicDeltaText(event: unknown): string | undefined {
  if (!isRecord(event) || !isRecord(event.delta)) return undefined;
  const delta = event.delta;
  switch (delta.type) {
    case 'text_delta':
      return typeof delta.text === 'string' ? delta.text : undefined;
    case 'input_json_delta':
      return typeof delta.partial_json === 'string' ? delta.partial_json : undefined;
    case 'thinking_delta':
      return typeof delta.thinking === 'string' ? delta.thinking : undefined;
    default:
      return undefined;
  }
}
