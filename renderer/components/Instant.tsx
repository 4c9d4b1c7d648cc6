import { useIntl } from 'react-intl';
import { fallbackTimeZone } from '../i18n';
import { formatInstant } from '../time';

/** An instant in the facility's zone, machine-readable in `datetime` for assistive technology. */
export function Instant({ value, seconds = false }: { value: string | Date; seconds?: boolean }) {
  const intl = useIntl();
  const iso = typeof value === 'string' ? value : value.toISOString();
  return <time dateTime={iso}>{formatInstant(value, intl.timeZone ?? fallbackTimeZone, seconds)}</time>;
}
