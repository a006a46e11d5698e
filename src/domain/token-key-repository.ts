import type { Kysely } from 'kysely';
import { AccountScoped, type ScopedChanges, touchLastUsed } from '../store/account-scoped.js';
import type { Changes } from '../store/changes.js';
import { nowIso, type Page, type PageRequest } from '../store/paging.js';
import type { AccessKeyRow, ApiKeyRow, Database } from '../store/schema.js';
import { newId } from './ids.js';
import { describeToken, mintToken, type ParsedToken, type TokenKind } from './tokens.js';

/**
 * API keys and access keys are both "a token with a label": one repository serves both tables.
 * Kysely needs one concrete table type for shared columns, hence the narrowing cast below; both
 * tables declare the same TokenColumns.
 */
export type TokenTable = 'api_keys' | 'access_keys';
type SharedRow = ApiKeyRow | AccessKeyRow;

const tokenKindOf: Record<TokenTable, TokenKind> = { api_keys: 'tgapi', access_keys: 'tg' };
const idPrefixOf = { api_keys: 'aigapi', access_keys: 'aigk' } as const;

export interface LabelFields {
  name?: string | null | undefined;
  description?: string | null | undefined;
  metadata?: string | null | undefined;
}

export interface CreatedTokenKey<Row> {
  row: Row;
  token: string;
}

export class TokenKeyRepository<Table extends TokenTable, Row extends SharedRow> {
  private readonly scoped: AccountScoped<Table>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly table: Table,
  ) {
    this.scoped = new AccountScoped(db, table);
  }

  /** Inserts a key; `given` registers an existing token (bootstrap) instead of minting one. */
  async create(
    accountId: string,
    createdBy: string | undefined,
    fields: LabelFields & Omit<Row, keyof SharedRow | 'id'> & Changes<Row>,
    given?: ParsedToken,
  ): Promise<CreatedTokenKey<Row>> {
    const minted = given ? describeToken(given) : mintToken(tokenKindOf[this.table]);
    const id = newId(idPrefixOf[this.table]);
    const now = nowIso();
    const row = {
      ...fields,
      id,
      account_id: accountId,
      public_id: minted.publicId,
      secret_hash: minted.secretHash,
      key_redacted: minted.keyRedacted,
      name: fields.name ?? null,
      description: fields.description ?? null,
      metadata: fields.metadata ?? null,
      created_by: createdBy ?? id,
      last_updated_by: createdBy ?? id,
      created_at: now,
      updated_at: now,
      last_used: null,
    } as unknown as Row;
    await this.db
      .insertInto(this.table as 'access_keys')
      .values(row as AccessKeyRow)
      .execute();
    return { row, token: minted.token };
  }

  async list(accountId: string, page: PageRequest): Promise<Page<Row>> {
    return (await this.scoped.page(accountId, page)) as Page<Row>;
  }

  async get(accountId: string, id: string): Promise<Row | undefined> {
    return (await this.scoped.get(accountId, id)) as Row | undefined;
  }

  async findByPublicId(publicId: string): Promise<Row | undefined> {
    return (await this.db
      .selectFrom(this.table as 'access_keys')
      .selectAll()
      .where('public_id', '=', publicId)
      .executeTakeFirst()) as Row | undefined;
  }

  /** Partial update: undefined leaves a column alone, null clears it. */
  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    changes: Changes<Omit<Row, 'id' | 'account_id'>>,
  ): Promise<Row | undefined> {
    // Row is this table's row type; TypeScript cannot see that through the two generics.
    await this.scoped.update(accountId, id, updatedBy, changes as ScopedChanges<Table>);
    return this.get(accountId, id);
  }

  /** Returns the deleted row (its public id is needed to revoke caches), or undefined. */
  async delete(accountId: string, id: string): Promise<Row | undefined> {
    const row = await this.get(accountId, id);
    if (!row || !(await this.scoped.delete(accountId, id))) return undefined;
    return row;
  }

  touchLastUsed(entries: ReadonlyMap<string, string>): Promise<void> {
    return touchLastUsed(this.db, this.table, entries);
  }
}
