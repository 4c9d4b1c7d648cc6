import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import type { DisciplineCaseView } from '../../../core/contract/discipline';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { useLocale } from '../../i18n';
import { languageLabel } from '../../places';
import { AppealForm, BreachForm, DecisionForm, DropForm, HearingForm, measureLabel, NoticeForm, OutcomeForm, outcomeLabel } from './forms';
import './discipline.css';

/**
 * The person's breaches of the internal rules and their measures (issue #15 §3, MC Art. 90): one row per
 * breach with its hearing, the measure and its period, where it stands, and the appeal; each row offers the
 * next step the law asks for. Only the centre head decides or closes a breach without a measure.
 */

type Step = 'hear' | 'decide' | 'notice' | 'appeal' | 'outcome' | 'drop';
type Open = { form: 'breach' } | { form: Step; caseId: string } | null;

const badge: Record<DisciplineCaseView['status'], string> = {
  pending: 'status-badge--due',
  no_measure: 'status-badge--ok',
  decided: 'status-badge--upcoming',
  in_force: 'status-badge--overdue',
  ended: 'status-badge--ok',
  annulled: 'status-badge--ok',
};

const statusLabel: Record<DisciplineCaseView['status'], MessageKey> = {
  pending: 'disc.status.pending',
  no_measure: 'disc.status.no_measure',
  decided: 'disc.status.decided',
  in_force: 'disc.status.in_force',
  ended: 'disc.status.ended',
  annulled: 'disc.status.annulled',
};

const stepLabel: Record<Step, MessageKey> = {
  hear: 'disc.action.hear',
  decide: 'disc.action.decide',
  notice: 'disc.action.notice',
  appeal: 'disc.action.appeal',
  outcome: 'disc.action.outcome',
  drop: 'disc.action.drop',
};
const stepDone: Record<Step | 'breach', MessageKey> = {
  breach: 'event.discipline.breachRecorded',
  hear: 'event.discipline.heard',
  decide: 'event.discipline.decided',
  notice: 'event.discipline.noticeGiven',
  appeal: 'event.discipline.appealed',
  outcome: 'event.discipline.appealDecided',
  drop: 'event.discipline.dropped',
};

/** The steps a breach offers now, in the order the law takes them. */
function nextSteps(c: DisciplineCaseView, mayDecide: boolean): Step[] {
  if (c.dropped) return [];
  if (!c.decision) return [...(c.hearing ? [] : (['hear'] as const)), ...(mayDecide ? (['decide', 'drop'] as const) : [])];
  return [...(c.notice ? [] : (['notice'] as const)), ...(c.appeal ? (c.appeal.outcome ? [] : (['outcome'] as const)) : (['appeal'] as const))];
}

