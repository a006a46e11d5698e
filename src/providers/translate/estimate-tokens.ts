import { createRequire } from 'node:module';
import { ByteRanks } from './byte-ranks.js';
import { isRecord } from './json.js';

/**
 * Token estimates with the `o200k_base` encoding shipped in js-tiktoken (no network).
 *
 * The ranks come from `js-tiktoken/ranks/o200k_base`; counting uses its pre-tokenisation pattern and
 * byte-pair merge, implemented here with a linear-scan merge over byte strings because js-tiktoken's own
 * `encode()` is cubic in a piece's length (seconds for 100k characters of CJK text, which would stall
 * the event loop on a request path). Counts equal `encode(text, [], []).length`; special-token text
 * counts as ordinary text. Pieces longer than `MAX_PIECE_BYTES` are counted in slices (approximation).
 *
 * The tokenizer runs on the event loop at ~0.2 µs per character of English and up to ~1 µs per
 * character of CJK text (a 15 MB body stalled every request for seconds, and a few MB of CJK
 * overflowed the pattern's stack). So each estimate tokenises at most a budget of characters
 * (`TOLLGATE_TOKENIZER_MAX_CHARS`, default 65,536: ~15 ms of English, ~65 ms at worst); a
 * string beyond what is left of it counts its UTF-8 byte length instead, an upper bound
 * (a byte-level BPE token is at least one byte).
 */

interface RanksFile {
  pat_str: string;
  bpe_ranks: string;
}

interface Encoder {
  ranks: ByteRanks;
  pattern: RegExp;
}

const MAX_PIECE_BYTES = 256;

let encoder: Encoder | undefined;

/** Characters one estimate may tokenise; the rest is bounded by its byte length. */
let budgetChars = 65_536;

/** What is left of the current request estimate's budget; undefined outside one. */
let activeBudget: { remaining: number } | undefined;

/** Sets the tokenizer's per-estimate budget (from `TOLLGATE_TOKENIZER_MAX_CHARS`), once at start. */
export function limitTokenizerWork(maxChars: number): void {
  budgetChars = maxChars;
}

function loadEncoder(): Encoder {
  if (encoder) return encoder;
  const require = createRequire(import.meta.url);
  const ranksModule = require.resolve('js-tiktoken/ranks/o200k_base');
  const file = require(ranksModule) as RanksFile;
  const ranks = packRanks(file.bpe_ranks);
  encoder = { ranks, pattern: new RegExp(file.pat_str, 'gu') };
  // The table holds what is needed; the module's 2 MB source string can go.
  delete require.cache[ranksModule];
  return encoder;
}

/**
 * The ranks file's text, `<prefix> <first rank> <token> <token> …` with one base64 token per rank
 * from the first on (lines of that form, one in o200k_base), into a packed table. Scanned in place
 * twice (sizes, then the table) rather than split: a split would keep 200,000 strings alive at once,
 * which the heap keeps as resident memory long after they are garbage.
 */
function packRanks(text: string): ByteRanks {
  const eachToken = (visit: (start: number, end: number, rank: number) => void) => {
    let lineStart = 0;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = text.length;
      const prefixEnd = text.indexOf(' ', lineStart);
      const rankEnd = prefixEnd === -1 ? -1 : text.indexOf(' ', prefixEnd + 1);
      if (rankEnd !== -1 && rankEnd < lineEnd) {
        let rank = Number.parseInt(text.slice(prefixEnd + 1, rankEnd), 10);
        let start = rankEnd + 1;
        while (start < lineEnd) {
          let end = text.indexOf(' ', start);
          if (end === -1 || end > lineEnd) end = lineEnd;
          if (end > start) visit(start, end, rank++);
          start = end + 1;
        }
      }
      lineStart = lineEnd + 1;
    }
  };
  let count = 0;
  let bytes = 0;
  eachToken((start, end) => {
    count++;
    let padding = 0;
    if (text.charCodeAt(end - 1) === 61) padding++; // '='
    if (text.charCodeAt(end - 2) === 61) padding++;
    bytes += ((end - start) / 4) * 3 - padding;
  });
  const ranks = new ByteRanks(count, bytes);
  eachToken((start, end, rank) => ranks.add(text.slice(start, end), rank));
  return ranks;
}

/** Loads the tokenizer now (it takes a moment), e.g. at startup, instead of on the first estimate. */
export function warmTokenizer(): void {
  loadEncoder();
}

/**
 * Number of o200k_base tokens in `text`, or its UTF-8 byte length (an upper bound) when it is
 * longer than what is left of the budget: the estimate's, inside {@link estimateRequestInputTokens},
 * else a budget of its own.
 */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  const budget = activeBudget ?? { remaining: budgetChars };
  if (text.length > budget.remaining) return Buffer.byteLength(text, 'utf8');
  budget.remaining -= text.length;
  const { ranks, pattern } = loadEncoder();
  let total = 0;
  for (const match of text.matchAll(pattern)) {
    const bytes = Buffer.from(match[0], 'utf8');
    if (bytes.length <= MAX_PIECE_BYTES) total += pieceTokens(bytes, ranks);
    else {
      for (let at = 0; at < bytes.length; at += MAX_PIECE_BYTES) {
        total += pieceTokens(bytes.subarray(at, at + MAX_PIECE_BYTES), ranks);
      }
    }
  }
  return total;
}

