import { TollgateError } from '../../errors/tollgate-error.js';
import type { CatalogIndex } from '../../providers/catalog/catalog-index.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { VirtualModelRow } from '../../store/schema.js';
import { isUniqueViolation } from '../custom-providers/custom-provider-repository.js';
import { parseModelAddress } from '../routing/model-address.js';
import type { VirtualModelDirectory } from './virtual-model-directory.js';
import type { VirtualModelCreate, VirtualModelTarget, VirtualModelUpdate } from './virtual-model-input.js';
import type { VirtualModelRepository } from './virtual-model-repository.js';

export interface VirtualModelServiceOptions {
  repository: VirtualModelRepository;
  directory: VirtualModelDirectory;
  /** The catalog in force (it can be reloaded, so it is asked each time). */
  catalog(): CatalogIndex;
  /** Whether the account has a custom provider with this id. */
  hasCustomProvider(accountId: string, providerId: string): Promise<boolean>;
}

/**
 * The rules of `/virtual-models` beyond field shapes: a name that is neither a catalog model nor
 * another virtual model of the account, and targets the gateway could resolve. Every write tells
 * the directory, so the gateway sees it on the next request on every instance.
 */
export class VirtualModelService {
  constructor(private readonly options: VirtualModelServiceOptions) {}

  list(accountId: string, page: PageRequest): Promise<Page<VirtualModelRow>> {
    return this.options.repository.list(accountId, page);
  }

  get(accountId: string, id: string): Promise<VirtualModelRow | undefined> {
    return this.options.repository.get(accountId, id);
  }

  async create(accountId: string, actorId: string, input: VirtualModelCreate): Promise<VirtualModelRow> {
    await this.checkName(accountId, input.name, undefined);
    await this.checkTargets(accountId, input.targets);
    try {
      const row = await this.options.repository.create(accountId, actorId, input);
      await this.options.directory.changed(accountId);
      return row;
    } catch (error) {
      // Two concurrent creates with one name: the unique constraint decides, with the same answer.
      if (isUniqueViolation(error)) throw nameTaken(input.name, 'another virtual model');
      throw error;
    }
  }

  /** Undefined when the account has no such virtual model. */
  async update(
    accountId: string,
    id: string,
    actorId: string,
    input: VirtualModelUpdate,
  ): Promise<VirtualModelRow | undefined> {
    const { repository } = this.options;
    if (!(await repository.get(accountId, id))) return undefined;
    if (input.name !== undefined) await this.checkName(accountId, input.name, id);
    if (input.targets !== undefined) await this.checkTargets(accountId, input.targets);
    try {
      const row = await repository.update(accountId, id, actorId, input);
      await this.options.directory.changed(accountId);
      return row;
    } catch (error) {
      if (isUniqueViolation(error) && input.name !== undefined) {
        throw nameTaken(input.name, 'another virtual model');
      }
      throw error;
    }
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const deleted = await this.options.repository.delete(accountId, id);
    if (deleted) await this.options.directory.changed(accountId);
    return deleted;
  }

  /**
   * 400 `virtual_model_in_allow_list` when a configuration's model allow-list names one of the
   * account's virtual models: scope is checked per target, so the targets are what to allow.
   */
  async refuseInAllowList(accountId: string, allow: readonly string[] | undefined): Promise<void> {
    for (const entry of allow ?? []) {
      const virtualModel = await this.options.directory.find(accountId, entry);
      if (virtualModel) {
        throw new TollgateError(
          'virtual_model_in_allow_list',
          `"${entry}" is a virtual model: allow its target models (${virtualModel.targets.join(', ')}) instead.`,
          { details: { 'access.models.allow': `"${entry}" is a virtual model` } },
        );
      }
    }
  }

  /** A client sends the name as `model`, so it must not mean anything else there. */
  private async checkName(accountId: string, name: string, ownId: string | undefined): Promise<void> {
    if (this.options.catalog().defaultModelFor(name)) throw nameTaken(name, 'a catalog model');
    const existing = await this.options.directory.find(accountId, name);
    if (existing && existing.id !== ownId) throw nameTaken(name, 'another virtual model');
  }

  /**
   * A pinned target must name a known provider; a bare one a catalog model (which also rules out
   * a virtual model as a target: names never collide with catalog models, so there is no nesting).
   */
  private async checkTargets(accountId: string, targets: readonly VirtualModelTarget[]): Promise<void> {
    const catalog = this.options.catalog();
    const problems: Record<string, string> = {};
    for (const [index, target] of targets.entries()) {
      const address = parseModelAddress(target.model);
      if (address.providerId === undefined) {
        if (!catalog.defaultModelFor(address.model)) {
          problems[`targets.${index}.model`] =
            `"${target.model}" is not a catalog model: pin it to its provider (provider:model)`;
        }
      } else if (
        !catalog.provider(address.providerId) &&
        !(await this.options.hasCustomProvider(accountId, address.providerId))
      ) {
        problems[`targets.${index}.model`] = `unknown provider "${address.providerId}"`;
      }
    }
    const fields = Object.entries(problems);
    if (fields.length > 0) {
      const message = fields.map(([field, problem]) => `${field}: ${problem}`).join('; ');
      throw new TollgateError('validation_failed', `Invalid request: ${message}`, { details: problems });
    }
  }
}

function nameTaken(name: string, what: string): TollgateError {
  return new TollgateError(
    'virtual_model_name_taken',
    `The name "${name}" is already ${what}: clients could not tell them apart.`,
    { details: { name: `already ${what}` } },
  );
}
