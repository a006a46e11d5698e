import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TokenKeyRepository } from '../../domain/token-key-repository.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { ApiKeyRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { labelCreate, labelUpdate, pageQuery } from '../resource-schemas.js';
import { type AdminCaller, auditRefs, listEnvelope, optionalFields } from '../resource-views.js';
import { parseInput } from '../validation.js';

const createSchema = z.strictObject(labelCreate);
const updateSchema = z.strictObject(labelUpdate);
const idParams = z.object({ id: z.string() });

export function apiKeyView(caller: AdminCaller, row: ApiKeyRow) {
  return {
    id: row.id,
    uri: `${caller.baseUrl}/api-keys/${row.id}`,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...auditRefs(caller, row),
    keyRedacted: row.key_redacted,
    ...optionalFields({ name: row.name, description: row.description, metadata: row.metadata }),
    lastUsed: row.last_used,
    accountId: row.account_id,
    isOperator: row.is_operator === 1,
  };
}

export function registerApiKeyRoutes(
  app: FastifyInstance,
  repository: TokenKeyRepository<'api_keys', ApiKeyRow>,
): void {
  app.get('/me', async (request) => {
    const caller = callerOf(request);
    return { id: caller.apiKeyId, accountId: caller.accountId, isOperator: caller.isOperator };
  });

  app.get('/api-keys', async (request) => {
    const caller = callerOf(request);
    const query = parseInput(pageQuery, request.query);
    const page = await repository.list(caller.accountId, query);
    return listEnvelope(caller, '/api-keys', 'aiGatewayApiKeys', page, query.limit, (row) =>
      apiKeyView(caller, row),
    );
  });

  /** Keys made here manage their own account only; operator keys come from bootstrap or the CLI. */
  app.post('/api-keys', async (request, reply) => {
    const caller = callerOf(request);
    const input = parseInput(createSchema, request.body);
    const { row, token } = await repository.create(caller.accountId, caller.apiKeyId, {
      ...input,
      is_operator: 0,
    });
    reply.code(201);
    return { ...apiKeyView(caller, row), token };
  });

  app.get('/api-keys/:id', async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await repository.get(caller.accountId, id);
    if (!row) throw new TollgateError('not_found', `API key ${id} was not found.`);
    return apiKeyView(caller, row);
  });

  app.patch('/api-keys/:id', async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await repository.update(
      caller.accountId,
      id,
      caller.apiKeyId,
      parseInput(updateSchema, request.body),
    );
    if (!row) throw new TollgateError('not_found', `API key ${id} was not found.`);
    return apiKeyView(caller, row);
  });

  app.delete('/api-keys/:id', async (request, reply) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    if (!(await repository.delete(caller.accountId, id)))
      throw new TollgateError('not_found', `API key ${id} was not found.`);
    reply.code(204).send();
  });
}
