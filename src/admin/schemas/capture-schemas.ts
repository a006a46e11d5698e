import { z } from 'zod';
import { flag, int32, text, timestamp } from './schema-fields.js';
import { component } from './schema-registry.js';

/** A request's captured bodies, as `GET /usage/requests/{id}` shows them (a Tollgate addition). */

const capturedBodyFields = {
  body: text('The body as UTF-8 text, scrubbed of credentials, cut at the capture size cap.'),
  truncated: flag('True when the body was longer than the cap and was cut.'),
};

export const requestCaptureAttemptSchema = component(
  'RequestCaptureAttempt',
  z.object({
    attemptNumber: int32('1-based attempt index, as on the usage event.'),
    model: text('`provider:model` this attempt went to.'),
    statusCode: int32("The provider's status; 0 when it did not answer."),
    error: text(
      "The provider's error answer, scrubbed and capped; null unless the attempt failed with one.",
    ).nullable(),
    ...capturedBodyFields,
  }),
);

export const requestCaptureSchema = component(
  'RequestCapture',
  z.object({
    capturedAt: timestamp('When the request arrived.'),
    expiresAt: timestamp("When the capture is deleted (the account's retention after `capturedAt`)."),
    request: z.object({
      method: text('HTTP method.'),
      path: text('Gateway path, for example `/v1/chat/completions`.'),
      headers: z
        .record(z.string(), z.string())
        .describe(
          'Only headers that cannot carry a credential (content-type, accept, anthropic-version, …).',
        ),
      ...capturedBodyFields,
    }),
    response: z
      .object({
        statusCode: int32('The status the client got.'),
        streamed: flag('True for a stream: `body` holds its events as sent, up to the cap.'),
        ...capturedBodyFields,
      })
      .nullable()
      .describe('What the client got; null when the request ended before any answer.'),
    attempts: z
      .array(requestCaptureAttemptSchema)
      .describe('What was sent upstream on each attempt, in order.'),
  }),
);

/** One captured body: the shape `request`, `response` and each attempt share. */
export type CapturedBody = z.output<z.ZodObject<typeof capturedBodyFields>>;
export type RequestCapture = z.output<typeof requestCaptureSchema>;
