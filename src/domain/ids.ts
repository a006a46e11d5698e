import { randomFillSync } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdPrefix =
  | 'aigk'
  | 'aigac'
  | 'aigpk'
  | 'aigp'
  | 'aigvm'
  | 'aigfp'
  | 'aigapi'
  | 'acct'
  | 'rq'
  | 'ue'
  | 'cg'
  | 'le'
  | 'cr'
  | 'cl';

let lastTime = 0;
let lastRandom: Uint8Array = new Uint8Array(10);

/** Random bytes drawn in bulk: one system call serves hundreds of ids. */
const randomPool = new Uint8Array(4096);
let randomOffset = randomPool.length;

function freshRandom(): Uint8Array {
  if (randomOffset + 10 > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  randomOffset += 10;
  return randomPool.slice(randomOffset - 10, randomOffset);
}

/**
 * `prefix_` + a ULID: 48-bit millisecond time then 80 random bits, Crockford base32.
 * Ids sort by creation time (so `beforeId` paging is a string comparison); within one
 * millisecond the random part is incremented so ids from one process stay ordered.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  if (now <= lastTime) {
    now = lastTime;
    incrementInPlace(lastRandom);
  } else {
    lastTime = now;
    lastRandom = freshRandom();
  }
  return `${prefix}_${encodeTime(now)}${encodeRandom(lastRandom)}`;
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let index = 0; index < 10; index++) {
    out = crockford[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += crockford[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

function incrementInPlace(bytes: Uint8Array): void {
  for (let index = bytes.length - 1; index >= 0; index--) {
    const next = (bytes[index] ?? 0) + 1;
    bytes[index] = next & 0xff;
    if (next <= 0xff) return;
  }
}
