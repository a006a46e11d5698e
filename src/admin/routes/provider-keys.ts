import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ProviderKeyCache } from '../../domain/provider-keys/provider-key-cache.js';
import type { ProviderKeyRepository } from '../../domain/provider-keys/provider-key-repository.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { ProviderKeyRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { registerResourceRoutes } from '../resource-routes.js';
import { pageQuery } from '../resource-schemas.js';
import { type AdminCaller, optionalFields, rowResourceFields } from '../resource-views.js';
import {
  type ProviderKey,
  providerKeyCreateSchema,
  providerKeyRotateSchema,
  providerKeyUpdateSchema,
} from '../schemas/provider-key-schemas.js';
import { parseInput } from '../validation.js';

const listQuery = pageQuery.extend({ provider: z.string().min(1).optional() });
const idParams = z.object({ id: z.string() });

/** The value is write-only: only `keyRedacted` (first10***last4) ever leaves. */
export function providerKeyView(caller: AdminCaller, row: ProviderKeyRow): ProviderKey {
  return {
    ...rowResourceFields(caller, 'provider-keys', row),
    providerId: row.provider_id,
    name: row.name,
    keyRedacted: row.key_redacted,
    ...optionalFields({ description: row.description, metadata: row.metadata }),
    lastUsed: row.last_used,
  };
}

export interface ProviderKeyRouteDependencies {
  repository: ProviderKeyRepository;
  cache: ProviderKeyCache;
  knownProvider(accountId: string, providerId: string): Promise<boolean>;
  /** Ids of configurations whose router names the key (it cannot be deleted while any does). */
  referencingConfigurations(accountId: string, providerKeyId: string): Promise<string[]>;
}

export function registerProviderKeyRoutes(
  app: FastifyInstance,
  dependencies: ProviderKeyRouteDependencies,
): void {
  const { repository, cache, knownProvider } = dependencies;
  const notFound = (id: string) => new TollgateError('not_found', `Provider key ${id} was not found.`);

  registerResourceRoutes(app, {
    names: { collection: '/provider-keys', envelope: 'aiGatewayProviderKeys', noun: 'Provider key' },
    schemas: { create: providerKeyCreateSchema, update: providerKeyUpdateSchema, list: listQuery },
    listFilters: (query) => ({ provider: query.provider }),
    list: (caller, query) => repository.list(caller.accountId, query, query.provider),
    get: (caller, id) => repository.get(caller.accountId, id),
    create: async (caller, input) => {
      if (!(await knownProvider(caller.accountId, input.providerId))) {
        throw new TollgateError('validation_failed', `Unknown provider "${input.providerId}".`, {
          details: { providerId: 'not a built-in or custom provider' },
        });
      }
      const row = await repository.create(caller.accountId, caller.apiKeyId, input);
      await cache.changed(caller.accountId);
      return { row };
    },
    update: async (caller, id, input) => {
      const row = await repository.update(caller.accountId, id, caller.apiKeyId, input);
      if (row) await cache.changed(caller.accountId);
      return row;
    },
    delete: async (caller, id) => {
      const users = await dependencies.referencingConfigurations(caller.accountId, id);
      if (users.length > 0) {
        throw new TollgateError(
          'resource_in_use',
          `Provider key ${id} is used by a router rule of ${users.join(', ')}.`,
          {
            details: { configurations: users.join(',') },
          },
        );
      }
      if (!(await repository.delete(caller.accountId, id))) return false;
      await cache.changed(caller.accountId);
      return true;
    },
    views: (caller) => (row) => providerKeyView(caller, row),
  });

  app.post('/provider-keys/:id/rotate', async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const input = parseInput(providerKeyRotateSchema, request.body);
    const row = await repository.rotate(caller.accountId, id, caller.apiKeyId, input);
    if (!row) throw notFound(id);
    await cache.changed(caller.accountId);
    return providerKeyView(caller, row);
  });
}
