import { normalizeOpenAIUsage } from '../../openai/usage.js';
import type { NormalizedUsage, SseEvent, StreamTranslator } from '../../types.js';
import { isRecord, type JsonObject, optString, sseNamedEvent, tryParseJson } from '../json.js';
import { customInputOf, customToolNames } from './custom-tools.js';
import {
  customToolCallItem,
  endingForFinish,
  functionCallItem,
  messageItem,
  type ResponseEnding,
  responseEnvelope,
  responseIds,
  responsesUsage,
} from './response-envelope.js';

export interface ChatToResponsesStreamOptions {
  /** Client-facing model string. */
  model: string;
  /** The client's Responses request, whose settings the `response` objects echo. */
  request: JsonObject;
  /** Unix seconds; defaults to now. */
  createdAt?: number;
}

/** The output item being streamed: a message's text, or one tool call's arguments. */
type OpenItem =
  | { kind: 'message'; outputIndex: number; id: string; text: string }
  | { kind: 'call'; outputIndex: number; callId: string; name: string; args: string; custom: boolean };

/**
 * Translates a Chat Completions chunk stream (asked with `include_usage`) into the Responses
 * API's event sequence: `response.created`, `response.in_progress`, per output item
 * `output_item.added`, its content part and text deltas (or function-call argument deltas) and
 * their `done` events, `output_item.done`, then `response.completed` (or `response.incomplete`)
 * with usage. The closing events wait for the usage chunk: they are sent at `[DONE]` or `end()`.
 */
export class ChatToResponsesStream implements StreamTranslator {
  private readonly model: string;
  private readonly request: JsonObject;
  private readonly createdAt: number;
  private readonly customTools: ReadonlySet<string>;
  private sequence = 0;
  private ids: { responseId: string; messageId: string } | undefined;
  private started = false;
  private finished = false;
  private failed = false;
  private open: OpenItem | undefined;
  /** Finished output items, by output index. */
  private readonly output: JsonObject[] = [];
  /** Chat tool-call index → the call's item. */
  private readonly calls = new Map<number, OpenItem & { kind: 'call' }>();
  private finish: string | null = null;
  private ending: ResponseEnding | null = null;
  private lastUsage: NormalizedUsage | null = null;
  private readonly text: string[] = [];

  constructor(options: ChatToResponsesStreamOptions) {
    this.model = options.model;
    this.request = options.request;
    this.createdAt = options.createdAt ?? Math.floor(Date.now() / 1000);
    this.customTools = customToolNames(options.request);
  }

  push(event: SseEvent): string {
    if (this.finished || this.failed || event.data.length === 0) return '';
    if (event.data === '[DONE]') return this.finalize();
    const chunk = tryParseJson(event.data);
    if (!isRecord(chunk)) return '';
    if (chunk.error !== undefined && chunk.error !== null) return this.fail(chunk.error);
    if (isRecord(chunk.usage)) this.lastUsage = normalizeOpenAIUsage(chunk.usage) ?? this.lastUsage;
    this.ids ??= responseIds(optString(chunk.id) ?? `${Date.now().toString(36)}`);
    let out = this.start();
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = choices.find((c) => isRecord(c) && (c.index === 0 || c.index === undefined));
    if (!isRecord(choice)) return out;
    const delta = isRecord(choice.delta) ? choice.delta : {};
    if (typeof delta.reasoning_content === 'string') this.text.push(delta.reasoning_content);
    if (typeof delta.content === 'string' && delta.content.length > 0) out += this.textDelta(delta.content);
    if (Array.isArray(delta.tool_calls)) {
      for (const call of delta.tool_calls) if (isRecord(call)) out += this.callDelta(call);
    }
    if (typeof choice.finish_reason === 'string' && choice.finish_reason.length > 0) {
      this.finish = choice.finish_reason;
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

  /** The response's status, as a passed-through Responses answer is recorded. */
  stopReason(): string | null {
    return this.ending?.status ?? null;
  }

  generatedText(): string {
    return this.text.join('');
  }

  private event(type: string, fields: JsonObject): string {
    return sseNamedEvent(type, { type, sequence_number: this.sequence++, ...fields });
  }

  private envelope(ending: ResponseEnding, usage: JsonObject | null): JsonObject {
    this.ids ??= responseIds(Date.now().toString(36));
    return responseEnvelope(this.request, {
      id: this.ids.responseId,
      createdAt: this.createdAt,
      model: this.model,
      ending,
      output: this.output,
      usage,
    });
  }

  private start(): string {
    if (this.started) return '';
    this.started = true;
    const response = this.envelope({ status: 'in_progress' }, null);
    return this.event('response.created', { response }) + this.event('response.in_progress', { response });
  }

  private textDelta(text: string): string {
    this.text.push(text);
    let out = '';
    if (this.open?.kind !== 'message') {
      out += this.closeOpen();
      const outputIndex = this.output.length;
      // A second message item (text after a tool call) needs its own id.
      const base = this.ids?.messageId ?? 'msg_';
      const id = outputIndex === 0 ? base : `${base}_${outputIndex}`;
      this.open = { kind: 'message', outputIndex, id, text: '' };
      this.output.push(messageItem(id, '', 'in_progress'));
      out += this.event('response.output_item.added', {
        output_index: outputIndex,
        item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] },
      });
      out += this.event('response.content_part.added', {
        item_id: id,
        output_index: outputIndex,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      });
    }
    const item = this.open as OpenItem & { kind: 'message' };
    item.text += text;
    return (
      out +
      this.event('response.output_text.delta', {
        item_id: item.id,
        output_index: item.outputIndex,
        content_index: 0,
        delta: text,
        logprobs: [],
      })
    );
  }

