/** What one captured request holds, as stored (sealed) and as `GET /usage/requests/{id}` shows it. */
export interface CapturedBody {
  /** UTF-8 text, scrubbed of credentials, at most the account's cap. */
  body: string;
  /** True when the body was longer than the cap and was cut there. */
  truncated: boolean;
}

export interface CapturedAttempt extends CapturedBody {
  attemptNumber: number;
  /** `provider:model` this attempt went to. */
  model: string;
  /** The provider's status (0: no answer), once known. */
  statusCode: number;
  /** The provider's error answer, for an attempt that failed with one. */
  error: string | null;
}

export interface CaptureRecord {
  capturedAt: string;
  expiresAt: string;
  request: CapturedBody & {
    method: string;
    path: string;
    /** Only headers that cannot carry a credential (see capturedHeaders). */
    headers: Record<string, string>;
  };
  /** The answer the client got: a JSON body, or for a stream its events as sent, up to the cap. */
  response: (CapturedBody & { statusCode: number; streamed: boolean }) | null;
  /** What was sent upstream on each attempt (translated and stripped, as the provider saw it). */
  attempts: CapturedAttempt[];
}
