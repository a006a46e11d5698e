import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { InvalidationBus } from '../../domain/invalidation/invalidation-bus.js';
import type { TokenKeyRepository } from '../../domain/token-key-repository.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { AccessKeyRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { labelCreate, labelUpdate, pageQuery } from '../resource-schemas.js';
import { type AdminCaller, auditRefs, listEnvelope, optionalFields, ref } from '../resource-views.js';
import { parseInput } from '../validation.js';

/** Finds a configuration's name for an access key's `accessKeyConfiguration` reference. */
export type ConfigurationNames = (accountId: string, ids: string[]) => Promise<Map<string, string>>;

const createSchema = z.strictObject({
  ...labelCreate,
  accessKeyConfigurationId: z.string().min(1).optional(),
});
const updateSchema = z.strictObject({
  ...labelUpdate,
  accessKeyConfigurationId: z.string().min(1).nullable().optional(),
});
const idParams = z.object({ id: z.string() });

export function accessKeyView(caller: AdminCaller, row: AccessKeyRow, configurationName: string | undefined) {
  const configurationId = row.access_key_configuration_id;
  return {
    id: row.id,
    uri: `${caller.baseUrl}/access-keys/${row.id}`,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...auditRefs(caller, row),
    keyRedacted: row.key_redacted,
    ...optionalFields({ name: row.name, description: row.description, metadata: row.metadata }),
    lastUsed: row.last_used,
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
  const view = async (caller: AdminCaller, rows: AccessKeyRow[]) => {
    const ids = [...new Set(rows.flatMap((row) => row.access_key_configuration_id ?? []))];
    const names =
      ids.length > 0 ? await configurationNames(caller.accountId, ids) : new Map<string, string>();
    return (row: AccessKeyRow) =>
      accessKeyView(caller, row, names.get(row.access_key_configuration_id ?? ''));
  };
  const requireConfiguration = async (caller: AdminCaller, id: string | null | undefined) => {
    if (!id) return;
    const names = await configurationNames(caller.accountId, [id]);
    if (!names.has(id)) {
      throw new TollgateError('validation_failed', `Access key configuration ${id} was not found.`, {
        details: { accessKeyConfigurationId: 'not found' },
      });
    }
  };

  app.get('/access-keys', async (request) => {
    const caller = callerOf(request);
    const query = parseInput(pageQuery, request.query);
    const page = await repository.list(caller.accountId, query);
    return listEnvelope(
      caller,
      '/access-keys',
      'aiGatewayAccessKeys',
      page,
      query.limit,
      await view(caller, page.items),
    );
  });

  app.post('/access-keys', async (request, reply) => {
    const caller = callerOf(request);
    const input = parseInput(createSchema, request.body);
    await requireConfiguration(caller, input.accessKeyConfigurationId);
    const { accessKeyConfigurationId, ...labels } = input;
    const { row, token } = await repository.create(caller.accountId, caller.apiKeyId, {
      ...labels,
      access_key_configuration_id: accessKeyConfigurationId ?? null,
    });
    reply.code(201);
    return { ...(await view(caller, [row]))(row), token };
  });

  app.get('/access-keys/:id', async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await repository.get(caller.accountId, id);
    if (!row) throw new TollgateError('not_found', `Access key ${id} was not found.`);
    return (await view(caller, [row]))(row);
  });

  app.patch('/access-keys/:id', async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const input = parseInput(updateSchema, request.body);
    await requireConfiguration(caller, input.accessKeyConfigurationId);
    const { accessKeyConfigurationId, ...labels } = input;
    const row = await repository.update(caller.accountId, id, caller.apiKeyId, {
      ...labels,
      access_key_configuration_id: accessKeyConfigurationId,
    });
    if (!row) throw new TollgateError('not_found', `Access key ${id} was not found.`);
    // A new configuration takes effect on the key's next request, on every instance.
    await bus.publish({ kind: 'access-key', key: row.public_id });
    return (await view(caller, [row]))(row);
  });

  app.delete('/access-keys/:id', async (request, reply) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const row = await repository.delete(caller.accountId, id);
    if (!row) throw new TollgateError('not_found', `Access key ${id} was not found.`);
    await bus.publish({ kind: 'access-key', key: row.public_id });
    reply.code(204).send();
  });
}
