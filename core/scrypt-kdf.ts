import { z } from 'zod';

/** The least work a stored file may ask for: what tests write with (db/kdf-cost.ts), so their files are valid files. */
export const minScryptN = 2 ** 14;

/**
 * scrypt parameters as a stored file names them (a key slot, an organisation key file), never more than
 * this app writes. The file chooses its own, and N = 2^24 with r = 64 asks for 128 GiB: a file built to
 * make the laptop that opens it fall over is refused before any work starts.
 */
export function scryptKdfSchema<S extends z.ZodType<string>>(most: { readonly N: number; readonly r: number; readonly p: number }, salt: S) {
  return z.object({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(minScryptN)
      .max(most.N)
      .refine((n) => (n & (n - 1)) === 0),
    r: z.number().int().min(1).max(most.r),
    p: z.number().int().min(1).max(most.p),
    salt,
  });
}
