import type { FastifyInstance } from 'fastify';
import type { InvalidationBus } from '../../domain/invalidation/invalidation-bus.js';
import type { TokenKeyRepository } from '../../domain/token-key-repository.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { AccessKeyRow } from '../../store/schema.js';
import { byAccount, registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, ref, tokenKeyFields } from '../resource-views.js';
import {
  type AccessKey,
  accessKeyCreateSchema,
  accessKeyUpdateSchema,
} from '../schemas/token-key-schemas.js';

/** Finds a configuration's name for an access key's `accessKeyConfiguration` reference. */
export type ConfigurationNames = (accountId: string, ids: string[]) => Promise<Map<string, string>>;

export function accessKeyView(
  caller: AdminCaller,
  row: AccessKeyRow,
  configurationName: string | undefined,
): AccessKey {
  const configurationId = row.access_key_configuration_id;
  return {
    ...tokenKeyFields(caller, 'access-keys', row),
    accessKeyConfiguration:
      configurationId === null
        ? null
        : { ...ref(caller, 'access-key-configurations', configurationId), name: configurationName ?? '' },
  };
}

export function registerAccessKeyRoutes(
  app: FastifyInstance,
  repository: TokenKeyRepository<'access_keys', AccessKeyRow>,
  bus: InvalidationBus,
  configurationNames: ConfigurationNames,
): void {
  const requireConfiguration = async (caller: AdminCaller, id: string | null | undefined) => {
    if (!id) return;
    const names = await configurationNames(caller.accountId, [id]);
    if (!names.has(id)) {
      throw new TollgateError('validation_failed', `Access key configuration ${id} was not found.`, {
        details: { accessKeyConfigurationId: 'not found' },
      });
    }
  };

  registerResourceRoutes(app, {
    names: { collection: '/access-keys', envelope: 'aiGatewayAccessKeys', noun: 'Access key' },
    schemas: { create: accessKeyCreateSchema, update: accessKeyUpdateSchema },
    ...byAccount(repository),
    create: async (caller, { accessKeyConfigurationId, ...labels }) => {
      await requireConfiguration(caller, accessKeyConfigurationId);
      return repository.create(caller.accountId, caller.apiKeyId, {
        ...labels,
        access_key_configuration_id: accessKeyConfigurationId ?? null,
      });
    },
    update: async (caller, id, { accessKeyConfigurationId, ...labels }) => {
      await requireConfiguration(caller, accessKeyConfigurationId);
      const row = await repository.update(caller.accountId, id, caller.apiKeyId, {
        ...labels,
        access_key_configuration_id: accessKeyConfigurationId,
      });
      // A new configuration takes effect on the key's next request, on every instance.
      if (row) await bus.publish({ kind: 'access-key', key: row.public_id });
      return row;
    },
    delete: async (caller, id) => {
      const row = await repository.delete(caller.accountId, id);
      if (row) await bus.publish({ kind: 'access-key', key: row.public_id });
      return row !== undefined;
    },
    /** The configurations the rows link to, named in one query. */
    views: async (caller, rows) => {
      const ids = [...new Set(rows.flatMap((row) => row.access_key_configuration_id ?? []))];
      const names =
        ids.length > 0 ? await configurationNames(caller.accountId, ids) : new Map<string, string>();
      return (row) => accessKeyView(caller, row, names.get(row.access_key_configuration_id ?? ''));
    },
  });
}
