import type { FastifyInstance } from 'fastify';
import { exceedsJsonDepth } from './json-depth.js';

/**
 * Replaces Fastify's JSON body parser with the same parser (prototype poisoning refused) behind
 * a nesting-depth check on the raw text, so a deep body is refused before it is parsed and
 * never reaches `JSON.stringify` on its way upstream.
 */
export function installBoundedJsonParser(
  app: FastifyInstance,
  maxDepth: number,
  tooDeep: (maxDepth: number) => Error,
): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string, maxDepth)) {
      done(tooDeep(maxDepth), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
