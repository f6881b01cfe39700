/**
 * Coach passwords, hashed with scrypt from node:crypto: a random salt per password, the cost
 * parameters stored beside the hash (so they can be raised later without breaking old hashes),
 * compared in constant time.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

export interface ScryptCost {
  /** log2 of N, the CPU/memory cost. */
  ln: number;
  r: number;
  p: number;
}

/** 2^15 · 8 · 128 bytes = 32 MB and roughly 0.1-0.3 s per hash on this machine's cores. */
export const DEFAULT_COST: ScryptCost = { ln: 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

const memoryOf = ({ ln, r }: ScryptCost) => 128 * 2 ** ln * r;

/** `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64url). */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_BYTES, { N: 2 ** cost.ln, r: cost.r, p: cost.p, maxmem: 2 * memoryOf(cost) });
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** False for a wrong password and for a stored value that is not one of our hashes (never throws on it). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const cost = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Refuse costs no hash of ours has: a tampered row must not make one sign-in eat the machine.
  if (cost.ln < 1 || cost.ln > 20 || cost.r < 1 || cost.r > 16 || cost.p < 1 || cost.p > 4) return false;
  const expected = Buffer.from(m[5], 'base64url');
  const key = await scrypt(password, Buffer.from(m[4], 'base64url'), expected.length, {
    N: 2 ** cost.ln,
    r: cost.r,
    p: cost.p,
    maxmem: 2 * memoryOf(cost),
  });
  return timingSafeEqual(key, expected);
}

/** A hash of nothing anyone knows: checked against when an email has no account, so both cases take as long. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('base64url')));
