import type { SchemaObject } from './openapi-types.js';
import { arrayOf, flag, int32, nullable, ref, responseObject, text, timestamp } from './schema-builders.js';

/** The request capture shown by `/usage/requests/{id}`, and its settings on `/gateway-config`: Tollgate additions. */

const capturedBody = {
  body: text('The body as UTF-8 text, scrubbed of credentials, cut at the capture size cap.'),
  truncated: flag('True when the body was longer than the cap and was cut.'),
};

export const captureSchemas: Record<string, SchemaObject> = {
  RequestCaptureAttempt: responseObject(
    ['attemptNumber', 'model', 'statusCode', 'error', 'body', 'truncated'],
    {
      attemptNumber: int32('1-based attempt index, as on the usage event.'),
      model: text('`provider:model` this attempt went to.'),
      statusCode: int32("The provider's status; 0 when it did not answer."),
      error: nullable(
        text("The provider's error answer, scrubbed and capped; null unless the attempt failed with one."),
      ),
      ...capturedBody,
    },
  ),
  RequestCapture: responseObject(['capturedAt', 'expiresAt', 'request', 'response', 'attempts'], {
    capturedAt: timestamp('When the request arrived.'),
    expiresAt: timestamp("When the capture is deleted (the account's retention after `capturedAt`)."),
    request: responseObject(['method', 'path', 'headers', 'body', 'truncated'], {
      method: text('HTTP method.'),
      path: text('Gateway path, for example `/v1/chat/completions`.'),
      headers: {
        type: 'object',
        description:
          'Only headers that cannot carry a credential (content-type, accept, anthropic-version, …).',
        additionalProperties: { type: 'string' },
      },
      ...capturedBody,
    }),
    response: {
      ...responseObject(['statusCode', 'streamed', 'body', 'truncated'], {
        statusCode: int32('The status the client got.'),
        streamed: flag('True for a stream: `body` holds its events as sent, up to the cap.'),
        ...capturedBody,
      }),
      nullable: true,
      description: 'What the client got; null when the request ended before any answer.',
    },
    attempts: arrayOf(ref('RequestCaptureAttempt'), 'What was sent upstream on each attempt, in order.'),
  }),
};

/** Capture settings on `/gateway-config` (response and update). */
export const captureConfigProperties = {
  captureBodies: flag(
    'Tollgate addition: capture request and response bodies of every access key of the account. Off by default.',
  ),
  captureRetention: text(
    'Tollgate addition: how long a capture is kept (Go duration, 1m to 720h; default `168h`).',
  ),
  captureMaxBodyBytes: int32(
    'Tollgate addition: each captured body is cut at this many bytes (1024 to 1048576; default 65536).',
  ),
};

export const captureConfigUpdateProperties = {
  captureBodies: nullable(captureConfigProperties.captureBodies),
  captureRetention: nullable(captureConfigProperties.captureRetention),
  captureMaxBodyBytes: nullable({
    ...captureConfigProperties.captureMaxBodyBytes,
    minimum: 1024,
    maximum: 1048576,
  }),
};
