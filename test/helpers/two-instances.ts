import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { type Harness, startHarness } from './tollgate-harness.js';

export interface TwoInstances {
  upstream: FakeUpstream;
  database: TestDatabase;
  first: Harness;
  second: Harness;
  close(): Promise<void>;
}

/** Two Tollgates sharing one fresh Postgres database, both in front of one fake upstream. */
export async function startTwoInstances(env: Record<string, string> = {}): Promise<TwoInstances> {
  const upstream = await startFakeUpstream();
  const database = await createTestDatabase('postgres');
  const first = await startHarness({ database, upstreamUrl: upstream.url, env });
  const second = await startHarness({ database, upstreamUrl: upstream.url, env });
  return {
    upstream,
    database,
    first,
    second,
    async close() {
      await second.close();
      await first.close();
      await database.drop();
      await upstream.close();
    },
  };
}
