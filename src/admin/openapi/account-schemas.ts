import { errorCodes } from '../../errors/registry.js';
import { captureConfigProperties, captureConfigUpdateProperties } from './capture-schemas.js';
import type { SchemaObject } from './openapi-types.js';
import {
  int32,
  int64,
  listEnvelope,
  nullable,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Errors, references, accounts and gateway settings. */

const tokenCap = (direction: 'input' | 'output') =>
  nullable(
    int64(
      `Maximum number of ${direction} tokens allowed per request. PATCH: omit to preserve, send \`null\` to clear ` +
        'the cap (no limit), or send a number to set it.',
      { minimum: 1, maximum: 10_000_000 },
    ),
  );

const gatewayMetadata = nullable(
  text(
    'Arbitrary user-defined metadata. PATCH: omit to preserve, `null` to clear. GET returns `null` when unset.',
    {
      maxLength: 4096,
    },
  ),
);

const duration = (description: string) =>
  text(`${description} (Go duration string, e.g. \`30s\`, \`1m\`).`, {
    pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$',
  });

export const accountSchemas: Record<string, SchemaObject> = {
  Error: responseObject(['statusCode', 'msg', 'details'], {
    errorCode: text("Tollgate's error registry code (`not_found`, `validation_failed`, …).", {
      enum: errorCodes,
    }),
    statusCode: int32('HTTP status code for this error.'),
    msg: text('Human-readable error message. Never contains a secret, a provider key or a full token.'),
    details: {
      type: 'object',
      description: 'Structured error details, e.g. the request fields at fault.',
      additionalProperties: { type: 'string' },
    },
  }),

  Account: responseObject(
    ['id', 'uri', 'name', 'createdAt', 'updatedAt'],
    {
      id: text('Unique identifier for this account (`acct_…`).'),
      uri: text('URI of this account resource.'),
      name: text('Label for this account.'),
      createdAt: timestamp('Timestamp when the account was created.'),
      updatedAt: timestamp('Timestamp when the account was last updated.'),
    },
    'Tollgate addition: every resource belongs to one account. Operator keys only.',
  ),
  AccountList: listEnvelope('accounts', 'Account', 'The accounts of this deployment.'),
  AccountCreate: requestObject(['name'], {
    name: text('Label for the account.', { minLength: 1, maxLength: 255 }),
  }),
  AccountUpdate: requestObject(['name'], {
    name: text('New label for the account.', { minLength: 1, maxLength: 255 }),
  }),
  AccountAPIKeyCreate: requestObject(['name'], {
    name: text('User-friendly label for this API key.', { minLength: 1, maxLength: 255 }),
  }),

  AIGatewayConfig: responseObject(['accountId', 'uri', 'totalTimeout', 'perRequestTimeout'], {
    accountId: text('Unique identifier of the account this configuration belongs to.'),
    uri: text('URI of this AI Gateway Configuration API resource.'),
    totalTimeout: duration(
      'Total timeout for a request through the gateway, all attempts included; default `120s`',
    ),
    perRequestTimeout: duration('Timeout of one upstream attempt; default `60s`'),
    maxInputTokens: tokenCap('input'),
    maxOutputTokens: tokenCap('output'),
    metadata: gatewayMetadata,
    ...captureConfigProperties,
  }),
  AIGatewayConfigUpdate: requestObject([], {
    totalTimeout: nullable(duration('Total timeout, at most `30m`; `null` restores the default')),
    perRequestTimeout: nullable(
      duration('Timeout of one attempt, at most `totalTimeout`; `null` restores the default'),
    ),
    maxInputTokens: tokenCap('input'),
    maxOutputTokens: tokenCap('output'),
    metadata: gatewayMetadata,
    ...captureConfigUpdateProperties,
  }),
};
