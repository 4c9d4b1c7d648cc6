import { useId, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ExitEpisodeView } from '../../../core/contract/exits';
import type { ExitStepKind } from '../../../core/exits';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { ColumnHeads } from '../../components/ColumnHeads';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { outcomeTypeLabel } from '../../register-labels';
import { BodyForm, channelLabel, DeathForm, NotifyForm, recipientLabel, StepForm, stepLabel } from './forms';

/**
 * Every way out (issue #15 §6, docs/exits.md): the Exit card shows the planned exit's pathway as a
 * checklist (done with when and by whom, missing, waiting, overdue) with a form for each step; the
 * Death in custody card shows the death, the notifications owed after it and the body.
 */

type Open = { kind: 'step'; step: ExitStepKind } | { kind: 'death' } | { kind: 'notify' } | { kind: 'body'; body: 'claimed' | 'state_burial' };

const statusClass: Record<ExitEpisodeView['steps'][number]['status'], string> = {
  done: 'sg-ok',
  missing: 'muted',
  waiting: 'muted',
  overdue: 'status-badge status-badge--overdue',
  restricted: 'muted',
};

const notOwedKey: Record<string, MessageKey> = { family: 'death.status.notOwedFamily', consul: 'death.status.notOwedConsul' };
const owedKey: Record<string, MessageKey> = { overdue: 'death.status.overdue', owed: 'death.status.owed' };