export function PersonDiscipline({
  personId,
  episode,
  language,
  officerName,
  mayWrite,
  mayDecide,
  onDone,
}: {
  personId: string;
  /** The episode still open, if any: breaches are recorded against it. */
  episode: { episodeId: string } | null;
  /** The person's first language: the default for the hearing and the notice. */
  language: string;
  officerName: string;
  mayWrite: boolean;
  mayDecide: boolean;
  onDone(event: MessageKey): void;
}) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const { locale } = useLocale();
  const [open, setOpen] = useState<Open>(null);
  const list = useQuery({ queryKey: ['discipline', personId], queryFn: () => api.discipline.list({ personId }) });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const cases = list.data?.cases ?? [];
  const canRecord = mayWrite && episode !== null;
  const finished = (what: Step | 'breach') => () => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: ['discipline', personId] });
    onDone(stepDone[what]);
  };
  const cancel = () => setOpen(null);
  const form = (c: DisciplineCaseView) => {
    if (!open || !('caseId' in open) || open.caseId !== c.caseId) return null;
    const props = { caseId: c.caseId, onCancel: cancel, onDone: finished(open.form) };
    switch (open.form) {
      case 'hear':
        return <HearingForm {...props} language={language} />;
      case 'decide':
        return <DecisionForm {...props} inquiry={c.breach.inquiry} officerName={officerName} />;
      case 'notice':
        return <NoticeForm {...props} language={language} />;
      case 'appeal':
        return <AppealForm {...props} />;
      case 'outcome':
        return <OutcomeForm {...props} />;
      case 'drop':
        return <DropForm {...props} />;
    }
  };
  return (
    <section className="card discipline" aria-labelledby={titleId} data-testid="discipline-card">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="disc.title" />
      </h2>
      {cases.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="disc.none" />
        </p>
      ) : (
        <table className="table table--dense discipline__table">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="disc.col.breach" />
              </th>
              <th scope="col">
                <FormattedMessage id="disc.col.measure" />
              </th>
              <th scope="col">
                <FormattedMessage id="disc.col.status" />
              </th>
              <th scope="col">
                <FormattedMessage id="disc.col.appeal" />
              </th>
            </tr>
          </thead>
          {cases.map((c) => {
            const steps = canRecord && open === null ? nextSteps(c, mayDecide) : [];
            const shown = form(c);
            return (
              <tbody key={c.caseId} data-testid="discipline-row">
                <tr>
                  <td>
                    <span className="discipline__what" dir="auto">
                      {c.breach.what}
                    </span>
                    <span className="discipline__sub">
                      <FormattedMessage id="disc.occurred" values={{ time: <Instant value={c.breach.occurredAt} key="t" />, place: c.breach.place }} />
                    </span>
                    <span className="discipline__sub">
                      <FormattedMessage id="disc.rule" values={{ rule: c.breach.rule }} />
                      {c.breach.inquiry ? (
                        <>
                          {' · '}
                          <FormattedMessage id="disc.inquiry" />
                        </>
                      ) : null}
                    </span>
                    <span className="discipline__sub">
                      {c.hearing ? (
                        c.hearing.interpreterName ? (
                          <FormattedMessage
                            id="disc.heardInterpreter"
                            values={{
                              time: <Instant value={c.hearing.at} key="t" />,
                              language: c.hearing.language,
                              interpreterLanguage: c.hearing.interpreterLanguage ?? '',
                              name: c.hearing.interpreterName,
                            }}
                          />
                        ) : (
                          <FormattedMessage id="disc.heard" values={{ time: <Instant value={c.hearing.at} key="t" />, language: languageLabel(c.hearing.language, locale) }} />
                        )
                      ) : (
                        <strong>
                          <FormattedMessage id="disc.notHeard" />
                        </strong>
                      )}
                    </span>
                  </td>
                  <td>
                    {c.decision ? (
                      <>
                        <span className="discipline__measure">
                          <FormattedMessage id={measureLabel[c.decision.measureType]} />
                        </span>
                        <span className="discipline__period">
                          <FormattedMessage id="disc.col.period" />: {c.decision.startsOn === c.decision.endsOn ? c.decision.startsOn : `${c.decision.startsOn} – ${c.decision.endsOn}`}
                        </span>
                        <span className="discipline__sub">
                          <FormattedMessage id="disc.decisionNo" values={{ no: c.decision.decisionNo, officer: c.decision.officerName }} /> · <Instant value={c.decision.decidedAt} />
                        </span>
                        <span className="discipline__sub">
                          {c.notice ? (
                            <FormattedMessage id="disc.notice" values={{ time: <Instant value={c.notice.appealExplainedAt} key="t" /> }} />
                          ) : (
                            <strong>
                              <FormattedMessage id="disc.noNotice" />
                            </strong>
                          )}
                        </span>
                      </>
                    ) : c.dropped ? (
                      <span className="discipline__sub" dir="auto">
                        <FormattedMessage id="disc.noMeasure" values={{ reason: c.dropped.reason }} />
                      </span>
                    ) : c.decisionDueAt ? (
                      <span className="discipline__sub">
                        <FormattedMessage id="disc.decideBy" values={{ time: <Instant value={c.decisionDueAt} key="t" /> }} />
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <span className={`status-badge ${badge[c.status]}`}>
                      <FormattedMessage id={statusLabel[c.status]} />
                    </span>
                  </td>
                  <td>
                    {c.appeal ? (
                      <>
                        <span className="discipline__sub">
                          <FormattedMessage id="disc.appealed" values={{ to: c.appeal.to, time: <Instant value={c.appeal.filedAt} key="t" /> }} />
                        </span>
                        {c.appeal.outcome ? (
                          <span className="discipline__measure">
                            <FormattedMessage id={outcomeLabel[c.appeal.outcome.outcome]} />
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">
                        <FormattedMessage id="disc.noAppeal" />
                      </span>
                    )}
                  </td>
                </tr>
                {steps.length ? (
                  <tr className="discipline__steps">
                    <td colSpan={4}>
                      {steps.map((s) => (
                        <button key={s} type="button" className="button button--small" onClick={() => setOpen({ form: s, caseId: c.caseId })}>
                          <FormattedMessage id={stepLabel[s]} />
                        </button>
                      ))}
                    </td>
                  </tr>
                ) : null}
                {shown ? (
                  <tr>
                    <td colSpan={4}>{shown}</td>
                  </tr>
                ) : null}
              </tbody>
            );
          })}
        </table>
      )}
      {canRecord && open === null ? (
        <div className="discipline__bar">
          <button type="button" className="button button--small button--primary" onClick={() => setOpen({ form: 'breach' })}>
            <FormattedMessage id="disc.record" />
          </button>
        </div>
      ) : null}
      {open?.form === 'breach' && episode ? <BreachForm episodeId={episode.episodeId} onCancel={cancel} onDone={finished('breach')} /> : null}
    </section>
  );
}
