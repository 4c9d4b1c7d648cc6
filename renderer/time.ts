/**
 * Instants are shown as dd.MM.yyyy HH:mm in the facility's zone, in every language. Registers in
 * Azerbaijan are written that way, and it does not depend on the browser's locale data (Chromium's
 * Azerbaijani date patterns fall back to "2026 M11 23").
 */
export function formatInstant(value: string | Date, timeZone: string, withSeconds = false): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
  }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}${withSeconds ? `:${part('second')}` : ''}`;
}
