import { useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { RecommendationView } from '../../../core/contract/npm';
import { addressees, implementationStatuses, severities, visitAcceptsFieldwork, visitAcceptsFindings, visitStates } from '../../../core/npm/visit';
import { api } from '../../api';
import { FormAlert } from '../../components/fields';
import { FDate, FSelect, FText, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { opt } from '../../contract-form';
import { formatDate } from '../../datetime';
import { AreaName } from './Areas';
import { Nothing, RowToggle, StatusNotice, useRefreshVisit, useRowForm, VisitSection, type Visit } from './common';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { ColumnHeads, type Column } from '../../components/ColumnHeads';
import { DownloadButton, ImportFileForm, useProblem } from './files';
import { addresseeLabel, areaKey, implementationLabel, recStateLabel, responseStatusLabel, severityLabel } from './labels';

export function RecStateBadge({ state }: { state: RecommendationView['state'] }) {
  return (
    <span className={`badge npm-rec npm-rec--${state}`}>
      <FormattedMessage id={recStateLabel[state]} />
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: RecommendationView['severity'] }) {
  return (
    <span className={`badge npm-sev npm-sev--${severity}`}>
      <FormattedMessage id={severityLabel[severity]} />
    </span>
  );
}

/** What the authority answered, in a table cell. */
export function ResponseText({ r }: { r: RecommendationView }) {
  if (!r.response) return <Nothing id="vis.rec.noResponse" />;
  return (
    <>
      <strong>
        <FormattedMessage id={responseStatusLabel[r.response.status]} />
      </strong>
      {r.response.plannedBy ? (
        <span className="muted small">
          {' '}
          <FormattedMessage id="vis.rec.plannedBy" values={{ date: formatDate(r.response.plannedBy) }} />
        </span>
      ) : null}
      <br />
      <span dir="auto">{r.response.response}</span>
      <br />
      <span className="muted small">
        {r.response.responder} · <Instant value={r.response.at} />
      </span>
    </>
  );
}

export const findingColumn: Column = { label: 'vis.fd.finding', className: 'npm-w-finding' };
export const severityColumn: Column = { label: 'vis.fd.severity', className: 'npm-w-badge' };
/** Due date, state and response: the columns every list of recommendations ends with. */
export const stateColumns: Column[] = [
  { label: 'vis.fd.due', className: 'npm-w-date' },
  { label: 'vis.fd.state', className: 'npm-w-state' },
  { label: 'vis.fd.response', className: 'npm-w-resp' },
];

/** The finding, the standard it rests on and the recommendation, as they will read in the report. */
export function FindingCell({ r, meta }: { r: RecommendationView; meta?: ReactNode }) {
  return (
    <>
      <strong dir="auto">{r.title}</strong>
      <br />
      <span className="muted small">
        {r.standard}
        {meta === undefined ? (
          r.area ? (
            <>
              {' · '}
              <AreaName area={r.area} />
            </>
          ) : null
        ) : (
          <>
            {' · '}
            {meta}
          </>
        )}
      </span>
      <p className="npm-finding__text" dir="auto">
        {r.finding}
      </p>
      <p className="npm-finding__rec" dir="auto">
        → {r.recommendation}
      </p>
    </>
  );
}

export function Findings({ visit, mayWrite }: { visit: Visit; mayWrite: boolean }) {
  const refresh = useRefreshVisit(visit.visitId);
  const [exported, setExported] = useState(false);
  const exportProblem = useProblem();
  const [imported, setImported] = useState<{ recorded: number; alreadyHeld: number } | null>(null);
  const open = mayWrite && visitAcceptsFindings(visit.state);
  const areas = [...new Set(visit.areas.map((a) => a.area))];
  // The file goes out once the report is drafted; responses can come back once it has gone out.
  const mayExport = visit.state === 'REPORT_DRAFT' || visit.state === 'SENT' || visit.state === 'FOLLOW_UP';
  const issued = visit.findings.some((r) => r.issuedAt);
  const stillToCome = visitStates.indexOf(visit.state) <= visitStates.indexOf('REPORT_DRAFT');
  return (
    <VisitSection
      title="vis.fd.title"
      count={visit.findings.length}
      testId="findings"
      openLabel="vis.fd.add"
      canOpen={open}
      form={(close) => <FindingForm visitId={visit.visitId} areas={areas} refresh={refresh} onDone={() => close('vis.fd.recorded')} onCancel={() => close(null)} />}
    >
      {visit.findings.length === 0 ? (
        <p className="muted">
          <FormattedMessage id={stillToCome ? 'vis.fd.empty' : 'vis.fd.emptyClosed'} />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense npm-findings">
            <ColumnHeads columns={[findingColumn, severityColumn, { label: 'vis.fd.addressee', className: 'npm-w-addr' }, ...stateColumns]} />
            <tbody>
              {visit.findings.map((r) => (
                <tr key={r.recommendationId} data-testid={`finding-${r.recommendationId}`}>
                  <td className="npm-finding">
                    <FindingCell r={r} />
                  </td>
                  <td>
                    <SeverityBadge severity={r.severity} />
                  </td>
                  <td>
                    <FormattedMessage id={addresseeLabel[r.addressee]} />
                  </td>
                  <td className="nowrap">{formatDate(r.dueDate)}</td>
                  <td>
                    <RecStateBadge state={r.state} />
                  </td>
                  <td className="npm-response">
                    <ResponseText r={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayWrite && visit.findings.length ? (
        <div className="npm-file-actions">
          <div className="npm-file-actions__export">
            <h3 className="npm-subtitle">
              <FormattedMessage id="vis.fd.exportTitle" />
            </h3>
            {mayExport ? (
              <>
                <p className="muted small">
                  <FormattedMessage id="vis.fd.exportHint" />
                </p>
                <DownloadButton
                  label="vis.fd.export"
                  problems={exportProblem}
                  fetch={() => api.npmVisits.exportRecommendations({ visitId: visit.visitId })}
                  onStart={() => setExported(false)}
                  onSaved={() => {
                    setExported(true);
                    return refresh();
                  }}
                />
              </>
            ) : (
              <p className="muted small">
                <FormattedMessage id="vis.fd.draftFirst" />
              </p>
            )}
            <FormAlert message={exportProblem.problem} />
            {exported ? (
              <p className="alert alert--success" role="status">
                <FormattedMessage id="vis.fd.exported" />
              </p>
            ) : null}
          </div>
          {issued ? (
            <div>
              <ImportFileForm
                title="vis.fd.importTitle"
                label="vis.fd.importFile"
                hint="vis.fd.importHint"
                submitLabel="vis.fd.importSubmit"
                send={(content) => api.npmVisits.importResponses({ content })}
                onDone={(r) => {
                  setImported({ recorded: r.recorded, alreadyHeld: r.alreadyHeld });
                  void refresh();
                }}
              />
              {imported ? (
                <p className="alert alert--success" role="status">
                  <FormattedMessage id="vis.fd.imported" values={imported} />
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </VisitSection>
  );
}

interface FindingValues {
  finding: { title: string; standard: string; severity: string; area: string; finding: string; recommendation: string; addressee: string; dueDate: string };
}

function FindingForm({ visitId, areas, refresh, onDone, onCancel }: { visitId: string; areas: string[]; refresh(): Promise<unknown>; onDone(): void; onCancel(): void }) {
  const intl = useIntl();
  return (
    <ContractForm
      method="npmVisits.addFinding"
      grid
      title="vis.fd.add"
      defaults={{ finding: { title: '', standard: '', severity: '', area: '', finding: '', recommendation: '', addressee: 'facility', dueDate: '' } }}
      toInput={({ finding: f }: FindingValues) => ({
        visitId,
        finding: {
          title: f.title,
          standard: f.standard,
          severity: f.severity || undefined,
          area: opt(f.area),
          finding: f.finding,
          recommendation: f.recommendation,
          addressee: f.addressee || undefined,
          dueDate: opt(f.dueDate),
        },
      })}
      onDone={() => refresh().then(onDone)}
      onCancel={onCancel}
      submitLabel="vis.fd.save"
    >
      <FText name="finding.title" label="vis.fd.titleLabel" wide />
      <FText name="finding.standard" label="vis.fd.standard" hint={<FormattedMessage id="vis.fd.standardHint" />} />
      <FSelect name="finding.severity" label="vis.fd.severity" keys={severities.map((s) => ({ value: s, label: severityLabel[s] }))} />
      <FSelect
        name="finding.area"
        label="vis.fd.area"
        options={areas.map((a) => ({ value: a, label: areaKey(a) ? intl.formatMessage({ id: areaKey(a)! }) : a }))}
        hint={<FormattedMessage id="form.optional" />}
      />
      <FSelect name="finding.addressee" label="vis.fd.addressee" keys={addressees.map((a) => ({ value: a, label: addresseeLabel[a] }))} placeholder={false} />
      <FTextArea name="finding.finding" label="vis.fd.findingText" rows={3} />
      <FTextArea name="finding.recommendation" label="vis.fd.recommendation" rows={3} />
      <FDate name="finding.dueDate" label="vis.fd.due" hint={<FormattedMessage id="vis.fd.dueHint" />} />
    </ContractForm>
  );
}

/**
 * A follow-up visit shows where every earlier recommendation to this centre stands, and the team
 * records what it found implemented.
 */
export function Earlier({ visit, mayWrite }: { visit: Visit; mayWrite: boolean }) {
  const intl = useIntl();
  const refresh = useRefreshVisit(visit.visitId);
  const open = mayWrite && (visitAcceptsFieldwork(visit.state) || visitAcceptsFindings(visit.state));
  const verifying = useRowForm<string>();
  const list = visit.earlierRecommendations;
  const verifyingRec = list.find((r) => r.recommendationId === verifying.picked) ?? null;
  if (list.length === 0 && visit.type !== 'follow_up') return null;
  return (
    <VisitSection title="vis.er.title" count={list.length} testId="earlier">
      <StatusNotice notice={verifying.notice} />
      {list.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="vis.er.none" />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense npm-findings">
            <ColumnHeads columns={[findingColumn, ...stateColumns, { label: 'vis.er.verified', className: 'npm-w-resp' }]} />
            <tbody>
              {list.map((r) => (
                <tr key={r.recommendationId} className={r.state === 'RESPONSE_DUE' || r.state === 'NOT_IMPLEMENTED' ? 'row--attention' : undefined}>
                  <td className="npm-finding">
                    <FindingCell r={r} />
                  </td>
                  <td className="nowrap">{formatDate(r.dueDate)}</td>
                  <td>
                    <RecStateBadge state={r.state} />
                  </td>
                  <td className="npm-response">
                    <ResponseText r={r} />
                  </td>
                  <td>
                    {r.implementation ? (
                      <>
                        <strong>
                          <FormattedMessage id={implementationLabel[r.implementation]} />
                        </strong>
                        {r.verificationNote ? (
                          <>
                            <br />
                            <span dir="auto">{r.verificationNote}</span>
                          </>
                        ) : null}
                      </>
                    ) : open ? (
                      <RowToggle
                        pressed={verifying.isPicked(r.recommendationId)}
                        label="vis.er.verify"
                        ariaLabel={intl.formatMessage({ id: 'vis.er.verifyFor' }, { title: r.title })}
                        onClick={() => verifying.toggle(r.recommendationId)}
                      />
                    ) : (
                      <Nothing />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {verifyingRec ? (
        <VerifyForm
          key={verifyingRec.recommendationId}
          visitId={visit.visitId}
          recommendation={verifyingRec}
          refresh={refresh}
          onDone={() => verifying.done(verifyingRec.recommendationId, 'vis.er.recorded')}
          onCancel={verifying.cancel}
        />
      ) : null}
    </VisitSection>
  );
}

function VerifyForm({ visitId, recommendation, refresh, onDone, onCancel }: { visitId: string; recommendation: RecommendationView; refresh(): Promise<unknown>; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="npmVisits.verifyRecommendation"
      grid
      title="vis.er.formTitle"
      intro={<strong dir="auto">{recommendation.title}</strong>}
      defaults={{ found: { status: '', note: '' } }}
      toInput={(v: { found: { status: string; note: string } }) => ({
        recommendationId: recommendation.recommendationId,
        verification: { visitId, at: iso(now), status: v.found.status || undefined, note: opt(v.found.note) },
      })}
      // The contract's 'verification' shares its name with the document-verification labels.
      toFormPath={(p) => p.replace(/^verification\./, 'found.')}
      onDone={() => refresh().then(onDone)}
      onCancel={onCancel}
      submitLabel="vis.er.save"
    >
      <FSelect name="found.status" label="vis.er.status" keys={implementationStatuses.map((s) => ({ value: s, label: implementationLabel[s] }))} />
      <FTextArea name="found.note" label="vis.er.note" rows={2} />
    </ContractForm>
  );
}
