import { z } from 'zod';
import type { ApiSurface, WireFormat } from '../../providers/types.js';
import { keptNameUpdate, metadataField, nameField } from '../label-fields.js';

/**
 * Request bodies of `/providers` (the reference's AIGatewayProviderCreate / Update). Rules that
 * need the database or DNS (unique providerId, built-in ids, base URL host) live in the service.
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

const baseUrlField = z.string().min(1).max(2048);

export const supportedApiSurfaceSchema = z
  .strictObject({
    format: z.enum(formats),
    surface: z.enum(surfaces).optional(),
    supportedParams: z
      .array(z.strictObject({ name: z.string().min(1).max(255) }))
      .max(100)
      .optional(),
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

const modelsField = z
  .array(z.strictObject({ modelId: z.string().min(1).max(255) }))
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

export const customProviderCreateSchema = z.strictObject({
  providerId: providerIdField,
  name: nameField,
  baseUrl: baseUrlField,
  metadata: metadataField.optional(),
  supportedApiSurfaces: z.array(supportedApiSurfaceSchema).max(20).optional(),
  models: modelsField.optional(),
});

export type CustomProviderCreate = z.output<typeof customProviderCreateSchema>;

/**
 * PATCH: omitted = unchanged, `null` = cleared (an empty list for the arrays). `providerId` is
 * accepted only to be compared: it is immutable, and the service refuses a different value.
 * `name` cannot be cleared (keptNameUpdate).
 */
export const customProviderUpdateSchema = z.strictObject({
  providerId: z.string().optional(),
  name: keptNameUpdate,
  baseUrl: baseUrlField.optional(),
  metadata: metadataField.nullable().optional(),
  supportedApiSurfaces: z.array(supportedApiSurfaceSchema).max(20).nullable().optional(),
  models: modelsField.nullable().optional(),
});

export type CustomProviderUpdate = z.output<typeof customProviderUpdateSchema>;
