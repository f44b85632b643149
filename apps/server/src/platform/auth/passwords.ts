import { hash, verify } from '@node-rs/argon2';
import { currentIdSource } from '../ids.ts';

// Argon2id with the OWASP Password Storage Cheat Sheet's first configuration:
// 19 MiB of memory, 2 iterations, 1 lane.
// (The package's Algorithm enum is a const enum, which isolated modules cannot read: 2 is Argon2id.)
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  // While a demo zone is seeded (the demo users, whose password is public anyway) the salt comes from
  // the seeded id source, so the same seed gives the same hashes; everywhere else a random salt.
  const seeded = currentIdSource();
  if (seeded === undefined) return hash(password, OPTIONS);
  const salt = new Uint8Array(16);
  seeded.fill(salt);
  return hash(password, { ...OPTIONS, salt });
}

// Verified when the account does not exist, so a wrong email costs as much time as a wrong password.
let dummy: Promise<string> | null = null;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('kebao-timing-equaliser');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
