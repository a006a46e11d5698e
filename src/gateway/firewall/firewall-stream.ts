import { anthropicErrorBody, openAIErrorBody } from '../../errors/wire-bodies.js';
import { SseSplitter } from '../../providers/translate/sse-splitter.js';
import type { NormalizedUsage, SseEvent, StreamTranslator } from '../../providers/types.js';
import { type RequestFirewall, toolCallBlocked } from './request-firewall.js';
import { type HeldCall, StreamCallTracker } from './stream-calls.js';

/**
 * The response stage on a stream: wraps the exchange's translator and reads what it sends the
 * client (so one reader per client format serves every upstream, translated or not). The events
 * of a tool call are held back until its arguments are complete, then released, or, when a rule
 * refuses the call, dropped for an error event in the client's format that ends what the client
 * sees; the upstream is still read to the end so the attempt is metered. Other events (text
 * deltas) pass at once. Only requests under a policy with response rules pay for this.
 */
export class FirewallStream implements StreamTranslator {
  private readonly splitter = new SseSplitter();
  private readonly tracker: StreamCallTracker;
  private held = '';
  private refused = false;

  constructor(
    private readonly inner: StreamTranslator,
    private readonly firewall: RequestFirewall,
  ) {
    this.tracker = new StreamCallTracker(firewall.surface);
  }

  push(event: SseEvent): string {
    return this.screen(this.inner.push(event));
  }

  end(): string {
    let out = this.screen(this.inner.end());
    for (const event of this.splitter.flush()) out += this.screenEvent(event);
    // A call still open when the stream ended is decided on what arrived.
    for (const call of this.tracker.openCalls()) out += this.decide(call);
    if (!this.refused) out += this.release();
    return out;
  }

  usage(): NormalizedUsage | null {
    return this.inner.usage();
  }

  stopReason(): string | null {
    return this.inner.stopReason();
  }

  generatedText(): string {
    return this.inner.generatedText();
  }

  private screen(text: string): string {
    if (text.length === 0) return '';
    let out = '';
    for (const event of this.splitter.push(text)) out += this.screenEvent(event);
    return out;
  }

  private screenEvent(event: SseEvent): string {
    if (this.refused) return '';
    const step = this.tracker.read(event);
    if (step.kind === 'hold' || (step.kind === 'pass' && this.held.length > 0)) {
      // Events that pass while a call is held go out behind it: the client sees the stream's order.
      this.held += event.raw;
      return '';
    }
    if (step.kind === 'pass') return event.raw;
    if (step.belongs) this.held += event.raw;
    let out = '';
    for (const call of step.calls) out += this.decide(call);
    if (this.refused) return out;
    if (!step.belongs) this.held += event.raw;
    return this.tracker.holding() ? out : out + this.release();
  }

  private decide(call: HeldCall): string {
    if (this.refused) return '';
    const rule = this.firewall.screenCall(call);
    if (rule === undefined) return '';
    this.refused = true;
    this.held = '';
    return refusalEvent(this.firewall, rule, call.name);
  }

  private release(): string {
    const out = this.held;
    this.held = '';
    return out;
  }
}

/** The refusal as the client's SDK raises it: an `error` event (Anthropic, Responses) or an error chunk (chat). */
function refusalEvent(firewall: RequestFirewall, rule: string, tool: string): string {
  const error = toolCallBlocked(firewall.policy.id, rule, tool);
  if (firewall.surface === 'messages') {
    return `event: error\ndata: ${JSON.stringify(anthropicErrorBody(error))}\n\n`;
  }
  const body = openAIErrorBody(error);
  if (firewall.surface === 'responses') {
    const payload = { type: 'error', code: error.code, message: error.message, param: rule, ...body };
    return `event: error\ndata: ${JSON.stringify(payload)}\n\n`;
  }
  return `data: ${JSON.stringify(body)}\n\n`;
}
