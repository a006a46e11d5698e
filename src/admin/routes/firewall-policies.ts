import type { FastifyInstance } from 'fastify';
import type { FirewallPolicyCache } from '../../domain/firewall/firewall-policy-cache.js';
import type {
  FirewallPolicy,
  FirewallPolicyRepository,
} from '../../domain/firewall/firewall-policy-repository.js';
import { firewallPolicySpec } from '../../domain/firewall/firewall-policy-schema.js';
import { specFieldsOf } from '../../domain/resource-fields/resource-spec.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import { byAccount, registerResourceRoutes } from '../resource-routes.js';
import { type AdminCaller, resourceFields } from '../resource-views.js';
import {
  type FirewallPolicy as FirewallPolicyView,
  firewallPolicyBodies,
} from '../schemas/firewall-policy-schemas.js';

export interface FirewallPolicyRouteDependencies {
  repository: FirewallPolicyRepository;
  cache: FirewallPolicyCache;
}

/** A policy as the API returns it (docs/firewall.md): rules in their order, as written. */
export function firewallPolicyView(caller: AdminCaller, policy: FirewallPolicy): FirewallPolicyView {
  return {
    ...resourceFields(caller, 'firewall-policies', policy),
    ...specFieldsOf(firewallPolicySpec, policy),
  };
}

/** `/firewall-policies`: CRUD; configurations attach a policy by `firewallPolicyId`. */
export function registerFirewallPolicyRoutes(
  app: FastifyInstance,
  dependencies: FirewallPolicyRouteDependencies,
): void {
  const { repository, cache } = dependencies;
  registerResourceRoutes(app, {
    names: { collection: '/firewall-policies', envelope: 'firewallPolicies', noun: 'Firewall policy' },
    schemas: firewallPolicyBodies,
    ...byAccount(repository),
    create: async (caller, input) => ({
      row: await repository.create(caller.accountId, caller.apiKeyId, input),
    }),
    update: async (caller, id, input) => {
      const updated = await repository.update(caller.accountId, id, caller.apiKeyId, input);
      // Every instance compiles the new version on its next request.
      if (updated) await cache.changed(id);
      return updated;
    },
    delete: async (caller, id) => {
      const outcome = await repository.delete(caller.accountId, id);
      if (outcome === 'not-found') return false;
      if (Array.isArray(outcome)) {
        const attached = outcome.length === 1 ? 'a configuration' : 'configurations';
        throw new TollgateError(
          'resource_in_use',
          `Firewall policy ${id} is still attached to ${attached}.`,
          {
            details: { accessKeyConfigurationIds: outcome.join(',') },
          },
        );
      }
      await cache.changed(id);
      return true;
    },
    views: (caller) => (policy) => firewallPolicyView(caller, policy),
  });
}
