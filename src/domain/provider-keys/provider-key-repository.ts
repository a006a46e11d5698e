import type { Kysely } from 'kysely';
import { AccountScoped, touchLastUsed } from '../../store/account-scoped.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { Database, ProviderKeyRow } from '../../store/schema.js';
import { newId } from '../ids.js';
import { redactProviderKey, type SecretBox } from '../secret-box.js';

export interface ProviderKeyInput {
  providerId: string;
  name: string;
  value: string;
  description?: string | null | undefined;
  metadata?: string | null | undefined;
}

/** A provider key ready to use upstream: the plaintext exists only in memory, never in a response. */
export interface UsableProviderKey {
  id: string;
  name: string;
  providerId: string;
  value: string;
  /** `first10***last4`: how usage events name the key (`providerKeyDisplayName`). */
  redacted: string;
}

export class ProviderKeyRepository {
  private readonly scoped: AccountScoped<'provider_keys'>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly secretBox: SecretBox,
  ) {
    this.scoped = new AccountScoped(db, 'provider_keys');
  }

  create(accountId: string, createdBy: string, input: ProviderKeyInput): Promise<ProviderKeyRow> {
    return this.scoped.insert(newId('aigpk'), accountId, createdBy, {
      provider_id: input.providerId,
      name: input.name,
      description: input.description ?? null,
      metadata: input.metadata ?? null,
      value_sealed: this.secretBox.seal(input.value),
      key_redacted: redactProviderKey(input.value),
      last_used: null,
    });
  }

  async list(accountId: string, page: PageRequest, providerId?: string): Promise<Page<ProviderKeyRow>> {
    return this.scoped.page(accountId, page, providerId);
  }

  async get(accountId: string, id: string): Promise<ProviderKeyRow | undefined> {
    return this.scoped.get(accountId, id);
  }

  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    changes: {
      name?: string | undefined;
      description?: string | null | undefined;
      metadata?: string | null | undefined;
    },
  ): Promise<ProviderKeyRow | undefined> {
    await this.scoped.update(accountId, id, updatedBy, changes);
    return this.get(accountId, id);
  }

  /** A new value under the same id, so configurations that name the key keep working. */
  async rotate(
    accountId: string,
    id: string,
    updatedBy: string,
    input: { name: string; value: string },
  ): Promise<ProviderKeyRow | undefined> {
    await this.scoped.update(accountId, id, updatedBy, {
      name: input.name,
      value_sealed: this.secretBox.seal(input.value),
      key_redacted: redactProviderKey(input.value),
    });
    return this.get(accountId, id);
  }

  /** Name and redacted form of the given keys, for views that name them (one query). */
  async labels(
    accountId: string,
    ids: string[],
  ): Promise<Map<string, { name: string; keyRedacted: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('provider_keys')
      .select(['id', 'name', 'key_redacted'])
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [row.id, { name: row.name, keyRedacted: row.key_redacted }]));
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    return this.scoped.delete(accountId, id);
  }

  /** The account's keys for one provider in creation order (the default failover order). */
  async usableKeysFor(accountId: string, providerId: string): Promise<UsableProviderKey[]> {
    const rows = await this.db
      .selectFrom('provider_keys')
      .select(['id', 'name', 'provider_id', 'value_sealed', 'key_redacted'])
      .where('account_id', '=', accountId)
      .where('provider_id', '=', providerId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      providerId: row.provider_id,
      value: this.secretBox.open(row.value_sealed),
      redacted: row.key_redacted,
    }));
  }

  async providersWithKeys(accountId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('provider_keys')
      .select('provider_id')
      .distinct()
      .where('account_id', '=', accountId)
      .execute();
    return new Set(rows.map((row) => row.provider_id));
  }

  touchLastUsed(entries: ReadonlyMap<string, string>): Promise<void> {
    return touchLastUsed(this.db, 'provider_keys', entries);
  }
}
