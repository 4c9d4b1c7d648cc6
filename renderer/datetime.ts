import { localDate, zoneOffsetMinutes } from '../core/time';

/**
 * <input type="datetime-local"> holds a wall-clock time without a zone ("2026-11-23T14:05"). Officers
 * type the facility's wall clock, whatever zone the computer is set to; the contract takes instants.
 * These convert between the two in the facility's zone.
 */
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant of a facility wall-clock time, as ISO-8601 UTC. Empty input gives undefined (the schema
 * then says "required"); anything unreadable is passed through so the schema says "wrong format".
 */
export function localInputToIso(value: string | undefined | null, timeZone: string): string | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const m = localPattern.exec(value.trim());
  if (!m) return value;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(wall)) return value;
  // The offset depends on the instant, which depends on the offset: two rounds settle it (DST edges too).
  let instant = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  instant = wall - zoneOffsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** The facility wall-clock time of an instant, in the form datetime-local inputs take. */
export function isoToLocalInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const shifted = new Date(ms + zoneOffsetMinutes(ms, timeZone) * 60_000).toISOString();
  return shifted.slice(0, 16);
}

export function nowLocalInput(timeZone: string, now = Date.now()): string {
  return isoToLocalInput(new Date(now).toISOString(), timeZone);
}

/** Today's date in the facility (YYYY-MM-DD). */
export function todayIn(timeZone: string, now = Date.now()): string {
  return localDate(now, timeZone);
}

/** dd.MM.yyyy for a calendar date, as registers write it (no zone: a date of birth is not an instant). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
}

/** Whole years between a birth date and the facility's today. */
export function ageInYears(birthDate: string | null | undefined, today: string): number | null {
  if (!birthDate) return null;
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const t = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!b || !t) return null;
  let age = Number(t[1]) - Number(b[1]);
  if (t[2]! < b[2]! || (t[2] === b[2] && t[3]! < b[3]!)) age--;
  return age;
}

/** Calendar days from today to an instant's local date in the facility (negative when past). */
export function daysUntil(iso: string, timeZone: string, now = Date.now()): number {
  const a = Date.parse(`${localDate(now, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${localDate(Date.parse(iso), timeZone)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
