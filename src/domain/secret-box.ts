import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TollgateError } from '../errors/tollgate-error.js';

const version = 'v1';

/** AES-256-GCM for provider keys at rest: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export class SecretBox {
  constructor(private readonly key: Buffer | undefined) {}

  get configured(): boolean {
    return this.key !== undefined;
  }

  seal(plaintext: string): string {
    const key = this.requireKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [version, iv, cipher.getAuthTag(), ciphertext].map(encodePart).join('.');
  }

  open(sealed: string): string {
    const key = this.requireKey();
    const [tag, iv, authTag, ciphertext] = sealed.split('.');
    if (tag !== version || !iv || !authTag || ciphertext === undefined) {
      throw new Error('stored provider key has an unknown format');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  private requireKey(): Buffer {
    if (!this.key) throw new TollgateError('encryption_not_configured');
    return this.key;
  }
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

/** `first10***last4`, the only form in which a provider key is ever shown. */
export function redactProviderKey(value: string): string {
  if (value.length <= 14) return `${value.slice(0, 2)}***${value.slice(-2)}`;
  return `${value.slice(0, 10)}***${value.slice(-4)}`;
}
