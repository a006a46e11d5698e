import { scrubSecrets } from '../../gateway/upstream-failure.js';
import type { CapturedAttempt, CapturedBody, CaptureRecord } from './capture-record.js';

/**
 * Client headers a capture keeps. An allow-list, not a deny-list: a header Tollgate does not know
 * (a proxy's, a vendor's) may carry a credential, so only these are kept.
 */
const capturedHeaders = [
  'content-type',
  'accept',
  'anthropic-version',
  'anthropic-beta',
  'openai-beta',
  'user-agent',
] as const;

export interface RequestCaptureOptions {
  /** Each body is cut at this many bytes (UTF-8). */
  maxBodyBytes: number;
  retentionMs: number;
  /** Called once, when the request is over, with the scrubbed record. */
  save(record: CaptureRecord): void;
}

/**
 * One request's capture while it runs. Made only when the account turned capture on, so a
 * request without it does no copying at all. Bodies are held as the gateway already has them and
 * cut, scrubbed and assembled once, at `finish`.
 */
export class RequestCapture {
  private readonly startedAt = new Date();
  private request: CaptureRecord['request'] | undefined;
  private readonly attempts: CapturedAttempt[] = [];
  private response: CaptureRecord['response'] = null;
  private streamText = '';
  /** Counted as events arrive, so a long stream is not measured again on each one. */
  private streamBytes = 0;
  private streamTruncated = false;
  /** Provider keys used by this request's attempts: removed from every captured body. */
  private readonly secrets = new Set<string>();
  private finished = false;

  constructor(private readonly options: RequestCaptureOptions) {}

  received(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    body: unknown,
  ) {
    const kept: Record<string, string> = {};
    for (const name of capturedHeaders) {
      const value = headers[name];
      if (typeof value === 'string') kept[name] = value;
    }
    this.request = { method, path, headers: kept, ...this.cut(JSON.stringify(body)) };
  }

  attemptSent(attemptNumber: number, model: string, providerKey: string, body: string): void {
    if (providerKey.length > 0) this.secrets.add(providerKey);
    this.attempts.push({ attemptNumber, model, statusCode: 0, error: null, ...this.cut(body) });
  }

  attemptAnswered(attemptNumber: number, statusCode: number, error: string | null): void {
    const attempt = this.attempts.find((entry) => entry.attemptNumber === attemptNumber);
    if (!attempt) return;
    attempt.statusCode = statusCode;
    attempt.error = error === null ? null : this.cut(error).body;
  }

  /** A complete answer (JSON, or an error body). The first one wins: it is what the client got. */
  responded(statusCode: number, body: string | Buffer): void {
    if (this.response) return;
    this.response = { statusCode, streamed: false, ...this.cut(body.toString()) };
  }

  /** Stream events as sent to the client, kept up to the cap. */
  streamed(text: string): void {
    if (this.streamTruncated || text.length === 0) return;
    this.streamText += text;
    this.streamBytes += Buffer.byteLength(text);
    if (this.streamBytes > this.options.maxBodyBytes) this.streamTruncated = true;
  }

  /** The request is over: the record is scrubbed and handed to `save`, once. */
  finish(): void {
    if (this.finished || !this.request) return;
    this.finished = true;
    if (!this.response && this.streamText.length > 0) {
      const cut = this.cut(this.streamText);
      this.response = {
        statusCode: 200,
        streamed: true,
        ...cut,
        truncated: cut.truncated || this.streamTruncated,
      };
    }
    const scrub = <Body extends CapturedBody>(entry: Body): Body => ({
      ...entry,
      body: this.scrubbed(entry.body),
    });
    this.options.save({
      capturedAt: this.startedAt.toISOString(),
      expiresAt: new Date(this.startedAt.getTime() + this.options.retentionMs).toISOString(),
      request: scrub(this.request),
      response: this.response ? scrub(this.response) : null,
      attempts: this.attempts.map((attempt) => ({
        ...scrub(attempt),
        error: attempt.error === null ? null : this.scrubbed(attempt.error),
      })),
    });
  }

  /** Provider keys of this request, then anything shaped like a key or a Tollgate token. */
  private scrubbed(text: string): string {
    let scrubbed = text;
    for (const secret of this.secrets) scrubbed = scrubSecrets(scrubbed, secret);
    return scrubSecrets(scrubbed, '');
  }

  private cut(text: string): CapturedBody {
    const max = this.options.maxBodyBytes;
    // Cheap test first: a string's byte length is at most three times its length in UTF-16 units.
    if (text.length * 3 <= max || Buffer.byteLength(text) <= max) return { body: text, truncated: false };
    // Cut on bytes, then drop a character the cut may have split.
    const bytes = Buffer.from(text).subarray(0, max).toString('utf8');
    return { body: bytes.replace(/\uFFFD$/, ''), truncated: true };
  }
}
