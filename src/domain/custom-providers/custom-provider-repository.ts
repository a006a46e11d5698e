import type { Kysely } from 'kysely';
import { AttributedScoped } from '../../store/attributed-scoped.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { CustomProviderRow, Database } from '../../store/schema.js';
import { newId } from '../ids.js';
import { configurationReferences } from './configuration-references.js';
import { customProviderFields } from './custom-provider-columns.js';
import type { CustomProviderCreate, CustomProviderUpdate } from './custom-provider-input.js';

/** A PATCH as the service hands it over: base URL checked, providerId (immutable) left out. */
export type CustomProviderChanges = Omit<CustomProviderUpdate, 'providerId'>;

/** What still points at a provider (ids, for the 409's details). */
export interface ProviderReferences {
  providerKeyIds: string[];
  configurationIds: string[];
}

/** Custom providers per account. Every query is scoped to the account: another's reads as missing. */
export class CustomProviderRepository {
  private readonly scoped: AttributedScoped<'custom_providers'>;

  constructor(private readonly db: Kysely<Database>) {
    this.scoped = new AttributedScoped(db, 'custom_providers');
  }

  /**
   * `fields` as the service checked them (base URL included). Throws the database's unique
   * violation when the account already has this providerId.
   */
  create(accountId: string, createdBy: string, fields: CustomProviderCreate): Promise<CustomProviderRow> {
    return this.scoped.insert(
      newId('aigp'),
      accountId,
      createdBy,
      customProviderFields.insertColumns(fields),
    );
  }

  async list(accountId: string, page: PageRequest): Promise<Page<CustomProviderRow>> {
    return this.scoped.page(accountId, page);
  }

  /** Every provider of the account in creation order (for the directory's cache; accounts have few). */
  async listAll(accountId: string): Promise<CustomProviderRow[]> {
    return this.db
      .selectFrom('custom_providers')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('id', 'asc')
      .execute();
  }

  async get(accountId: string, id: string): Promise<CustomProviderRow | undefined> {
    return this.scoped.get(accountId, id);
  }

  async findByProviderId(accountId: string, providerId: string): Promise<CustomProviderRow | undefined> {
    return this.db
      .selectFrom('custom_providers')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('provider_id', '=', providerId)
      .executeTakeFirst();
  }

  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    changes: CustomProviderChanges,
  ): Promise<CustomProviderRow | undefined> {
    await this.scoped.updateFrom(accountId, id, updatedBy, (stored) =>
      customProviderFields.updateColumns(changes, stored),
    );
    return this.get(accountId, id);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    return this.scoped.delete(accountId, id);
  }

  /**
   * Provider keys for this provider id, and configurations that name it. The LIKE only narrows
   * the rows to parse (`_` in an id is a LIKE wildcard, which just widens it); the JSON walk decides.
   */
  async references(accountId: string, providerId: string): Promise<ProviderReferences> {
    const keys = await this.db
      .selectFrom('provider_keys')
      .select('id')
      .where('account_id', '=', accountId)
      .where('provider_id', '=', providerId)
      .orderBy('id', 'asc')
      .execute();
    const pattern = `%${providerId}%`;
    const configurations = await this.db
      .selectFrom('access_key_configurations')
      .select(['id', 'access_json', 'router_json'])
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('access_json', 'like', pattern), eb('router_json', 'like', pattern)]))
      .orderBy('id', 'asc')
      .execute();
    return {
      providerKeyIds: keys.map((key) => key.id),
      configurationIds: configurations
        .filter((configuration) => configurationReferences(configuration, providerId))
        .map((configuration) => configuration.id),
    };
  }
}

/** SQLite and Postgres report a unique-constraint violation differently. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
