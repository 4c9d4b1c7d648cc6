import { z } from 'zod';

/** Field schemas shared by the contract, the HQ API and imported files: one definition each. */

/** Trimmed text with an upper bound; a blank value is "required", not "too short". */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional();

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'error.field.username');

/** Long passphrases allowed; short ones refused. The limit on length keeps the KDF input bounded. */
export const password = z.string().min(10, 'error.field.passwordTooShort').max(256);

export const displayName = text(120);
export const uuid = z.uuid();
export const isoInstant = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

/** `headquarters` is the console installation beside the HQ server (hq/console): it reads, never records. */
export const facilityKinds = ['detention_centre', 'field_office', 'ombudsman_office', 'headquarters'] as const;
export const facilityKind = z.enum(facilityKinds);
export type FacilityKind = z.infer<typeof facilityKind>;

export const locales = ['az', 'en', 'ru'] as const;
export const locale = z.enum(locales);
export type Locale = z.infer<typeof locale>;

/** IANA zone names such as "Asia/Baku"; checked against the runtime's own list where available. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'error.field.timeZone');
