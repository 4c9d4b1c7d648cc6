/**
 * Document numbers as officers type them (issue #14 §1): a passport, national ID or travel document number
 * is copied from a photocopy, a scan or a voice on the phone, with spaces and dashes where the document
 * prints them ("C 0123 4567", "45 06-123456"), in either case, and with the letter O for the digit 0 (and
 * back). A Russian-language form may have it typed on a Cyrillic keyboard, whose А В Е К М Н О Р С Т Х look
 * like Latin letters. The key keeps letters and digits only, Cyrillic look-alikes as Latin, O as 0.
 */

/** Cyrillic capitals that look like Latin ones on a document (and are typed for them on a Cyrillic keyboard). */
const lookAlikes: Record<string, string> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I' };

/** The comparable form of a document number; null when too short to identify anything (under 4 characters) or typed without a digit. */
export function documentNumberKey(text: string): string | null {
  const typed = text.normalize('NFKC');
  // A number has digits as typed: "Hüseynov" holds an O, not a zero.
  if (!/[0-9]/.test(typed)) return null;
  const key = typed
    .toUpperCase()
    .replace(/[АВЕКМНОРСТУХІ]/gu, (c) => lookAlikes[c] ?? c)
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0');
  return key.length >= 4 ? key : null;
}

/** Marks a document key in the person key index, apart from name skeletons (which are lower-case letters). */
export const documentKeyPrefix = '#';

/**
 * The index keys of one document: its number, and its series and number together (Russian and Azerbaijani
 * documents print a series apart: "45 06 123456" is typed whole as often as the number alone).
 */
export function documentKeys(series: string | null, number: string | null): string[] {
  const keys = new Set<string>();
  for (const text of [number, series && number ? `${series}${number}` : null]) {
    const k = text ? documentNumberKey(text) : null;
    if (k) keys.add(documentKeyPrefix + k);
  }
  return [...keys];
}

/** Bump when documentNumberKey changes: stores rebuild their person keys on open (db/projections/persons.ts). */
export const documentKeysVersion = 1;
