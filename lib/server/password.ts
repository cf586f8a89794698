import "server-only";
import { scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Passwords are hashed with Argon2id at OWASP's recommended minimum (19 MiB,
// 2 passes, 1 lane), stored as a PHC string ("$argon2id$v=19$m=19456,t=2,p=1$…").
// It checks a password in ~6 ms of a core here, where the scrypt this
// replaces (N=2^15, r=8, p=1: below OWASP's scrypt minimum) took ~66 ms: on
// registration day sign-ins were most of the server's work (docs/decisions/010).
// Older "scrypt$N$r$p$salt$hash" hashes still verify, and are replaced with
// Argon2id at the next successful sign-in (needsRehash).
// algorithm 2 is Argon2id (the package's Algorithm enum is a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT = `$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith("$argon2")) {
    try {
      return await verify(stored, password);
    } catch {
      return false; // a malformed hash matches nothing
    }
  }
  return verifyScrypt(password, stored);
}

/** True when the stored hash is older or weaker than what hashPassword makes now. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT);
}

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, digest] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !digest) return false;
  const expected = Buffer.from(digest, "base64");
  const key = await scrypt(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
