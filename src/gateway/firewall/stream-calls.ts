import type { ToolSubject } from '../../domain/firewall/compiled-policy.js';
import { isRecord, tryParseJson } from '../../providers/translate/json.js';
import type { ApiSurface, SseEvent } from '../../providers/types.js';
import { responsesCallSubject } from './tool-subjects.js';

/** A tool call being streamed: its name, and its arguments as the pieces arrived so far. */
export interface HeldCall extends ToolSubject {
  arguments: string;
}

/**
 * What one client-format event is to the firewall: no part of a tool call (`pass`), part of a call
 * still open (`hold`), or the end of calls, whose arguments are now complete (`complete`;
 * `belongs` when the event itself is the call's, to be held and released with it).
 */
export type StreamStep =
  | { kind: 'pass' }
  | { kind: 'hold' }
  | { kind: 'complete'; calls: HeldCall[]; belongs: boolean };

const pass: StreamStep = { kind: 'pass' };
const hold: StreamStep = { kind: 'hold' };

/**
 * Follows the tool calls of a stream in the client's format: chat chunks (`tool_calls` deltas by
 * choice and index, complete at the choice's `finish_reason`), Anthropic content blocks (a
 * `tool_use` block, complete at its `content_block_stop`), Responses output items (a
 * `function_call` item, complete at its `response.output_item.done`).
 */
export class StreamCallTracker {
  private readonly open = new Map<string, HeldCall>();

  constructor(private readonly surface: ApiSurface) {}

  holding(): boolean {
    return this.open.size > 0;
  }

  /** Calls still open (the stream ended without completing them), now closed. */
  openCalls(): HeldCall[] {
    const calls = [...this.open.values()];
    this.open.clear();
    return calls;
  }

  read(event: SseEvent): StreamStep {
    if (this.surface === 'messages') return this.readAnthropic(event);
    const data = event.data;
    if (data.length === 0 || data === '[DONE]') {
      return data === '[DONE]' && this.holding()
        ? { kind: 'complete', calls: this.openCalls(), belongs: false }
        : pass;
    }
    const json = tryParseJson(data);
    if (!isRecord(json)) return pass;
    return this.surface === 'responses' ? this.readResponses(json) : this.readChat(json);
  }

  private readChat(chunk: Record<string, unknown>): StreamStep {
    if (!Array.isArray(chunk.choices)) return pass;
    let sawCall = false;
    let finished = false;
    for (const choice of chunk.choices) {
      if (!isRecord(choice)) continue;
      const delta = isRecord(choice.delta) ? choice.delta : undefined;
      if (delta && Array.isArray(delta.tool_calls)) {
        for (const piece of delta.tool_calls) {
          if (!isRecord(piece)) continue;
          sawCall = true;
          const key = `${String(choice.index)}:${String(piece.index)}`;
          const call = this.open.get(key) ?? { name: '', arguments: '' };
          const fn = isRecord(piece.function) ? piece.function : isRecord(piece.custom) ? piece.custom : {};
          if (typeof fn.name === 'string') call.name += fn.name;
          if (typeof fn.arguments === 'string') call.arguments += fn.arguments;
          if (typeof fn.input === 'string') call.arguments += fn.input;
          this.open.set(key, call);
        }
      }
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) finished = true;
    }
    if (finished && this.holding()) return { kind: 'complete', calls: this.openCalls(), belongs: sawCall };
    return sawCall ? hold : pass;
  }

  private readAnthropic(event: SseEvent): StreamStep {
    const name = event.event;
    if (name !== 'content_block_start' && name !== 'content_block_delta' && name !== 'content_block_stop') {
      return pass;
    }
    const json = tryParseJson(event.data);
    if (!isRecord(json)) return pass;
    const key = String(json.index);
    if (name === 'content_block_start') {
      const block = json.content_block;
      if (!isRecord(block) || block.type !== 'tool_use' || typeof block.name !== 'string') return pass;
      // The start carries `input: {}`; the arguments come as `partial_json` deltas.
      this.open.set(key, { name: block.name, arguments: '' });
      return hold;
    }
    const call = this.open.get(key);
    if (!call) return pass;
    if (name === 'content_block_delta') {
      const delta = json.delta;
      if (isRecord(delta) && typeof delta.partial_json === 'string') call.arguments += delta.partial_json;
      return hold;
    }
    this.open.delete(key);
    if (call.arguments.length === 0) call.arguments = '{}';
    return { kind: 'complete', calls: [call], belongs: true };
  }

  private readResponses(json: Record<string, unknown>): StreamStep {
    const type = json.type;
    const key = String(json.output_index);
    if (type === 'response.output_item.added') {
      const call = responsesCallSubject(json.item);
      if (!call) return pass;
      this.open.set(key, { name: call.name, arguments: '' });
      return hold;
    }
    if (!this.open.has(key)) return pass;
    if (type === 'response.output_item.done') {
      const call = responsesCallSubject(json.item) ?? this.open.get(key);
      this.open.delete(key);
      return call
        ? { kind: 'complete', calls: [{ name: call.name, arguments: call.arguments ?? '' }], belongs: true }
        : pass;
    }
    // Argument deltas and their `.done` belong to the open call.
    return hold;
  }
}
