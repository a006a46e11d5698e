import { z } from 'zod';
import { descriptionField, keptNameUpdate, metadataField, nameField } from '../../domain/label-fields.js';
import { auditFields, listSchema, text, timestamp } from './schema-fields.js';
import { component } from './schema-registry.js';

/** Provider keys: the reference's schemas plus Tollgate's additions, from one source. */

const noun = 'provider key';
const label = nameField.describe('User-defined label for this provider key.');
const description = descriptionField.describe(`Human-readable description of this ${noun}.`);
const metadata = metadataField.describe(`Arbitrary user-defined metadata for this ${noun}.`);
const value = z
  .string()
  .min(1)
  .max(8192)
  .describe('Plaintext provider key value. Write-only; never returned in responses.');

export const providerKeySchema = component(
  'AIGatewayProviderAPIKeyDetail',
  z.object({
    id: text(`Unique identifier for this ${noun}.`),
    uri: text('URI of this AI Gateway Provider Key API resource.'),
    createdAt: timestamp(`Timestamp when the ${noun} was created.`),
    updatedAt: timestamp(`Timestamp when the ${noun} was last updated.`),
    providerId: text('Which AI provider this key is for, for example `openai` or `anthropic`.'),
    name: text('User-defined label for this provider key.'),
    keyRedacted: text('Redacted display form of the key value (`first10***last4`).'),
    description: text(`Human-readable description of this ${noun}.`).optional(),
    metadata: text(`Arbitrary user-defined metadata for this ${noun}.`).optional(),
    ...auditFields,
    lastUsed: timestamp(`Timestamp when the ${noun} was last used.`).nullable(),
  }),
);

export const providerKeyListSchema = component(
  'AIGatewayProviderAPIKeyList',
  listSchema('aiGatewayProviderKeys', providerKeySchema, 'The AI Gateway provider keys for this account.'),
);

export const providerKeyCreateSchema = component(
  'AIGatewayProviderAPIKeyCreate',
  z.strictObject({
    providerId: z
      .string()
      .min(1)
      .max(255)
      .describe(
        "Which AI provider this key is for: a built-in provider id or a custom provider's `providerId`.",
      ),
    value,
    name: label,
    description: description.optional(),
    metadata: metadata.optional(),
  }),
);

export const providerKeyUpdateSchema = component(
  'AIGatewayProviderAPIKeyUpdate',
  z.strictObject({
    name: keptNameUpdate.describe(
      'User-defined label for this provider key. Required on the key, so it cannot be cleared.',
    ),
    description: description.nullable().optional(),
    metadata: metadata.nullable().optional(),
  }),
  'Changes the labels only; the value changes through `POST /provider-keys/{id}/rotate`.',
);

export const providerKeyRotateSchema = component(
  'AIGatewayProviderAPIKeyRotate',
  z.strictObject({ value, name: label }),
);

export type ProviderKey = z.output<typeof providerKeySchema>;
export type ProviderKeyCreate = z.input<typeof providerKeyCreateSchema>;
export type ProviderKeyUpdate = z.input<typeof providerKeyUpdateSchema>;
export type ProviderKeyRotate = z.input<typeof providerKeyRotateSchema>;
