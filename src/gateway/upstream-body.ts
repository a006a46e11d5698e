import type { Candidate } from '../domain/routing/candidate.js';
import { TollgateError } from '../errors/tollgate-error.js';
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
  const body = translatedBody(candidate, clientBody, removed);
  for (const parameter of candidate.catalogModel?.unsupportedParams ?? []) {
    if (parameter in body && !essentialFields.has(parameter)) {
      delete body[parameter];
      removed.push(parameter);
    }
  }
  return { body, removed };
}

/**
 * The exchange's body for the candidate (the translation names in `removed` what it dropped).
 * The translators read the shapes the formats define; a body that breaks them (`content:
 * [null]`, a message that is a number) makes them throw, and that is the client's input at
 * fault: 400, not a 500, and not an upstream failure.
 */
export function translatedBody(candidate: Candidate, clientBody: JsonBody, removed: string[]): JsonBody {
  try {
    return candidate.exchange.upstreamBody(
      clientBody,
      { model: candidate.upstreamModel, maxOutputTokens: candidate.catalogModel?.maxOutputTokens },
      removed,
    );
  } catch (error) {
    if (error instanceof TollgateError) throw error;
    throw new TollgateError(
      'invalid_request_body',
      `The request body could not be translated for provider "${candidate.provider.id}": a message or content part does not have the shape its format defines.`,
      { param: 'messages', cause: error },
    );
  }
}

/**
 * JSON text of an upstream body. Serialising is the gateway's work, not the upstream's: if it
 * fails (a structure too deep for `JSON.stringify`, should one get past the parser's depth
 * limit), the request fails with 400 and is never sent, rather than being classed as a
 * connection failure and retried on every candidate.
 */
export function serializedBody(body: JsonBody): string {
  try {
    return JSON.stringify(body);
  } catch (error) {
    throw new TollgateError('invalid_request_body', 'The request body could not be serialised.', {
      cause: error,
    });
  }
}
