import { loadSettings } from '../config/settings.js';
import { openStore } from '../store/connect.js';
import { migrateToLatest } from '../store/migrate.js';
import { write } from './output.js';

/** `tollgate migrate`: applies pending migrations and exits. */
export async function migrate(): Promise<void> {
  const store = await openStore(loadSettings().database);
  try {
    const applied = await migrateToLatest(store.db);
    write(applied.length === 0 ? 'Database is up to date.\n' : `Applied: ${applied.join(', ')}\n`);
  } finally {
    await store.close();
  }
}
