import { z } from 'zod';
import { scryptKdfSchema } from '../scrypt-kdf';

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/=]+$/)
  .max(400);

/**
 * The passphrase KDF of an organisation key file (issue #10 §6). The file carries the private keys that
 * open every interview the office ever sealed and travels on a stick or by e-mail, so it is locked
 * with far more work than a key slot: scrypt N = 2^20, r = 8 (1 GiB, a few seconds, once per laptop).
 */
export const orgKeyScrypt = { N: 2 ** 20, r: 8, p: 1 } as const;

/**
 * What an imported file may ask for: never more than export writes. The file chooses its own scrypt
 * parameters, and N = 2^24 with r = 64 asks for 128 GiB — a file built to make the laptop that opens
 * it fall over. Files exported before 2^20 (N = 2^15) still open.
 */
export const orgKeyKdfSchema = scryptKdfSchema(orgKeyScrypt, b64).strict();

/** Whether a file's KDF asks for more than export writes (its own refusal), rather than being malformed. */
export function exceedsOrgKeyCost(kdf: unknown): boolean {
  const cost = z.object({ N: z.number(), r: z.number(), p: z.number() }).safeParse(kdf);
  return cost.success && (cost.data.N > orgKeyScrypt.N || cost.data.r > orgKeyScrypt.r || cost.data.p > orgKeyScrypt.p);
}

/** A key file as written by `npmOrg.exportKey`: the public parts in the clear, the private parts in `ct`. */
export const orgKeyFileSchema = z
  .object({
    format: z.literal('qeyd-npm-org-key'),
    version: z.literal(1),
    organisationId: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    boxPublicKey: b64,
    signingPublicKey: b64,
    /** checked on its own (orgKeyKdfSchema) so that an over-costly file gets its own reason */
    kdf: z.unknown(),
    iv: b64,
    /** the private keys, with the sealing keys replaced by rotation (up to 100 of them: docs/npm.md#key-rotation) */
    ct: z
      .string()
      .regex(/^[A-Za-z0-9+/=]+$/)
      .max(64_000),
    /** the whole 16-byte GCM tag (24 base64 characters): a shorter one is a weaker check, refused */
    tag: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  })
  .strict();
export type OrgKeyFile = Omit<z.infer<typeof orgKeyFileSchema>, 'kdf'> & { kdf: z.infer<typeof orgKeyKdfSchema> };
