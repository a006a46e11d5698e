import type { FastifyInstance } from 'fastify';
import {
  customProviderCreateSchema,
  customProviderUpdateSchema,
} from '../../domain/custom-providers/custom-provider-input.js';
import type { CustomProviderService } from '../../domain/custom-providers/custom-provider-service.js';
import { readModels, readSurfaces } from '../../domain/custom-providers/stored-columns.js';
import { formatModelAddress } from '../../domain/routing/model-address.js';
import type { CustomProviderRow } from '../../store/schema.js';
import { byAccount, registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, auditRefs, optionalFields } from '../resource-views.js';

export interface ProviderRouteDeps {
  providers: CustomProviderService;
}

/**
 * The reference's AIGatewayProvider. A model entry's `id` is `providerId:modelId`, the address a
 * client sends as `model`: stable across PATCHes that keep the ids, unique within the account
 * because provider ids are.
 */
export function customProviderView(caller: AdminCaller, row: CustomProviderRow) {
  return {
    id: row.id,
    uri: `${caller.baseUrl}/providers/${row.id}`,
    providerId: row.provider_id,
    name: row.name,
    baseUrl: row.base_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...auditRefs(caller, row),
    ...optionalFields({ metadata: row.metadata }),
    supportedApiSurfaces: readSurfaces(row),
    models: readModels(row).map((model) => ({
      id: formatModelAddress(row.provider_id, model.modelId),
      modelId: model.modelId,
    })),
  };
}

/** `/providers`: custom providers only; built-ins come from the catalog. `:id` is the `aigp_…` id. */
export function registerProviderRoutes(app: FastifyInstance, deps: ProviderRouteDeps): void {
  const { providers } = deps;
  registerResourceRoutes(app, {
    names: { collection: '/providers', envelope: 'aiGatewayProviders', noun: 'Provider' },
    schemas: { create: customProviderCreateSchema, update: customProviderUpdateSchema },
    ...byAccount(providers),
    create: async (caller, input) => ({
      row: await providers.create(caller.accountId, caller.apiKeyId, input),
    }),
    update: (caller, id, input) => providers.update(caller.accountId, id, caller.apiKeyId, input),
    delete: (caller, id) => providers.delete(caller.accountId, id),
    views: (caller) => (row) => customProviderView(caller, row),
  });
}
