import type { FastifyInstance } from 'fastify';
import { exceedsJsonDepth } from './json-depth.js';

/**
 * True when `text` cannot hold a `"__proto__"` or `"constructor"` key, however escaped: with no
 * `\u` escape anywhere, the only spellings are the plain ones. Three substring scans cost a
 * fraction of the two escape-aware patterns the poisoning check runs on every body otherwise.
 */
export function cannotPoison(text: string): boolean {
  return !text.includes('\\u') && !text.includes('"__proto__"') && !text.includes('"constructor"');
}

/**
 * Replaces Fastify's JSON body parser with the same parser (prototype poisoning refused) behind
 * a nesting-depth check on the raw text, so a deep body is refused before it is parsed and
 * never reaches `JSON.stringify` on its way upstream. A body that {@link cannotPoison} (nearly
 * all) is parsed with `JSON.parse` directly; any other, an empty one or one that fails to parse
 * goes through Fastify's parser, which answers as it always did.
 */
export function installBoundedJsonParser(
  app: FastifyInstance,
  maxDepth: number,
  tooDeep: (maxDepth: number) => Error,
): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (exceedsJsonDepth(text, maxDepth)) {
      done(tooDeep(maxDepth), undefined);
      return;
    }
    // A leading byte order mark is Fastify's parser's to strip.
    if (text.length > 0 && text.charCodeAt(0) !== 0xfeff && cannotPoison(text)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parse(request, text, done);
        return;
      }
      done(null, parsed);
      return;
    }
    parse(request, text, done);
  });
}
