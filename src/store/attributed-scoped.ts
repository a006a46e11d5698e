import { AccountScoped, type Row, type ScopedChanges } from './account-scoped.js';

/** Account-scoped tables whose rows keep the fields without a column in `attributes_json`. */
export type AttributedTable = 'custom_providers' | 'virtual_models' | 'firewall_policies';

/** {@link AccountScoped}, with the update that merges into `attributes_json`. */
export class AttributedScoped<Table extends AttributedTable> extends AccountScoped<Table> {
  /**
   * A partial update computed from the stored row (a PATCH of some attributes keeps the others).
   * It is written only if `attributes_json` is still what it was computed from, and computed
   * again if not, so that concurrent PATCHes of different attributes both land on either
   * dialect without a lock. False when the account has no such row.
   */
  async updateFrom(
    accountId: string,
    id: string,
    updatedBy: string,
    columnsFor: (stored: Row<Table>) => ScopedChanges<Table>,
  ): Promise<boolean> {
    for (;;) {
      const stored = await this.get(accountId, id);
      if (!stored) return false;
      const { attributes_json } = stored as Row<AttributedTable>;
      if (await this.update(accountId, id, updatedBy, columnsFor(stored), attributes_json)) return true;
    }
  }
}
