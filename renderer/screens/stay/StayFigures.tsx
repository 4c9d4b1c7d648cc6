import { useId, useState, type CSSProperties, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { staySections, stayRecordTypes, type StayFigures as Figures, type StaySection } from '../../../core/contract/stay';
import { api } from '../../api';
import { DateTimeField } from '../../components/DateTimeField';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { todayIn } from '../../datetime';
import { useTimeZone } from '../../i18n';
import { lastDays } from '../hq/model';
import '../../styles/safeguards.css';
import '../../styles/stay.css';
import { figureLabel, isWarning, kindLabel, recordLabel } from './labels';

interface Period {
  from: string;
  to: string;
}

/** Counts by kind as bars: the length is the share of the largest, the number is written beside it. */
function KindBars({ section, figure, counts }: { section: StaySection; figure: string; counts: Record<string, number> }) {
  const intl = useIntl();
  const entries = Object.entries(counts);
  const largest = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <ul className="sg-bars stay-bars">
      {entries.map(([kind, n]) => {
        const label = kindLabel(section, figure, kind);
        return (
          <li key={kind} className="sg-bars__row">
            <span>{label ? intl.formatMessage({ id: label }) : kind}</span>
            <span className="sg-bars__track" aria-hidden="true">
              <span className="sg-bars__bar" style={{ '--share': n / largest } as CSSProperties} />
            </span>
            <span className="sg-bars__n">{n}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Section({ section, figures }: { section: StaySection; figures: Figures['sections'][StaySection] }) {
  const intl = useIntl();
  const titleId = useId();
  const plain = Object.entries(figures).filter((e): e is [string, number] => typeof e[1] === 'number');
  const byKind = Object.entries(figures).filter((e): e is [string, Record<string, number>] => typeof e[1] !== 'number');
  const label = (figure: string) => {
    const key = figureLabel(section, figure);
    return key ? intl.formatMessage({ id: key }) : figure;
  };
  return (
    <section className="stay-section" aria-labelledby={titleId} data-testid={`stay-${section}`}>
      <h3 className="sg-figure__title" id={titleId}>
        <FormattedMessage id={`stay.section.${section}`} />
      </h3>
      <dl className="stay-counts">
        {plain.map(([figure, n]) => (
          <div key={figure} className={`stay-count${isWarning(section, figure, n) ? ' stay-count--flag' : ''}`}>
            <dt>{label(figure)}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {byKind.map(([figure, counts]) =>
        Object.keys(counts).length ? (
          <div key={figure} className="stay-kinds">
            <p className="stay-kinds__title">{label(figure)}</p>
            <KindBars section={section} figure={figure} counts={counts} />
          </div>
        ) : null,
      )}
    </section>
  );
}

/** Records of each kind by facility: a row per kind made in the period, a column per facility. */
function RecordsTable({ facilities }: { facilities: Figures['facilities'] }) {
  const intl = useIntl();
  const types = staySections.flatMap((s) => stayRecordTypes[s] as readonly string[]).filter((t) => facilities.some((f) => (f.records[t] ?? 0) > 0));
  const withTotal = facilities.length > 1;
  return (
    <div className="stay-records">
      <table className="table table--dense">
        <caption>
          <FormattedMessage id="stay.records.title" />
          <span className="muted small stay-records__caption">
            {' — '}
            <FormattedMessage id="stay.records.caption" />
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="stay.records.kind" />
            </th>
            {facilities.map((f) => (
              <th key={f.facilityId} scope="col" className="num">
                {f.name}
              </th>
            ))}
            {withTotal ? (
              <th scope="col" className="num">
                <FormattedMessage id="stay.records.total" />
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {types.length === 0 ? (
            <tr>
              <td colSpan={facilities.length + (withTotal ? 2 : 1)} className="muted">
                <FormattedMessage id="stay.empty" />
              </td>
            </tr>
          ) : (
            types.map((t) => {
              const label = recordLabel(t);
              return (
                <tr key={t}>
                  <th scope="row">{label ? intl.formatMessage({ id: label }) : t}</th>
                  {facilities.map((f) => (
                    <td key={f.facilityId} className="num">
                      {f.records[t] ?? 0}
                    </td>
                  ))}
                  {withTotal ? <td className="num">{facilities.reduce((n, f) => n + (f.records[t] ?? 0), 0)}</td> : null}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The figures themselves, for a period chosen elsewhere (HQ's compliance screen) or by the card below. */
export function StayFiguresBody({ period }: { period: Period }) {
  const figures = useQuery({ queryKey: ['stayFigures', period.from, period.to], queryFn: () => api.stay.figures(period) });
  if (figures.isError) return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  const d = figures.data;
  if (!d)
    return (
      <p className="muted" role="status">
        <FormattedMessage id="app.loading" />
      </p>
    );
  return (
    <>
      <div className="stay-grid">
        {staySections.map((s) => (
          <Section key={s} section={s} figures={d.sections[s]} />
        ))}
      </div>
      <RecordsTable facilities={d.facilities} />
      <p className="muted small">
        <FormattedMessage id="hq.compliance.asOf" values={{ time: <Instant value={d.asOf} /> }} />
      </p>
    </>
  );
}

/**
 * The facility's figures of the whole stay (issue #15 §7), on the due-now screen of those who read
 * reports: the last 30 days unless another period is chosen.
 */
export function StayFigures() {
  const zone = useTimeZone();
  const titleId = useId();
  const today = todayIn(zone);
  const [period, setPeriod] = useState<Period>(() => lastDays(today, 30));
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const wrongOrder = from > to;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!wrongOrder && from && to) setPeriod({ from, to });
  };
  return (
    <section className="card stay-figures" aria-labelledby={titleId} data-testid="stay-figures">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="stay.title" />
      </h2>
      <p className="muted small">
        <FormattedMessage id="stay.caption" />
      </p>
      <form className="stay-period" onSubmit={submit} noValidate>
        <DateTimeField label="stay.from" kind="date" value={from} max={today} onChange={setFrom} />
        <DateTimeField label="stay.to" kind="date" value={to} max={today} invalid={wrongOrder} onChange={setTo} />
        <button type="submit" className="button">
          <FormattedMessage id="stay.show" />
        </button>
        {wrongOrder ? (
          <p className="field__error" role="alert">
            <FormattedMessage id="error.hq.periodOrder" />
          </p>
        ) : null}
      </form>
      <StayFiguresBody period={period} />
    </section>
  );
}
