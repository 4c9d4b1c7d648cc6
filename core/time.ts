import type { Settings } from './settings';

/**
 * Legal clocks run on instants (UTC); "working days" and "the same day" are read in the facility's
 * time zone with the holiday calendar from settings (docs/architecture.md §9).
 */

const DAY = 86_400_000;

// Building an Intl.DateTimeFormat costs ~100x using one; the register computes dates for every row.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: number, timeZone: string): string {
  // Zone offsets are whole quarter hours, so every instant of a quarter hour has one local date: HQ's
  // reports ask for the dates of a hundred thousand episodes, and formatting is the costly part.
  const slot = Math.floor(instant / QUARTER_HOUR);
  let memo = dateMemo.get(timeZone);
  if (!memo) dateMemo.set(timeZone, (memo = new Map<number, string>()));
  const known = memo.get(slot);
  if (known !== undefined) return known;
  let f = dateFormats.get(timeZone);
  if (!f) dateFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const date = f.format(new Date(slot * QUARTER_HOUR));
  // A year of quarter hours is 35,040 entries; beyond a few years' worth the memo starts again.
  if (memo.size >= 200_000) memo.clear();
  memo.set(slot, date);
  return date;
}

const QUARTER_HOUR = 900_000;
const dateMemo = new Map<string, Map<number, string>>();

/** Minutes the zone is ahead of UTC at that instant (Asia/Baku: +240). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  let f = partFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant a local calendar day starts in a zone. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  return guess - zoneOffsetMinutes(guess, timeZone) * 60_000;
}

/** The last instant of the local day containing `instant` (for "forward the same day"). */
export function endOfLocalDay(instant: number, timeZone: string): number {
  const date = localDate(instant, timeZone);
  return startOfLocalDay(addCalendarDays(date, 1), timeZone) - 1;
}

export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function isWorkingDay(date: string, s: Pick<Settings, 'weekendDays' | 'holidays'>): boolean {
  return !s.weekendDays.includes(isoWeekday(date)) && !s.holidays.includes(date);
}

/** `n` working days before a date (n = 5: the warning date for a term ending on `date`). */
export function workingDaysBefore(date: string, n: number, s: Pick<Settings, 'weekendDays' | 'holidays'>): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, -1);
    if (isWorkingDay(d, s)) left--;
  }
  return d;
}

/** Whole days between two instants, counting the day of arrival as day 1 (as a register does). */
export function daysHeld(fromInstant: number, toInstant: number, timeZone: string): number {
  const a = Date.parse(`${localDate(fromInstant, timeZone)}T00:00:00Z`);
  const b = Date.parse(`${localDate(toInstant, timeZone)}T00:00:00Z`);
  return Math.floor((b - a) / DAY) + 1;
}

export const hours = (h: number) => h * 3_600_000;

/**
 * The same instant `months` calendar months later; when the target month is shorter (31 January plus one
 * month), the last day of that month at the same time, as a period counted in months ends: never a day
 * spilled into the month after (Date#setUTCMonth would give 3 March).
 */
export function addCalendarMonths(instant: number, months: number): number {
  const d = new Date(instant);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}
