import { RE2JS } from 're2js';

/**
 * Regular expressions from firewall rules run on what clients and models send, so they must not
 * be able to take exponential time (`(a+)+$` on `aaaa…b`). re2js is a pure-JS port of RE2: its
 * automata match in time linear in the input whatever the pattern, and it refuses the features
 * that cannot (backreferences, lookaround). docs/decisions.md, "Firewall regular expressions".
 */
export interface LinearRegex {
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean;
}

/** Why `pattern` is not valid RE2 syntax, or undefined when it is. */
export function regexSyntaxError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Compiles a pattern already checked by {@link regexSyntaxError}. */
export function compileLinearRegex(pattern: string): LinearRegex {
  const compiled = RE2JS.compile(pattern);
  return { test: (text) => compiled.matcher(text).find() };
}

/** A glob over tool names, whole-name and case-sensitive: `*` any run of characters, `?` one. */
export function compileGlob(glob: string): LinearRegex {
  if (!glob.includes('*') && !glob.includes('?')) return { test: (name) => name === glob };
  const pattern = [...glob]
    .map((character) => (character === '*' ? '.*' : character === '?' ? '.' : RE2JS.quote(character)))
    .join('');
  const compiled = RE2JS.compile(`^(?s:${pattern})$`);
  return { test: (name) => compiled.matcher(name).matches() };
}
