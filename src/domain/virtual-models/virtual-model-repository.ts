import type { Kysely } from 'kysely';
import { AttributedScoped } from '../../store/attributed-scoped.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { Database, VirtualModelRow } from '../../store/schema.js';
import { newId } from '../ids.js';
import { virtualModelFields } from './virtual-model-columns.js';
import type { VirtualModelCreate, VirtualModelUpdate } from './virtual-model-input.js';

/** Virtual models per account. Every query is scoped to the account: another's reads as missing. */
export class VirtualModelRepository {
  private readonly scoped: AttributedScoped<'virtual_models'>;

  constructor(private readonly db: Kysely<Database>) {
    this.scoped = new AttributedScoped(db, 'virtual_models');
  }

  /** Throws the database's unique violation when the account already has this name (any case). */
  create(accountId: string, createdBy: string, fields: VirtualModelCreate): Promise<VirtualModelRow> {
    return this.scoped.insert(newId('aigvm'), accountId, createdBy, virtualModelFields.insertColumns(fields));
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

  /** Undefined when the account has no such virtual model; throws as create does on a taken name. */
  async update(
    accountId: string,
    id: string,
    updatedBy: string,
    changes: VirtualModelUpdate,
  ): Promise<VirtualModelRow | undefined> {
    await this.scoped.updateFrom(accountId, id, updatedBy, (stored) =>
      virtualModelFields.updateColumns(changes, stored),
    );
    return this.get(accountId, id);
  }

  delete(accountId: string, id: string): Promise<boolean> {
    return this.scoped.delete(accountId, id);
  }
}
