import type { ServerResponse } from 'node:http';
import type { AttemptAbort } from './attempt-abort.js';

/**
 * Whether the client is still waiting, and the one upstream attempt to stop when it leaves.
 * (A plain flag and one reference: an AbortController and listeners per request cost more.)
 */
export class ClientWatch {
  gone = false;
  /** The attempt in flight, aborted if the client leaves during it. */
  attempt: AttemptAbort | undefined;

  constructor(response: ServerResponse) {
    // The client may have left while the request was authenticated, planned and admitted.
    if (response.destroyed) this.gone = true;
    response.once('close', () => {
      if (response.writableFinished) return;
      this.gone = true;
      this.attempt?.abort();
    });
  }
}
