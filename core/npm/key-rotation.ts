import { z } from 'zod';
import { isoInstant, text } from '../fields';

/**
 * Key rotation between the two trust domains (docs/npm.md#key-rotation). A party that already trusts
 * a key accepts its successor only from a statement signed by that key (and by the new one, so nobody
 * names a key they do not hold). Each side keeps the key it replaced, with the moment it was replaced,
 * so a file made before then still reads; one made after, signed with the old key, does not.
 */

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/=]+$/)
  .max(200);
const fingerprint = z.string().regex(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);

/** The ombudsman office's organisation keys change: a centre that trusts the old signing key takes the new. */
export const orgKeyRotationStatement = z
  .object({
    organisationId: text(100),
    name: text(200),
    oldSigningPublicKey: base64,
    oldFingerprint: fingerprint,
    newSigningPublicKey: base64,
    newBoxPublicKey: base64,
    rotatedAt: isoInstant,
  })
  .strict()
  .refine((s) => s.oldSigningPublicKey !== s.newSigningPublicKey);
export type OrgKeyRotationStatement = z.infer<typeof orgKeyRotationStatement>;

/** A centre device's file-signing key changes: an office that knows the old key takes the new. */
export const deviceKeyRotationStatement = z
  .object({
    installationId: text(100),
    facilityName: text(200),
    deviceId: text(100),
    deviceName: text(100),
    oldPublicKey: base64,
    oldFingerprint: fingerprint,
    newPublicKey: base64,
    rotatedAt: isoInstant,
  })
  .strict()
  .refine((s) => s.oldPublicKey !== s.newPublicKey);
export type DeviceKeyRotationStatement = z.infer<typeof deviceKeyRotationStatement>;

/** A rotation file's body: the statement and the new key's signature over it (the old key signs the envelope). */
export const rotationBody = <S extends z.ZodType>(statement: S) => z.object({ statement, newKeySignature: base64 }).strict();

export type RotationRefusal = 'error.npm.rotationUnknownSender' | 'error.npm.rotationNotTrusted' | 'error.npm.rotationKeyReused';

/**
 * What a receiver does with a well-signed statement, from the keys it holds for the sender: none at all
 * (an unknown organisation or device), the current one (accept), or a chain it already moved along.
 * `retired` are the keys it replaced before: a statement signed by one of those is an old rotation,
 * and a "new" key that was retired once is never taken back.
 */
export function decideRotation(
  statement: { oldKey: string; newKey: string },
  trusted: { current: string | null; retired: readonly string[] },
): { accept: true; already: boolean } | { accept: false; refusal: RotationRefusal } {
  if (trusted.current === null) return { accept: false, refusal: 'error.npm.rotationUnknownSender' };
  // A rotation already walked past (this one, or an earlier one of the same chain) taken in again.
  if (trusted.retired.includes(statement.oldKey) && (statement.newKey === trusted.current || trusted.retired.includes(statement.newKey))) return { accept: true, already: true };
  if (statement.oldKey !== trusted.current) return { accept: false, refusal: 'error.npm.rotationNotTrusted' };
  if (trusted.retired.includes(statement.newKey)) return { accept: false, refusal: 'error.npm.rotationKeyReused' };
  return { accept: true, already: false };
}

/**
 * Whether a file signed with a replaced key may still be read: only if it says it was made no later
 * than the replacement. The time is the signer's own word; a key replaced because it was stolen is
 * therefore not protected by this (docs/npm.md#key-rotation says what to do then).
 */
export function retiredKeyAccepts(madeAt: string, retiredAt: string): boolean {
  return Date.parse(madeAt) <= Date.parse(retiredAt);
}
