import type { RequestCapture } from '../domain/capture/request-capture.js';
import { newId } from '../domain/ids.js';
import { safeHeaderList, safeHeaderValue } from '../http/header-value.js';
import type { RequestTrace } from '../observability/tracing/gateway-tracing.js';
import type { RequestFirewall } from './firewall/request-firewall.js';

/** What the gateway tells the client about how a request was served, on every response. */
export class GatewayRequestState {
  readonly requestId = newId('rq');
  readonly startedAt = Date.now();
  attempts = 0;
  servedModel = '';
  removedParams: string[] = [];
  rejectedModels: string[] = [];
  /** The request id of the provider that answered last, if it sent one. */
  upstreamRequestId: string | undefined;
  /** The request's span, when tracing is configured. */
  trace: RequestTrace | undefined = undefined;
  /** The request's body capture, only when the account turned capture on. */
  capture: RequestCapture | undefined = undefined;
  /** The request's firewall, when its key's configuration attaches a policy (docs/firewall.md). */
  firewall: RequestFirewall | undefined = undefined;

  /** @param maxHeaderValueLength caps each header (`TOLLGATE_MAX_HEADER_VALUE_LENGTH`). */
  constructor(private readonly maxHeaderValueLength = 1_024) {}

  /**
   * Model names come from the client (validated, but a `models` entry that was rejected may be
   * anything the limits let through): every value is made safe to send and capped.
   */
  headers(): Record<string, string> {
    const max = this.maxHeaderValueLength;
    const headers: Record<string, string> = {
      'tollgate-request-id': this.requestId,
      'tollgate-attempts': String(this.attempts),
      'tollgate-model': safeHeaderValue(this.servedModel, max),
      'tollgate-removed-params': safeHeaderList(this.removedParams, max),
      'tollgate-rejected-models': safeHeaderList(this.rejectedModels, max),
    };
    // Under both names the SDKs read (`x-request-id`: OpenAI, `request-id`: Anthropic), whichever
    // format the provider spoke: a translated answer's client reads its own SDK's header.
    if (this.upstreamRequestId !== undefined) {
      const id = safeHeaderValue(this.upstreamRequestId, max);
      headers['x-request-id'] = id;
      headers['request-id'] = id;
    }
    return headers;
  }
}
