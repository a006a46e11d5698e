import { TollgateError } from '../../errors/tollgate-error.js';
import type { Page, PageRequest } from '../../store/paging.js';
import type { CustomProviderRow } from '../../store/schema.js';
import { checkBaseUrl, type HostResolver, type UpstreamAllowlist } from '../../upstream/address-guard.js';
import type { CustomProviderDirectory } from './custom-provider-directory.js';
import type { CustomProviderCreate, CustomProviderUpdate } from './custom-provider-input.js';
import {
  type CustomProviderChanges,
  type CustomProviderRepository,
  isUniqueViolation,
} from './custom-provider-repository.js';

export interface CustomProviderServiceOptions {
  repository: CustomProviderRepository;
  directory: CustomProviderDirectory;
  /** True for a catalog provider id: those cannot be shadowed by a custom provider. */
  isBuiltIn(providerId: string): boolean;
  allowlist: UpstreamAllowlist;
  /** DNS for the base URL check; injectable so tests need no network. */
  resolve?: HostResolver | undefined;
}

/**
 * The rules of `/providers` beyond field shapes: unique, non-built-in provider ids; SSRF-checked
 * base URLs; immutable provider ids; no deletion while something refers to the provider.
 * Every write tells the directory, so the gateway sees it at once on every instance.
 */
export class CustomProviderService {
  constructor(private readonly options: CustomProviderServiceOptions) {}

  list(accountId: string, page: PageRequest): Promise<Page<CustomProviderRow>> {
    return this.options.repository.list(accountId, page);
  }

  get(accountId: string, id: string): Promise<CustomProviderRow | undefined> {
    return this.options.repository.get(accountId, id);
  }

  async create(accountId: string, actorId: string, input: CustomProviderCreate): Promise<CustomProviderRow> {
    const { repository } = this.options;
    if (this.options.isBuiltIn(input.providerId)) {
      throw invalidProviderId(input.providerId, 'is reserved by a built-in provider');
    }
    if (await repository.findByProviderId(accountId, input.providerId)) throw duplicate(input.providerId);
    const baseUrl = await this.checkedBaseUrl(input.baseUrl);
    try {
      const row = await repository.create(accountId, actorId, { ...input, baseUrl });
      await this.options.directory.changed(accountId);
      return row;
    } catch (error) {
      // Two concurrent creates with one id: the unique constraint decides, with the same answer.
      if (isUniqueViolation(error)) throw duplicate(input.providerId);
      throw error;
    }
  }

  /** Undefined when the account has no such provider. */
  async update(
    accountId: string,
    id: string,
    actorId: string,
    input: CustomProviderUpdate,
  ): Promise<CustomProviderRow | undefined> {
    const { repository } = this.options;
    const current = await repository.get(accountId, id);
    if (!current) return undefined;
    const { providerId, ...fields } = input;
    if (providerId !== undefined && providerId !== current.provider_id) {
      throw invalidProviderId(providerId, 'is immutable after creation');
    }
    const changes: CustomProviderChanges = {
      ...fields,
      baseUrl: fields.baseUrl === undefined ? undefined : await this.checkedBaseUrl(fields.baseUrl),
    };
    const row = await repository.update(accountId, id, actorId, changes);
    await this.options.directory.changed(accountId);
    return row;
  }

  /** False when the account has no such provider; 409 `resource_in_use` while it is referenced. */
  async delete(accountId: string, id: string): Promise<boolean> {
    const { repository } = this.options;
    const current = await repository.get(accountId, id);
    if (!current) return false;
    const { providerKeyIds, configurationIds } = await repository.references(accountId, current.provider_id);
    if (providerKeyIds.length > 0 || configurationIds.length > 0) {
      const details: Record<string, string> = {};
      if (providerKeyIds.length > 0) details.providerKeys = providerKeyIds.join(',');
      if (configurationIds.length > 0) details.accessKeyConfigurations = configurationIds.join(',');
      throw new TollgateError(
        'resource_in_use',
        `Provider "${current.provider_id}" is still referenced by ${describe(providerKeyIds.length, 'provider key')}` +
          ` and ${describe(configurationIds.length, 'access key configuration')}; remove those references first.`,
        { details },
      );
    }
    const deleted = await repository.delete(accountId, id);
    if (deleted) await this.options.directory.changed(accountId);
    return deleted;
  }

  private checkedBaseUrl(baseUrl: string): Promise<string> {
    return checkBaseUrl(baseUrl, this.options.allowlist, this.options.resolve);
  }
}

function invalidProviderId(providerId: string, reason: string): TollgateError {
  return new TollgateError('validation_failed', `Invalid request: providerId: "${providerId}" ${reason}`, {
    details: { providerId: reason },
  });
}

function duplicate(providerId: string): TollgateError {
  return invalidProviderId(providerId, 'already exists');
}

function describe(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
