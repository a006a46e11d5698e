const quote = 0x22;
const backslash = 0x5c;
const openBrace = 0x7b;
const openBracket = 0x5b;
const closeBrace = 0x7d;
const closeBracket = 0x5d;

/**
 * True when the JSON text nests arrays and objects deeper than `limit` (the top-level value
 * counts as depth 1). One pass over the text before it is parsed: V8 takes ~1.2 s to parse a
 * million nested `[` (~11 s for the 8 million a 16 MiB body holds), and `JSON.stringify`
 * overflows the stack on far less, so a deep body is refused unparsed. String contents (most
 * of a model request's bytes) are skipped with `indexOf`, at native speed: ~0.7 µs for a
 * 600-byte body, ~50 ms for 16 MB of chat messages, and never more than `JSON.parse` of the
 * same text costs within a factor of ~1.5. Malformed text is not judged here: the parser is.
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === quote) {
      index = closingQuote(text, index);
      if (index === -1) return false;
    } else if (code === openBrace || code === openBracket) {
      if (++depth > limit) return true;
    } else if (code === closeBrace || code === closeBracket) {
      depth--;
    }
  }
  return false;
}

/** Index of the quote that closes the string opened at `open`, or -1 when none does. */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    // Escaped when an odd number of backslashes precede it.
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === backslash) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}
