/**
 * User `password` at rest: only a salted scrypt hash is stored (RFC 7643 §4.1.1 lets the service provider keep
 * it hashed; it is writeOnly and returned never). Format: `$scrypt$ln=14,r=8,p=1$<salt b64>$<key b64>`.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * log2 of scrypt's N for stores that keep data at rest (SQLite, PostgreSQL): 2^14 with r=8 is scrypt's
 * recommended interactive cost (16 MiB, some 40 ms of one core). The memory store keeps nothing at rest and its
 * passwords die with the process, so it hashes at 2^10: the embedded server of `run` creates hundreds of users with
 * passwords (Okta sends one on every create) and would otherwise spend the suite's time in scrypt.
 */
export const DURABLE_COST = 14;
export const MEMORY_COST = 10;
const R = 8;
const P = 1;
const MAXMEM = 64 * 1024 * 1024;
const KEY_LENGTH = 32;
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

const params = (ln: number) => ({ N: 2 ** ln, r: R, p: P, maxmem: MAXMEM });
const encode = (ln: number, salt: Buffer, key: Buffer) => `$scrypt$ln=${ln},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;

/** Hashes on the calling thread: for writes that did not come through HTTP. `ln` is log2 of scrypt's N. */
export function hashPassword(plain: string, ln = DURABLE_COST): string {
  const salt = randomBytes(16);
  return encode(ln, salt, scryptSync(plain, salt, KEY_LENGTH, params(ln)));
}

/** Hashes on libuv's thread pool, so the event loop keeps serving other tenants meanwhile. */
export function hashPasswordAsync(plain: string, ln = DURABLE_COST): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) => {
    scrypt(plain, salt, KEY_LENGTH, params(ln), (err, key) => (err ? reject(err) : resolve(encode(ln, salt, key))));
  });
}

/** Whether `plain` is the password `stored` was made from; false for anything that is not a hash of ours. */
export function verifyPassword(plain: string, stored: unknown): boolean {
  const m = typeof stored === 'string' ? FORMAT.exec(stored) : null;
  if (!m) return false;
  const [, ln, r, p, salt, key] = m;
  const expected = Buffer.from(key, 'base64');
  if (Number(ln) > 20 || Number(r) > 32 || Number(p) > 16) return false; // not ours, and too costly to try
  const actual = scryptSync(plain, Buffer.from(salt, 'base64'), expected.length, { N: 2 ** Number(ln), r: Number(r), p: Number(p), maxmem: MAXMEM * 4 });
  return timingSafeEqual(actual, expected);
}

/** Every string a request body may set as a password: `password` members anywhere, and PATCH operations on one. */
export function passwordsIn(body: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [body];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    const object = value as Record<string, unknown>;
    for (const [key, member] of Object.entries(object)) {
      if (typeof member === 'string' && /(^|:)password$/i.test(key)) found.add(member);
      else stack.push(member);
    }
    if (typeof object.path === 'string' && /(^|:)password$/i.test(object.path.trim()) && typeof object.value === 'string') found.add(object.value);
  }
  return [...found];
}

/** Hashes of every password in `body`, computed off the event loop, by plain text. */
export async function prehashPasswords(body: unknown, ln: number): Promise<Map<string, string> | undefined> {
  const plain = passwordsIn(body);
  if (plain.length === 0) return undefined;
  return new Map(await Promise.all(plain.map(async (p) => [p, await hashPasswordAsync(p, ln)] as [string, string])));
}
