import type { Kysely } from 'kysely';
import { type ScopedRecord, scopedRecordOf } from '../../store/account-scoped.js';
import { AttributedScoped } from '../../store/attributed-scoped.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { Database, FirewallPolicyRow } from '../../store/schema.js';
import { newId } from '../ids.js';
import { firewallPolicyFields } from './firewall-policy-columns.js';
import type { FirewallPolicyCreate, FirewallPolicyUpdate } from './firewall-policy-schema.js';

/** A policy as the domain uses it: its spec's fields, rules parsed. */
export type FirewallPolicy = FirewallPolicyCreate & ScopedRecord;

function fromRow(row: FirewallPolicyRow): FirewallPolicy {
  return { ...scopedRecordOf(row), ...firewallPolicyFields.read(row) };
}

/** Firewall policies per account; another account's policy reads as missing. */
export class FirewallPolicyRepository {
  private readonly scoped: AttributedScoped<'firewall_policies'>;

  constructor(private readonly db: Kysely<Database>) {
    this.scoped = new AttributedScoped(db, 'firewall_policies');
  }

  async create(accountId: string, createdBy: string, fields: FirewallPolicyCreate): Promise<FirewallPolicy> {
    const row = await this.scoped.insert(
      newId('aigfp'),
      accountId,
      createdBy,
      firewallPolicyFields.insertColumns(fields),
    );
    return fromRow(row);
  }

  async list(accountId: string, page: PageRequest): Promise<Page<FirewallPolicy>> {
    const rows = await this.scoped.page(accountId, page);
    return { items: rows.items.map(fromRow), nextBeforeId: rows.nextBeforeId };
  }

  async get(accountId: string, id: string): Promise<FirewallPolicy | undefined> {
    const row = await this.scoped.get(accountId, id);
    return row ? fromRow(row) : undefined;
  }

  /** For the gateway's cache: the policy a configuration names, whatever the account. */
  async getById(id: string): Promise<FirewallPolicy | undefined> {
    const row = await this.db
      .selectFrom('firewall_policies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    changes: FirewallPolicyUpdate,
  ): Promise<FirewallPolicy | undefined> {
    await this.scoped.updateFrom(accountId, id, updatedBy, (stored) =>
      firewallPolicyFields.updateColumns(changes, stored),
    );
    return this.get(accountId, id);
  }

  /** Refuses (returns the configurations' ids) while a configuration still attaches the policy. */
  async delete(accountId: string, id: string): Promise<'deleted' | 'not-found' | string[]> {
    return this.db.transaction().execute(async (transaction) => {
      const users = await transaction
        .selectFrom('access_key_configurations')
        .select('id')
        .where('account_id', '=', accountId)
        .where('firewall_policy_id', '=', id)
        .orderBy('id', 'asc')
        .execute();
      if (users.length > 0) return users.map((user) => user.id);
      const result = await transaction
        .deleteFrom('firewall_policies')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0 ? 'deleted' : 'not-found';
    });
  }
}
