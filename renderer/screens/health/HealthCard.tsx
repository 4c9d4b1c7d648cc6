import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../../core/contract';
import type { EpisodeView } from '../../../core/contract/register-views';
import type { HealthRecordView } from '../../../core/contract/health';
import { reportAddressees } from '../../../core/health';
import type { MessageKey } from '../../../core/i18n';
import { can } from '../../../core/permissions';
import { api } from '../../api';
import { ColumnHeads } from '../../components/ColumnHeads';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { addresseeLabel, HospitalForm, InjuryForm, NotDoneForm, regionLabel, ReportForm, ReturnForm, visitKindLabel, VisitForm } from './forms';

/**
 * Health during the stay (issue #15 §4, docs/health.md). `HealthStatus` is what every reader of the person
 * sees (in hospital since, examined before leaving or not); `HealthCard` the medical record, for
 * `medical.read` only, each opening audited.
 */

/**
 * Under the person's header, for every reader: in hospital since when, and, once an exit is scheduled
 * and the examination before leaving is still owed, a way for staff to record why it cannot be done.
 */
export function HealthStatus({ episode, mayRecordReason, onDone }: { episode: EpisodeView | null; mayRecordReason: boolean; onDone(label: MessageKey): void }) {
  const [open, setOpen] = useState(false);
  if (!episode) return null;
  const examOwed = episode.obligations.some((o) => o.kind === 'exit_medical_exam');
  if (!episode.inHospitalSince && !examOwed) return null;
  return (
    <div data-testid="health-status">
      {episode.inHospitalSince ? (
        <p className="alert alert--warning">
          <FormattedMessage id="health.inHospitalSince" values={{ time: <Instant value={episode.inHospitalSince} key="t" /> }} />
        </p>
      ) : null}
      {examOwed ? (
        <p className="alert alert--info">
          <FormattedMessage id="health.exitExam.not_done" />{' '}
          {mayRecordReason ? (
            <button type="button" className="button button--small" aria-expanded={open} data-testid="health-not-done" onClick={() => setOpen((o) => !o)}>
              <FormattedMessage id="health.action.notDone" />
            </button>
          ) : null}
        </p>
      ) : null}
      {open ? (
        <NotDoneForm
          episodeId={episode.episodeId}
          onDone={(label) => {
            setOpen(false);
            onDone(label);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}

type Open =
  | { kind: 'visit' }
  | { kind: 'hospital' }
  | { kind: 'return'; stayId: string }
  | { kind: 'injury' }
  | { kind: 'report'; injuryId: string; owed: (typeof reportAddressees)[number][] }
  | { kind: 'notDone' };

export function HealthCard({ personId, session }: { personId: string; session: SessionView }) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const intl = useIntl();
  const roles = session.user.roles;
  const record = useQuery({ queryKey: ['health', 'record', personId], queryFn: () => api.health.record({ personId }) });
  const status = useQuery({ queryKey: ['health', 'status', personId], queryFn: () => api.health.status({ personId }) });
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);
  const mayWrite = can(roles, 'medical.write');
  const mayExitReason = can(roles, 'person.write');

  if (record.isError) return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  const ep = record.data?.episodes[0];
  const exitExam = status.data?.episodes[0]?.exitExam;
  const active = ep && ep.state !== 'CLOSED';
  const finish = (label: MessageKey) => {
    setOpen(null);
    setDone(label);
    void Promise.all([
      queryClient.invalidateQueries({ queryKey: ['health'] }),
      queryClient.invalidateQueries({ queryKey: ['person', personId] }),
      queryClient.invalidateQueries({ queryKey: ['dueNow'] }),
      queryClient.invalidateQueries({ queryKey: ['register'] }),
    ]);
  };
  const formProps = { onDone: finish, onCancel: () => setOpen(null) };
  const button = (next: Open, label: MessageKey, testId: string) => (
    <button
      type="button"
      className={`button button--small${open?.kind === next.kind ? ' button--pressed' : ''}`}
      aria-expanded={open?.kind === next.kind}
      data-testid={testId}
      onClick={() => {
        setDone(null);
        setOpen((o) => (o?.kind === next.kind && JSON.stringify(o) === JSON.stringify(next) ? null : next));
      }}
    >
      <FormattedMessage id={label} />
    </button>
  );
  const openStay = ep?.hospitalStays.find((s) => s.returnedAt === null);

  return (
    <section className="card health-card" style={{ marginTop: 16, padding: '18px 22px' }} aria-labelledby={titleId} data-testid="health-card">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="health.title" />
      </h2>
      <p className="muted">
        <FormattedMessage id="health.restrictedNote" />
      </p>
      <div role="status">
        {done ? (
          <p className="alert alert--success">
            <FormattedMessage id="pp.recorded" values={{ what: intl.formatMessage({ id: done }) }} />
          </p>
        ) : null}
      </div>
      {!ep ? (
        <p className="muted">
          <FormattedMessage id="health.none" />
        </p>
      ) : (
        <>
          <AdmissionExam ep={ep} />
          {ep.inHospitalSince ? (
            <p className="alert alert--warning">
              <FormattedMessage id="health.inHospitalSince" values={{ time: <Instant value={ep.inHospitalSince} key="t" /> }} />
            </p>
          ) : null}
          {exitExam ? (
            <p className={exitExam === 'not_done' ? 'muted' : 'sg-ok'}>
              <FormattedMessage id={`health.exitExam.${exitExam}`} />
            </p>
          ) : null}
          {ep.exitExamNotDone ? (
            <p className="muted">
              <FormattedMessage id="health.exitExamNotDone" values={{ time: <Instant value={ep.exitExamNotDone.at} key="t" />, reason: ep.exitExamNotDone.reason }} />
            </p>
          ) : null}
          {active ? (
            <div className="sg-card__actions">
              {mayWrite ? button({ kind: 'visit' }, 'health.action.visit', 'health-visit') : null}
              {mayWrite && !openStay ? button({ kind: 'hospital' }, 'health.action.hospital', 'health-hospital') : null}
              {mayWrite && openStay ? button({ kind: 'return', stayId: openStay.stayId }, 'health.action.return', 'health-return') : null}
              {mayWrite ? button({ kind: 'injury' }, 'health.action.injury', 'health-injury') : null}
              {mayExitReason && exitExam === 'not_done' ? button({ kind: 'notDone' }, 'health.action.notDone', 'health-not-done') : null}
            </div>
          ) : null}
          {open?.kind === 'visit' ? <VisitForm episodeId={ep.episodeId} {...formProps} /> : null}
          {open?.kind === 'hospital' ? <HospitalForm episodeId={ep.episodeId} {...formProps} /> : null}
          {open?.kind === 'return' ? <ReturnForm stayId={open.stayId} {...formProps} /> : null}
          {open?.kind === 'injury' ? <InjuryForm episodeId={ep.episodeId} {...formProps} /> : null}
          {open?.kind === 'notDone' ? <NotDoneForm episodeId={ep.episodeId} {...formProps} /> : null}
          {open?.kind === 'report' ? <ReportForm injuryId={open.injuryId} owed={open.owed} {...formProps} /> : null}
          <Visits ep={ep} />
          <Stays ep={ep} />
          <Injuries ep={ep} onReport={mayWrite ? (injuryId, owed) => setOpen({ kind: 'report', injuryId, owed }) : null} />
        </>
      )}
    </section>
  );
}

type Ep = HealthRecordView['episodes'][number];

function AdmissionExam({ ep }: { ep: Ep }) {
  const m = ep.admissionExam;
  if (!m) {
    return (
      <p className="muted">
        <FormattedMessage id="health.admissionExam.missing" />
      </p>
    );
  }
  return (
    <p>
      <FormattedMessage id="health.admissionExam" values={{ time: <Instant value={m.at} key="t" />, examiner: m.examiner }} />{' '}
      {m.visibleInjuries ? <FormattedMessage id="health.admissionExam.injuries" values={{ text: m.injuriesDescription ?? '' }} /> : <FormattedMessage id="health.admissionExam.noInjuries" />}
    </p>
  );
}

function Visits({ ep }: { ep: Ep }) {
  if (!ep.visits.length) return null;
  return (
    <div className="table-wrap" style={{ marginTop: 12 }}>
      <table className="table health-table" data-testid="health-visits">
        <caption>
          <FormattedMessage id="health.visits" />
        </caption>
        <ColumnHeads
          columns={[
            { label: 'health.col.when' },
            { label: 'health.col.kind' },
            { label: 'health.col.clinician' },
            { label: 'health.col.complaint' },
            { label: 'health.col.finding' },
            { label: 'health.col.treatment' },
            { label: 'health.col.followUp' },
          ]}
        />
        <tbody>
          {ep.visits.map((v) => (
            <tr key={v.visitId}>
              <td>
                <Instant value={v.visit.at} />
              </td>
              <td>
                <FormattedMessage id={visitKindLabel[v.visit.kind]} />
              </td>
              <td>{v.visit.clinician}</td>
              <td dir="auto">{v.visit.complaint ?? '—'}</td>
              <td dir="auto">{v.visit.finding}</td>
              <td dir="auto">{v.visit.treatment ?? '—'}</td>
              <td>{v.visit.followUpOn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Stays({ ep }: { ep: Ep }) {
  if (!ep.hospitalStays.length) return null;
  return (
    <div className="table-wrap" style={{ marginTop: 12 }}>
      <table className="table health-table" data-testid="health-stays">
        <caption>
          <FormattedMessage id="health.stays" />
        </caption>
        <ColumnHeads columns={[{ label: 'health.col.when' }, { label: 'health.col.hospital' }, { label: 'health.col.reason' }, { label: 'health.col.escort' }, { label: 'health.col.returned' }]} />
        <tbody>
          {ep.hospitalStays.map((s) => (
            <tr key={s.stayId}>
              <td>
                <Instant value={s.admittedAt} />
              </td>
              <td>{s.hospital}</td>
              <td dir="auto">{s.reason}</td>
              <td>{s.escort}</td>
              <td>{s.returnedAt ? <Instant value={s.returnedAt} /> : <FormattedMessage id="health.stillThere" />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Injuries({ ep, onReport }: { ep: Ep; onReport: ((injuryId: string, owed: (typeof reportAddressees)[number][]) => void) | null }) {
  const intl = useIntl();
  if (!ep.injuries.length) return null;
  return (
    <div className="table-wrap" style={{ marginTop: 12 }}>
      <table className="table health-table" data-testid="health-injuries">
        <caption>
          <FormattedMessage id="health.injuries" />
        </caption>
        <ColumnHeads
          columns={[
            { label: 'health.col.when' },
            { label: 'health.col.region' },
            { label: 'health.col.account' },
            { label: 'health.col.finding' },
            { label: 'health.col.atAdmission' },
            { label: 'health.col.reports' },
          ]}
        />
        <tbody>
          {ep.injuries.map((i) => {
            const sent = new Set(i.reports.map((r) => r.report.addressee));
            const owed = i.injury.seenAtAdmission === 'not_seen' ? reportAddressees.filter((a) => !sent.has(a)) : [];
            return (
              <tr key={i.injuryId}>
                <td>
                  <Instant value={i.injury.examinedAt} />
                  <br />
                  {i.injury.examiner}
                </td>
                <td>
                  <FormattedMessage id={regionLabel[i.injury.region]} />
                  {i.injury.locationNote ? ` — ${i.injury.locationNote}` : null}
                </td>
                <td dir="auto">{i.injury.account}</td>
                <td dir="auto">{i.injury.finding}</td>
                <td className={i.injury.seenAtAdmission === 'not_seen' ? 'sg-bad' : undefined}>
                  <FormattedMessage id={`health.seen.${i.injury.seenAtAdmission}`} />
                </td>
                <td>
                  {i.reports.map((r) => (
                    <p key={r.report.addressee} className={r.onTime ? undefined : 'sg-bad'}>
                      <FormattedMessage
                        id="health.report.line"
                        values={{
                          addressee: intl.formatMessage({ id: addresseeLabel[r.report.addressee] }),
                          time: <Instant value={r.report.sentAt} key="t" />,
                          to: r.report.sentTo,
                          reference: r.report.reference,
                        }}
                      />
                      {r.onTime ? null : (
                        <>
                          {' '}
                          (<FormattedMessage id="health.report.late" />)
                        </>
                      )}
                    </p>
                  ))}
                  {owed.map((a) => (
                    <p key={a} className="sg-bad">
                      <FormattedMessage id="health.report.owed" values={{ addressee: intl.formatMessage({ id: addresseeLabel[a] }) }} />
                    </p>
                  ))}
                  {onReport && owed.length ? (
                    <button type="button" className="button button--small" data-testid="health-report" onClick={() => onReport(i.injuryId, owed)}>
                      <FormattedMessage id="health.action.report" />
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
