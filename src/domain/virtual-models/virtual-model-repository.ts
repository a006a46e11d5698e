import type { Kysely } from 'kysely';
import { AccountScoped } from '../../store/account-scoped.js';
import type { Changes } from '../../store/changes.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { Database, VirtualModelRow } from '../../store/schema.js';
import { newId } from '../ids.js';
import type { VirtualModelTarget } from './virtual-model-input.js';

export interface VirtualModelFields {
  name: string;
  description: string | null;
  targets: readonly VirtualModelTarget[];
}

/** Column changes of a PATCH: undefined leaves a column alone. */
export type VirtualModelChanges = Changes<VirtualModelFields>;

/** The stored targets, in order. */
export function readTargets(row: VirtualModelRow): VirtualModelTarget[] {
  const parsed: unknown = JSON.parse(row.targets_json);
  return Array.isArray(parsed) ? (parsed as VirtualModelTarget[]) : [];
}

/** Virtual models per account. Every query is scoped to the account: another's reads as missing. */
export class VirtualModelRepository {
  private readonly scoped: AccountScoped<'virtual_models'>;

  constructor(private readonly db: Kysely<Database>) {
    this.scoped = new AccountScoped(db, 'virtual_models');
  }

  /** Throws the database's unique violation when the account already has this name (any case). */
  create(accountId: string, createdBy: string, fields: VirtualModelFields): Promise<VirtualModelRow> {
    return this.scoped.insert(newId('aigvm'), accountId, createdBy, {
      name: fields.name,
      name_key: fields.name.toLowerCase(),
      description: fields.description,
      targets_json: JSON.stringify(fields.targets),
    });
  }

  list(accountId: string, page: PageRequest): Promise<Page<VirtualModelRow>> {
    return this.scoped.page(accountId, page);
  }

  /** Every virtual model of the account (for the gateway's map; accounts have few). */
  listAll(accountId: string): Promise<VirtualModelRow[]> {
    return this.db
      .selectFrom('virtual_models')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('id', 'asc')
      .execute();
  }

  get(accountId: string, id: string): Promise<VirtualModelRow | undefined> {
    return this.scoped.get(accountId, id);
  }

  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    changes: VirtualModelChanges,
  ): Promise<VirtualModelRow | undefined> {
    const columns: Partial<VirtualModelRow> = {};
    if (changes.name !== undefined) {
      columns.name = changes.name;
      columns.name_key = changes.name.toLowerCase();
    }
    if (changes.description !== undefined) columns.description = changes.description;
    if (changes.targets !== undefined) columns.targets_json = JSON.stringify(changes.targets);
    await this.scoped.update(accountId, id, updatedBy, columns);
    return this.get(accountId, id);
  }

  delete(accountId: string, id: string): Promise<boolean> {
    return this.scoped.delete(accountId, id);
  }
}
