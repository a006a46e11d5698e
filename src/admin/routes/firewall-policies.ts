import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FirewallPolicyCache } from '../../domain/firewall/firewall-policy-cache.js';
import type {
  FirewallPolicy,
  FirewallPolicyRepository,
} from '../../domain/firewall/firewall-policy-repository.js';
import {
  firewallPolicyCreateSchema,
  firewallPolicyUpdateSchema,
} from '../../domain/firewall/firewall-policy-schema.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import { callerOf } from '../admin-context.js';
import { pageQuery } from '../resource-schemas.js';
import { type AdminCaller, auditRefs, listEnvelope, optionalFields } from '../resource-views.js';
import { parseInput } from '../validation.js';

const idParams = z.object({ id: z.string() });
const collection = '/firewall-policies';

export interface FirewallPolicyRouteDependencies {
  repository: FirewallPolicyRepository;
  cache: FirewallPolicyCache;
}

/** A policy as the API returns it (docs/firewall.md): rules in their order, as written. */
export function firewallPolicyView(caller: AdminCaller, policy: FirewallPolicy) {
  return {
    id: policy.id,
    uri: `${caller.baseUrl}${collection}/${policy.id}`,
    name: policy.name,
    createdAt: policy.createdAt,
    updatedAt: policy.updatedAt,
    ...auditRefs(caller, { created_by: policy.createdBy, last_updated_by: policy.lastUpdatedBy }),
    ...optionalFields({ description: policy.description }),
    mode: policy.mode,
    rules: policy.rules,
  };
}

/** `/firewall-policies`: CRUD; configurations attach a policy by `firewallPolicyId`. */
export function registerFirewallPolicyRoutes(
  app: FastifyInstance,
  dependencies: FirewallPolicyRouteDependencies,
): void {
  const { repository, cache } = dependencies;
  const notFound = (id: string) => new TollgateError('not_found', `Firewall policy ${id} was not found.`);

  app.get(collection, async (request) => {
    const caller = callerOf(request);
    const query = parseInput(pageQuery, request.query);
    const page = await repository.list(caller.accountId, query);
    return listEnvelope(caller, collection, 'firewallPolicies', page, query.limit, (policy) =>
      firewallPolicyView(caller, policy),
    );
  });

  app.post(collection, async (request, reply) => {
    const caller = callerOf(request);
    const input = parseInput(firewallPolicyCreateSchema, request.body);
    const policy = await repository.create(caller.accountId, caller.apiKeyId, {
      name: input.name,
      description: input.description ?? null,
      mode: input.mode,
      rules: input.rules,
    });
    reply.code(201);
    return firewallPolicyView(caller, policy);
  });

  app.get(`${collection}/:id`, async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const policy = await repository.get(caller.accountId, id);
    if (!policy) throw notFound(id);
    return firewallPolicyView(caller, policy);
  });

  app.patch(`${collection}/:id`, async (request) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const input = parseInput(firewallPolicyUpdateSchema, request.body);
    if (!(await repository.get(caller.accountId, id))) throw notFound(id);
    const updated = await repository.update(caller.accountId, id, caller.apiKeyId, {
      name: input.name,
      description: input.description,
      mode: input.mode,
      rules: input.rules,
    });
    if (!updated) throw notFound(id);
    // Every instance compiles the new version on its next request.
    await cache.changed(id);
    return firewallPolicyView(caller, updated);
  });

  app.delete(`${collection}/:id`, async (request, reply) => {
    const caller = callerOf(request);
    const { id } = parseInput(idParams, request.params);
    const outcome = await repository.delete(caller.accountId, id);
    if (outcome === 'not-found') throw notFound(id);
    if (Array.isArray(outcome)) {
      throw new TollgateError(
        'resource_in_use',
        `Firewall policy ${id} is still attached to ${outcome.length === 1 ? 'a configuration' : 'configurations'}.`,
        { details: { accessKeyConfigurationIds: outcome.join(',') } },
      );
    }
    await cache.changed(id);
    reply.code(204).send();
  });
}
