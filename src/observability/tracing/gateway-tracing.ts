import type { IncomingHttpHeaders } from 'node:http';
import type { NewUsageEvent } from '../../store/schema.js';

/**
 * What the gateway asks of tracing. The gateway holds this interface only (no OpenTelemetry
 * import): with tracing off there is no object, each hook is one optional call that does nothing,
 * and the OpenTelemetry packages are never loaded (open-telemetry.ts is imported when configured).
 */
export interface GatewayTracing {
  /** A span for one gateway request, child of the client's `traceparent` when it sent one. */
  startRequest(headers: IncomingHttpHeaders, route: string, requestId: string): RequestTrace;
  /** Exports what is buffered and stops (at shutdown). */
  shutdown(): Promise<void>;
}

export interface RequestTrace {
  /** Who asked, for what: set once the access key is known. */
  identify(accessKeyId: string, requestedModel: unknown): void;
  /** A child span for an upstream attempt; returns the `traceparent` to send upstream (when sampled). */
  startAttempt(provider: string, model: string, attemptNumber: number): string | undefined;
  /** Ends the current attempt's span with what its usage event recorded (counts, cost, outcome). */
  endAttempt(event: NewUsageEvent): void;
  /** Ends the request's span (and an attempt left open). */
  end(statusCode: number): void;
}
