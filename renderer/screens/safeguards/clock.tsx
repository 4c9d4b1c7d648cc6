import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { durationParts } from './model';

/** The clock the panel's "how long ago" and "overdue by" follow; it moves on its own every half minute. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** "2 d 4 h", "3 h 20 min", "5 min" in the interface language. */
export function Span({ ms }: { ms: number }) {
  const intl = useIntl();
  const { days, hours, minutes } = durationParts(ms);
  const parts: string[] = [];
  if (days) parts.push(intl.formatMessage({ id: 'sg.dur.days' }, { n: days }));
  if (hours) parts.push(intl.formatMessage({ id: 'sg.dur.hours' }, { n: hours }));
  if (minutes || parts.length === 0) parts.push(intl.formatMessage({ id: 'sg.dur.minutes' }, { n: minutes }));
  return <span className="nowrap">{parts.join(' ')}</span>;
}
