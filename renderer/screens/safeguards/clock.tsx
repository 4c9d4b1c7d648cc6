import { useIntl } from 'react-intl';
import { durationParts } from './model';

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
