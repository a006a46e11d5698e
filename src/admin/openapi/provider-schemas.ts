import type { SchemaObject } from './openapi-types.js';
import {
  arrayOf,
  auditProperties,
  listEnvelope,
  nullable,
  ref,
  requestObject,
  responseObject,
  text,
  timestamp,
} from './schema-builders.js';

/** Custom providers (`/providers`): built-in providers come from the catalog, not this resource. */

const baseUrlDescription =
  "Base URL of the provider's API, including its version path. Must be `https://`, and its host must not " +
  'resolve to a loopback, private, link-local or metadata address unless `TOLLGATE_UPSTREAM_ALLOWLIST` lists it ' +
  '(`base_url_host_not_allowed` otherwise).';

const surfaceProperties = {
  format: text('The API format this surface conforms to.', { enum: ['openai', 'anthropic'] }),
  surface: text(
    'The specific API surface within the format (for example "chat-completions", "responses" or "messages").',
  ),
  supportedParams: arrayOf(
    ref('SupportedAPISurfaceParam'),
    'Top-level request body parameters supported by this surface.',
  ),
};

const providerInput = {
  name: text('User-friendly label for this provider.', { minLength: 1, maxLength: 255 }),
  baseUrl: text(baseUrlDescription, { minLength: 1, maxLength: 2048 }),
  metadata: text('Arbitrary user-defined metadata for this provider.', { maxLength: 4096 }),
  supportedApiSurfaces: arrayOf(ref('SupportedAPISurface'), 'API surfaces supported by this provider.'),
};

export const providerSchemas: Record<string, SchemaObject> = {
  SupportedAPISurfaceParam: responseObject(['name'], {
    name: text('Name of a supported top-level request body parameter.'),
  }),
  SupportedAPISurface: responseObject(['format'], surfaceProperties),
  AIGatewayProviderModel: responseObject(['id', 'modelId'], {
    id: text('Unique identifier for this model.'),
    modelId: text('Model identifier (for example "llama-3").'),
  }),
  AIGatewayProvider: responseObject(
    ['id', 'uri', 'providerId', 'name', 'baseUrl', 'createdAt', 'updatedAt', 'createdBy', 'lastUpdatedBy'],
    {
      id: text('Unique identifier for this provider (`aigp_…`).'),
      uri: text('URI of this AI Gateway Provider API resource.'),
      providerId: text(
        'Provider identifier used as the address segment in model strings (for example "internal-vllm").',
      ),
      name: text('User-friendly label for this provider.'),
      baseUrl: text("Base URL of the provider's API endpoint."),
      metadata: text('Arbitrary user-defined metadata for this provider.'),
      createdAt: timestamp('Timestamp when the provider was created.'),
      updatedAt: timestamp('Timestamp when the provider was last updated.'),
      ...auditProperties,
      supportedApiSurfaces: arrayOf(ref('SupportedAPISurface'), 'API surfaces supported by this provider.'),
      models: arrayOf(ref('AIGatewayProviderModel'), 'Models exposed by this provider.'),
    },
  ),
  AIGatewayProviderList: listEnvelope(
    'aiGatewayProviders',
    'AIGatewayProvider',
    'The AI Gateway providers for this account.',
  ),
  AIGatewayProviderModelCreate: requestObject(['modelId'], {
    modelId: text('Model identifier (for example "llama-3").', { minLength: 1, maxLength: 255 }),
  }),
  AIGatewayProviderCreate: requestObject(['providerId', 'name', 'baseUrl'], {
    providerId: text(
      'Provider identifier used as the address segment in model strings (for example "internal-vllm"). Unique ' +
        'within the account; must not collide with a built-in catalog providerId.',
      { minLength: 1, maxLength: 255 },
    ),
    ...providerInput,
    models: arrayOf(ref('AIGatewayProviderModelCreate'), 'Initial set of models exposed by this provider.'),
  }),
  AIGatewayProviderUpdate: requestObject(
    [],
    {
      name: nullable(providerInput.name),
      baseUrl: text(`${baseUrlDescription} Cannot be cleared.`, { minLength: 1, maxLength: 2048 }),
      metadata: nullable(providerInput.metadata),
      supportedApiSurfaces: nullable(providerInput.supportedApiSurfaces),
      models: nullable(
        arrayOf(
          ref('AIGatewayProviderModelCreate'),
          'Full replacement set for the models: omit to keep them, `[]` to clear them, a list to replace them.',
        ),
      ),
    },
    'Partial update. The providerId is immutable after creation.',
  ),
};
