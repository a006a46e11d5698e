import { hasNonNullMember, isRecord, optString, tryParseJson } from '../translate/json.js';
import type { NormalizedUsage, SseEvent, StreamTranslator } from '../types.js';
import { normalizeOpenAIUsage } from './usage.js';

export interface OpenAIStreamTapOptions {
  /** The client set `stream_options.include_usage`; if not, the usage-only chunk is removed. */
  clientWantsUsage: boolean;
}

const FINISH_REASON = /"finish_reason"\s*:\s*"([^"\\]*)"/;

/**
 * Pass-through tap for OpenAI-format streams (chat completions, legacy completions, Responses API).
 * Forwards every event's `raw` unchanged, except the usage-only chunk (`choices: []`) when the client
 * did not ask for usage (the gateway always asks upstream for it). Only events carrying a non-null
 * `usage` are parsed on the hot path; content events are kept as raw strings and parsed lazily by
 * `generatedText()`.
 */
export function createOpenAIStreamTap(options: OpenAIStreamTapOptions): StreamTranslator {
  return new OpenAIStreamTap(options.clientWantsUsage);
}

class OpenAIStreamTap implements StreamTranslator {
  private lastUsage: NormalizedUsage | null = null;
  private finish: string | null = null;
  /** Data of content events not yet folded into `text`. */
  private pending: string[] = [];
  private text = '';

  constructor(private readonly clientWantsUsage: boolean) {}

  push(event: SseEvent): string {
    const data = event.data;
    if (data.length === 0 || data === '[DONE]') return event.raw;

    if (hasNonNullMember(data, 'usage')) {
      const parsed = tryParseJson(data);
      if (isRecord(parsed)) {
        if (parsed.usage !== undefined && parsed.usage !== null) {
          const usage = normalizeOpenAIUsage(parsed.usage);
          if (usage) this.lastUsage = usage;
          const choices = parsed.choices;
          const usageOnly = Array.isArray(choices) ? choices.length === 0 : parsed.type === undefined;
          if (usageOnly) return this.clientWantsUsage ? event.raw : '';
          if (Array.isArray(choices)) this.captureFinish(choices);
        } else if (isRecord(parsed.response)) {
          // Responses API: response.completed / response.incomplete / response.failed.
          const usage = normalizeOpenAIUsage(parsed.response.usage);
          if (usage) this.lastUsage = usage;
          this.captureResponseStatus(parsed.response);
        }
      }
    } else if (data.indexOf('"finish_reason"') !== -1) {
      const match = FINISH_REASON.exec(data);
      if (match?.[1] !== undefined) this.finish = match[1];
    }

    // Responses streams name their events; only the `*.delta` ones carry generated text.
    if (event.event === undefined || event.event.endsWith('.delta')) this.pending.push(data);
    return event.raw;
  }

  end(): string {
    return '';
  }

  usage(): NormalizedUsage | null {
    return this.lastUsage;
  }

  stopReason(): string | null {
    return this.finish;
  }

  generatedText(): string {
    if (this.pending.length > 0) {
      const parts: string[] = [this.text];
      for (const data of this.pending) collectText(data, parts);
      this.pending = [];
      this.text = parts.join('');
    }
    return this.text;
  }

  private captureFinish(choices: unknown[]): void {
    for (const choice of choices) {
      if (isRecord(choice) && typeof choice.finish_reason === 'string') this.finish = choice.finish_reason;
    }
  }

  private captureResponseStatus(response: { [key: string]: unknown }): void {
    const details = response.incomplete_details;
    const reason = isRecord(details) ? optString(details.reason) : undefined;
    const status = optString(response.status);
    if (reason !== undefined) this.finish = reason;
    else if (status !== undefined && status !== 'in_progress' && status !== 'queued') this.finish = status;
  }
}

/** Appends the generated text of one OpenAI-format stream event to `parts`. */
function collectText(data: string, parts: string[]): void {
  const parsed = tryParseJson(data);
  if (!isRecord(parsed)) return;
  const choices = parsed.choices;
  if (Array.isArray(choices)) {
    for (const choice of choices) {
      if (!isRecord(choice)) continue;
      if (typeof choice.text === 'string') parts.push(choice.text);
      const delta = choice.delta;
      if (!isRecord(delta)) continue;
      for (const key of ['reasoning_content', 'reasoning', 'content', 'refusal'] as const) {
        const value = delta[key];
        if (typeof value === 'string') parts.push(value);
      }
      if (Array.isArray(delta.tool_calls)) {
        for (const call of delta.tool_calls) {
          if (isRecord(call)) pushFunctionText(call.function, parts);
        }
      }
      pushFunctionText(delta.function_call, parts);
    }
    return;
  }
  if (typeof parsed.type === 'string' && parsed.type.endsWith('.delta') && typeof parsed.delta === 'string') {
    parts.push(parsed.delta);
  }
}

function pushFunctionText(fn: unknown, parts: string[]): void {
  if (!isRecord(fn)) return;
  if (typeof fn.name === 'string') parts.push(fn.name);
  if (typeof fn.arguments === 'string') parts.push(fn.arguments);
}
