import "server-only";
import { pbkdf2, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import pLimit from "p-limit";

// OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, so not importable at runtime)
export const ARGON2ID_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// At most one password hash per core at a time. Hashes run on libuv's thread pool, which WebCrypto
// (JWT signing) and file I/O share: a burst of logins would otherwise queue every other request's
// signing behind it, and hashes beyond the core count only evict each other's 19 MiB from the cache.
const hashingSlot = pLimit(availableParallelism());

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hashingSlot(() => hash(password, ARGON2ID_OPTIONS as never));
}

function verifyArgon2(storedHash: string, password: string): Promise<boolean> {
  return hashingSlot(() => verify(storedHash, password));
}

let dummyHash: Promise<string> | null = null;

const pbkdf2Async = promisify(pbkdf2);
// Django's default hasher: `pbkdf2_sha256$<iterations>$<salt>$<base64 sha256 digest>` (accounts imported
// from the old deployment keep it until their next login upgrades it to argon2id).
const DJANGO_PBKDF2 = /^pbkdf2_sha256\$([1-9][0-9]{0,7})\$([^$]{1,128})\$([A-Za-z0-9+/]{43}=)$/;
const PBKDF2_MAX_ITERATIONS = 10_000_000;

/** True for a hash this app no longer writes: verify it, then store an argon2id hash instead. */
export function needsRehash(storedHash: string | null | undefined): boolean {
  return !!storedHash && !storedHash.startsWith("$argon2id$");
}

async function verifyDjangoPbkdf2(password: string, storedHash: string): Promise<boolean | null> {
  const match = DJANGO_PBKDF2.exec(storedHash);
  if (!match) return null;
  const iterations = Number(match[1]);
  if (iterations > PBKDF2_MAX_ITERATIONS) return false;
  const expected = Buffer.from(match[3]!, "base64");
  const actual = await hashingSlot(() => pbkdf2Async(password, match[2]!, iterations, expected.length, "sha256"));
  return timingSafeEqual(actual, expected);
}

/**
 * Checks a password against a stored hash: argon2id (ours) or Django's pbkdf2_sha256 (imported). With
 * no usable stored hash (unknown account, or one without a password) it still verifies against a dummy
 * hash, so the answer takes as long either way.
 */
export async function verifyPassword(password: string, storedHash: string | null | undefined): Promise<boolean> {
  if (storedHash?.startsWith("pbkdf2_sha256$")) {
    const matches = await verifyDjangoPbkdf2(password, storedHash);
    if (matches !== null) return matches;
  }
  if (!storedHash || !storedHash.startsWith("$argon2")) {
    dummyHash ??= hashPassword("unimatch-timing-equaliser");
    await verifyArgon2(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verifyArgon2(storedHash, password);
  } catch {
    return false;
  }
}

let commonPasswords: Set<string> | null = null;

function isCommon(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].filter((entry) => entry.length >= PASSWORD_MIN_LENGTH));
  return commonPasswords.has(password.toLowerCase());
}

/** Django's password validators, in their wording: an empty list means the password is acceptable. */
export function passwordProblems(password: string, email?: string | null): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`This password is too short. It must contain at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push(`Ensure this field has no more than ${PASSWORD_MAX_LENGTH} characters.`);
  }
  if (isCommon(password)) problems.push("This password is too common.");
  if (/^\d+$/.test(password)) problems.push("This password is entirely numeric.");
  // Django compares with a similarity ratio of 0.7; containment weighted the same way approximates it.
  const localPart = email?.split("@")[0]?.toLowerCase();
  const lowered = password.toLowerCase();
  if (localPart && lowered.includes(localPart) && (2 * localPart.length) / (localPart.length + lowered.length) >= 0.7) {
    problems.push("The password is too similar to the email.");
  }
  return problems;
}
