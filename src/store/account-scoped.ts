import type { Kysely, Selectable } from 'kysely';
import type { Changes } from './changes.js';
import { nowIso, type Page, type PageRequest, toPage } from './paging.js';
import type { Database } from './schema.js';

/** Tables whose rows belong to one account and are addressed by (account_id, id). */
export type AccountScopedTable =
  | 'api_keys'
  | 'access_keys'
  | 'provider_keys'
  | 'custom_providers'
  | 'virtual_models'
  | 'access_key_configurations'
  | 'firewall_policies';

export type Row<Table extends AccountScopedTable> = Selectable<Database[Table]>;

/** What a record of an account-scoped table carries beside its own fields, as the domain names it. */
export interface ScopedRecord {
  id: string;
  accountId: string;
  createdBy: string;
  lastUpdatedBy: string;
  createdAt: string;
  updatedAt: string;
}

/** {@link ScopedRecord} read from a row's columns. */
export function scopedRecordOf(row: {
  id: string;
  account_id: string;
  created_by: string;
  last_updated_by: string;
  created_at: string;
  updated_at: string;
}): ScopedRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    createdBy: row.created_by,
    lastUpdatedBy: row.last_updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns a new row gets from {@link AccountScoped.insert}: its id, its account and its audit. */
export type NewRowColumns =
  | 'id'
  | 'account_id'
  | 'created_by'
  | 'last_updated_by'
  | 'created_at'
  | 'updated_at';

/** Columns an update may set (never the keys). */
export type ScopedChanges<Table extends AccountScopedTable> = Changes<Omit<Row<Table>, 'id' | 'account_id'>>;

/**
 * The queries every account-scoped resource shares: a page newest first, one row, a delete.
 * Each is scoped to the account, so another account's row reads as missing. Kysely types one
 * table at a time, so the shared columns (`account_id`, `id`) are queried through one table's
 * type and the rows are typed back to the table asked for.
 */
export class AccountScoped<Table extends AccountScopedTable> {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: Table,
  ) {}

  /**
   * Inserts a new row with its id, account and audit columns (made by `createdBy`, now); returns
   * it as stored. The id is the caller's (its prefix names the resource, which the domain knows).
   */
  async insert(
    id: string,
    accountId: string,
    createdBy: string,
    columns: Omit<Row<Table>, NewRowColumns>,
  ): Promise<Row<Table>> {
    const now = nowIso();
    const row = {
      ...columns,
      id,
      account_id: accountId,
      created_by: createdBy,
      last_updated_by: createdBy,
      created_at: now,
      updated_at: now,
    } as unknown as Row<Table>;
    await this.db
      .insertInto(this.table as 'provider_keys')
      .values(row as Row<'provider_keys'>)
      .execute();
    return row;
  }

  /** `providerId` narrows to one provider (tables with a `provider_id` column only). */
  async page(accountId: string, page: PageRequest, providerId?: string): Promise<Page<Row<Table>>> {
    let query = this.db
      .selectFrom(this.table as 'provider_keys')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.beforeId) query = query.where('id', '<', page.beforeId);
    if (providerId !== undefined) query = query.where('provider_id', '=', providerId);
    return toPage((await query.execute()) as unknown as Array<Row<Table> & { id: string }>, page.limit);
  }

  async get(accountId: string, id: string): Promise<Row<Table> | undefined> {
    const row = await this.db
      .selectFrom(this.table as 'provider_keys')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row as unknown as Row<Table> | undefined;
  }

  /**
   * A partial update with the audit columns: an undefined value leaves its column alone, null
   * clears it. With `attributesWere`, only while the row's `attributes_json` still holds that text
   * (tables that have the column). False when no row was written: none of the account's, or its
   * attributes changed meanwhile. Callers read the row back through their own `get` (some map it).
   */
  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    columns: ScopedChanges<Table>,
    attributesWere?: string,
  ): Promise<boolean> {
    const defined = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
    let query = this.db
      .updateTable(this.table as 'virtual_models')
      .set({ ...defined, last_updated_by: updatedBy, updated_at: nowIso() })
      .where('account_id', '=', accountId)
      .where('id', '=', id);
    if (attributesWere !== undefined) query = query.where('attributes_json', '=', attributesWere);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom(this.table as 'provider_keys')
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

/** Tables of keys whose `lastUsed` is recorded. */
export type KeyTable = 'api_keys' | 'access_keys' | 'provider_keys';

/** Writes a batch of "key X was last used at T" (LastUsedTracker's flush). */
export async function touchLastUsed(
  db: Kysely<Database>,
  table: KeyTable,
  entries: ReadonlyMap<string, string>,
): Promise<void> {
  for (const [id, lastUsed] of entries) {
    await db
      .updateTable(table as 'access_keys')
      .set({ last_used: lastUsed })
      .where('id', '=', id)
      .execute();
  }
}
