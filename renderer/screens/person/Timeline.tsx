import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { HistoryEntry } from '../../../core/contract/register-views';
import type { Locale } from '../../../core/fields';
import { Instant } from '../../components/Instant';
import { formatDate } from '../../datetime';
import { useLocale, useTimeZone } from '../../i18n';
import { countryLabel, languageLabel } from '../../places';
import { eventKey, fieldKey, regimeLabel, sexLabel } from '../../register-labels';
import { formatInstant } from '../../time';

/** A recorded value as a person reads it: names of countries and languages, dates as registers write them. */
export function describe(field: string, value: unknown, intl: IntlShape, locale: Locale, zone: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (field === 'nationalities') return value.map((c) => countryLabel(String(c), locale)).join(', ');
    if (field === 'languages') return value.map((c) => languageLabel(String(c), locale)).join(', ');
    if (field === 'property') return intl.formatMessage({ id: 'timeline.items' }, { count: value.length });
    return value.map(String).join(', ');
  }
  if (typeof value === 'boolean') return intl.formatMessage({ id: value ? 'common.yes' : 'common.no' });
  if (field === 'sex' && typeof value === 'string' && value in sexLabel) return intl.formatMessage({ id: sexLabel[value as keyof typeof sexLabel] });
  if (field === 'regime' && typeof value === 'string' && value in regimeLabel) return intl.formatMessage({ id: regimeLabel[value as keyof typeof regimeLabel] });
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value, zone);
    return value;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A decision or a handover: the parts that identify it.
    if ('issuingBody' in o) return [o.issuingBody, o.number, typeof o.date === 'string' ? formatDate(o.date) : null].filter(Boolean).join(', ');
    if ('officerName' in o) return [o.body, o.officerName, o.serviceId].filter(Boolean).join(', ');
    return Object.values(o)
      .filter((x) => typeof x === 'string')
      .join(', ');
  }
  return String(value);
}

/**
 * Every event about the person, newest first: who, when, what. A correction shows each field as it
 * was and as it is now, with the reason given, so no earlier entry is ever lost from view.
 */
export function Timeline({ history }: { history: readonly HistoryEntry[] }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const zone = useTimeZone();
  const entries = [...history].reverse();
  if (entries.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id="timeline.empty" />
      </p>
    );
  }
  return (
    <ol className="timeline">
      {entries.map((h) => {
        const key = eventKey(h.type);
        const correction = h.type.endsWith('.corrected');
        return (
          <li key={h.eventId} className={`timeline__item${correction ? ' timeline__item--correction' : ''}`}>
            <div className="timeline__head">
              <span className="timeline__what">{key ? intl.formatMessage({ id: key }) : intl.formatMessage({ id: 'event.unknown' }, { type: h.type })}</span>
              <span className="timeline__meta">
                <Instant value={h.at} />
                {' · '}
                {h.actorName ?? <span className="muted">{intl.formatMessage({ id: 'audit.actor.unknown' })}</span>}
              </span>
            </div>
            {correction && h.changes.length ? (
              <ul className="timeline__changes">
                {h.changes.map((c) => {
                  const label = fieldKey(c.field);
                  return (
                    <li key={c.field}>
                      <span className="timeline__field">{label ? intl.formatMessage({ id: label }) : c.field}</span>{' '}
                      <FormattedMessage
                        id="timeline.change"
                        values={{
                          // Nothing before is not "struck out": there was nothing to strike.
                          was:
                            c.from === null || c.from === undefined || c.from === '' ? (
                              <span key="w" className="muted">
                                —
                              </span>
                            ) : (
                              <del key="w">{describe(c.field, c.from, intl, locale, zone)}</del>
                            ),
                          now: <ins key="n">{describe(c.field, c.to, intl, locale, zone)}</ins>,
                        }}
                      />
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {h.reason ? (
              <p className="timeline__reason">
                <FormattedMessage id="timeline.reason" values={{ reason: h.reason }} />
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
