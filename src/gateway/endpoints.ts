import type { ApiSurface, WireFormat } from '../providers/types.js';

/** A data-plane endpoint: which surface it is and which format its clients speak. */
export interface GatewayEndpoint {
  path: string;
  surface: ApiSurface;
  clientFormat: WireFormat;
  streams: boolean;
}

export const gatewayEndpoints: readonly GatewayEndpoint[] = [
  { path: '/v1/chat/completions', surface: 'chat-completions', clientFormat: 'openai', streams: true },
  { path: '/v1/completions', surface: 'completions', clientFormat: 'openai', streams: true },
  { path: '/v1/embeddings', surface: 'embeddings', clientFormat: 'openai', streams: false },
  { path: '/v1/responses', surface: 'responses', clientFormat: 'openai', streams: true },
  { path: '/v1/messages', surface: 'messages', clientFormat: 'anthropic', streams: true },
];
