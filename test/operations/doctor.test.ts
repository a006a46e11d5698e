/** `tollgate doctor` (the compiled build): each check's finding in words, and its exit code. */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import {
  createTestDatabase,
  postgresEnabled,
  redisEnabled,
  redisUrl,
  type TestDatabase,
} from '../helpers/databases.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess } from '../helpers/tollgate-process.js';

const root = new URL('../..', import.meta.url).pathname;
const encryptionKey = Buffer.alloc(32, 7).toString('base64');

/** Runs the doctor with only the given TOLLGATE_* settings; resolves with its output and exit code. */
function doctor(env: Record<string, string>): Promise<{ output: string; code: number }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TOLLGATE_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/tollgate.js', 'doctor'],
      { cwd: root, env: { ...inherited, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ output: stdout + stderr, code });
      },
    );
  });
}

describe('tollgate doctor', () => {
  let upstream: FakeUpstream;
  let database: TestDatabase;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    database = await createTestDatabase('sqlite');
    // A served database: migrated, with a provider key sealed by `encryptionKey`.
    const tollgate = await startTollgateProcess({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
      TOLLGATE_ENCRYPTION_KEY: encryptionKey,
    });
    const created = await fetch(`${tollgate.adminUrl}/provider-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bootstrapToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ providerId: 'openai', name: 'main', value: 'sk-test-0123456789' }),
    });
    expect(created.status).toBe(201);
    await tollgate.stop();
  });

  afterAll(async () => {
    await upstream.close();
    await database.drop();
  });

  it.skipIf(!redisEnabled)(
    'finds nothing wrong with a served database, its key, Redis and a reachable provider',
    async () => {
      const { output, code } = await doctor({
        TOLLGATE_DATABASE_URL: database.url,
        TOLLGATE_ENCRYPTION_KEY: encryptionKey,
        TOLLGATE_REDIS_URL: redisUrl,
        TOLLGATE_PROVIDER_OPENAI_BASE_URL: `${upstream.url}/v1`,
      });
      expect(output).toMatch(/^ok {4}configuration:/m);
      expect(output).toMatch(/^ok {4}database: SQLite .*: connected/m);
      expect(output).toMatch(/^ok {4}migrations: all \d+ applied/m);
      expect(output).toMatch(/^ok {4}encryption key: set, and it opens the stored provider keys/m);
      expect(output).toMatch(/^ok {4}redis: 127\.0\.0\.1:6379 answered PONG/m);
      expect(output).toMatch(/^ok {4}provider openai: http:\/\/127\.0\.0\.1:\d+\/v1 answered HTTP \d+/m);
      expect(output).toContain('Nothing is wrong.');
      expect(code).toBe(0);
    },
  );

  it('says in words what is wrong: the wrong encryption key, Redis down, a provider unreachable', async () => {
    const { output, code } = await doctor({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      TOLLGATE_REDIS_URL: 'redis://127.0.0.1:1',
      TOLLGATE_PROVIDER_OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
    });
    expect(output).toMatch(
      /^FAIL {2}encryption key: set, but it does not open provider key \S+: it is not the key/m,
    );
    expect(output).toMatch(/^FAIL {2}redis: 127\.0\.0\.1:1: connect ECONNREFUSED/m);
    expect(output).toMatch(/^FAIL {2}provider openai: http:\/\/127\.0\.0\.1:1\/v1 is unreachable/m);
    expect(output).toContain('3 problem(s) found.');
    expect(code).toBe(1);
  });

  it('names a bad setting', async () => {
    const badSetting = await doctor({ TOLLGATE_GATEWAY_PORT: 'eighty' });
    expect(badSetting.output).toMatch(/^FAIL {2}configuration: .*\n\s+TOLLGATE_GATEWAY_PORT:/m);
    expect(badSetting.code).toBe(1);
  });

  it.skipIf(!postgresEnabled)('names a database it cannot reach', async () => {
    const unreachable = await doctor({
      TOLLGATE_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/tollgate_doctor_missing',
    });
    expect(unreachable.output).toMatch(
      /^FAIL {2}database: Postgres 127\.0\.0\.1:5432\/tollgate_doctor_missing: cannot connect \(database "tollgate_doctor_missing" does not exist\)/m,
    );
    expect(unreachable.code).toBe(1);
  });
});
