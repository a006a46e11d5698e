import { newId } from '../domain/ids.js';
import type { RequestTrace } from '../observability/tracing/gateway-tracing.js';

/** What the gateway tells the client about how a request was served, on every response. */
export class GatewayRequestState {
  readonly requestId = newId('rq');
  readonly startedAt = Date.now();
  attempts = 0;
  servedModel = '';
  removedParams: string[] = [];
  rejectedModels: string[] = [];
  /** The request's span, when tracing is configured. */
  trace: RequestTrace | undefined = undefined;

  headers(): Record<string, string> {
    return {
      'tollgate-request-id': this.requestId,
      'tollgate-attempts': String(this.attempts),
      'tollgate-model': this.servedModel,
      'tollgate-removed-params': this.removedParams.join(', '),
      'tollgate-rejected-models': this.rejectedModels.join(', '),
    };
  }
}
