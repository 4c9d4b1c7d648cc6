import { useId, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { href } from '../../routes';
import { QueryError } from '../../components/QueryError';
import { useLocale } from '../../i18n';
import '../../styles/safeguards.css';
import { Span } from './clock';
import { languageNamer, useLetterTemplates } from './rights/letters';
import { ProtectionFigures } from './ProtectionFigures';

interface Bar {
  name: string;
  label: string;
  value: number;
  tone: 'good' | 'late' | 'bad' | 'plain';
}

/** Horizontal bars in plain HTML: the length is the share of the largest, the number is written beside it. */
function Bars({ bars, total, testId }: { bars: Bar[]; total: number; testId?: string }) {
  const largest = Math.max(1, total, ...bars.map((b) => b.value));
  return (
    <ul className="sg-bars" data-testid={testId}>
      {bars.map((b) => (
        <li key={b.name} className="sg-bars__row">
          <span>{b.label}</span>
          <span className="sg-bars__track" aria-hidden="true">
            <span className={`sg-bars__bar sg-bars__bar--${b.tone}`} style={{ '--share': b.value / largest } as CSSProperties} />
          </span>
          <span className="sg-bars__n">{b.value}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The facility's safeguards at a glance (docs/domain.md §6): rights notified within the limit, late or not
 * at all; consular notices sent or blocked, with the policy conflicts HQ must see; the median time to a
 * defender; the languages rights were given in.
 */
export function SafeguardsFigures() {
  const intl = useIntl();
  const { locale } = useLocale();
  const titleId = useId();
  const stats = useQuery({ queryKey: ['safeguardStats'], queryFn: () => api.safeguards.stats({}), refetchInterval: 60_000 });
  const templates = useLetterTemplates();
  const t = (id: MessageKey, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const languageName = languageNamer(templates.data?.templates ?? [], locale);
  return (
    <section className="card sg-figures" aria-labelledby={titleId} data-testid="safeguard-figures">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="sg.stats.title" />
      </h2>
      {!s ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : (
        <>
          <p className="muted">
            <FormattedMessage id="sg.stats.episodes" values={{ count: s.episodes }} />
          </p>
          <div className="sg-figures__grid">
            <div>
              <h3 className="sg-figure__title">
                <FormattedMessage id="sg.stats.rights" />
              </h3>
              <Bars
                testId="stats-rights"
                total={s.episodes}
                bars={[
                  { name: 'within', label: t('sg.stats.rightsWithin'), value: s.rightsWithinLimit, tone: 'good' },
                  { name: 'late', label: t('sg.stats.rightsLate'), value: s.rightsLate, tone: 'late' },
                  { name: 'missing', label: t('sg.stats.rightsMissing'), value: s.rightsMissing, tone: 'bad' },
                ]}
              />
            </div>
            <div>
              <h3 className="sg-figure__title">
                <FormattedMessage id="sg.stats.consular" />
              </h3>
              <Bars
                testId="stats-consular"
                total={s.consularSent + s.consularBlocked}
                bars={[
                  { name: 'sent', label: t('sg.stats.consularSent'), value: s.consularSent, tone: 'good' },
                  { name: 'blocked', label: t('sg.stats.consularBlocked'), value: s.consularBlocked, tone: 'late' },
                ]}
              />
              {s.disclosureConflicts ? (
                <div className="sg-callout sg-callout--overdue small" data-testid="stats-disclosure">
                  <p className="sg-callout__title">
                    <span aria-hidden="true">⚑ </span>
                    <FormattedMessage id="sg.stats.disclosure" values={{ count: s.disclosureConflicts, open: s.disclosureUnreviewed }} />
                  </p>
                  <ul className="plain-list">
                    {s.disclosurePeople.map((p) => (
                      <li key={p.personId}>
                        <a href={href({ name: 'person', personId: p.personId })}>{p.nameLatin}</a>
                        {' · '}
                        <FormattedMessage id={p.reviewed ? 'sg.stats.disclosureReviewed' : 'sg.stats.disclosureOpen'} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {s.policyConflicts ? (
                <p className="sg-flag small">
                  <span aria-hidden="true">⚑ </span>
                  <FormattedMessage id="sg.stats.conflicts" values={{ count: s.policyConflicts }} />
                </p>
              ) : null}
            </div>
            <div>
              <h3 className="sg-figure__title">
                <FormattedMessage id="sg.stats.defender" />
              </h3>
              <p className="sg-big" data-testid="stats-median">
                {s.medianHoursToDefender === null ? '—' : <Span ms={s.medianHoursToDefender * 3_600_000} />}
              </p>
              <p className="muted small">
                <FormattedMessage id="sg.stats.medianCaption" />
              </p>
              <Bars
                total={s.episodes}
                bars={[
                  { name: 'with', label: t('sg.stats.withDefender'), value: s.episodes - s.withoutDefender, tone: 'good' },
                  { name: 'without', label: t('sg.stats.withoutDefender'), value: s.withoutDefender, tone: 'bad' },
                ]}
              />
            </div>
            <ProtectionFigures s={s} />
            {s.languages.length ? (
              <div>
                <h3 className="sg-figure__title">
                  <FormattedMessage id="sg.stats.languages" />
                </h3>
                <Bars total={0} bars={s.languages.slice(0, 6).map((l) => ({ name: l.language, label: languageName(l.language), value: l.count, tone: 'plain' as const }))} />
              </div>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