export function ExitCards({ personId, mayWrite }: { personId: string; mayWrite: boolean }) {
  const queryClient = useQueryClient();
  const intl = useIntl();
  const exitId = useId();
  const deathId = useId();
  const view = useQuery({ queryKey: ['exits', personId], queryFn: () => api.exits.view({ personId }) });
  const [open, setOpen] = useState<Open | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);
  if (view.isError) return <QueryError error={view.error} onRetry={() => void view.refetch()} />;
  const ep = view.data?.episodes[0];
  if (!ep) return null;
  const active = ep.state !== 'CLOSED';
  const finish = (label: MessageKey) => {
    setOpen(null);
    setDone(label);
    void Promise.all(['exits', 'person', 'dueNow', 'register', 'health'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
  };
  const formProps = { onDone: finish, onCancel: () => setOpen(null) };
  const toggle = (next: Open) => {
    setDone(null);
    setOpen((o) => (JSON.stringify(o) === JSON.stringify(next) ? null : next));
  };
  const button = (next: Open, label: ReactNode, testId: string) => (
    <button type="button" className="button button--small" aria-expanded={JSON.stringify(open) === JSON.stringify(next)} data-testid={testId} onClick={() => toggle(next)}>
      {label}
    </button>
  );
  const recorded = done ? (
    <p className="alert alert--success" role="status">
      <FormattedMessage id="pp.recorded" values={{ what: intl.formatMessage({ id: done }) }} />
    </p>
  ) : null;
  const d = ep.death;
  const exitShown = Boolean(ep.planned || ep.steps.length > 0 || (ep.outcome && ep.outcome !== 'died'));

  return (
    <>
      {exitShown ? (
        <section className="card exit-card" style={{ marginTop: 16, padding: '18px 22px' }} aria-labelledby={exitId} data-testid="exit-card">
          <h2 className="card__title" id={exitId}>
            <FormattedMessage id="exits.card.title" />
          </h2>
          {recorded}
          {ep.planned ? (
            <p>
              <FormattedMessage
                id="exits.card.planned"
                values={{ outcome: intl.formatMessage({ id: outcomeTypeLabel[ep.planned.plannedOutcome] }), at: <Instant value={ep.planned.plannedAt} key="at" /> }}
              />
              {ep.planned.overdue ? (
                <>
                  {' '}
                  <span className="status-badge status-badge--overdue">
                    <FormattedMessage id="exits.status.overdue" />
                  </span>
                </>
              ) : null}
            </p>
          ) : null}
          {ep.planned?.pathway ? (
            <p className="muted">
              <FormattedMessage id="exits.card.pathway" />: <FormattedMessage id={`exits.pathway.${ep.planned.pathway}`} />
            </p>
          ) : ep.planned ? (
            <p className="muted">
              <FormattedMessage id="exits.card.noPathway" />
            </p>
          ) : null}
          {ep.removalFrom ? (
            <p className="alert alert--warning">
              <FormattedMessage id="exits.removalFrom" values={{ at: <Instant value={ep.removalFrom} key="at" />, hours: 48 }} />
            </p>
          ) : null}
          {ep.steps.length > 0 ? (
            <table className="table" data-testid="exit-steps">
              <ColumnHeads
                columns={[{ label: 'exits.col.step' }, { label: 'exits.col.status' }, { label: 'exits.col.when' }, { label: 'exits.col.by' }, { label: 'exits.col.details', hidden: true }]}
              />
              <tbody>
                {ep.steps.map((s) => (
                  <tr key={s.kind} data-step={s.kind}>
                    <th scope="row">
                      <FormattedMessage id={stepLabel(s.kind)} />
                    </th>
                    <td>
                      <span className={statusClass[s.status]}>
                        <FormattedMessage id={`exits.status.${s.status}`} />
                      </span>
                    </td>
                    <td>{s.at ? <Instant value={s.at} /> : '—'}</td>
                    <td>{s.recordedBy ?? '—'}</td>
                    <td>
                      {s.details ? <StepDetails step={s.details} /> : null}
                      {active && mayWrite && s.status !== 'done' && s.status !== 'waiting' && s.status !== 'restricted'
                        ? button({ kind: 'step', step: s.kind }, <FormattedMessage id="exits.recordStep" values={{ step: intl.formatMessage({ id: stepLabel(s.kind) }) }} />, `exit-record-${s.kind}`)
                        : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {ep.steps.length > 0 && ep.steps.every((s) => s.status === 'done') && active ? (
            <p className="sg-ok">
              <FormattedMessage id="exits.allStepsDone" />
            </p>
          ) : null}
          {!active && ep.outcome ? (
            <p>
              <FormattedMessage id={outcomeTypeLabel[ep.outcome]} />
            </p>
          ) : null}
          {open?.kind === 'step' ? <StepForm key={open.step} episodeId={ep.episodeId} kind={open.step} {...formProps} /> : null}
        </section>
      ) : null}
      {d || (active && mayWrite) ? (
        <section className="card death-card" style={{ marginTop: 16, padding: '18px 22px' }} aria-labelledby={deathId} data-testid="death-card">
          <h2 className="card__title" id={deathId}>
            <FormattedMessage id="death.card.title" />
          </h2>
          {exitShown ? null : recorded}
          {!d ? (
            <>
              {button({ kind: 'death' }, <FormattedMessage id="death.record" />, 'death-record')}
              {open?.kind === 'death' ? <DeathForm episodeId={ep.episodeId} {...formProps} /> : null}
            </>
          ) : (
            <>
              <dl className="facts">
                <dt>
                  <FormattedMessage id="death.field.diedAt" />
                </dt>
                <dd>
                  <Instant value={d.diedAt} />, {d.place}
                </dd>
                <dt>
                  <FormattedMessage id="death.field.foundBy" />
                </dt>
                <dd>
                  {d.foundBy}, <Instant value={d.foundAt} />
                </dd>
                <dt>
                  <FormattedMessage id="death.field.doctor" />
                </dt>
                <dd>
                  {d.certificate.doctor}, {d.certificate.number}: {d.certificate.cause}
                </dd>
                <dt>
                  <FormattedMessage id="death.field.circumstances" />
                </dt>
                <dd>{d.circumstances}</dd>
              </dl>
              <h3>
                <FormattedMessage id="death.notifications" />
              </h3>
              <table className="table" data-testid="death-notifications">
                <ColumnHeads columns={[{ label: 'death.col.recipient' }, { label: 'death.col.due' }, { label: 'death.col.status' }]} />
                <tbody>
                  {d.notifications.map((n) => (
                    <tr key={n.recipient} data-recipient={n.recipient}>
                      <th scope="row">
                        <FormattedMessage id={recipientLabel(n.recipient)} />
                      </th>
                      <td>{n.dueAt ? <Instant value={n.dueAt} /> : '—'}</td>
                      <td className={n.status === 'notified' ? 'sg-ok' : n.status === 'overdue' ? undefined : 'muted'}>
                        {n.notified ? (
                          <FormattedMessage
                            id="death.status.notified"
                            values={{ at: <Instant value={n.notified.at} key="at" />, toWhom: n.notified.toWhom, channel: intl.formatMessage({ id: channelLabel(n.notified.channel) }) }}
                          />
                        ) : n.status === 'not_owed' ? (
                          <FormattedMessage id={notOwedKey[n.recipient]} />
                        ) : (
                          <span className={n.status === 'overdue' ? 'status-badge status-badge--overdue' : undefined}>
                            <FormattedMessage id={owedKey[n.status]} />
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {mayWrite ? button({ kind: 'notify' }, <FormattedMessage id="death.notify" />, 'death-notify') : null}
              {open?.kind === 'notify' ? (
                <NotifyForm episodeId={ep.episodeId} owed={d.notifications.filter((n) => n.status === 'owed' || n.status === 'overdue').map((n) => n.recipient)} {...formProps} />
              ) : null}
              <h3>
                <FormattedMessage id="death.body" />
              </h3>
              <p className={d.bodyOverdue ? 'alert alert--error' : undefined} data-testid="death-body">
                {d.body === null ? (
                  <FormattedMessage id="death.body.waiting" values={{ from: <Instant value={d.burialFrom} key="f" /> }} />
                ) : d.body.kind === 'claimed' ? (
                  <FormattedMessage id="death.body.claimed" values={{ by: d.body.by, at: <Instant value={d.body.at} key="a" /> }} />
                ) : (
                  <FormattedMessage id="death.body.buried" values={{ place: d.body.place, at: <Instant value={d.body.at} key="a" /> }} />
                )}
              </p>
              {mayWrite && d.body === null ? (
                <div className="sg-card__actions">
                  {button({ kind: 'body', body: 'claimed' }, <FormattedMessage id="death.body.recordClaim" />, 'death-body-claimed')}
                  {button({ kind: 'body', body: 'state_burial' }, <FormattedMessage id="death.body.recordBurial" />, 'death-body-burial')}
                </div>
              ) : null}
              {open?.kind === 'body' ? <BodyForm key={open.body} episodeId={ep.episodeId} kind={open.body} {...formProps} /> : null}
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

/** The few words a recorded step is known by: a number, a place, a reference. */
function StepDetails({ step }: { step: NonNullable<ExitEpisodeView['steps'][number]['details']> }) {
  const parts: string[] = [];
  for (const key of ['place', 'flight', 'by', 'language', 'number', 'issuedBy', 'state', 'agreement', 'reference', 'receivingOfficer', 'court', 'validUntil', 'address'] as const) {
    const v = (step as Record<string, unknown>)[key];
    if (typeof v === 'string' && v) parts.push(v);
  }
  return <span className="muted">{parts.join(' · ')} </span>;
}
