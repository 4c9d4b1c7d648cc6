/**
 * Register and book numbers are counted per authoring device: two devices of one centre recording
 * offline would otherwise both take "the next number" and every replica would number them by arrival
 * order. A device's own events reach every replica in its chain order, so its count is the same
 * everywhere; the device's short code in front keeps two devices' lines apart ("3F9A-57").
 */

/** The device's short code: the first four hex digits of its id, upper case. */
export function deviceCode(deviceId: string): string {
  return deviceId.slice(0, 4).toUpperCase();
}

/** The number as printed and shown: "3F9A-57". A number without its device (never expected) stays bare. */
export function formatRegisterNo(deviceId: string | null, no: number): string {
  return deviceId ? `${deviceCode(deviceId)}-${no}` : String(no);
}

/**
 * The order in which numbers are listed: by device code, then by the number counted, so "3F9A-9"
 * comes before "3F9A-10". The database sorts with the same two keys (main/services/register-reads.ts).
 */
export function compareRegisterNo(a: string, b: string): number {
  const [ca, na] = splitRegisterNo(a);
  const [cb, nb] = splitRegisterNo(b);
  return ca < cb ? -1 : ca > cb ? 1 : na - nb;
}

function splitRegisterNo(s: string): [string, number] {
  const i = s.lastIndexOf('-');
  return i < 0 ? ['', Number(s)] : [s.slice(0, i), Number(s.slice(i + 1))];
}

/** What someone may type to find a line: "57" (any device) or "3f9a-57". */
export function parseRegisterNoQuery(query: string): { code: string | null; no: number } | null {
  const m = /^(?:([0-9a-f]{4})-)?(\d{1,9})$/i.exec(query.trim());
  if (!m) return null;
  const no = Number(m[2]);
  return no > 0 ? { code: m[1] ? m[1].toUpperCase() : null, no } : null;
}
