import { z } from 'zod';
import {
  customProviderSpec,
  customProviderUpdateSchema,
  providerModelWriteSchema,
  supportedApiSurfaceSchema,
  supportedParamSchema,
} from '../../domain/custom-providers/custom-provider-input.js';
import { resourceSchemaOf } from './resource-schema.js';
import { listSchema, text } from './schema-fields.js';
import { component, requestBodies } from './schema-registry.js';

/**
 * Custom providers (`/providers`); built-in providers come from the catalog, not this resource.
 * The request bodies and the response derive from the domain's spec (`customProviderSpec`),
 * registered under the reference's component names; a surface reads back as it was written, a
 * model with its address as `id`.
 */

export const customProviderBodies = requestBodies('AIGatewayProvider', {
  create: customProviderSpec,
  update: customProviderUpdateSchema,
});

component('SupportedAPISurfaceParam', supportedParamSchema);
component('SupportedAPISurface', supportedApiSurfaceSchema);
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
  resourceSchemaOf(
    customProviderSpec,
    {
      id: 'Unique identifier for this provider (`aigp_…`).',
      uri: 'URI of this AI Gateway Provider API resource.',
      noun: 'provider',
    },
    { models: z.array(providerModelSchema).describe('Models exposed by this provider.') },
  ),
);
export type CustomProvider = z.output<typeof customProviderSchema>;

component(
  'AIGatewayProviderList',
  listSchema('aiGatewayProviders', customProviderSchema, 'The AI Gateway providers for this account.'),
);
