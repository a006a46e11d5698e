import type { VirtualModelRow } from '../../store/schema.js';
import { InvalidatedCache } from '../invalidation/invalidated-cache.js';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import { readTargets } from './virtual-model-columns.js';
import type { VirtualModelRepository } from './virtual-model-repository.js';

/** A virtual model as the gateway resolves it. */
export interface VirtualModel {
  id: string;
  /** As its owner wrote it (usage events and `/v1/models` show this spelling). */
  name: string;
  /** Model addresses, in the order they are tried. */
  targets: readonly string[];
}

/** An account's virtual models by lower-cased name. */
type AccountVirtualModels = ReadonlyMap<string, VirtualModel>;

function toVirtualModel(row: VirtualModelRow): VirtualModel {
  return { id: row.id, name: row.name, targets: readTargets(row).map((target) => target.model) };
}

/**
 * The gateway's view of virtual models: one in-memory map per account, read without a query on
 * nearly every request, dropped on every instance by the invalidation bus when the account's
 * virtual models change (so an edit applies on the next request).
 */
export class VirtualModelDirectory {
  private readonly cache: InvalidatedCache<AccountVirtualModels>;

  constructor(
    private readonly repository: VirtualModelRepository,
    private readonly bus: InvalidationBus,
  ) {
    this.cache = new InvalidatedCache(bus, { kind: 'virtual-models' });
  }

  /**
   * The account's virtual model called `name` (any case). A name with a colon is a
   * `provider:model` address and never a virtual model, so it costs no lookup at all.
   */
  async find(accountId: string, name: string): Promise<VirtualModel | undefined> {
    if (name.includes(':')) return undefined;
    const models = this.cache.cached(accountId) ?? (await this.load(accountId));
    return models.get(name.toLowerCase());
  }

  /** Every virtual model of the account, in creation order (for `/v1/models`). */
  async all(accountId: string): Promise<VirtualModel[]> {
    return [...(await this.load(accountId)).values()];
  }

  /** Called after any write to an account's virtual models: here at once, elsewhere through the bus. */
  async changed(accountId: string): Promise<void> {
    await this.bus.publish({ kind: 'virtual-models', key: accountId });
  }

  private load(accountId: string): Promise<AccountVirtualModels> {
    return this.cache.get(accountId, async (): Promise<AccountVirtualModels> => {
      const rows = await this.repository.listAll(accountId);
      return new Map(rows.map((row) => [row.name_key, toVirtualModel(row)]));
    });
  }
}
