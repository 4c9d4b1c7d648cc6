import { useId, useState, type CSSProperties, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ComplianceFigures, ComplianceIssue } from '../../../core/contract/hq';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { DateTimeField } from '../../components/DateTimeField';
import { StayFiguresBody } from '../stay/StayFigures';
import { Instant } from '../../components/Instant';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { todayIn } from '../../datetime';
import { useLocale, useTimeZone } from '../../i18n';
import { href, navigate } from '../../routes';
import { Span } from '../safeguards/clock';
import { defaultPeriodDays, figureColumns, issueTitle, lastDays, nextSort, sortFacilities, type FigureColumn, type Sort } from './model';
import './hq.css';

interface Period {
  from: string;
  to: string;
}
type Row = ComplianceFigures & { facilityId: string; name: string };

export function casesHref(period: Period, issue: ComplianceIssue, facilityId: string | null): string {
  return href({ name: 'hqCases', from: period.from, to: period.to, issue, facilityId });
}

export function useCompliance(period: Period) {
  return useQuery({ queryKey: ['hqCompliance', period.from, period.to], queryFn: () => api.hq.compliance(period), refetchInterval: 60_000 });
}

/**
 * Safeguards across facilities over a period of apprehensions (docs/domain.md §6): the now-figures HQ must
 * act on first, the same figures as charts to compare facilities, and the table with every number that
 * has people behind it as a link to them.
 */
export function Compliance({ from, to }: { from?: string; to?: string }) {
  const zone = useTimeZone();
  const stayTitleId = useId();
  const period: Period = from && to ? { from, to } : lastDays(todayIn(zone), defaultPeriodDays);
  const data = useCompliance(period);
  const d = data.data;
  return (
    <>
      <PageTitle id="hq.compliance.title" />
      <p className="lead hq-lead">
        <FormattedMessage id="hq.compliance.intro" />
      </p>
      <PeriodPicker key={`${period.from}/${period.to}`} period={period} today={todayIn(zone)} />
      {data.isError ? <QueryError error={data.error} onRetry={() => void data.refetch()} /> : null}
      {data.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {d ? (
        <>
          <NowFigures total={d.total} period={period} />
          <FiguresTable rows={d.facilities} total={d.total} period={period} limitHours={d.rightsLimitHours} />
          <div className="hq-charts">
            <RightsChart rows={d.facilities} limitHours={d.rightsLimitHours} />
            <ConsularChart rows={d.facilities} />
          </div>
          <p className="muted small hq-asof">
            <FormattedMessage id="hq.compliance.asOf" values={{ time: <Instant value={d.asOf} /> }} />
          </p>
        </>
      ) : null}
      <section className="card stay-figures" aria-labelledby={stayTitleId} data-testid="stay-figures">
        <h2 className="card__title" id={stayTitleId}>
          <FormattedMessage id="stay.title" />
        </h2>
        <p className="muted small">
          <FormattedMessage id="stay.caption" />
        </p>
        <StayFiguresBody period={period} />
      </section>
    </>
  );
}

function PeriodPicker({ period, today }: { period: Period; today: string }) {
  const intl = useIntl();
  const errorId = useId();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [wrongOrder, setWrongOrder] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!from || !to || from > to) {
      setWrongOrder(true);
      return;
    }
    navigate({ name: 'hqCompliance', from, to });
  };
  const presets: { days: number; label: MessageKey }[] = [
    { days: 7, label: 'hq.period.last7' },
    { days: 30, label: 'hq.period.last30' },
    { days: 90, label: 'hq.period.last90' },
  ];
  return (
    <form className="hq-period" onSubmit={submit} aria-label={intl.formatMessage({ id: 'hq.period.legend' })} noValidate>
      <span className="hq-period__legend">
        <FormattedMessage id="hq.period.legend" />
      </span>
      <DateTimeField className="hq-period__field" label="hq.period.from" kind="date" value={from} max={today} onChange={setFrom} />
      <DateTimeField className="hq-period__field" label="hq.period.to" kind="date" value={to} invalid={wrongOrder} describedBy={wrongOrder ? errorId : undefined} onChange={setTo} />
      <button type="submit" className="button button--primary">
        <FormattedMessage id="hq.period.show" />
      </button>
      <div className="hq-period__presets">
        {presets.map((p) => {
          const range = lastDays(today, p.days);
          const current = range.from === period.from && range.to === period.to;
          return (
            <a key={p.days} className="hq-preset" href={href({ name: 'hqCompliance', ...range })} aria-current={current ? 'true' : undefined}>
              <FormattedMessage id={p.label} />
            </a>
          );
        })}
      </div>
      {wrongOrder ? (
        <p id={errorId} className="field__error hq-period__error" role="alert">
          <FormattedMessage id="error.hq.periodOrder" />
        </p>
      ) : null}
    </form>
  );
}

