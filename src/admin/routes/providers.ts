import type { FastifyInstance } from 'fastify';
import { customProviderFields } from '../../domain/custom-providers/custom-provider-columns.js';
import type { CustomProviderService } from '../../domain/custom-providers/custom-provider-service.js';
import { formatModelAddress } from '../../domain/routing/model-address.js';
import type { CustomProviderRow } from '../../store/schema.js';
import { byAccountService, registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, rowResourceFields } from '../resource-views.js';
import { type CustomProvider, customProviderBodies } from '../schemas/custom-provider-schemas.js';

export interface ProviderRouteDeps {
  providers: CustomProviderService;
}

/**
 * The reference's AIGatewayProvider. A model entry's `id` is `providerId:modelId`, the address a
 * client sends as `model`: stable across PATCHes that keep the ids, unique within the account
 * because provider ids are.
 */
export function customProviderView(caller: AdminCaller, row: CustomProviderRow): CustomProvider {
  const fields = customProviderFields.read(row);
  return {
    ...rowResourceFields(caller, 'providers', row),
    ...fields,
    models: (fields.models ?? []).map((model) => ({
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
    schemas: customProviderBodies,
    ...byAccountService(providers),
    views: (caller) => (row) => customProviderView(caller, row),
  });
}
