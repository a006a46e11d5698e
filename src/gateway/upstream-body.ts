import type { Candidate } from '../domain/routing/candidate.js';
import type { JsonBody } from '../providers/exchange.js';

/** Fields no catalog entry may strip: without them the upstream request means nothing. */
const essentialFields = new Set(['model', 'messages', 'input', 'prompt']);

export interface UpstreamBody {
  body: JsonBody;
  /** Parameters removed because the model does not take them (`Tollgate-Removed-Params`). */
  removed: string[];
}

/**
 * The exchange's body for this candidate, minus the parameters its catalog model does not
 * take. Stripping happens after translation: the catalog names parameters as the model's own
 * API spells them (`stop` for an OpenAI-format model, whichever format the client spoke).
 */
export function upstreamBodyFor(candidate: Candidate, clientBody: JsonBody): UpstreamBody {
  const removed: string[] = [];
  const body = candidate.exchange.upstreamBody(
    clientBody,
    { model: candidate.upstreamModel, maxOutputTokens: candidate.catalogModel?.maxOutputTokens },
    removed,
  );
  for (const parameter of candidate.catalogModel?.unsupportedParams ?? []) {
    if (parameter in body && !essentialFields.has(parameter)) {
      delete body[parameter];
      removed.push(parameter);
    }
  }
  return { body, removed };
}