/** What HQ acts on today, whatever the period: children detained (the target is none) and overdue deadlines. */
function NowFigures({ total, period }: { total: ComplianceFigures; period: Period }) {
  const titleId = useId();
  return (
    <section className="hq-now" aria-labelledby={titleId}>
      <h2 className="visually-hidden" id={titleId}>
        <FormattedMessage id="hq.now.title" />
      </h2>
      <Tile label="hq.now.children" value={total.childrenHeldNow} tone={total.childrenHeldNow > 0 ? 'alarm' : 'good'} href={total.childrenHeldNow > 0 ? casesHref(period, 'child', null) : null}>
        <FormattedMessage id="hq.now.childrenTarget" />
      </Tile>
      <Tile label="hq.now.overdue" value={total.overdueNow} tone={total.overdueNow > 0 ? 'alarm' : 'good'} href={total.overdueNow > 0 ? casesHref(period, 'overdue', null) : null} />
      <Tile
        label="hq.now.disclosure"
        value={total.disclosureConflicts}
        tone={total.disclosureUnreviewed > 0 ? 'alarm' : 'good'}
        href={total.disclosureConflicts > 0 ? casesHref(period, 'consular_disclosure', null) : null}
      >
        <FormattedMessage id="hq.now.disclosureCaption" values={{ count: total.disclosureUnreviewed }} />
      </Tile>
      {/* A lawyer or the ombudsman turned away is a safeguard failure (issue #15 §1): red until each is reviewed. */}
      <Tile
        label="hq.now.contactRefused"
        value={total.contactRefusalsLawyer + total.contactRefusalsOmbudsman}
        tone={total.contactRefusalsLawyer + total.contactRefusalsOmbudsman + total.contactRefusalsUnreviewed > 0 ? 'alarm' : 'good'}
        href={total.contactRefusalsLawyer + total.contactRefusalsOmbudsman > 0 ? casesHref(period, 'contact_refused', null) : null}
      >
        <FormattedMessage id="hq.now.contactRefusedCaption" values={{ lawyer: total.contactRefusalsLawyer, ombudsman: total.contactRefusalsOmbudsman, unreviewed: total.contactRefusalsUnreviewed }} />
      </Tile>
      {/* A hold is the law working, not a failure: plain, with the people behind it (docs/domain.md §5 rule 4, §6). */}
      <Tile label="hq.now.holds" value={total.nonRefoulementHoldsNow} tone="plain" href={total.nonRefoulementHoldsNow > 0 ? casesHref(period, 'nonrefoulement_hold', null) : null}>
        <FormattedMessage id="hq.now.holdsCaption" />
      </Tile>
      <Tile label="hq.now.asylum" value={total.asylumRequests} tone="plain" href={total.asylumRequests > 0 ? casesHref(period, 'asylum_requests', null) : null}>
        <FormattedMessage id="hq.now.asylumCaption" values={{ count: total.asylumPendingNow }} />
      </Tile>
      <Tile label="hq.now.held" value={total.heldNow} tone="plain" href={null} />
      <Tile label="hq.now.defender" value={total.medianHoursToDefender === null ? '—' : <Span ms={total.medianHoursToDefender * 3_600_000} />} tone="plain" href={null} small>
        <FormattedMessage id="hq.now.defenderCaption" />
      </Tile>
    </section>
  );
}

function Tile({
  label,
  value,
  tone,
  href: to,
  small,
  children,
}: {
  label: MessageKey;
  value: ReactNode;
  tone: 'alarm' | 'good' | 'plain';
  href: string | null;
  small?: boolean;
  children?: ReactNode;
}) {
  const body = (
    <>
      <span className="hq-tile__label">
        <FormattedMessage id={label} />
      </span>
      <span className={`hq-tile__value${small ? ' hq-tile__value--small' : ''}`}>{value}</span>
      {children ? <span className="hq-tile__caption">{children}</span> : null}
    </>
  );
  const className = `hq-tile hq-tile--${tone}`;
  return to ? (
    <a className={`${className} hq-tile--link`} href={to}>
      {body}
    </a>
  ) : (
    <div className={className}>{body}</div>
  );
}

