import type { SseEvent } from '../types.js';

const LF = 10;
const CR = 13;

/**
 * Splits a decoded SSE text stream into event blocks at blank lines (`\n`, `\r\n` or `\r` line ends,
 * chunks cut anywhere). Each returned event keeps `raw`, the exact text of its block including the
 * terminating blank line, so a tap can forward it byte for byte. Every block is returned, also
 * comment-only or empty ones (their `data` is `''`), so that concatenating all `raw`s gives back the input.
 *
 * Linear in the input: each character is examined once; only the unfinished block is kept between pushes.
 */
export class SseSplitter {
  /** Text of the unfinished block (starts at a block boundary). */
  private buf = '';
  /** Start of the current, unfinished line within `buf`. */
  private lineStart = 0;
  /** `buf` (+ `tail`) holds no line end before this index (at or after `lineStart`). */
  private searched = 0;
  /** Pieces without any line end received after `buf`, joined lazily. */
  private tail: string[] = [];
  private tailLength = 0;
  /** Whether a `\r` has ever been seen; until then only `\n` is searched for. */
  private sawCr = false;
  private eventName: string | undefined = undefined;
  private data: string | undefined = undefined;

  push(chunk: string): SseEvent[] {
    if (chunk.length === 0) return [];
    const hasCr = chunk.indexOf('\r') !== -1;
    if (!hasCr && this.searched >= this.buf.length + this.tailLength && chunk.indexOf('\n') === -1) {
      // No line end: just keep the piece (a long line arriving in many small chunks stays linear).
      this.tail.push(chunk);
      this.tailLength += chunk.length;
      this.searched += chunk.length;
      return [];
    }
    if (hasCr) this.sawCr = true;
    this.joinTail(chunk);
    return this.scan(false);
  }

  /** Returns what is left at the end of the stream (a block without its blank line), if anything. */
  flush(): SseEvent[] {
    this.joinTail('');
    const out = this.scan(true);
    if (this.buf.length > 0) {
      if (this.lineStart < this.buf.length) this.field(this.buf, this.lineStart, this.buf.length);
      out.push({ event: this.eventName, data: this.data ?? '', raw: this.buf });
    }
    this.reset();
    this.buf = '';
    this.lineStart = 0;
    this.searched = 0;
    return out;
  }

  private joinTail(chunk: string): void {
    if (this.tail.length > 0) {
      this.buf += this.tail.join('') + chunk;
      this.tail = [];
      this.tailLength = 0;
    } else if (chunk.length > 0) {
      this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    }
  }

  private scan(final: boolean): SseEvent[] {
    const out: SseEvent[] = [];
    const buf = this.buf;
    const n = buf.length;
    let blockStart = 0;
    let lineStart = this.lineStart;
    // Where to look for the next line end: the unfinished line was already searched up to `searched`.
    let from = Math.max(lineStart, this.searched);
    let cr = this.sawCr ? -2 : -1; // -2: not searched yet; -1: none in the rest of `buf`
    while (from < n) {
      let end = buf.indexOf('\n', from);
      if (cr !== -1) {
        if (cr < from) cr = buf.indexOf('\r', from);
        if (cr !== -1 && (end === -1 || cr < end)) end = cr;
      }
      if (end === -1) {
        from = n;
        break;
      }
      let next: number;
      if (buf.charCodeAt(end) === CR) {
        if (end + 1 === n) {
          // A trailing `\r` may be the first half of `\r\n`: wait for more input.
          if (!final) {
            from = end;
            break;
          }
          next = n;
        } else {
          next = buf.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
        }
      } else {
        next = end + 1;
      }
      if (end === lineStart) {
        out.push({ event: this.eventName, data: this.data ?? '', raw: buf.slice(blockStart, next) });
        this.reset();
        blockStart = next;
      } else {
        this.field(buf, lineStart, end);
      }
      lineStart = next;
      from = next;
    }
    if (blockStart > 0) {
      this.buf = buf.slice(blockStart);
      lineStart -= blockStart;
      from -= blockStart;
    }
    this.lineStart = lineStart;
    this.searched = from;
    return out;
  }

  /** Processes one non-empty line `buf[start, end)`. Only `data` and `event` matter here. */
  private field(buf: string, start: number, end: number): void {
    const first = buf.charCodeAt(start);
    if (first === 100 /* d */ && buf.startsWith('data', start)) {
      const value = fieldValue(buf, start + 4, end);
      if (value === undefined) return;
      this.data = this.data === undefined ? value : `${this.data}\n${value}`;
    } else if (first === 101 /* e */ && buf.startsWith('event', start)) {
      const value = fieldValue(buf, start + 5, end);
      if (value !== undefined) this.eventName = value;
    }
  }

  private reset(): void {
    this.eventName = undefined;
    this.data = undefined;
  }
}

/**
 * Value of a field whose name ends at `at`: `''` for a bare name, the text after `:` (minus one space)
 * otherwise; undefined if the name continues (e.g. `database:`).
 */
function fieldValue(buf: string, at: number, end: number): string | undefined {
  if (at === end) return '';
  if (buf.charCodeAt(at) !== 58 /* : */) return undefined;
  let from = at + 1;
  if (buf.charCodeAt(from) === 32 && from < end) from++;
  return buf.slice(from, end);
}
