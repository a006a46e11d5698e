import type { FastifyInstance } from 'fastify';
import type { TokenKeyRepository } from '../../domain/token-key-repository.js';
import type { ApiKeyRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { byAccount, registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, tokenKeyFields } from '../resource-views.js';
import {
  type ApiKey,
  apiKeyCreateSchema,
  apiKeyUpdateSchema,
  type Me,
} from '../schemas/token-key-schemas.js';

export function apiKeyView(caller: AdminCaller, row: ApiKeyRow): ApiKey {
  return {
    ...tokenKeyFields(caller, 'api-keys', row),
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
    names: { collection: '/api-keys', envelope: 'aiGatewayApiKeys', noun: 'API key' },
    schemas: { create: apiKeyCreateSchema, update: apiKeyUpdateSchema },
    ...byAccount(repository),
    // Keys made here manage their own account only; operator keys come from bootstrap or the CLI.
    create: (caller, input) =>
      repository.create(caller.accountId, caller.apiKeyId, { ...input, is_operator: 0 }),
    update: (caller, id, input) => repository.update(caller.accountId, id, caller.apiKeyId, input),
    delete: async (caller, id) => Boolean(await repository.delete(caller.accountId, id)),
    views: (caller) => (row) => apiKeyView(caller, row),
  });
}
