import { useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../api';
import { Instant } from '../components/Instant';
import { PageTitle } from '../components/PageTitle';
import { PersonNames } from '../components/person-bits';
import { AdmissionReason } from '../components/AdmissionStatus';
import { QueryError } from '../components/QueryError';
import { obligationKey, obligationStatusLabel } from '../register-labels';
import { href } from '../routes';
import { SafeguardsFigures } from './safeguards/SafeguardsFigures';
import { StayFigures } from './stay/StayFigures';
import { TracingRequestsBoard } from './tracing/CentreRequests';
import { IncomingTransfers } from './transfers/Transfers';
import { NationalTasks } from './national/NationalTasks';

type Item = Awaited<ReturnType<typeof api.dueNow.list>>['items'][number];
type Status = Item['status'];

const shownPerGroup = 6;

const rank: Record<Status, number> = { overdue: 0, due: 1, upcoming: 2 };

interface Group {
  kind: string;
  items: Item[];
  counts: Record<Status, number>;
}

/** Groups by what is owed; the group with the most pressing item comes first. */
function groupItems(items: readonly Item[]): Group[] {
  const byKind = new Map<string, Group>();
  for (const item of items) {
    let g = byKind.get(item.kind);
    if (!g) {
      g = { kind: item.kind, items: [], counts: { overdue: 0, due: 0, upcoming: 0 } };
      byKind.set(item.kind, g);
    }
    g.items.push(item);
    g.counts[item.status]++;
  }
  const groups = [...byKind.values()];
  for (const g of groups) g.items.sort((a, b) => rank[a.status] - rank[b.status] || a.dueAt.localeCompare(b.dueAt));
  const worst = (g: Group) => g.items[0]!;
  groups.sort((a, b) => rank[worst(a).status] - rank[worst(b).status] || worst(a).dueAt.localeCompare(worst(b).dueAt));
  return groups;
}

/** "3 h 20 min", "2 d 4 h": how far a deadline is from now, in the largest two units that matter. */
export function Duration({ ms }: { ms: number }) {
  const intl = useIntl();
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(intl.formatMessage({ id: 'dur.days' }, { n: d }));
  if (h && parts.length < 2) parts.push(intl.formatMessage({ id: 'dur.hours' }, { n: h }));
  if (!d && m && parts.length < 2) parts.push(intl.formatMessage({ id: 'dur.minutes' }, { n: m }));
  return <>{parts.join(' ')}</>;
}

/** `mayReport`: the user reads the facility's reports (the figures of the whole stay). */
export function DueNow({ mayReport = false }: { mayReport?: boolean }) {
  const intl = useIntl();
  const [upcoming, setUpcoming] = useState(false);
  const upcomingId = useId();
  const chartTitleId = useId();
  const due = useQuery({
    queryKey: ['dueNow', upcoming],
    queryFn: () => api.dueNow.list({ includeUpcoming: upcoming }),
    // The board is left open on the duty desk: it follows the clock without anyone touching it.
    refetchInterval: 60_000,
    staleTime: 0,
  });
  const groups = useMemo(() => groupItems(due.data?.items ?? []), [due.data]);
  const totals = useMemo(() => {
    const t: Record<Status, number> = { overdue: 0, due: 0, upcoming: 0 };
    for (const i of due.data?.items ?? []) t[i.status]++;
    return t;
  }, [due.data]);
  const headings = useRef(new Map<string, HTMLHeadingElement>());
  // Long groups show their most pressing items; the rest are one click away, so the board stays scannable.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const largest = Math.max(1, ...groups.map((g) => g.items.length));
  const now = due.data ? Date.parse(due.data.now) : Date.now();

  return (
    <>
      <PageTitle id="dueNow.title" />
      <p className="lead">
        <FormattedMessage id="dueNow.lead" />
        {due.data ? (
          <>
            {' '}
            <FormattedMessage id="dueNow.asOf" values={{ time: <Instant value={due.data.now} key="t" /> }} />
          </>
        ) : null}
      </p>
      {due.isError ? <QueryError error={due.error} onRetry={() => void due.refetch()} /> : null}
      <TracingRequestsBoard />
      <IncomingTransfers />
      <NationalTasks />
      {due.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {due.data ? (
        <>
          <div className="due-summary">
            <p className={`due-total due-total--overdue${totals.overdue ? '' : ' due-total--zero'}`}>
              <span className="due-total__n">{totals.overdue}</span>
              <span className="due-total__label">
                <FormattedMessage id="dueNow.totalOverdue" />
              </span>
            </p>
            <p className={`due-total due-total--due${totals.due ? '' : ' due-total--zero'}`}>
              <span className="due-total__n">{totals.due}</span>
              <span className="due-total__label">
                <FormattedMessage id="dueNow.totalDue" />
              </span>
            </p>
            {upcoming ? (
              <p className="due-total due-total--upcoming">
                <span className="due-total__n">{totals.upcoming}</span>
                <span className="due-total__label">
                  <FormattedMessage id="dueNow.totalUpcoming" />
                </span>
              </p>
            ) : null}
            <label className="checkbox due-summary__toggle" htmlFor={upcomingId}>
              <input id={upcomingId} type="checkbox" checked={upcoming} onChange={(e) => setUpcoming(e.target.checked)} />
              <span>
                <FormattedMessage id="dueNow.showUpcoming" />
              </span>
            </label>
          </div>
          {groups.length === 0 ? (
            <p className="empty-state empty-state--calm" role="status">
              <FormattedMessage id={upcoming ? 'dueNow.emptyAll' : 'dueNow.empty'} />
            </p>
          ) : (
            <div className="due-layout">
              <section className="card due-chart" aria-labelledby={chartTitleId}>
                <h2 className="card__title" id={chartTitleId}>
                  <FormattedMessage id="dueNow.chartTitle" />
                </h2>
                <ul className="bars">
                  {groups.map((g) => {
                    const key = obligationKey(g.kind);
                    const name = key ? intl.formatMessage({ id: key }) : g.kind;
                    return (
                      <li key={g.kind} className="bars__row">
                        <button
                          type="button"
                          className="bars__label"
                          onClick={() => {
                            const h = headings.current.get(g.kind);
                            h?.scrollIntoView({ block: 'start' });
                            h?.focus({ preventScroll: true });
                          }}
                        >
                          {name}
                        </button>
                        {/* Widths are shares of the longest group, set as custom properties (CSSOM, allowed by the CSP). */}
                        <span className="bars__track" aria-hidden="true">
                          {(['overdue', 'due', 'upcoming'] as const).map((s) =>
                            g.counts[s] ? <span key={s} className={`bars__bar bars__bar--${s}`} style={{ '--share': g.counts[s] / largest } as CSSProperties} /> : null,
                          )}
                        </span>
                        <span className="bars__count">
                          <FormattedMessage id="dueNow.groupCounts" values={{ overdue: g.counts.overdue, due: g.counts.due }} />
                          {g.counts.upcoming ? (
                            <>
                              {' · '}
                              <FormattedMessage id="dueNow.groupUpcoming" values={{ upcoming: g.counts.upcoming }} />
                            </>
                          ) : null}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </section>
              <div className="due-groups">
                {groups.map((g) => {
                  const key = obligationKey(g.kind);
                  return (
                    <section key={g.kind} className="due-group" aria-labelledby={`due-${g.kind}`}>
                      <h2
                        className="due-group__title"
                        id={`due-${g.kind}`}
                        tabIndex={-1}
                        ref={(el) => {
                          if (el) headings.current.set(g.kind, el);
                          else headings.current.delete(g.kind);
                        }}
                      >
                        {key ? intl.formatMessage({ id: key }) : g.kind}
                        <span className="due-group__count">{g.items.length}</span>
                      </h2>
                      <ul className="due-list">
                        {(expanded.has(g.kind) ? g.items : g.items.slice(0, shownPerGroup)).map((item) => (
                          <li key={`${item.episodeId}-${item.kind}-${item.dueAt}`} className={`due-item due-item--${item.status}`}>
                            <span className={`status-badge status-badge--${item.status}`}>
                              <FormattedMessage id={obligationStatusLabel[item.status]} />
                            </span>
                            <a className="due-item__person" href={href({ name: 'person', personId: item.personId })}>
                              <PersonNames latin={item.nameLatin} original={item.nameOriginal} />
                            </a>
                            <span className="due-item__no">
                              <FormattedMessage id="dueNow.registerNo" values={{ no: item.registerNo }} />
                            </span>
                            <span className="due-item__when">
                              <Instant value={item.dueAt} />
                              <span className="due-item__relative">
                                {Date.parse(item.dueAt) <= now ? (
                                  <FormattedMessage id="dueNow.lateBy" values={{ duration: <Duration ms={now - Date.parse(item.dueAt)} key="d" /> }} />
                                ) : (
                                  <FormattedMessage id="dueNow.leftIn" values={{ duration: <Duration ms={Date.parse(item.dueAt) - now} key="d" /> }} />
                                )}
                              </span>
                            </span>
                            {item.kind === 'rights_notification' ? <AdmissionReason admission={item.admission} /> : null}
                          </li>
                        ))}
                      </ul>
                      {g.items.length > shownPerGroup ? (
                        <button
                          type="button"
                          className="button button--small button--quiet due-group__more"
                          aria-expanded={expanded.has(g.kind)}
                          onClick={() =>
                            setExpanded((s) => {
                              const next = new Set(s);
                              if (next.has(g.kind)) next.delete(g.kind);
                              else next.add(g.kind);
                              return next;
                            })
                          }
                        >
                          {expanded.has(g.kind) ? <FormattedMessage id="dueNow.showFewer" /> : <FormattedMessage id="dueNow.showAll" values={{ count: g.items.length }} />}
                        </button>
                      ) : null}
                    </section>
                  );
                })}
              </div>
            </div>
          )}
        </>
      ) : null}
      <SafeguardsFigures />
      {mayReport ? <StayFigures /> : null}
    </>
  );
}
