import { FormattedMessage, useIntl } from 'react-intl';
import { visitAcceptsFieldwork } from '../../../core/npm/visit';
import { FDateTime, FSelect, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { opt } from '../../contract-form';
import { href } from '../../routes';
import { Nothing, RowToggle, StatusNotice, useRefreshVisit, useRowForm, VisitSection, type Visit } from './common';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { ColumnHeads } from '../../components/ColumnHeads';
import { reprisalOutcomeLabel, reprisalOutcomes, riskLabel } from './labels';

type Due = Visit['reprisalChecksDue'][number];

/**
 * Everyone interviewed on an earlier visit to this centre is looked for again (SPT on reprisals): the
 * obligation stays on every later visit until the team records what it found.
 */
export function Reprisals({ visit, mayWrite }: { visit: Visit; mayWrite: boolean }) {
  const intl = useIntl();
  const refresh = useRefreshVisit(visit.visitId);
  const open = mayWrite && visitAcceptsFieldwork(visit.state);
  // The obligation itself, not its id: once recorded it leaves the list while its form closes.
  const checking = useRowForm<Due>((a, b) => a.interviewId === b.interviewId);
  const due = visit.reprisalChecksDue;
  const current = checking.picked;
  return (
    <VisitSection title="vis.rp.title" count={due.length} testId="reprisals">
      <StatusNotice notice={checking.notice} />
      {due.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="vis.rp.none" />
        </p>
      ) : (
        <>
          <p className="alert alert--warning npm-rp-due">
            <FormattedMessage id="vis.rp.due" values={{ count: due.length }} />
          </p>
          <table className="table table--dense">
            <ColumnHeads columns={[{ label: 'vis.iv.pseudonym' }, { label: 'vis.rp.interviewed' }, { label: 'vis.iv.risk' }, { label: 'vis.rp.action', hidden: true }]} />
            <tbody>
              {due.map((d: Due) => (
                <tr key={d.interviewId} className={d.reprisalRisk === 'high' ? 'row--attention' : undefined}>
                  <td className="mono">
                    <strong>{d.pseudonym}</strong>
                  </td>
                  <td>
                    <a href={href({ name: 'visit', visitId: d.fromVisitId })}>
                      <Instant value={d.interviewedAt} />
                    </a>
                  </td>
                  <td>
                    <span className={`badge npm-risk npm-risk--${d.reprisalRisk}`}>
                      <FormattedMessage id={riskLabel[d.reprisalRisk]} />
                    </span>
                  </td>
                  <td>
                    {open ? (
                      <RowToggle
                        pressed={checking.isPicked(d)}
                        label="vis.rp.record"
                        ariaLabel={intl.formatMessage({ id: 'vis.rp.recordFor' }, { pseudonym: d.pseudonym })}
                        onClick={() => checking.toggle(d)}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {current ? (
        <ReprisalForm key={current.interviewId} visitId={visit.visitId} due={current} refresh={refresh} onDone={() => checking.done(current, 'vis.rp.recorded')} onCancel={checking.cancel} />
      ) : null}
      {visit.reprisalChecks.length ? (
        <>
          <h3 className="npm-subtitle">
            <FormattedMessage id="vis.rp.done" />
          </h3>
          <table className="table table--dense">
            <ColumnHeads columns={[{ label: 'vis.iv.pseudonym' }, { label: 'vis.rp.outcome' }, { label: 'vis.rp.note' }, { label: 'vis.col.at' }]} />
            <tbody>
              {visit.reprisalChecks.map((c) => (
                <tr key={c.interviewId}>
                  <td className="mono">
                    <strong>{c.pseudonym}</strong>
                  </td>
                  <td className={c.outcome === 'reprisal_alleged' ? 'text-danger' : undefined}>
                    <FormattedMessage id={reprisalOutcomeLabel[c.outcome]} />
                  </td>
                  <td>{c.note ?? <Nothing />}</td>
                  <td className="nowrap">
                    <Instant value={c.at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </VisitSection>
  );
}

function ReprisalForm({ visitId, due, refresh, onDone, onCancel }: { visitId: string; due: Due; refresh(): Promise<unknown>; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="npmVisits.checkReprisal"
      grid
      title="vis.rp.formTitle"
      intro={<FormattedMessage id="vis.rp.formIntro" values={{ pseudonym: due.pseudonym }} />}
      defaults={{ check: { at: now, outcome: '', note: '' } }}
      toInput={(v: { check: { at: string; outcome: string; note: string } }) => ({
        visitId,
        check: { interviewId: due.interviewId, at: iso(v.check.at), outcome: v.check.outcome || undefined, note: opt(v.check.note) },
      })}
      onDone={() => refresh().then(onDone)}
      onCancel={onCancel}
      submitLabel="vis.rp.save"
    >
      <FSelect name="check.outcome" label="vis.rp.outcome" keys={reprisalOutcomes.map((o) => ({ value: o, label: reprisalOutcomeLabel[o] }))} />
      <FDateTime name="check.at" label="vis.col.at" />
      <FTextArea name="check.note" label="vis.rp.note" rows={2} hint={<FormattedMessage id="vis.rp.noteHint" />} />
    </ContractForm>
  );
}
