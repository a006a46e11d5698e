import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from '../config/settings.js';

/**
 * The SQLite default key file (app/encryption-key.ts makes it at the first start), read without
 * creating it: the doctor changes nothing. Undefined when there is none; an Error when it is bad.
 */
export function encryptionKeyOnDisk(settings: Settings): Buffer | Error | undefined {
  if (settings.database.dialect !== 'sqlite' || settings.database.path === ':memory:') return undefined;
  const file = join(dirname(settings.database.path), 'secret.key');
  if (!existsSync(file)) return undefined;
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    return key.length === 32 ? key : new Error(`${file} must hold 32 bytes, base64-encoded`);
  } catch (error) {
    return new Error(`${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