  private callDelta(call: JsonObject): string {
    const fn = isRecord(call.function) ? call.function : {};
    const key = typeof call.index === 'number' ? call.index : this.calls.size;
    let out = '';
    let item = this.calls.get(key);
    if (item === undefined) {
      out += this.closeOpen();
      const callId = optString(call.id) ?? `call_${this.sequence}`;
      const name = optString(fn.name) ?? '';
      this.text.push(name);
      const custom = this.customTools.has(name);
      item = { kind: 'call', outputIndex: this.output.length, callId, name, args: '', custom };
      this.calls.set(key, item);
      this.open = item;
      const added = custom
        ? customToolCallItem(callId, name, '', 'in_progress')
        : functionCallItem(callId, name, '', 'in_progress');
      this.output.push(added);
      out += this.event('response.output_item.added', { output_index: item.outputIndex, item: added });
    }
    const args = optString(fn.arguments);
    if (args !== undefined && args.length > 0) {
      this.text.push(args);
      item.args += args;
      // A custom tool's input is a string inside the arguments' JSON: it is sent whole at the end.
      if (item.custom) return out;
      out += this.event('response.function_call_arguments.delta', {
        item_id: `fc_${item.callId}`,
        output_index: item.outputIndex,
        delta: args,
      });
    }
    return out;
  }

  private closeOpen(): string {
    const item = this.open;
    if (item === undefined) return '';
    this.open = undefined;
    if (item.kind === 'message') {
      const done = messageItem(item.id, item.text);
      this.output[item.outputIndex] = done;
      const part = (done.content as JsonObject[])[0];
      const at = { item_id: item.id, output_index: item.outputIndex, content_index: 0 };
      return (
        this.event('response.output_text.done', { ...at, text: item.text, logprobs: [] }) +
        this.event('response.content_part.done', { ...at, part }) +
        this.event('response.output_item.done', { output_index: item.outputIndex, item: done })
      );
    }
    if (item.custom) return this.closeCustomCall(item);
    const done = functionCallItem(item.callId, item.name, item.args);
    this.output[item.outputIndex] = done;
    return (
      this.event('response.function_call_arguments.done', {
        item_id: `fc_${item.callId}`,
        output_index: item.outputIndex,
        name: item.name,
        arguments: item.args,
      }) + this.event('response.output_item.done', { output_index: item.outputIndex, item: done })
    );
  }

  private closeCustomCall(item: OpenItem & { kind: 'call' }): string {
    const input = customInputOf(item.args);
    const done = customToolCallItem(item.callId, item.name, input);
    this.output[item.outputIndex] = done;
    const at = { item_id: `ctc_${item.callId}`, output_index: item.outputIndex };
    return (
      this.event('response.custom_tool_call_input.delta', { ...at, delta: input }) +
      this.event('response.custom_tool_call_input.done', { ...at, input }) +
      this.event('response.output_item.done', { output_index: item.outputIndex, item: done })
    );
  }

  private finalize(): string {
    this.finished = true;
    let out = this.start() + this.closeOpen();
    this.ending = endingForFinish(this.finish);
    const response = this.envelope(this.ending, responsesUsage(this.lastUsage));
    const type = this.ending.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
    out += this.event(type, { response });
    return out;
  }

  /**
   * An upstream error mid-stream: the Responses `error` event, with the error object beside it so
   * that the OpenAI SDK raises it (it throws on any event data carrying `error`).
   */
  private fail(error: unknown): string {
    this.failed = true;
    const details = isRecord(error) ? error : {};
    const message = optString(details.message) ?? 'The provider stream failed.';
    const code = optString(details.code) ?? optString(details.type) ?? 'api_error';
    const param = optString(details.param) ?? null;
    return this.event('error', { code, message, param, error: { message, type: 'api_error', code, param } });
  }
}
