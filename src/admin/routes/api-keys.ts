import type { FastifyInstance } from 'fastify';
import type { TokenKeyRepository } from '../../domain/token-key-repository.js';
import type { ApiKeyRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, auditRefs, optionalFields } from '../resource-views.js';
import {
  type ApiKey,
  apiKeyCreateSchema,
  apiKeyUpdateSchema,
  type Me,
} from '../schemas/token-key-schemas.js';

export function apiKeyView(caller: AdminCaller, row: ApiKeyRow): ApiKey {
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
  app.get('/me', async (request): Promise<Me> => {
    const caller = callerOf(request);
    return { id: caller.apiKeyId, accountId: caller.accountId, isOperator: caller.isOperator };
  });

  registerResourceRoutes(app, {
    collection: '/api-keys',
    envelope: 'aiGatewayApiKeys',
    noun: 'API key',
    createSchema: apiKeyCreateSchema,
    updateSchema: apiKeyUpdateSchema,
    list: (caller, query) => repository.list(caller.accountId, query),
    get: (caller, id) => repository.get(caller.accountId, id),
    // Keys made here manage their own account only; operator keys come from bootstrap or the CLI.
    create: (caller, input) =>
      repository.create(caller.accountId, caller.apiKeyId, { ...input, is_operator: 0 }),
    update: (caller, id, input) => repository.update(caller.accountId, id, caller.apiKeyId, input),
    delete: async (caller, id) => Boolean(await repository.delete(caller.accountId, id)),
    views: (caller) => (row) => apiKeyView(caller, row),
  });
}
