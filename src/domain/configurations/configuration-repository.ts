import type { Kysely } from 'kysely';
import { AccountScoped, type ScopedRecord, scopedRecordOf } from '../../store/account-scoped.js';
import type { Changes } from '../../store/changes.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { AccessKeyConfigurationRow, Database } from '../../store/schema.js';
import { newId } from '../ids.js';
import type { AccessScope, Limits, StoredRouter } from './configuration-schema.js';

export interface ConfigurationFields {
  name: string;
  description: string | null;
  metadata: string | null;
  access: AccessScope | null;
  router: StoredRouter | null;
  limits: Limits | null;
  firewallPolicyId: string | null;
}

/** A configuration as the domain uses it: JSON columns parsed. */
export interface Configuration extends ConfigurationFields, ScopedRecord {}

function fromRow(row: AccessKeyConfigurationRow): Configuration {
  return {
    ...scopedRecordOf(row),
    name: row.name,
    description: row.description,
    metadata: row.metadata,
    access: row.access_json === null ? null : (JSON.parse(row.access_json) as AccessScope),
    router: row.router_json === null ? null : (JSON.parse(row.router_json) as StoredRouter),
    limits: row.limits_json === null ? null : (JSON.parse(row.limits_json) as Limits),
    firewallPolicyId: row.firewall_policy_id,
  };
}

function toColumns(fields: Changes<ConfigurationFields>) {
  const json = (value: unknown) =>
    value === undefined ? undefined : value === null ? null : JSON.stringify(value);
  const columns = {
    name: fields.name,
    description: fields.description,
    metadata: fields.metadata,
    access_json: json(fields.access),
    router_json: json(fields.router),
    limits_json: json(fields.limits),
    firewall_policy_id: fields.firewallPolicyId,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

export class ConfigurationRepository {
  private readonly scoped: AccountScoped<'access_key_configurations'>;

  constructor(private readonly db: Kysely<Database>) {
    this.scoped = new AccountScoped(db, 'access_key_configurations');
  }

  async create(accountId: string, createdBy: string, fields: ConfigurationFields): Promise<Configuration> {
    const row = await this.scoped.insert(newId('aigac'), accountId, createdBy, {
      name: fields.name,
      description: fields.description,
      metadata: fields.metadata,
      access_json: fields.access === null ? null : JSON.stringify(fields.access),
      router_json: fields.router === null ? null : JSON.stringify(fields.router),
      limits_json: fields.limits === null ? null : JSON.stringify(fields.limits),
      firewall_policy_id: fields.firewallPolicyId,
    });
    return fromRow(row);
  }

  async list(accountId: string, page: PageRequest): Promise<Page<Configuration>> {
    const rows = await this.scoped.page(accountId, page);
    return { items: rows.items.map(fromRow), nextBeforeId: rows.nextBeforeId };
  }

  async get(accountId: string, id: string): Promise<Configuration | undefined> {
    const row = await this.scoped.get(accountId, id);
    return row ? fromRow(row) : undefined;
  }

  async names(accountId: string, ids: string[]): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('access_key_configurations')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    fields: Changes<ConfigurationFields>,
  ): Promise<Configuration | undefined> {
    await this.scoped.update(accountId, id, updatedBy, toColumns(fields));
    return this.get(accountId, id);
  }

  /** Refuses (returns 'in-use') while an access key still points at the configuration. */
  async delete(accountId: string, id: string): Promise<'deleted' | 'in-use' | 'not-found'> {
    return this.db.transaction().execute(async (transaction) => {
      const user = await transaction
        .selectFrom('access_keys')
        .select('id')
        .where('account_id', '=', accountId)
        .where('access_key_configuration_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      if (user) return 'in-use';
      const result = await transaction
        .deleteFrom('access_key_configurations')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0 ? 'deleted' : 'not-found';
    });
  }

  /** Configurations whose router names a provider key (a key in use cannot be deleted). */
  async referencingProviderKey(accountId: string, providerKeyId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('access_key_configurations')
      .select(['id', 'router_json'])
      .where('account_id', '=', accountId)
      .where('router_json', 'like', `%${providerKeyId}%`)
      .execute();
    return rows
      .filter((row) => {
        const router = row.router_json === null ? null : (JSON.parse(row.router_json) as StoredRouter);
        return router?.rules.some((rule) =>
          rule.steps.some((step) => step.keys?.some((key) => key.id === providerKeyId)),
        );
      })
      .map((row) => row.id);
  }

  async getById(id: string): Promise<Configuration | undefined> {
    const row = await this.db
      .selectFrom('access_key_configurations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }
}
