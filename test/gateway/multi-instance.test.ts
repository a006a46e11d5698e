import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import {
  createTestDatabase,
  type Dialect,
  postgresEnabled,
  redisEnabled,
  redisUrl,
  type TestDatabase,
} from '../helpers/databases.js';
import { createProviderKeys, rawChat } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { within } from '../helpers/within.js';

// Redis runs on a shared SQLite file, where no LISTEN/NOTIFY exists: only Redis can carry the
// invalidation, so a Redis publish that did nothing would fail these tests.
const transports: Array<[string, Dialect, Record<string, string>, boolean]> = [
  ['Postgres LISTEN/NOTIFY', 'postgres', {}, postgresEnabled],
  ['Redis pub/sub, SQLite', 'sqlite', { TOLLGATE_REDIS_URL: redisUrl }, redisEnabled],
];

for (const [label, dialect, env, enabled] of transports)
  describe.skipIf(!enabled)(`two instances sharing one database (${label})`, () => {
    let upstream: FakeUpstream;
    let database: TestDatabase;
    let first: Harness;
    let second: Harness;

    beforeAll(async () => {
      upstream = await startFakeUpstream();
      database = await createTestDatabase(dialect);
      first = await startHarness({ database, upstreamUrl: upstream.url, env });
      second = await startHarness({ database, upstreamUrl: upstream.url, env });
      await createProviderKeys(first, 'openai', ['sk-shared-good']);
    });

    afterAll(async () => {
      await second?.close();
      await first?.close();
      await database?.drop();
      await upstream?.close();
    });

    it('refuses a key deleted on one instance at the other within a second', async () => {
      const created = await first.admin<{ id: string; token: string }>('POST', '/access-keys', {
        name: 'shared',
      });
      const client = new OpenAI({
        baseURL: `${second.gatewayUrl}/v1`,
        apiKey: created.body.token,
        maxRetries: 0,
      });
      // Warm the second instance's cache so that only invalidation can make it forget the key.
      await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
      expect((await first.admin('DELETE', `/access-keys/${created.body.id}`)).status).toBe(204);
      const elapsed = await within(1_000, async () => {
        const response = await rawChat(second, created.body.token, { model: 'gpt-4o' });
        return response.status === 401;
      });
      expect(elapsed).toBeLessThan(1_000);
    });

    it('applies a configuration edited on one instance at the other', async () => {
      const configuration = await first.admin<{ id: string }>('POST', '/access-key-configurations', {
        name: 'shared',
        access: { providers: { allow: ['openai'] } },
      });
      const key = await first.admin<{ token: string }>('POST', '/access-keys', {
        name: 'configured',
        accessKeyConfigurationId: configuration.body.id,
      });
      expect((await rawChat(second, key.body.token, { model: 'gpt-4o' })).status).toBe(200);
      await first.admin('PATCH', `/access-key-configurations/${configuration.body.id}`, {
        access: { providers: { allow: [] } },
      });
      await within(
        1_000,
        async () => (await rawChat(second, key.body.token, { model: 'gpt-4o' })).status === 403,
      );
    });

    it('applies a firewall policy edited on one instance at the other', async () => {
      const policy = await first.admin<{ id: string }>('POST', '/firewall-policies', {
        name: 'shared',
        rules: [{ name: 'no-shell', stages: ['request'], tools: ['other'], action: 'block' }],
      });
      const configuration = await first.admin<{ id: string }>('POST', '/access-key-configurations', {
        name: 'firewalled',
        firewallPolicyId: policy.body.id,
      });
      const key = await first.admin<{ token: string }>('POST', '/access-keys', {
        name: 'firewalled',
        accessKeyConfigurationId: configuration.body.id,
      });
      const shellTool = { type: 'function', function: { name: 'shell', parameters: { type: 'object' } } };
      const ask = () => rawChat(second, key.body.token, { model: 'gpt-4o', tools: [shellTool] });
      // The second instance compiles and caches the first version of the policy.
      expect((await ask()).status).toBe(200);
      await first.admin('PATCH', `/firewall-policies/${policy.body.id}`, {
        rules: [{ name: 'no-shell', stages: ['request'], tools: ['shell'], action: 'block' }],
      });
      await within(1_000, async () => {
        const response = await ask();
        return response.status === 403 && (response.body.error as { code?: string }).code === 'tool_blocked';
      });
    });
  });
