import { FormattedMessage, useIntl } from 'react-intl';
import type { VulnerabilityFlag } from '../../core/vulnerability';
import { useListFormat, useLocale, useTimeZone } from '../i18n';
import { formatInstant } from '../time';
import { countryLabel, languageLabel } from '../places';
import { flagLabel, obligationKey, obligationStatusLabel } from '../register-labels';
import { Instant } from './Instant';

/**
 * The Latin name registers are kept in, with the name in the person's own script beneath it. The
 * original may be Arabic or Persian: dir="auto" lets it run right to left inside a left-to-right page.
 */
export function PersonNames({ latin, original, size = 'normal' }: { latin: string; original: string; size?: 'normal' | 'large' }) {
  const same = latin.trim() === original.trim();
  return (
    <span className={`names names--${size}`}>
      <span className="names__latin" dir="auto">
        {latin}
      </span>
      {same ? null : (
        <span className="names__original" dir="auto">
          {original}
        </span>
      )}
    </span>
  );
}

export function Nationalities({ codes, stateless }: { codes: readonly string[]; stateless: boolean }) {
  const { locale } = useLocale();
  const list = useListFormat();
  if (stateless) return <FormattedMessage id="nat.stateless" />;
  if (codes.length === 0)
    return (
      <span className="muted">
        <FormattedMessage id="nat.unknown" />
      </span>
    );
  return <>{list(codes.map((c) => countryLabel(c, locale)))}</>;
}

export function Languages({ codes }: { codes: readonly string[] }) {
  const { locale } = useLocale();
  const list = useListFormat();
  if (codes.length === 0) return <span className="muted">—</span>;
  return <>{list(codes.map((c) => languageLabel(c, locale)))}</>;
}

/** Protection flags that call for care first; the rest follow in the order the domain lists them. */
const urgent: readonly VulnerabilityFlag[] = ['child', 'unaccompanied', 'trafficking', 'asylum', 'refugee', 'age_in_doubt'];

export function FlagBadges({ flags, restricted = false, redacted = false }: { flags: readonly VulnerabilityFlag[]; restricted?: boolean; redacted?: boolean }) {
  const intl = useIntl();
  const sorted = [...flags].sort((a, b) => Number(!urgent.includes(a)) - Number(!urgent.includes(b)));
  if (sorted.length === 0 && !restricted) return null;
  return (
    <ul className="flags" aria-label={intl.formatMessage({ id: 'flags.label' })}>
      {restricted ? (
        <li className="flag flag--restricted">
          <FormattedMessage id={redacted ? 'badge.redacted' : 'badge.restricted'} />
        </li>
      ) : null}
      {sorted.map((f) => (
        <li key={f} className={`flag${urgent.includes(f) ? ' flag--urgent' : ''}`}>
          <FormattedMessage id={flagLabel[f]} />
        </li>
      ))}
    </ul>
  );
}

/** What is owed, by when, and how late: the colour is never the only signal (the status is written). */
export function DeadlineText({
  kind,
  at,
  status,
  compact = false,
}: {
  kind: string | null;
  at: string | null;
  status: 'overdue' | 'due' | 'upcoming' | 'ok';
  /** In a table row: the time without the year when it is this year's. */
  compact?: boolean;
}) {
  const intl = useIntl();
  if (!kind || !at) return <span className="muted">—</span>;
  const key = obligationKey(kind);
  return (
    <span className={`deadline deadline--${status}`}>
      <span className="deadline__kind" title={key ? intl.formatMessage({ id: key }) : kind}>
        {key ? intl.formatMessage({ id: key }) : kind}
      </span>
      <span className="deadline__when">
        {status === 'ok' ? null : (
          <>
            <FormattedMessage id={obligationStatusLabel[status]} />
            {' · '}
          </>
        )}
        {compact ? <ShortInstant value={at} /> : <Instant value={at} />}
      </span>
    </span>
  );
}

/** dd.MM HH:mm for this year in the facility's zone, the full form otherwise. */
export function ShortInstant({ value }: { value: string }) {
  const zone = useTimeZone();
  const full = formatInstant(value, zone);
  const thisYear = formatInstant(new Date(), zone).slice(6, 10);
  const short = full.slice(6, 10) === thisYear ? `${full.slice(0, 5)} ${full.slice(11)}` : full;
  return (
    <time dateTime={value} title={full}>
      {short}
    </time>
  );
}
