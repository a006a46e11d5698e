import type { SchemaObject } from './openapi-types.js';
import {
  arrayOf,
  auditProperties,
  flag,
  int32,
  listEnvelope,
  nullable,
  ref,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Virtual models (`/virtual-models`) and the request capture shown by `/usage/requests/{id}`: Tollgate additions. */

const nameSchema = text(
  'The name clients send as `model`: letters, digits, `.`, `_` and `-`; unique per account (any case) and ' +
    'never a catalog model id (`virtual_model_name_taken` otherwise).',
  { minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._-]+$' },
);
const descriptionSchema = text('Human-readable description of this virtual model.', { maxLength: 255 });
const targetsDescription =
  'The targets in the order the gateway tries them: `provider:model` pins a provider, a bare catalog model id ' +
  'lets the catalog pick it. 1 to 20, no duplicates.';

const capturedBody = {
  body: text('The body as UTF-8 text, scrubbed of credentials, cut at the capture size cap.'),
  truncated: flag('True when the body was longer than the cap and was cut.'),
};

export const virtualModelSchemas: Record<string, SchemaObject> = {
  AIGatewayVirtualModelTarget: responseObject(['model'], {
    model: text(
      'A model address: `provider:model`, or a bare catalog model id for any provider that serves it.',
    ),
  }),
  AIGatewayVirtualModel: responseObject(
    ['id', 'uri', 'name', 'targets', 'createdAt', 'updatedAt', 'createdBy', 'lastUpdatedBy'],
    {
      id: text('Unique identifier for this virtual model (`aigvm_…`).'),
      uri: text('URI of this virtual model resource.'),
      name: text('The name clients send as `model`.'),
      description: text('Human-readable description; omitted when unset.'),
      targets: arrayOf(ref('AIGatewayVirtualModelTarget'), targetsDescription),
      createdAt: timestamp('Timestamp when the virtual model was created.'),
      updatedAt: timestamp('Timestamp when the virtual model was last updated.'),
      ...auditProperties,
    },
  ),
  AIGatewayVirtualModelList: listEnvelope(
    'aiGatewayVirtualModels',
    'AIGatewayVirtualModel',
    'The virtual models of this account.',
  ),
  AIGatewayVirtualModelTargetCreate: requestObject(['model'], {
    model: text('A model address: `provider:model`, or a bare catalog model id.', {
      minLength: 1,
      maxLength: 512,
    }),
  }),
  AIGatewayVirtualModelCreate: requestObject(['name', 'targets'], {
    name: nameSchema,
    description: descriptionSchema,
    targets: arrayOf(ref('AIGatewayVirtualModelTargetCreate'), targetsDescription, {
      minItems: 1,
      maxItems: 20,
    }),
  }),
  AIGatewayVirtualModelUpdate: requestObject(
    [],
    {
      name: nameSchema,
      description: nullable(descriptionSchema),
      targets: arrayOf(
        ref('AIGatewayVirtualModelTargetCreate'),
        `Full replacement list. ${targetsDescription}`,
        {
          minItems: 1,
          maxItems: 20,
        },
      ),
    },
    'Partial update: omitted fields are unchanged; `description: null` clears it. Applies on the next request on every instance.',
  ),
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
