import { z } from 'zod';
import type { ApiSurface, WireFormat } from '../../providers/types.js';
import { keptNameUpdate, metadataField, nameField } from '../label-fields.js';
import { patchSchemaOf } from '../resource-fields/resource-spec.js';

/**
 * Request bodies of `/providers` (the reference's AIGatewayProviderCreate / Update). Rules that
 * need the database or DNS (unique providerId, built-in ids, base URL host) live in the service.
 * The descriptions are the API's words: these schemas are also the request components of
 * /openapi.json (`admin/schemas/custom-provider-schemas.ts` names them).
 */

// Records, so the compiler proves these list exactly the members of the shared unions.
const formats = { openai: 'openai', anthropic: 'anthropic' } as const satisfies { [K in WireFormat]: K };
const surfaces = {
  'chat-completions': 'chat-completions',
  completions: 'completions',
  embeddings: 'embeddings',
  responses: 'responses',
  messages: 'messages',
} as const satisfies { [K in ApiSurface]: K };

/** Used as the address segment in `provider:model`, so no colon, slash or upper case. */
export const providerIdField = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-z0-9_-]+$/, 'must be lowercase letters, digits, dashes or underscores');

const baseUrlDescription =
  "Base URL of the provider's API, including its version path. Must be `https://`, and its host must not " +
  'resolve to a loopback, private, link-local or metadata address unless `TOLLGATE_UPSTREAM_ALLOWLIST` lists it ' +
  '(`base_url_host_not_allowed` otherwise).';
const baseUrlField = z.string().min(1).max(2048).describe(baseUrlDescription);
const providerName = nameField.describe('User-friendly label for this provider.');
const providerMetadata = metadataField.describe('Arbitrary user-defined metadata for this provider.');

export const supportedParamSchema = z.strictObject({
  name: z.string().min(1).max(255).describe('Name of a supported top-level request body parameter.'),
});

export const supportedApiSurfaceSchema = z
  .strictObject({
    format: z.enum(formats).describe('The API format this surface conforms to.'),
    surface: z
      .enum(surfaces)
      .optional()
      .describe(
        'The specific API surface within the format (for example "chat-completions", "responses" or "messages").',
      ),
    supportedParams: z
      .array(supportedParamSchema)
      .max(100)
      .optional()
      .describe('Top-level request body parameters supported by this surface.'),
  })
  .superRefine((entry, ctx) => {
    // Anthropic speaks only Messages; OpenAI format never does.
    const fits = entry.format === 'anthropic' ? entry.surface === 'messages' : entry.surface !== 'messages';
    if (entry.surface !== undefined && !fits) {
      ctx.addIssue({
        code: 'custom',
        path: ['surface'],
        message: `surface "${entry.surface}" is not part of the ${entry.format} format`,
      });
    }
  });

export type SupportedApiSurface = z.output<typeof supportedApiSurfaceSchema>;

export const providerModelWriteSchema = z.strictObject({
  modelId: z.string().min(1).max(255).describe('Model identifier (for example "llama-3").'),
});

const modelsField = z
  .array(providerModelWriteSchema)
  .max(1000)
  .superRefine((models, ctx) => {
    // Model names match case-insensitively at the gateway, so duplicates are too.
    const seen = new Set<string>();
    models.forEach((model, index) => {
      const key = model.modelId.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'modelId'],
          message: `duplicate modelId "${model.modelId}"`,
        });
      }
      seen.add(key);
    });
  });

export type ProviderModel = z.output<typeof modelsField>[number];

const surfacesField = z
  .array(supportedApiSurfaceSchema)
  .max(20)
  .describe('API surfaces supported by this provider.');

/**
 * The writable fields of a custom provider (its spec, see `resource-fields/resource-spec.ts`): the
 * create body, and the source of the PATCH body, the response and the stored columns. Omitted
 * lists are empty ones, and `null` in a PATCH empties them (the reference's rule for `models`).
 */
export const customProviderSpec = z.strictObject({
  providerId: providerIdField.describe(
    'Provider identifier used as the address segment in model strings (for example "internal-vllm"). Unique ' +
      'within the account; must not collide with a built-in catalog providerId.',
  ),
  name: providerName,
  baseUrl: baseUrlField,
  metadata: providerMetadata.optional(),
  supportedApiSurfaces: surfacesField.default([]),
  models: modelsField
    .default([])
    .describe(
      'Models exposed by this provider. A PATCH replaces the whole set: omit the field to keep them, send ' +
        '`[]` (or `null`) to clear them.',
    ),
});

export type CustomProviderCreate = z.output<typeof customProviderSpec>;

/**
 * PATCH: `providerId` is accepted only to be compared (it is immutable, and the service refuses a
 * different value); `name` cannot be cleared (keptNameUpdate).
 */
export const customProviderUpdateSchema = patchSchemaOf(customProviderSpec, {
  overrides: {
    providerId: z
      .string()
      .optional()
      .describe(
        'Immutable: accepted only when it equals the stored providerId (`validation_failed` otherwise).',
      ),
    name: keptNameUpdate.describe(
      'User-friendly label for this provider. A provider keeps a name: `null` is refused.',
    ),
  },
  description: 'Partial update. The providerId is immutable after creation.',
});

export type CustomProviderUpdate = z.output<typeof customProviderUpdateSchema>;