/** Token count of one pre-tokenised piece (tiktoken's byte-pair merge: lowest rank first, leftmost on ties). */
function pieceTokens(bytes: Uint8Array, ranks: ByteRanks): number {
  const n = bytes.length;
  if (n <= 1 || ranks.rank(bytes, 0, n) !== Infinity) return n === 0 ? 0 : 1;
  // starts[i]: start of part i (plus a sentinel n); pairRank[i]: rank of part i merged with part i+1.
  const starts: number[] = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) starts[i] = i;
  const pairRank: number[] = new Array<number>(n);
  const rankAt = (i: number, len: number): number => {
    if (i + 2 > len) return Infinity;
    return ranks.rank(bytes, starts[i]!, starts[i + 2]!);
  };
  let parts = n;
  for (let i = 0; i < parts - 1; i++) pairRank[i] = rankAt(i, parts);
  while (parts > 1) {
    let min = Infinity;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      const r = pairRank[i]!;
      if (r < min) {
        min = r;
        at = i;
      }
    }
    if (at === -1) break;
    // Merge part `at` with part `at + 1`.
    starts.splice(at + 1, 1);
    pairRank.splice(at + 1, 1);
    parts--;
    pairRank[at] = rankAt(at, parts);
    if (at > 0) pairRank[at - 1] = rankAt(at - 1, parts);
  }
  return parts;
}

/** Tokens counted for an image, whatever its size (a typical high-detail image). */
const IMAGE_TOKENS = 765;
/** Per-message framing overhead (role, separators), as in OpenAI's counting guide. */
const MESSAGE_OVERHEAD = 4;
/** Priming of the assistant reply. */
const REPLY_OVERHEAD = 3;

const IMAGE_TYPES = new Set(['image', 'image_url', 'input_image']);

/**
 * Estimated input tokens of a request body in OpenAI (chat, completions, embeddings, responses) or
 * Anthropic (messages) shape: message text, system/instructions, tool calls and results, tool
 * definitions, plus a small per-message overhead. Images count a flat amount; binary payloads are skipped.
 */
export function estimateRequestInputTokens(body: unknown): number {
  if (!isRecord(body)) return 0;
  // Synchronous from here to the end, so one module-level budget serves the whole body.
  const outer = activeBudget;
  activeBudget = { remaining: budgetChars };
  try {
    return bodyTokens(body);
  } finally {
    activeBudget = outer;
  }
}

function bodyTokens(body: { [key: string]: unknown }): number {
  let total = 0;
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) total += messageTokens(message);
    total += REPLY_OVERHEAD;
  }
  total += contentTokens(body.system);
  total += contentTokens(body.instructions);
  total += inputTokens(body.prompt);
  total += inputTokens(body.input);
  if (Array.isArray(body.tools) && body.tools.length > 0) total += estimateTokens(JSON.stringify(body.tools));
  return total;
}

function messageTokens(message: unknown): number {
  if (!isRecord(message)) return 0;
  let total = MESSAGE_OVERHEAD + contentTokens(message.content);
  if (typeof message.name === 'string') total += estimateTokens(message.name);
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (isRecord(call) && isRecord(call.function)) total += functionTokens(call.function);
    }
  }
  if (isRecord(message.function_call)) total += functionTokens(message.function_call);
  return total;
}

function functionTokens(fn: { [key: string]: unknown }): number {
  let total = 0;
  if (typeof fn.name === 'string') total += estimateTokens(fn.name);
  if (typeof fn.arguments === 'string') total += estimateTokens(fn.arguments);
  return total;
}

/** `prompt` / `input`: a string, strings, token arrays, or Responses input items. */
function inputTokens(input: unknown): number {
  if (typeof input === 'string') return estimateTokens(input);
  if (!Array.isArray(input)) return 0;
  let total = 0;
  for (const item of input) {
    if (typeof item === 'string') total += estimateTokens(item);
    else if (typeof item === 'number') total += 1;
    else if (Array.isArray(item)) total += item.length;
    else if (isRecord(item)) total += 'role' in item ? messageTokens(item) : partTokens(item);
  }
  return total;
}

/** A string, or an array of content parts / blocks in either format. */
function contentTokens(content: unknown): number {
  if (typeof content === 'string') return estimateTokens(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content) total += typeof part === 'string' ? estimateTokens(part) : partTokens(part);
  return total;
}

function partTokens(part: unknown): number {
  if (!isRecord(part)) return 0;
  const type = typeof part.type === 'string' ? part.type : '';
  if (IMAGE_TYPES.has(type)) return IMAGE_TOKENS;
  if (typeof part.text === 'string') return estimateTokens(part.text);
  switch (type) {
    case 'tool_use':
      return (
        (typeof part.name === 'string' ? estimateTokens(part.name) : 0) +
        estimateTokens(JSON.stringify(part.input ?? {}))
      );
    case 'tool_result':
      return contentTokens(part.content);
    case 'function_call':
      return functionTokens(part);
    case 'function_call_output':
      return typeof part.output === 'string' ? estimateTokens(part.output) : contentTokens(part.output);
    case 'refusal':
      return typeof part.refusal === 'string' ? estimateTokens(part.refusal) : 0;
    case 'document': {
      const source = part.source;
      return isRecord(source) && source.type === 'text' && typeof source.data === 'string'
        ? estimateTokens(source.data)
        : 0;
    }
    default:
      return 'content' in part ? contentTokens(part.content) : 0;
  }
}

/**
 * The request's input estimate, computed on first use and then remembered: admission, the
 * credit hold and an estimated usage event all need the same number for one request.
 */
export function inputTokensOnce(body: unknown): () => number {
  let tokens: number | undefined;
  return () => {
    tokens ??= estimateRequestInputTokens(body);
    return tokens;
  };
}
