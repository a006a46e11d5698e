import { z } from 'zod';
import {
  customProviderCreateSchema,
  customProviderUpdateSchema,
  providerModelWriteSchema,
  supportedApiSurfaceSchema,
  supportedParamSchema,
} from '../../domain/custom-providers/custom-provider-input.js';
import { auditFields, labelFields, listSchema, text, timestamp } from './schema-fields.js';
import { component, requestBodies } from './schema-registry.js';

/**
 * Custom providers (`/providers`); built-in providers come from the catalog, not this resource.
 * The request bodies and the surfaces are the domain's schemas, registered under the reference's
 * component names; a surface reads back as it was written.
 */

export const customProviderBodies = requestBodies('AIGatewayProvider', {
  create: customProviderCreateSchema,
  update: customProviderUpdateSchema,
});

component('SupportedAPISurfaceParam', supportedParamSchema);
const surfaceSchema = component('SupportedAPISurface', supportedApiSurfaceSchema);
component('AIGatewayProviderModelCreate', providerModelWriteSchema);

const providerModelSchema = component(
  'AIGatewayProviderModel',
  z.object({
    id: text(
      'Unique identifier for this model: `providerId:modelId`, the address a client sends as `model`.',
    ),
    modelId: text('Model identifier (for example "llama-3").'),
  }),
);

export const customProviderSchema = component(
  'AIGatewayProvider',
  z.object({
    id: text('Unique identifier for this provider (`aigp_…`).'),
    uri: text('URI of this AI Gateway Provider API resource.'),
    providerId: text(
      'Provider identifier used as the address segment in model strings (for example "internal-vllm").',
    ),
    name: text('User-friendly label for this provider.'),
    baseUrl: text("Base URL of the provider's API endpoint."),
    metadata: labelFields('provider').metadata,
    createdAt: timestamp('Timestamp when the provider was created.'),
    updatedAt: timestamp('Timestamp when the provider was last updated.'),
    ...auditFields,
    supportedApiSurfaces: z.array(surfaceSchema).describe('API surfaces supported by this provider.'),
    models: z.array(providerModelSchema).describe('Models exposed by this provider.'),
  }),
);
export type CustomProvider = z.output<typeof customProviderSchema>;

component(
  'AIGatewayProviderList',
  listSchema('aiGatewayProviders', customProviderSchema, 'The AI Gateway providers for this account.'),
);