const groups: { group: FigureColumn['group']; label: MessageKey }[] = [
  { group: 'rights', label: 'hq.group.rights' },
  { group: 'consular', label: 'hq.group.consular' },
  { group: 'defender', label: 'hq.group.defender' },
  { group: 'protection', label: 'hq.group.protection' },
  { group: 'now', label: 'hq.group.now' },
];

function FiguresTable({ rows, total, period, limitHours }: { rows: Row[]; total: ComplianceFigures; period: Period; limitHours: number }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const [sort, setSort] = useState<Sort>({ by: 'name', direction: 'asc' });
  const sorted = sortFacilities(rows, sort, locale);
  const sortButton = (column: Sort['by'], label: ReactNode) => (
    <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, column))}>
      {label}
      <span className="sort-button__arrow" aria-hidden="true">
        {sort.by === column ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </button>
  );
  const ariaSort = (column: Sort['by']) => (sort.by === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined);
  const headerText = (c: FigureColumn) => intl.formatMessage({ id: c.label }, { hours: limitHours });
  const cell = (c: FigureColumn, r: ComplianceFigures, facilityId: string | null, facilityName: string) => {
    const v = r[c.figure];
    if (v === null) return <span className="muted">—</span>;
    // The median time to a defender reads as a duration ("42 min", "1 h 5 min"), as in the tile above,
    // never as a bare fraction of an hour (issue #11 §8).
    if (c.figure === 'medianHoursToDefender') return <Span ms={v * 3_600_000} />;
    const text = String(v);
    const tone = v > 0 && c.alarm ? ' hq-num--alarm' : v > 0 && c.issue ? ' hq-num--warn' : '';
    if (!c.issue || v === 0) return <span className={tone.trim() || undefined}>{text}</span>;
    return (
      <a
        className={`hq-fig-link${tone}`}
        href={casesHref(period, c.issue, facilityId)}
        aria-label={intl.formatMessage({ id: 'hq.figure.link' }, { count: v, issue: intl.formatMessage({ id: issueTitle[c.issue] }), facility: facilityName })}
      >
        {text}
      </a>
    );
  };
  const allName = intl.formatMessage({ id: 'hq.table.total' });
  const episodes = figureColumns.find((c) => c.figure === 'episodes')!;
  const grouped = figureColumns.filter((c) => c.group !== 'period');
  return (
    <div className="table-wrap hq-figures">
      <table className="table table--dense hq-figures__table">
        <caption>
          <FormattedMessage id="hq.table.caption" />
        </caption>
        <colgroup>
          <col className="hq-figures__col-facility" />
          {figureColumns.map((c) => (
            <col key={c.figure} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} aria-sort={ariaSort('name')} className="hq-figures__facility">
              {sortButton('name', <FormattedMessage id="hq.table.facility" />)}
            </th>
            <th scope="col" rowSpan={2} aria-sort={ariaSort('episodes')} className="num">
              {sortButton('episodes', headerText(episodes))}
            </th>
            {groups.map((g) => (
              <th key={g.group} scope="colgroup" colSpan={grouped.filter((c) => c.group === g.group).length} className={`hq-figures__group hq-figures__group--${g.group}`}>
                <FormattedMessage id={g.label} />
              </th>
            ))}
          </tr>
          <tr>
            {grouped.map((c, i) => (
              <th key={c.figure} scope="col" aria-sort={ariaSort(c.figure)} className={`num hq-figures__sub${i === 0 || grouped[i - 1]!.group !== c.group ? ' hq-figures__first' : ''}`}>
                {sortButton(c.figure, headerText(c))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={figureColumns.length + 1} className="muted">
                <FormattedMessage id="hq.table.empty" />
              </td>
            </tr>
          ) : (
            sorted.map((r) => (
              <tr key={r.facilityId}>
                <th scope="row" className="hq-figures__facility">
                  {r.name}
                </th>
                <td className="num">{cell(episodes, r, r.facilityId, r.name)}</td>
                {grouped.map((c, i) => (
                  <td key={c.figure} className={`num${i === 0 || grouped[i - 1]!.group !== c.group ? ' hq-figures__first' : ''}`}>
                    {cell(c, r, r.facilityId, r.name)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="hq-figures__facility">
              {allName}
            </th>
            <td className="num">{cell(episodes, total, null, allName)}</td>
            {grouped.map((c, i) => (
              <td key={c.figure} className={`num${i === 0 || grouped[i - 1]!.group !== c.group ? ' hq-figures__first' : ''}`}>
                {cell(c, total, null, allName)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

interface Segment {
  name: string;
  value: number;
  tone: 'good' | 'late' | 'bad';
}

function Legend({ items }: { items: { tone: Segment['tone']; label: string }[] }) {
  return (
    <ul className="hq-legend">
      {items.map((i) => (
        <li key={i.tone}>
          <span className={`hq-swatch hq-swatch--${i.tone}`} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** Each facility's people as one bar of 100 %: told within the limit, late, not told. */
function RightsChart({ rows, limitHours }: { rows: Row[]; limitHours: number }) {
  const intl = useIntl();
  const titleId = useId();
  const t = (id: MessageKey, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  return (
    <figure className="card hq-chart" aria-labelledby={titleId} data-testid="chart-rights">
      <h3 className="hq-chart__title" id={titleId}>
        <FormattedMessage id="hq.chart.rights" values={{ hours: limitHours }} />
      </h3>
      <Legend
        items={[
          { tone: 'good', label: t('hq.legend.within', { hours: limitHours }) },
          { tone: 'late', label: t('hq.legend.late') },
          { tone: 'bad', label: t('hq.legend.missing') },
        ]}
      />
      <ul className="hq-stack-list">
        {rows.map((r) => {
          const segments: Segment[] = [
            { name: 'within', value: r.rightsWithinLimit, tone: 'good' },
            { name: 'late', value: r.rightsLate, tone: 'late' },
            { name: 'missing', value: r.rightsMissing, tone: 'bad' },
          ];
          const all = segments.reduce((n, s) => n + s.value, 0);
          return (
            <li key={r.facilityId} className="hq-stack-row">
              <span className="hq-stack-row__name">{r.name}</span>
              {all === 0 ? (
                <span className="muted small">
                  <FormattedMessage id="hq.chart.nobody" />
                </span>
              ) : (
                <span
                  className="hq-stack"
                  role="img"
                  aria-label={t('hq.chart.rightsRow', { facility: r.name, within: r.rightsWithinLimit, late: r.rightsLate, missing: r.rightsMissing, hours: limitHours })}
                >
                  {segments
                    .filter((s) => s.value > 0)
                    .map((s) => (
                      <span key={s.name} className={`hq-stack__seg hq-stack__seg--${s.tone}`} style={{ '--share': s.value / all } as CSSProperties}>
                        {s.value}
                      </span>
                    ))}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** Consular notices per facility, on one scale for all, so the facility with most blocked stands out. */
function ConsularChart({ rows }: { rows: Row[] }) {
  const intl = useIntl();
  const titleId = useId();
  const t = (id: MessageKey, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const largest = Math.max(1, ...rows.flatMap((r) => [r.consularSent, r.consularBlocked, r.consularOverdue]));
  return (
    <figure className="card hq-chart" aria-labelledby={titleId} data-testid="chart-consular">
      <h3 className="hq-chart__title" id={titleId}>
        <FormattedMessage id="hq.chart.consular" />
      </h3>
      <Legend
        items={[
          { tone: 'good', label: t('hq.legend.sent') },
          { tone: 'late', label: t('hq.legend.blocked') },
          { tone: 'bad', label: t('hq.legend.overdue') },
        ]}
      />
      <ul className="hq-stack-list">
        {rows.map((r) => (
          <li key={r.facilityId} className="hq-stack-row">
            <span className="hq-stack-row__name">{r.name}</span>
            <span className="hq-grouped" role="img" aria-label={t('hq.chart.consularRow', { facility: r.name, sent: r.consularSent, blocked: r.consularBlocked, overdue: r.consularOverdue })}>
              {(
                [
                  ['sent', r.consularSent, 'good'],
                  ['blocked', r.consularBlocked, 'late'],
                  ['overdue', r.consularOverdue, 'bad'],
                ] as const
              ).map(([name, value, tone]) => (
                <span key={name} className="hq-grouped__row">
                  <span className="hq-grouped__track">
                    <span className={`hq-grouped__bar hq-stack__seg--${tone}`} style={{ '--share': value / largest } as CSSProperties} />
                  </span>
                  <span className="hq-grouped__n">{value}</span>
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
