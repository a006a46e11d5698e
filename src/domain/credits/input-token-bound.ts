/**
 * An upper bound of the input tokens any provider can count for a request, for credit holds: a
 * hold sized from it bounds what the request can cost, whatever the provider counts.
 *
 * - Text: its UTF-8 byte length. The providers' tokenizers are byte-level BPE, where a token is
 *   at least one byte, so no text has more tokens than bytes. Every string in the body counts,
 *   and every key and bit of JSON punctuation too: that covers what providers add per message
 *   (role markers, separators) many times over.
 * - An image (`image_url`, `input_image`, `image`): {@link imageTokenBound} whatever its size or
 *   detail; its URL or base64 data is not counted as text.
 * - A file or a non-text document (`file`, `input_file`, a PDF `document`): its tokens depend on
 *   pages no gateway sees, so only the model's context window bounds the request.
 * - Per request, {@link requestOverheadTokens} for what providers add that the body does not
 *   show (Anthropic's tool-use system prompt is ~350 tokens).
 * - Nothing counts more than the model's context window, which no provider exceeds: a longer
 *   input is refused, not billed.
 */

/** The most a provider counts for one image: OpenAI's largest (~2,500 for 1536 patches × 1.62) and Anthropic's (~1,600, ~4,800 at 2,576 px) with room to spare. */
export const imageTokenBound = 10_000;

/** Template and system tokens a provider adds on its own (tool-use prompts, reply priming). */
export const requestOverheadTokens = 1_024;

/** Used for a file when the model's context window is unknown (no catalog entry): the largest windows offered. */
export const unknownContextWindow = 2_000_000;

const imageTypes = new Set(['image', 'image_url', 'input_image']);
const fileTypes = new Set(['file', 'input_file']);

interface Tally {
  bytes: number;
  images: number;
  files: number;
}

/**
 * The bound for a request body (parsed JSON), before the context window: `contextWindow`
 * (a candidate's) is applied by {@link boundedByWindow}, since candidates of one request differ.
 */
export function inputTokenBound(body: unknown): { tokens: number; hasFiles: boolean } {
  const tally: Tally = { bytes: 0, images: 0, files: 0 };
  walk(body, tally);
  return {
    tokens: tally.bytes + tally.images * imageTokenBound + requestOverheadTokens,
    hasFiles: tally.files > 0,
  };
}

/** The request's bound for one model: never more than its context window; a file makes it the whole window. */
export function boundedByWindow(
  bound: { tokens: number; hasFiles: boolean },
  contextWindow: number | undefined,
): number {
  const window = contextWindow ?? (bound.hasFiles ? unknownContextWindow : Number.POSITIVE_INFINITY);
  return bound.hasFiles ? window : Math.min(bound.tokens, window);
}

function walk(value: unknown, tally: Tally): void {
  if (typeof value === 'string') {
    tally.bytes += Buffer.byteLength(value, 'utf8') + 2;
    return;
  }
  if (typeof value !== 'object' || value === null) {
    // Numbers, booleans and null: at most their JSON text.
    tally.bytes += String(value).length + 1;
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, tally);
    tally.bytes += value.length + 2;
    return;
  }
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (typeof type === 'string') {
    if (imageTypes.has(type)) {
      tally.images++;
      return;
    }
    if (fileTypes.has(type) || (type === 'document' && !isTextDocument(record))) {
      tally.files++;
      return;
    }
  }
  for (const key in record) {
    tally.bytes += Buffer.byteLength(key, 'utf8') + 4;
    walk(record[key], tally);
  }
}

/** An Anthropic document whose source is plain text: its text is counted like any other. */
function isTextDocument(block: Record<string, unknown>): boolean {
  const source = block.source;
  return typeof source === 'object' && source !== null && (source as { type?: unknown }).type === 'text';
}
