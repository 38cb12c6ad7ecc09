import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { oauthApplications, type OAuthApplication } from "@/db/schema";
import { credentialLimits, releaseAttempt, reserveAttempt } from "../rate-limit";
import { digest, safeEqual } from "../tokens-at-rest";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// Compared against when the client id is unknown, so both answers cost the same.
const DUMMY_HASH = digest("unimatch-unknown-oauth-client");

function randomText(length: number): string {
  let value = "";
  for (let index = 0; index < length; index++) value += ALPHABET[randomInt(ALPHABET.length)];
  return value;
}

/** Registers a client application; the secret is returned this once and only its SHA-256 is kept. */
export async function createOAuthClient({ name }: { name: string }): Promise<{ id: number; clientId: string; clientSecret: string }> {
  const clientId = randomText(40);
  const clientSecret = randomText(64);
  const [row] = await db
    .insert(oauthApplications)
    .values({ name, clientId, clientSecretHash: digest(clientSecret) })
    .returning({ id: oauthApplications.id });
  return { id: row!.id, clientId, clientSecret };
}

/**
 * The application with this id and secret, or null. A wrong secret or unknown id is a failed
 * credential check: reserved against the client IP before the comparison, like a wrong password.
 * It is not charged to the client id: that id ships inside public apps, so a per-client limit would
 * let anyone lock every user of the app out.
 */
export async function authenticateOAuthClient({
  clientId,
  clientSecret,
  ip,
}: {
  clientId: string;
  clientSecret: string;
  ip: string;
}): Promise<OAuthApplication | null> {
  const limits = credentialLimits({ ip });
  await reserveAttempt(limits);
  const [application] = await db.select().from(oauthApplications).where(eq(oauthApplications.clientId, clientId)).limit(1);
  const secretMatches = safeEqual(digest(clientSecret), application?.clientSecretHash ?? DUMMY_HASH);
  if (!application || !secretMatches) return null;
  await releaseAttempt(limits);
  return application;
}
