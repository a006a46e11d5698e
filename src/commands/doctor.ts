import { loadSettings, type Settings } from '../config/settings.js';
import { type CheckResult, fail, messageOf, ok } from '../doctor/check-result.js';
import { databaseChecks } from '../doctor/database-checks.js';
import { providerCheck } from '../doctor/provider-check.js';
import { redisCheck } from '../doctor/redis-check.js';
import { CatalogIndex } from '../providers/catalog/catalog-index.js';
import { loadCatalog } from '../providers/catalog/load-catalog.js';
import { BuiltInProviders } from '../providers/provider-registry.js';
import { write } from './output.js';

const marks: Record<CheckResult['status'], string> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };

function print(result: CheckResult): void {
  write(`${marks[result.status]}  ${result.name}: ${result.detail}\n`);
}

/**
 * Built-in providers this deployment uses: a base URL override, a managed key, or a provider key
 * stored for it. The others are never called, so their reachability is not this gateway's concern.
 */
function configuredBuiltIns(settings: Settings, builtIns: BuiltInProviders, withKeys: string[]): string[] {
  const ids = new Set([...settings.providerBaseUrls.keys(), ...settings.managedApiKeys.keys(), ...withKeys]);
  return [...ids].filter((id) => builtIns.has(id)).sort();
}

/**
 * `tollgate doctor`: checks the configuration, the catalog, the database and its migrations, the
 * encryption key, Redis and each configured provider's base URL; prints each finding in words.
 * Changes nothing. Exits 1 when something is wrong (FAIL), 0 otherwise (WARN included).
 */
export async function doctor(): Promise<void> {
  const results: CheckResult[] = [];
  const record = (result: CheckResult) => {
    results.push(result);
    print(result);
  };
  let settings: Settings;
  try {
    settings = loadSettings();
    record(ok('configuration', 'the TOLLGATE_* variables are valid'));
  } catch (error) {
    record(fail('configuration', messageOf(error)));
    process.exitCode = 1;
    return;
  }
  let builtIns: BuiltInProviders | undefined;
  try {
    builtIns = new BuiltInProviders(new CatalogIndex(loadCatalog(settings.catalogFile)), settings);
    record(
      ok('catalog', `${settings.catalogFile ?? 'the shipped catalog'}: ${builtIns.all().length} providers`),
    );
  } catch (error) {
    record(fail('catalog', messageOf(error)));
  }
  const database = await databaseChecks(settings);
  for (const result of database.results) record(result);
  record(await redisCheck(settings.redisUrl));
  const providers: [string, string][] = [
    ...(builtIns === undefined
      ? []
      : configuredBuiltIns(settings, builtIns, database.providerIds).map((id): [string, string] => [
          id,
          builtIns.get(id)?.baseUrl ?? '',
        ])),
    ...database.customBaseUrls,
  ];
  if (providers.length === 0)
    record(ok('providers', 'none configured yet (no provider keys, overrides or managed keys)'));
  for (const result of await Promise.all(providers.map(([label, url]) => providerCheck(label, url)))) {
    record(result);
  }
  const failed = results.filter((result) => result.status === 'fail').length;
  write(failed === 0 ? '\nNothing is wrong.\n' : `\n${failed} problem(s) found.\n`);
  if (failed > 0) process.exitCode = 1;
}
