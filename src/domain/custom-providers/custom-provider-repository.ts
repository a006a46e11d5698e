import type { Kysely } from 'kysely';
import { AccountScoped } from '../../store/account-scoped.js';
import type { Changes } from '../../store/changes.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { CustomProviderRow, Database } from '../../store/schema.js';
import { newId } from '../ids.js';
import { configurationReferences } from './configuration-references.js';
import type { ProviderModel, SupportedApiSurface } from './custom-provider-input.js';
import { writeModels, writeSurfaces } from './stored-columns.js';

/** A validated provider, as the service hands it over (base URL already checked). */
export interface CustomProviderFields {
  providerId: string;
  name: string;
  baseUrl: string;
  metadata: string | null;
  supportedApiSurfaces: readonly SupportedApiSurface[];
  models: readonly ProviderModel[];
}

/** Column changes of a PATCH: undefined leaves a column alone. providerId is immutable. */
export type CustomProviderChanges = Changes<Omit<CustomProviderFields, 'providerId'>>;

/** What still points at a provider (ids, for the 409's details). */
export interface ProviderReferences {
  providerKeyIds: string[];
  configurationIds: string[];
}

/** Custom providers per account. Every query is scoped to the account: another's reads as missing. */
export class CustomProviderRepository {
  private readonly scoped: AccountScoped<'custom_providers'>;

  constructor(private readonly db: Kysely<Database>) {
    this.scoped = new AccountScoped(db, 'custom_providers');
  }

  /** Throws the database's unique violation when the account already has this providerId. */
  create(accountId: string, createdBy: string, fields: CustomProviderFields): Promise<CustomProviderRow> {
    return this.scoped.insert(newId('aigp'), accountId, createdBy, {
      provider_id: fields.providerId,
      name: fields.name,
      base_url: fields.baseUrl,
      metadata: fields.metadata,
      supported_api_surfaces_json: writeSurfaces(fields.supportedApiSurfaces),
      models_json: writeModels(fields.models),
    });
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
    const columns: Partial<CustomProviderRow> = {};
    if (changes.name !== undefined) columns.name = changes.name;
    if (changes.baseUrl !== undefined) columns.base_url = changes.baseUrl;
    if (changes.metadata !== undefined) columns.metadata = changes.metadata;
    if (changes.supportedApiSurfaces !== undefined) {
      columns.supported_api_surfaces_json = writeSurfaces(changes.supportedApiSurfaces);
    }
    if (changes.models !== undefined) columns.models_json = writeModels(changes.models);
    await this.scoped.update(accountId, id, updatedBy, columns);
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
