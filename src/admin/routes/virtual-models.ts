import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  virtualModelCreateSchema,
  virtualModelUpdateSchema,
} from '../../domain/virtual-models/virtual-model-input.js';
import { readTargets } from '../../domain/virtual-models/virtual-model-repository.js';
import type { VirtualModelService } from '../../domain/virtual-models/virtual-model-service.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { VirtualModelRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { pageQuery } from '../resource-schemas.js';
import { type AdminCaller, auditRefs, listEnvelope, optionalFields } from '../resource-views.js';
import { parseInput } from '../validation.js';

const idParams = z.object({ id: z.string() });
const collection = '/virtual-models';

/** A virtual model as the API shows it (schema `AIGatewayVirtualModel` in /openapi.json). */
export function virtualModelView(caller: AdminCaller, row: VirtualModelRow) {
  return {
    id: row.id,
    uri: `${caller.baseUrl}${collection}/${row.id}`,
    name: row.name,
    ...optionalFields({ description: row.description }),
    targets: readTargets(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...auditRefs(caller, row),
  };
}

/** `/virtual-models`: names clients send as `model`, each standing for an ordered list of targets. */
export function registerVirtualModelRoutes(app: FastifyInstance, service: VirtualModelService): void {
  const notFound = (id: string) => new TollgateError('not_found', `Virtual model ${id} was not found.`);

  app.get(collection, async (request) => {
    const caller = callerOf(request);
    const query = parseInput(pageQuery, request.query);
    const page = await service.list(caller.accountId, query);
    return listEnvelope(caller, collection, 'aiGatewayVirtualModels', page, query.limit, (row) =>
      virtualModelView(caller, row),
    );
  });

  app.post(collection, async (request, reply) => {
    const caller = callerOf(request);
    const input = parseInput(virtualModelCreateSchema, request.body);
    const row = await service.create(caller.accountId, caller.apiKeyId, input);
    reply.code(201);
    return virtualModelView(caller, row);
  });

  app.get(`${collection}/:id`, async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await service.get(caller.accountId, id);
    if (!row) throw notFound(id);
    return virtualModelView(caller, row);
  });

  app.patch(`${collection}/:id`, async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const input = parseInput(virtualModelUpdateSchema, request.body);
    const row = await service.update(caller.accountId, id, caller.apiKeyId, input);
    if (!row) throw notFound(id);
    return virtualModelView(caller, row);
  });

  app.delete(`${collection}/:id`, async (request, reply) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    if (!(await service.delete(caller.accountId, id))) throw notFound(id);
    reply.code(204).send();
  });
}
