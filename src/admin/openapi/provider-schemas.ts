import type { SchemaObject } from './openapi-types.js';
// One namespace: these builders are the vocabulary of every hand-written schema module.
import * as build from './schema-builders.js';

/** Custom providers (`/providers`): built-in providers come from the catalog, not this resource. */

const baseUrlDescription =
  "Base URL of the provider's API, including its version path. Must be `https://`, and its host must not " +
  'resolve to a loopback, private, link-local or metadata address unless `TOLLGATE_UPSTREAM_ALLOWLIST` lists it ' +
  '(`base_url_host_not_allowed` otherwise).';

const surfaceProperties = {
  format: build.text('The API format this surface conforms to.', { enum: ['openai', 'anthropic'] }),
  surface: build.text(
    'The specific API surface within the format (for example "chat-completions", "responses" or "messages").',
  ),
  supportedParams: build.arrayOf(
    build.ref('SupportedAPISurfaceParam'),
    'Top-level request body parameters supported by this surface.',
  ),
};

const providerInput = {
  name: build.text('User-friendly label for this provider.', { minLength: 1, maxLength: 255 }),
  baseUrl: build.text(baseUrlDescription, { minLength: 1, maxLength: 2048 }),
  metadata: build.text('Arbitrary user-defined metadata for this provider.', { maxLength: 4096 }),
  supportedApiSurfaces: build.arrayOf(
    build.ref('SupportedAPISurface'),
    'API surfaces supported by this provider.',
  ),
};

export const providerSchemas: Record<string, SchemaObject> = {
  SupportedAPISurfaceParam: build.responseObject(['name'], {
    name: build.text('Name of a supported top-level request body parameter.'),
  }),
  SupportedAPISurface: build.responseObject(['format'], surfaceProperties),
  AIGatewayProviderModel: build.responseObject(['id', 'modelId'], {
    id: build.text('Unique identifier for this model.'),
    modelId: build.text('Model identifier (for example "llama-3").'),
  }),
  AIGatewayProvider: build.responseObject(
    ['id', 'uri', 'providerId', 'name', 'baseUrl', 'createdAt', 'updatedAt', 'createdBy', 'lastUpdatedBy'],
    {
      id: build.text('Unique identifier for this provider (`aigp_…`).'),
      uri: build.text('URI of this AI Gateway Provider API resource.'),
      providerId: build.text(
        'Provider identifier used as the address segment in model strings (for example "internal-vllm").',
      ),
      name: build.text('User-friendly label for this provider.'),
      baseUrl: build.text("Base URL of the provider's API endpoint."),
      metadata: build.text('Arbitrary user-defined metadata for this provider.'),
      createdAt: build.timestamp('Timestamp when the provider was created.'),
      updatedAt: build.timestamp('Timestamp when the provider was last updated.'),
      ...build.auditProperties,
      supportedApiSurfaces: build.arrayOf(
        build.ref('SupportedAPISurface'),
        'API surfaces supported by this provider.',
      ),
      models: build.arrayOf(build.ref('AIGatewayProviderModel'), 'Models exposed by this provider.'),
    },
  ),
  AIGatewayProviderList: build.listEnvelope(
    'aiGatewayProviders',
    'AIGatewayProvider',
    'The AI Gateway providers for this account.',
  ),
  AIGatewayProviderModelCreate: build.requestObject(['modelId'], {
    modelId: build.text('Model identifier (for example "llama-3").', { minLength: 1, maxLength: 255 }),
  }),
  AIGatewayProviderCreate: build.requestObject(['providerId', 'name', 'baseUrl'], {
    providerId: build.text(
      'Provider identifier used as the address segment in model strings (for example "internal-vllm"). Unique ' +
        'within the account; must not collide with a built-in catalog providerId.',
      { minLength: 1, maxLength: 255 },
    ),
    ...providerInput,
    models: build.arrayOf(
      build.ref('AIGatewayProviderModelCreate'),
      'Initial set of models exposed by this provider.',
    ),
  }),
  AIGatewayProviderUpdate: build.requestObject(
    [],
    {
      name: build.nullable(providerInput.name),
      baseUrl: build.text(`${baseUrlDescription} Cannot be cleared.`, { minLength: 1, maxLength: 2048 }),
      metadata: build.nullable(providerInput.metadata),
      supportedApiSurfaces: build.nullable(providerInput.supportedApiSurfaces),
      models: build.nullable(
        build.arrayOf(
          build.ref('AIGatewayProviderModelCreate'),
          'Full replacement set for the models: omit to keep them, `[]` to clear them, a list to replace them.',
        ),
      ),
    },
    'Partial update. The providerId is immutable after creation.',
  ),
};
