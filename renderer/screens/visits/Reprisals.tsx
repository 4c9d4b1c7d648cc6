import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { contract } from '../../../core/contract';
import type { MessageKey } from '../../../core/i18n';
import { visitAcceptsFieldwork } from '../../../core/npm/visit';
import { api } from '../../api';
import { FDateTime, FSelect, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { opt } from '../../contract-form';
import { href } from '../../routes';
import { ActionForm } from '../person/ActionForm';
import { Nothing, useIso, useNowLocal, useRefreshVisit, VisitSection, type Visit } from './common';
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
  const [checking, setChecking] = useState<Due | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const due = visit.reprisalChecksDue;
  return (
    <VisitSection title="vis.rp.title" count={due.length} testId="reprisals">
      <div role="status" className="status-line">
        {notice ? (
          <p className="alert alert--success">
            <FormattedMessage id={notice} />
          </p>
        ) : null}
      </div>
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
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="vis.iv.pseudonym" />
                </th>
                <th scope="col">
                  <FormattedMessage id="vis.rp.interviewed" />
                </th>
                <th scope="col">
                  <FormattedMessage id="vis.iv.risk" />
                </th>
                <th scope="col">
                  <span className="visually-hidden">
                    <FormattedMessage id="vis.rp.action" />
                  </span>
                </th>
              </tr>
            </thead>
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
                      <button
                        type="button"
                        className={`button button--small${checking?.interviewId === d.interviewId ? ' button--pressed' : ''}`}
                        aria-expanded={checking?.interviewId === d.interviewId}
                        aria-label={intl.formatMessage({ id: 'vis.rp.recordFor' }, { pseudonym: d.pseudonym })}
                        onClick={() => {
                          setNotice(null);
                          setChecking((c) => (c?.interviewId === d.interviewId ? null : d));
                        }}
                      >
                        <FormattedMessage id="vis.rp.record" />
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {checking ? (
        <ReprisalForm
          key={checking.interviewId}
          visitId={visit.visitId}
          due={checking}
          refresh={refresh}
          onDone={() => {
            setChecking((c) => (c === checking ? null : c));
            setNotice('vis.rp.recorded');
          }}
          onCancel={() => setChecking(null)}
        />
      ) : null}
      {visit.reprisalChecks.length ? (
        <>
          <h3 className="npm-subtitle">
            <FormattedMessage id="vis.rp.done" />
          </h3>
          <table className="table table--dense">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="vis.iv.pseudonym" />
                </th>
                <th scope="col">
                  <FormattedMessage id="vis.rp.outcome" />
                </th>
                <th scope="col">
                  <FormattedMessage id="vis.rp.note" />
                </th>
                <th scope="col">
                  <FormattedMessage id="vis.col.at" />
                </th>
              </tr>
            </thead>
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
  const iso = useIso();
  const now = useNowLocal();
  return (
    <ActionForm<{ check: { at: string; outcome: string; note: string } }, unknown>
      title="vis.rp.formTitle"
      intro={<FormattedMessage id="vis.rp.formIntro" values={{ pseudonym: due.pseudonym }} />}
      schema={contract.visits.checkReprisal.input}
      defaults={{ check: { at: now, outcome: '', note: '' } }}
      toInput={(v) => ({ visitId, check: { interviewId: due.interviewId, at: iso(v.check.at), outcome: v.check.outcome || undefined, note: opt(v.check.note) } })}
      send={async (input) => {
        await api.visits.checkReprisal(input as Parameters<typeof api.visits.checkReprisal>[0]);
        await refresh();
      }}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="vis.rp.save"
    >
      <div className="form-grid">
        <FSelect name="check.outcome" label="vis.rp.outcome" keys={reprisalOutcomes.map((o) => ({ value: o, label: reprisalOutcomeLabel[o] }))} />
        <FDateTime name="check.at" label="vis.col.at" />
        <FTextArea name="check.note" label="vis.rp.note" rows={2} hint={<FormattedMessage id="vis.rp.noteHint" />} />
      </div>
    </ActionForm>
  );
}
