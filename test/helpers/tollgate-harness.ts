import { Writable } from 'node:stream';
import { createTollgate, type Tollgate } from '../../src/app/tollgate.js';
import { loadSettings } from '../../src/config/settings.js';
import { createTestDatabase, type Dialect, type TestDatabase } from './databases.js';

export interface HarnessOptions {
  dialect?: Dialect;
  /** Points every OpenAI/Anthropic-format built-in provider at this URL (the fake upstream). */
  upstreamUrl?: string;
  env?: Record<string, string>;
  /** Reuse a database (a second instance on the same Postgres). */
  database?: TestDatabase;
}

export interface Harness {
  tollgate: Tollgate;
  gatewayUrl: string;
  adminUrl: string;
  /** The bootstrap operator API key. */
  adminToken: string;
  database: TestDatabase;
  /** Every log line the instance wrote, for "never logs a secret" checks. */
  logs: string[];
  admin<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export const bootstrapToken = 'tgapi-bootstrap0000001-g1-TestBootstrapSecret0123456789abcdefghijklmnopqrstu';

/** Starts a real Tollgate on random loopback ports against its own fresh database. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const database = options.database ?? (await createTestDatabase(options.dialect ?? 'sqlite'));
  const upstream: Record<string, string> = {};
  if (options.upstreamUrl) {
    for (const id of [
      'OPENAI',
      'ANTHROPIC',
      'GOOGLE',
      'DEEPSEEK',
      'GROQ',
      'MISTRAL',
      'XAI',
      'OPENROUTER',
      'TOGETHER',
      'FIREWORKS',
    ]) {
      upstream[`TOLLGATE_PROVIDER_${id}_BASE_URL`] = `${options.upstreamUrl}/v1`;
    }
  }
  const settings = loadSettings({
    TOLLGATE_DATABASE_URL: database.url,
    TOLLGATE_GATEWAY_HOST: '127.0.0.1',
    TOLLGATE_GATEWAY_PORT: '0',
    TOLLGATE_ADMIN_PORT: '0',
    TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
    TOLLGATE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    TOLLGATE_LOG_LEVEL: 'info',
    ...upstream,
    ...options.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const tollgate = await createTollgate(settings, { logDestination: destination });
  const { gatewayUrl, adminUrl } = await tollgate.listen();
  const ownsDatabase = options.database === undefined;
  return {
    tollgate,
    gatewayUrl,
    adminUrl,
    adminToken: bootstrapToken,
    database,
    logs,
    async admin<T>(method: string, path: string, body?: unknown, token = bootstrapToken) {
      const response = await fetch(`${adminUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async close() {
      await tollgate.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
