import { CalendarDate, CalendarDateTime, parseDate, parseDateTime } from '@internationalized/date';
import type { Locale } from '../core/fields';

/**
 * The date and time boxes hold the same strings the forms always submitted: "2026-12-07T08:30" (the
 * facility's wall clock, turned into an instant by datetime.ts in the facility's zone) and "2026-12-07"
 * (a calendar date). What changes is only how they are shown and typed: in the app's language with a
 * 24-hour clock, never in the browser's own format ("12/07/2026, 12:03 AM" in an en-US Chromium, where
 * day and month read swapped) — issue #11 §5.
 */
export type DateInputKind = 'datetime' | 'date';

/**
 * The locales the segments may be laid out in, best first. English is the British form, which writes
 * the day first as the rest of the app does (07.12.2026). Chromium knows the Azerbaijani locale but not
 * its date patterns and falls back to the root "2026-12-07"; Turkish then lays the box out exactly as
 * Azerbaijani registers write it ("07.12.2026 00:03") and names the segments in words an Azerbaijani
 * reader shares (gün, ay, saat).
 */
export const dateInputLocales: Record<Locale, readonly string[]> = { az: ['az-AZ', 'tr-TR'], en: ['en-GB'], ru: ['ru-RU'] };

/** Whether this engine writes a numeric date in this locale with the day first. */
export function writesDayFirst(tag: string): boolean {
  const parts = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(Date.UTC(2026, 11, 7, 12));
  return parts.find((p) => p.type !== 'literal')?.type === 'day';
}

/** The first of these locales this engine lays out day first; the first one when none does. */
export function firstDayFirst(tags: readonly string[]): string {
  return tags.find(writesDayFirst) ?? tags[0]!;
}

const chosen = new Map<Locale, string>();
/** The locale the date boxes of this app language are laid out in (decided once per engine). */
export function dateInputLocale(app: Locale): string {
  let tag = chosen.get(app);
  if (!tag) chosen.set(app, (tag = firstDayFirst(dateInputLocales[app])));
  return tag;
}

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The box's value for a form value; null for an empty or unreadable one (the box then shows its placeholder). */
export function toDateValue(value: unknown, kind: 'datetime'): CalendarDateTime | null;
export function toDateValue(value: unknown, kind: 'date'): CalendarDate | null;
export function toDateValue(value: unknown, kind: DateInputKind): CalendarDate | CalendarDateTime | null;
export function toDateValue(value: unknown, kind: DateInputKind): CalendarDate | CalendarDateTime | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const ok = kind === 'datetime' ? dateTimePattern.test(v) : datePattern.test(v);
  if (!ok) return null;
  try {
    const parsed = kind === 'datetime' ? parseDateTime(v) : parseDate(v);
    // parseDate refuses 2026-02-30 by throwing; a round trip also catches any silent clamping.
    return fromDateValue(parsed, kind) === (kind === 'datetime' ? v.slice(0, 16) : v) ? parsed : null;
  } catch {
    return null;
  }
}

/** The form value for what the box holds: '' while it is empty or not yet complete. */
export function fromDateValue(value: CalendarDate | CalendarDateTime | null | undefined, kind: DateInputKind): string {
  if (!value) return '';
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
  if (kind === 'date') return date;
  const hour = 'hour' in value ? value.hour : 0;
  const minute = 'minute' in value ? value.minute : 0;
  return `${date}T${pad(hour)}:${pad(minute)}`;
}
