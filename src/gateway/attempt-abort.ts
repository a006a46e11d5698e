import { EventEmitter } from 'node:events';

/**
 * Stops one upstream attempt (its timeout, or the client leaving). undici takes an EventEmitter
 * as a request's signal: an AbortController's AbortSignal is an EventTarget, several times dearer
 * to create and to listen to, and one is made for every attempt.
 */
export class AttemptAbort extends EventEmitter {
  aborted = false;
  /** Stopped by the attempt's own timeout (not by the client leaving). */
  timedOut = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/** The attempt timer's callback: a function of its argument, so no closure is made per attempt. */
export function timeOutAttempt(attempt: AttemptAbort): void {
  attempt.timedOut = true;
  attempt.abort();
}
