// Each command's module is imported only when that command runs: `--help` loads nothing else, and
// `migrate` does not load the servers.
const usage = `Usage: tollgate <command> [options]

Commands:
  serve                         start the gateway and admin listeners (default)
  migrate                       apply database migrations and exit
  doctor                        check the configuration, database, Redis, encryption key and
                                providers, and say what is wrong
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
  doctor: `Usage: tollgate doctor

Checks, with the same TOLLGATE_* settings as serve, and changing nothing: the configuration, the
catalog, the database (reachable, migrations applied), the encryption key (it opens the stored
provider keys), Redis (answers PING) and the base URL of each configured provider (answers HTTP).
Prints each finding; exits 1 if anything failed.
`,
  'api-keys': `Usage: tollgate api-keys create --name NAME [--account ID]

Creates an operator API key in the account (default: the first account) and prints its token once.
`,
  catalog: `Usage: tollgate catalog check FILE

Validates FILE as the server loads TOLLGATE_CATALOG_FILE (a replacement, or with "overlay": true
merged onto the shipped catalog), printing every bad field; exits 1 if it is invalid. Run it before
sending SIGHUP to a running server, which reloads the file (and keeps its catalog if it is invalid).
`,
};

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return void process.stdout.write(usage);
  if (rest.includes('--help') || rest.includes('-h')) {
    return void process.stdout.write(commandHelp[command] ?? usage);
  }
  if (command === 'serve') return (await import('./commands/serve.js')).serve();
  if (command === 'migrate') return (await import('./commands/migrate.js')).migrate();
  if (command === 'doctor') return (await import('./commands/doctor.js')).doctor();
  if (command === 'api-keys' && rest[0] === 'create') {
    return (await import('./commands/api-keys.js')).createApiKey(rest.slice(1));
  }
  if (command === 'catalog' && rest[0] === 'check') {
    return (await import('./commands/catalog.js')).checkCatalog(rest.slice(1));
  }
  process.stderr.write(usage);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tollgate: ${message}\n`);
  // A settings problem (SettingsError, from config/) is the operator's to fix: exit code 2.
  process.exit(error instanceof Error && error.name === 'SettingsError' ? 2 : 1);
});
