import { CompiledQuery } from 'kysely';
import { TextCache } from './text-cache.js';

/**
 * A statement written once, in SQL both dialects take, with `?` placeholders (Postgres gets them
 * numbered). For the few statements that run on every paid request: building and compiling them
 * with Kysely each time cost more than running them.
 */
export interface PortableQuery {
  text: string;
  parameters: readonly unknown[];
}

const numbered = new Map<string, string>();

/** `?` → `$1`, `$2`, … (the texts here hold no `?` inside literals). */
export function numberedPlaceholders(text: string): string {
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

/** The query for Postgres, its text numbered once. */
export function onPostgres(query: PortableQuery): CompiledQuery {
  let text = numbered.get(query.text);
  if (text === undefined) {
    text = numberedPlaceholders(query.text);
    numbered.set(query.text, text);
  }
  return CompiledQuery.raw(text, [...query.parameters]);
}

/**
 * Postgres only: several data-modifying statements sent as one (each a `WITH` query, which
 * Postgres runs exactly once whether or not `last` reads it), to spare round trips.
 */
export function chainedOnPostgres(parts: readonly PortableQuery[], last: PortableQuery): PortableQuery {
  if (parts.length === 0) return last;
  const texts = parts.map((part) => part.text);
  texts.push(last.text);
  return {
    text: chainedTexts.text(
      texts,
      () => `WITH ${parts.map((part, index) => `step${index} AS (${part.text})`).join(',\n')}\n${last.text}`,
    ),
    parameters: [...parts.flatMap((part) => part.parameters), ...last.parameters],
  };
}

const chainedTexts = new TextCache();
