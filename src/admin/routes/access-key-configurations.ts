import type { FastifyInstance } from 'fastify';
import type { ConfigurationCache } from '../../domain/configurations/configuration-cache.js';
import type {
  Configuration,
  ConfigurationRepository,
} from '../../domain/configurations/configuration-repository.js';
import type { AccessScope, RouterWrite } from '../../domain/configurations/configuration-schema.js';
import { formatModelReference, parseModelReference } from '../../domain/configurations/model-reference.js';
import { type ProviderFacts, validateRouter } from '../../domain/configurations/router-validation.js';
import type { FirewallPolicyRepository } from '../../domain/firewall/firewall-policy-repository.js';
import type { ProviderKeyRepository } from '../../domain/provider-keys/provider-key-repository.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import { byAccount, registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, optionalFields, ref, resourceFields } from '../resource-views.js';
import {
  type Configuration as ConfigurationView,
  configurationBodies,
} from '../schemas/configuration-schemas.js';

const collection = '/access-key-configurations';

type KeyLabels = Map<string, { name: string; keyRedacted: string }>;

export interface ConfigurationRouteDependencies {
  repository: ConfigurationRepository;
  cache: ConfigurationCache;
  providerKeys: ProviderKeyRepository;
  /** Told when a router's inline keys created provider keys, so every instance sees them at once. */
  providerKeysChanged(accountId: string): Promise<void>;
  facts: ProviderFacts;
  /** Refuses an allow-list naming one of the account's virtual models (400 `virtual_model_in_allow_list`). */
  refuseVirtualModels(accountId: string, allow: readonly string[] | undefined): Promise<void>;
  firewallPolicies: FirewallPolicyRepository;
}

/** Allow-list model entries in one form (`provider:model` or a bare id), whatever way they were written. */
function normaliseAccess(access: AccessScope, facts: ProviderFacts): AccessScope {
  const models = access.models?.allow;
  if (models === undefined) return access;
  const normalised = models.map((entry) =>
    formatModelReference(parseModelReference(entry, (id) => facts.isBuiltIn(id))),
  );
  return { ...access, models: { allow: [...new Set(normalised)] } };
}

/** Router keys read back as `{id, name, keyRedacted}`, never their values. */
function configurationView(
  caller: AdminCaller,
  configuration: Configuration,
  labels: KeyLabels,
): ConfigurationView {
  const routerView = configuration.router && {
    rules: configuration.router.rules.map((rule) => ({
      ...rule,
      steps: rule.steps.map(({ keys, ...step }) =>
        keys
          ? {
              ...step,
              keys: keys.map((key) => ({
                id: key.id,
                name: labels.get(key.id)?.name ?? '',
                keyRedacted: labels.get(key.id)?.keyRedacted ?? '',
              })),
            }
          : step,
      ),
    })),
  };
  return {
    ...resourceFields(caller, 'access-key-configurations', configuration),
    name: configuration.name,
    ...optionalFields({ description: configuration.description, metadata: configuration.metadata }),
    ...(configuration.access ? { access: configuration.access } : {}),
    ...(routerView ? { router: routerView } : {}),
    ...(configuration.limits ? { limits: configuration.limits } : {}),
    // Tollgate's addition: the attached firewall policy, or null for none.
    firewallPolicy: configuration.firewallPolicyId
      ? ref(caller, 'firewall-policies', configuration.firewallPolicyId)
      : null,
  };
}

export function registerConfigurationRoutes(
  app: FastifyInstance,
  dependencies: ConfigurationRouteDependencies,
): void {
  const { repository, cache, providerKeys, facts } = dependencies;
  const storedRouter = async (caller: AdminCaller, router: RouterWrite) => {
    const stored = await validateRouter(caller.accountId, caller.apiKeyId, router, facts, providerKeys);
    const createdKeys = router.rules?.some((rule) =>
      rule.steps.some((step) => step.keys?.some((key) => 'value' in key)),
    );
    if (createdKeys) await dependencies.providerKeysChanged(caller.accountId);
    return stored;
  };
  /** A policy of another account, or none, is a field error: the configuration cannot point at it. */
  const checkPolicy = async (caller: AdminCaller, policyId: string | null | undefined) => {
    if (policyId === undefined || policyId === null) return;
    if (await dependencies.firewallPolicies.get(caller.accountId, policyId)) return;
    const message = `no firewall policy ${policyId} in this account`;
    throw new TollgateError('validation_failed', `Invalid request: firewallPolicyId: ${message}`, {
      details: { firewallPolicyId: message },
    });
  };
  /** The configurations' views, their router keys named in one query. */
  const views = async (caller: AdminCaller, configurations: Configuration[]) => {
    const keyIds = configurations.flatMap(
      (configuration) =>
        configuration.router?.rules.flatMap((rule) =>
          rule.steps.flatMap((step) => step.keys?.map((key) => key.id) ?? []),
        ) ?? [],
    );
    const labels = await providerKeys.labels(caller.accountId, [...new Set(keyIds)]);
    return (configuration: Configuration) => configurationView(caller, configuration, labels);
  };

  registerResourceRoutes(app, {
    names: {
      collection: collection,
      envelope: 'aiGatewayAccessKeyConfigurations',
      noun: 'Access key configuration',
    },
    schemas: configurationBodies,
    ...byAccount(repository),
    create: async (caller, input) => {
      await dependencies.refuseVirtualModels(caller.accountId, input.access?.models?.allow);
      await checkPolicy(caller, input.firewallPolicyId);
      const router = input.router ? await storedRouter(caller, input.router) : null;
      const row = await repository.create(caller.accountId, caller.apiKeyId, {
        name: input.name,
        description: input.description ?? null,
        metadata: input.metadata ?? null,
        access: input.access ? normaliseAccess(input.access, facts) : null,
        router,
        limits: input.limits ?? null,
        firewallPolicyId: input.firewallPolicyId ?? null,
      });
      return { row };
    },
    update: async (caller, id, input) => {
      // Checked first: inline router keys must not be created for a configuration that is not there.
      if (!(await repository.get(caller.accountId, id))) return undefined;
      await dependencies.refuseVirtualModels(caller.accountId, input.access?.models?.allow);
      await checkPolicy(caller, input.firewallPolicyId);
      const router =
        input.router === undefined || input.router === null
          ? input.router
          : await storedRouter(caller, input.router);
      const updated = await repository.update(caller.accountId, id, caller.apiKeyId, {
        name: input.name,
        description: input.description,
        metadata: input.metadata,
        access: input.access ? normaliseAccess(input.access, facts) : input.access,
        router,
        limits: input.limits,
        firewallPolicyId: input.firewallPolicyId,
      });
      if (updated) await cache.changed(id);
      return updated;
    },
    delete: async (caller, id) => {
      const outcome = await repository.delete(caller.accountId, id);
      if (outcome === 'not-found') return false;
      if (outcome === 'in-use') {
        throw new TollgateError(
          'resource_in_use',
          `Access key configuration ${id} is still used by an access key.`,
        );
      }
      await cache.changed(id);
      return true;
    },
    views,
  });
}
