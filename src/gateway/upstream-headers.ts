import type { Candidate } from '../domain/routing/candidate.js';

/** Marks requests Tollgate sends, so one that loops back to a Tollgate is refused (`routing_loop`). */
export const hopHeader = 'tollgate-hop';

const defaultAnthropicVersion = '2023-06-01';

/**
 * Headers for the upstream: the provider key in the format's own header, nothing of the
 * client's credentials. On same-format `/v1/messages` the client's Anthropic version and
 * beta flags pass through; a translated request pins the version it was written for.
 */
export function upstreamHeaders(
  candidate: Candidate,
  clientHeaders: Record<string, string | string[] | undefined>,
  instanceId: string,
): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', [hopHeader]: instanceId };
  if (candidate.exchange.upstreamFormat === 'openai') {
    headers.authorization = `Bearer ${candidate.credential.value}`;
    return headers;
  }
  headers['x-api-key'] = candidate.credential.value;
  const sameFormat = !candidate.exchange.translated;
  const version = clientHeaders['anthropic-version'];
  const beta = clientHeaders['anthropic-beta'];
  headers['anthropic-version'] =
    sameFormat && typeof version === 'string' ? version : defaultAnthropicVersion;
  if (sameFormat && typeof beta === 'string') headers['anthropic-beta'] = beta;
  return headers;
}
