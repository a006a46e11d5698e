import { describe, expect, it } from 'vitest';
import { insertTestAccount } from '../../../test/helpers/accounts.js';
import { migratedTestStore } from '../../../test/helpers/databases.js';
import { CatalogIndex } from '../../providers/catalog/catalog-index.js';
import { loadCatalog } from '../../providers/catalog/load-catalog.js';
import { BuiltInProviders } from '../../providers/provider-registry.js';
import { parseAllowlist } from '../../upstream/address-guard.js';
import type { AccessKeyIdentity } from '../access-keys/access-key-authenticator.js';
import { ConfigurationCache } from '../configurations/configuration-cache.js';
import { ConfigurationRepository } from '../configurations/configuration-repository.js';
import { CustomProviderDirectory } from '../custom-providers/custom-provider-directory.js';
import { CustomProviderRepository } from '../custom-providers/custom-provider-repository.js';
import { newId } from '../ids.js';
import { InvalidationBus } from '../invalidation/invalidation-bus.js';
import { ProviderKeyCache } from '../provider-keys/provider-key-cache.js';
import { ProviderKeyRepository } from '../provider-keys/provider-key-repository.js';
import { SecretBox } from '../secret-box.js';
import { VirtualModelDirectory } from '../virtual-models/virtual-model-directory.js';
import { VirtualModelRepository } from '../virtual-models/virtual-model-repository.js';
import { RoutingPlanner } from './routing-planner.js';

/** The planner over a real (SQLite) store and the shipped catalog, called directly. */
describe('RoutingPlanner', () => {
  const store = migratedTestStore('sqlite');

  async function setUp(managed: Record<string, string> = {}) {
    const { db } = store();
    const bus = new InvalidationBus([]);
    const builtIns = new BuiltInProviders(new CatalogIndex(loadCatalog()), {
      providerBaseUrls: new Map(),
      managedApiKeys: new Map(Object.entries(managed)),
    });
    const providerKeys = new ProviderKeyRepository(db, new SecretBox(Buffer.alloc(32, 3)));
    const configurations = new ConfigurationRepository(db);
    const planner = new RoutingPlanner(
      builtIns,
      new ProviderKeyCache(providerKeys, bus),
      new ConfigurationCache(configurations, bus, (id) => builtIns.has(id)),
      new CustomProviderDirectory(new CustomProviderRepository(db), bus, parseAllowlist([])),
      new VirtualModelDirectory(new VirtualModelRepository(db), bus),
    );
    const accountId = await insertTestAccount(db);
    const identity = (configurationId: string | null = null): AccessKeyIdentity => ({
      accessKeyId: newId('aigk'),
      accountId,
      configurationId,
      name: null,
    });
    const addKey = (providerId: string, name: string) =>
      providerKeys.create(accountId, 'test', { providerId, name, value: `sk-${name}-0123456789` });
    return { planner, identity, addKey, configurations, accountId };
  }

  it("tries the account's provider keys in creation order for a bare catalog model", async () => {
    const { planner, identity, addKey } = await setUp();
    const first = await addKey('openai', 'first');
    const second = await addKey('openai', 'second');
    const plan = await planner.plan(identity(), { model: 'gpt-4o-mini' }, 'chat-completions');
    expect(plan.candidates.map((candidate) => candidate.credential)).toMatchObject([
      { source: 'user', keyId: first.id },
      { source: 'user', keyId: second.id },
    ]);
    expect(plan.candidates[0]?.provider.id).toBe('openai');
  });

  it('puts the managed key first when the operator offers managed inference', async () => {
    const { planner, identity, addKey } = await setUp({ openai: 'sk-operator-0123456789' });
    await addKey('openai', 'own');
    const plan = await planner.plan(identity(), { model: 'openai:gpt-4o-mini' }, 'chat-completions');
    expect(plan.candidates.map((candidate) => candidate.credential.source)).toEqual(['ngrok', 'user']);
  });

  it('refuses an unknown bare model, an unknown provider and a provider without keys', async () => {
    const { planner, identity } = await setUp();
    await expect(
      planner.plan(identity(), { model: 'no-such-model' }, 'chat-completions'),
    ).rejects.toMatchObject({
      code: 'unknown_model',
    });
    await expect(planner.plan(identity(), { model: 'nope:model' }, 'chat-completions')).rejects.toMatchObject(
      {
        code: 'unknown_provider',
      },
    );
    await expect(
      planner.plan(identity(), { model: 'gpt-4o-mini' }, 'chat-completions'),
    ).rejects.toMatchObject({
      code: 'no_provider_key',
    });
  });

  it('skips a fallback model the configuration refuses and reports it', async () => {
    const { planner, identity, addKey, configurations, accountId } = await setUp();
    await addKey('openai', 'own');
    await addKey('anthropic', 'own');
    const configuration = await configurations.create(accountId, 'test', {
      name: 'openai only',
      description: null,
      metadata: null,
      access: { providers: { allow: ['openai'] } },
      router: null,
      limits: null,
      firewallPolicyId: null,
    });
    const plan = await planner.plan(
      identity(configuration.id),
      { model: 'gpt-4o-mini', models: ['anthropic:claude-sonnet-4-5'] },
      'chat-completions',
    );
    expect(plan.candidates.map((candidate) => candidate.provider.id)).toEqual(['openai']);
    expect(plan.rejectedModels).toEqual(['anthropic:claude-sonnet-4-5']);
  });

  it('refuses a request without a model string', async () => {
    const { planner, identity } = await setUp();
    await expect(planner.plan(identity(), { messages: [] }, 'chat-completions')).rejects.toMatchObject({
      code: 'invalid_request_body',
      param: 'model',
    });
  });
});
