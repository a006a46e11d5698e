import { type Dispatcher, errors } from 'undici';
import type { AbortEmitter } from './upstream-client.js';

/**
 * What the gateway's undici dispatch handlers share: the attempt's abort signal stops the
 * request wherever it is, and an answer ends exactly once (its end or its error, whichever
 * comes first), after which the signal is let go.
 */
export abstract class AbortableHandler {
  protected controller: Dispatcher.DispatchController | undefined;
  private aborted = false;
  private done = false;
  private readonly onAbort: () => void;

  constructor(private readonly signal: AbortEmitter) {
    // Assigned here rather than as a named field: tsx names field functions at a cost per instance.
    this.onAbort = () => this.abort();
    if (signal.aborted) this.aborted = true;
    else signal.once('abort', this.onAbort);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.aborted) controller.abort(new errors.RequestAbortedError());
    else this.controller = controller;
  }

  protected abort(): void {
    this.aborted = true;
    // Before the request is on a socket, `onRequestStart` aborts it when it gets there.
    this.controller?.abort(new errors.RequestAbortedError());
  }

  /** True the first time only: the answer ends here. */
  protected finish(): boolean {
    if (this.done) return false;
    this.done = true;
    this.controller = undefined;
    this.signal.off('abort', this.onAbort);
    return true;
  }
}
