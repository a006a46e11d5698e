import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTollgate } from './app/tollgate.js';
import { loadSettings, SettingsError } from './config/settings.js';
import { findAccount } from './domain/accounts/account-repository.js';
import { TokenKeyRepository } from './domain/token-key-repository.js';
import { loadConfiguredCatalog } from './providers/catalog/configured-catalog.js';
import { openStore } from './store/connect.js';
import { migrateToLatest } from './store/migrate.js';
import type { ApiKeyRow } from './store/schema.js';

const usage = `Usage: tollgate <command> [options]

Commands:
  serve                         start the gateway and admin listeners (default)
  migrate                       apply database migrations and exit
  api-keys create --name NAME [--account ID]
                                create an API key directly in the database (recovery)
  catalog check FILE            validate a catalog file as TOLLGATE_CATALOG_FILE would load it

Settings come from TOLLGATE_* environment variables; see README.md.
Run "tollgate <command> --help" for a command's options.
`;

const commandHelp: Record<string, string> = {
  serve:
    'Usage: tollgate serve\n\nStarts both listeners. On an empty database, prints the first API key once.\n',
  migrate: 'Usage: tollgate migrate\n\nApplies pending migrations to TOLLGATE_DATABASE_URL and exits.\n',
  'api-keys': `Usage: tollgate api-keys create --name NAME [--account ID]

Creates an operator API key in the account (default: the first account) and prints its token once.
`,
  catalog: `Usage: tollgate catalog check FILE

Validates FILE as the server loads TOLLGATE_CATALOG_FILE (a replacement, or with "overlay": true
merged onto the shipped catalog), printing every bad field; exits 1 if it is invalid. Run it before
sending SIGHUP to a running server, which reloads the file (and keeps its catalog if it is invalid).
`,
};

function write(text: string): void {
  process.stdout.write(text);
}

async function serve(): Promise<void> {
  const tollgate = await createTollgate(loadSettings());
  // Printed before listening: if a port is taken, the one-time key must not be lost with the error.
  if (tollgate.bootstrap?.mintedToken) {
    write(
      `\nFirst API key (operator, account "default"). It is shown only this once; store it now:\n\n  ${tollgate.bootstrap.mintedToken}\n\n`,
    );
  }
  const { gatewayUrl, adminUrl } = await tollgate.listen();
  const { logger } = tollgate.services;
  logger.info({ gatewayUrl, adminUrl }, 'tollgate is listening');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    tollgate.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGHUP', () => {
    logger.info({ signal: 'SIGHUP' }, 'reloading the catalog');
    tollgate.reloadCatalog();
  });
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function migrate(): Promise<void> {
  const store = openStore(loadSettings().database);
  try {
    const applied = await migrateToLatest(store.db);
    write(applied.length === 0 ? 'Database is up to date.\n' : `Applied: ${applied.join(', ')}\n`);
  } finally {
    await store.close();
  }
}

async function createApiKey(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, account: { type: 'string' } } });
  if (!values.name) throw new SettingsError('api-keys create needs --name NAME');
  const store = openStore(loadSettings().database);
  try {
    await migrateToLatest(store.db);
    const account = values.account
      ? await findAccount(store.db, values.account)
      : await store.db.selectFrom('accounts').selectAll().orderBy('id').limit(1).executeTakeFirst();
    if (!account)
      throw new SettingsError(
        values.account ? `No account ${values.account}.` : 'No account yet: run serve once.',
      );
    const repository = new TokenKeyRepository<'api_keys', ApiKeyRow>(store.db, 'api_keys');
    const { row, token } = await repository.create(account.id, undefined, {
      name: values.name,
      is_operator: 1,
    });
    write(`Created API key ${row.id} in account ${account.id}. Token (shown once):\n\n  ${token}\n`);
  } finally {
    await store.close();
  }
}

function checkCatalog(args: string[]): void {
  const [file] = args;
  if (file === undefined || args.length !== 1) throw new SettingsError('catalog check needs one FILE');
  const { catalog, origin } = loadConfiguredCatalog(resolve(file));
  const retired = catalog.models.filter((model) => model.retired !== undefined).length;
  const priced = catalog.models.filter((model) => model.pricing !== undefined).length;
  write(
    `${file}: valid (${origin === 'overlaid' ? 'an overlay of the shipped catalog' : 'replaces the shipped catalog'}), ` +
      `version ${catalog.version}, reviewed ${catalog.reviewedOn ?? 'never'}: ${catalog.providers.length} providers, ` +
      `${catalog.models.length} models (${priced} priced, ${retired} retired).\n`,
  );
}

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return write(usage);
  if (rest.includes('--help') || rest.includes('-h')) return write(commandHelp[command] ?? usage);
  if (command === 'serve') return serve();
  if (command === 'migrate') return migrate();
  if (command === 'api-keys' && rest[0] === 'create') return createApiKey(rest.slice(1));
  if (command === 'catalog' && rest[0] === 'check') return checkCatalog(rest.slice(1));
  process.stderr.write(usage);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tollgate: ${message}\n`);
  process.exit(error instanceof SettingsError ? 2 : 1);
});
