import type { Kysely } from 'kysely';
import { AccountScoped, type ScopedRecord, scopedRecordOf } from '../../store/account-scoped.js';
import type { Changes } from '../../store/changes.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { Database, FirewallPolicyRow } from '../../store/schema.js';
import { newId } from '../ids.js';
import type { FirewallMode, FirewallRule } from './firewall-policy-schema.js';

export interface FirewallPolicyFields {
  name: string;
  description: string | null;
  mode: FirewallMode;
  rules: FirewallRule[];
}

/** A policy as the domain uses it: rules parsed. */
export interface FirewallPolicy extends FirewallPolicyFields, ScopedRecord {}

function fromRow(row: FirewallPolicyRow): FirewallPolicy {
  return {
    ...scopedRecordOf(row),
    name: row.name,
    description: row.description,
    mode: row.mode as FirewallMode,
    rules: JSON.parse(row.rules_json) as FirewallRule[],
  };
}

/** Firewall policies per account; another account's policy reads as missing. */
export class FirewallPolicyRepository {
  private readonly scoped: AccountScoped<'firewall_policies'>;

  constructor(private readonly db: Kysely<Database>) {
    this.scoped = new AccountScoped(db, 'firewall_policies');
  }

  async create(accountId: string, createdBy: string, fields: FirewallPolicyFields): Promise<FirewallPolicy> {
    const row = await this.scoped.insert(newId('aigfp'), accountId, createdBy, {
      name: fields.name,
      description: fields.description,
      mode: fields.mode,
      rules_json: JSON.stringify(fields.rules),
    });
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
    fields: Changes<FirewallPolicyFields>,
  ): Promise<FirewallPolicy | undefined> {
    await this.scoped.update(accountId, id, updatedBy, {
      name: fields.name,
      description: fields.description,
      mode: fields.mode,
      rules_json: fields.rules === undefined ? undefined : JSON.stringify(fields.rules),
    });
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
