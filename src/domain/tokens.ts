import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `tg` for access keys (gateway), `tgapi` for API keys (admin listener). */
export type TokenKind = 'tg' | 'tgapi';

export interface ParsedToken {
  kind: TokenKind;
  publicId: string;
  secret: string;
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const tokenPattern = /^(tgapi|tg)-([A-Za-z0-9]{8,32})-g1-([A-Za-z0-9]{43,128})$/;

/** Uniform random characters by rejection sampling: 62 symbols, no modulo bias. */
function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += alphanumeric[byte % 62];
    }
  }
  return out;
}

export interface MintedToken extends ParsedToken {
  token: string;
  secretHash: string;
  keyRedacted: string;
}

/** A new token: 16-character public id, 48-character secret (≈285 bits). */
export function mintToken(kind: TokenKind): MintedToken {
  return describeToken({ kind, publicId: randomAlphanumeric(16), secret: randomAlphanumeric(48) });
}

export function describeToken(parsed: ParsedToken): MintedToken {
  return {
    ...parsed,
    token: `${parsed.kind}-${parsed.publicId}-g1-${parsed.secret}`,
    secretHash: hashSecret(parsed.secret),
    keyRedacted: redactToken(parsed),
  };
}

export function parseToken(token: string): ParsedToken | undefined {
  const match = tokenPattern.exec(token);
  if (!match) return undefined;
  return { kind: match[1] as TokenKind, publicId: match[2]!, secret: match[3]! };
}

/** Secrets carry 256+ bits of entropy, so an unsalted SHA-256 is enough to make the stored form useless. */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function secretMatches(secret: string, storedHash: string | Buffer): boolean {
  // One-shot hash: no Hash object per request (this runs on every gateway call).
  const actual = hash('sha256', secret, 'buffer');
  const expected = typeof storedHash === 'string' ? Buffer.from(storedHash, 'hex') : storedHash;
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** `tg-<publicId>-g1-…wxyz`: everything but the secret's last four characters hidden. */
export function redactToken(parsed: ParsedToken): string {
  return `${parsed.kind}-${parsed.publicId}-g1-…${parsed.secret.slice(-4)}`;
}
