import { z } from 'zod';

const b64 = (max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/=]*$/)
    .max(max);

/**
 * Content sealed to the ombudsman organisation's X25519 public key: an ephemeral key agreement, HKDF
 * and AES-256-GCM (db/sealed.ts). Anyone may seal; only a holder of the organisation's private key
 * opens it. This is what events, sync and exports carry instead of interview content.
 */
export const sealedSchema = z
  .object({
    alg: z.literal('x25519-hkdf-sha256-aes256gcm'),
    /** fingerprint of the organisation key it was sealed to */
    kid: z.string().regex(/^[0-9a-f]{16}$/),
    epk: b64(200),
    iv: b64(40),
    ct: b64(400_000),
    tag: b64(40),
  })
  .strict();
export type Sealed = z.infer<typeof sealedSchema>;
