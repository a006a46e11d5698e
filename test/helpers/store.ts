import { openStore, type Store } from '../../src/store/connect.js';

/** A direct connection to a test database, to check what the processes under test wrote. */
export async function createStore(url: string): Promise<Store> {
  return openStore(
    url.startsWith('sqlite:') ? { dialect: 'sqlite', path: url.slice(7) } : { dialect: 'postgres', url },
  );
}
