import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from '../config/settings.js';

/**
 * The key that seals provider keys. Given explicitly, it wins. On SQLite, the embedded
 * default, one is generated beside the database file once (mode 0600) so a first start just
 * works; on Postgres, instances must share a key, so none is invented.
 */
export function resolveEncryptionKey(settings: Settings): Buffer | undefined {
  if (settings.encryptionKey) return settings.encryptionKey;
  if (settings.database.dialect !== 'sqlite' || settings.database.path === ':memory:') return undefined;
  const file = join(dirname(settings.database.path), 'secret.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} must hold 32 bytes, base64-encoded`);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
