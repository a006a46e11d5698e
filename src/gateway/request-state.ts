import { newId } from '../domain/ids.js';
import { safeHeaderList, safeHeaderValue } from '../http/header-value.js';

/** What the gateway tells the client about how a request was served, on every response. */
export class GatewayRequestState {
  readonly requestId = newId('rq');
  readonly startedAt = Date.now();
  attempts = 0;
  servedModel = '';
  removedParams: string[] = [];
  rejectedModels: string[] = [];

  /** @param maxHeaderValueLength caps each header (`TOLLGATE_MAX_HEADER_VALUE_LENGTH`). */
  constructor(private readonly maxHeaderValueLength = 1_024) {}

  /**
   * Model names come from the client (validated, but a `models` entry that was rejected may be
   * anything the limits let through): every value is made safe to send and capped.
   */
  headers(): Record<string, string> {
    const max = this.maxHeaderValueLength;
    return {
      'tollgate-request-id': this.requestId,
      'tollgate-attempts': String(this.attempts),
      'tollgate-model': safeHeaderValue(this.servedModel, max),
      'tollgate-removed-params': safeHeaderList(this.removedParams, max),
      'tollgate-rejected-models': safeHeaderList(this.rejectedModels, max),
    };
  }
}
