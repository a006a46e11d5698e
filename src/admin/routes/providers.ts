import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  customProviderCreateSchema,
  customProviderUpdateSchema,
} from '../../domain/custom-providers/custom-provider-input.js';
import type { CustomProviderService } from '../../domain/custom-providers/custom-provider-service.js';
import { readModels, readSurfaces } from '../../domain/custom-providers/stored-columns.js';
import { formatModelAddress } from '../../domain/routing/model-address.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { CustomProviderRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { pageQuery } from '../resource-schemas.js';
import { type AdminCaller, auditRefs, listEnvelope, optionalFields } from '../resource-views.js';
import { parseInput } from '../validation.js';

export interface ProviderRouteDeps {
  providers: CustomProviderService;
}

const idParams = z.object({ id: z.string() });

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
  const notFound = (id: string) => new TollgateError('not_found', `Provider ${id} was not found.`);

  app.get('/providers', async (request) => {
    const caller = callerOf(request);
    const query = parseInput(pageQuery, request.query);
    const page = await providers.list(caller.accountId, query);
    return listEnvelope(caller, '/providers', 'aiGatewayProviders', page, query.limit, (row) =>
      customProviderView(caller, row),
    );
  });

  app.post('/providers', async (request, reply) => {
    const caller = callerOf(request);
    const input = parseInput(customProviderCreateSchema, request.body);
    const row = await providers.create(caller.accountId, caller.apiKeyId, input);
    reply.code(201);
    return customProviderView(caller, row);
  });

  app.get('/providers/:id', async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await providers.get(caller.accountId, id);
    if (!row) throw notFound(id);
    return customProviderView(caller, row);
  });

  app.patch('/providers/:id', async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const input = parseInput(customProviderUpdateSchema, request.body);
    const row = await providers.update(caller.accountId, id, caller.apiKeyId, input);
    if (!row) throw notFound(id);
    return customProviderView(caller, row);
  });

  app.delete('/providers/:id', async (request, reply) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    if (!(await providers.delete(caller.accountId, id))) throw notFound(id);
    reply.code(204).send();
  });
}
