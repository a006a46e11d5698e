import type { SchemaObject } from './openapi-types.js';
import {
  auditProperties,
  listEnvelope,
  nullable,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Provider keys: the reference's schemas, plus Tollgate's additions (access and API keys: `schemas/`). */

export const keySchemas: Record<string, SchemaObject> = {
  AIGatewayProviderAPIKeyDetail: responseObject(
    [
      'id',
      'uri',
      'createdAt',
      'updatedAt',
      'providerId',
      'name',
      'keyRedacted',
      'createdBy',
      'lastUpdatedBy',
    ],
    {
      id: text('Unique identifier for this provider key.'),
      uri: text('URI of this AI Gateway Provider Key API resource.'),
      createdAt: timestamp('Timestamp when the provider key was created.'),
      updatedAt: timestamp('Timestamp when the provider key was last updated.'),
      providerId: text('Which AI provider this key is for, for example `openai` or `anthropic`.'),
      name: text('User-defined label for this provider key.'),
      keyRedacted: text('Redacted display form of the key value (`first10***last4`).'),
      description: text('Human-readable description of this provider key.'),
      metadata: text('Arbitrary user-defined metadata for this provider key.'),
      ...auditProperties,
      lastUsed: nullable(timestamp('Timestamp when the provider key was last used.')),
    },
  ),
  AIGatewayProviderAPIKeyList: listEnvelope(
    'aiGatewayProviderKeys',
    'AIGatewayProviderAPIKeyDetail',
    'The AI Gateway provider keys for this account.',
  ),
  AIGatewayProviderAPIKeyCreate: requestObject(['providerId', 'name', 'value'], {
    providerId: text(
      "Which AI provider this key is for: a built-in provider id or a custom provider's `providerId`.",
      {
        minLength: 1,
        maxLength: 255,
      },
    ),
    value: text('Plaintext provider key value. Write-only; never returned in responses.', {
      minLength: 1,
      maxLength: 8192,
    }),
    name: text('User-defined label for this provider key.', { minLength: 1, maxLength: 255 }),
    description: text('Human-readable description of this provider key.', { maxLength: 255 }),
    metadata: text('Arbitrary user-defined metadata for this provider key.', { maxLength: 4096 }),
  }),
  AIGatewayProviderAPIKeyUpdate: requestObject(
    [],
    {
      name: text('User-defined label for this provider key. Required on the key, so it cannot be cleared.', {
        minLength: 1,
        maxLength: 255,
      }),
      description: nullable(text('Human-readable description of this provider key.', { maxLength: 255 })),
      metadata: nullable(text('Arbitrary user-defined metadata for this provider key.', { maxLength: 4096 })),
    },
    'Changes the labels only; the value changes through `POST /provider-keys/{id}/rotate`.',
  ),
  AIGatewayProviderAPIKeyRotate: requestObject(['name', 'value'], {
    value: text('Plaintext provider key value. Write-only; never returned in responses.', {
      minLength: 1,
      maxLength: 8192,
    }),
    name: text('User-defined label for this provider key.', { minLength: 1, maxLength: 255 }),
  }),
};
