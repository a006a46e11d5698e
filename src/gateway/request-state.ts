import { newId } from '../domain/ids.js';

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

  headers(): Record<string, string> {
    const headers: Record<string, string> = {
      'tollgate-request-id': this.requestId,
      'tollgate-attempts': String(this.attempts),
      'tollgate-model': this.servedModel,
      'tollgate-removed-params': this.removedParams.join(', '),
      'tollgate-rejected-models': this.rejectedModels.join(', '),
    };
    // Under both names the SDKs read (`x-request-id`: OpenAI, `request-id`: Anthropic), whichever
    // format the provider spoke: a translated answer's client reads its own SDK's header.
    if (this.upstreamRequestId !== undefined) {
      headers['x-request-id'] = this.upstreamRequestId;
      headers['request-id'] = this.upstreamRequestId;
    }
    return headers;
  }
}
