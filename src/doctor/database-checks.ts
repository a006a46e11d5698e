import { sql } from 'kysely';
import type { Settings } from '../config/settings.js';
import { SecretBox } from '../domain/secret-box.js';
import { openStore, type Store } from '../store/connect.js';
import { migrations } from '../store/migrations/index.js';
import { type CheckResult, fail, messageOf, ok, warn } from './check-result.js';
import { encryptionKeyOnDisk } from './encryption-key-check.js';

function describeTarget(settings: Settings): string {
  const { database } = settings;
  // The URL may hold a password: show only where it points.
  if (database.dialect === 'sqlite') return `SQLite ${database.path}`;
  const url = new URL(database.url);
  return `Postgres ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

async function appliedMigrations(store: Store): Promise<string[] | undefined> {
  try {
    const rows = await sql<{ name: string }>`SELECT name FROM tollgate_migrations ORDER BY name`.execute(
      store.db,
    );
    return rows.rows.map((row) => row.name);
  } catch {
    return undefined;
  }
}

function migrationCheck(applied: string[] | undefined): CheckResult {
  const known = Object.keys(migrations);
  if (applied === undefined || applied.length === 0) {
    return warn(
      'migrations',
      `the database has no tables yet: \`tollgate serve\` (or \`tollgate migrate\`) creates them`,
    );
  }
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return fail(
      'migrations',
      `the database has migrations this Tollgate does not know (${unknown.join(', ')}): it was made by a newer version; run that version`,
    );
  }
  const pending = known.filter((name) => !applied.includes(name));
  return pending.length === 0
    ? ok('migrations', `all ${known.length} applied`)
    : warn(
        'migrations',
        `${pending.length} pending (${pending.join(', ')}): \`tollgate serve\` or \`tollgate migrate\` applies them`,
      );
}

/** Whether the encryption key opens a stored provider key (a wrong key fails every request that needs one). */
async function encryptionCheck(settings: Settings, store: Store, tablesExist: boolean): Promise<CheckResult> {
  const name = 'encryption key';
  const key = settings.encryptionKey ?? encryptionKeyOnDisk(settings);
  if (key instanceof Error) return fail(name, key.message);
  const stored = tablesExist
    ? await store.db.selectFrom('provider_keys').select(['id', 'value_sealed']).limit(1).executeTakeFirst()
    : undefined;
  if (key === undefined) {
    if (settings.database.dialect === 'postgres') {
      return stored
        ? fail(
            name,
            'TOLLGATE_ENCRYPTION_KEY is not set, and the database holds provider keys sealed with one',
          )
        : warn(
            name,
            'TOLLGATE_ENCRYPTION_KEY is not set: creating a provider key answers encryption_not_configured',
          );
    }
    return ok(name, 'none yet: generated into secret.key beside the database at the first start');
  }
  if (!stored) return ok(name, 'set (no provider key stored yet to try it on)');
  try {
    new SecretBox(key).open(stored.value_sealed);
    return ok(name, `set, and it opens the stored provider keys (tried ${stored.id})`);
  } catch {
    return fail(
      name,
      `set, but it does not open provider key ${stored.id}: it is not the key they were sealed with`,
    );
  }
}

/**
 * The database (reachable, a query answered), its migrations, and the encryption key against it.
 * Also returns the providers the database configures (with keys or as custom providers), whose
 * base URLs the caller checks.
 */
export async function databaseChecks(
  settings: Settings,
): Promise<{ results: CheckResult[]; providerIds: string[]; customBaseUrls: Map<string, string> }> {
  const where = describeTarget(settings);
  let store: Store;
  try {
    store = await openStore(settings.database);
    await sql`SELECT 1`.execute(store.db);
  } catch (error) {
    return {
      results: [fail('database', `${where}: cannot connect (${messageOf(error)})`)],
      providerIds: [],
      customBaseUrls: new Map(),
    };
  }
  try {
    const applied = await appliedMigrations(store);
    const tablesExist = applied !== undefined && applied.length > 0;
    const results = [ok('database', `${where}: connected`), migrationCheck(applied)];
    results.push(await encryptionCheck(settings, store, tablesExist));
    const providerIds = tablesExist
      ? (await store.db.selectFrom('provider_keys').select('provider_id').distinct().execute()).map(
          (row) => row.provider_id,
        )
      : [];
    const custom = tablesExist
      ? await store.db.selectFrom('custom_providers').select(['id', 'name', 'base_url']).execute()
      : [];
    return {
      results,
      providerIds,
      customBaseUrls: new Map(custom.map((row) => [`${row.name} (${row.id})`, row.base_url])),
    };
  } finally {
    await store.close();
  }
}
