import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { RecommendationView } from '../../../core/contract/npm';
import { contract } from '../../../core/contract';
import type { MessageRef } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { addressees, implementationStatuses, severities, visitAcceptsFieldwork, visitAcceptsFindings, visitStates } from '../../../core/npm/visit';
import { api } from '../../api';
import { FormAlert } from '../../components/fields';
import { FDate, FSelect, FText, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { opt } from '../../contract-form';
import { formatDate } from '../../datetime';
import { ActionForm } from '../person/ActionForm';
import { AreaName } from './Areas';
import { Nothing, useIso, useNowLocal, useRefreshVisit, VisitSection, type Visit } from './common';
import { ImportFileForm, refOfError, saveFile } from './files';
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

/** The finding, the standard it rests on and the recommendation, as they will read in the report. */
function FindingCell({ r }: { r: RecommendationView }) {
  return (
    <>
      <strong dir="auto">{r.title}</strong>
      <br />
      <span className="muted small">
        {r.standard}
        {r.area ? (
          <>
            {' · '}
            <AreaName area={r.area} />
          </>
        ) : null}
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
  const [exportProblem, setExportProblem] = useState<MessageRef | null>(null);
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
            <thead>
              <tr>
                <th scope="col" className="npm-w-finding">
                  <FormattedMessage id="vis.fd.finding" />
                </th>
                <th scope="col" className="npm-w-badge">
                  <FormattedMessage id="vis.fd.severity" />
                </th>
                <th scope="col" className="npm-w-addr">
                  <FormattedMessage id="vis.fd.addressee" />
                </th>
                <th scope="col" className="npm-w-date">
                  <FormattedMessage id="vis.fd.due" />
                </th>
                <th scope="col" className="npm-w-state">
                  <FormattedMessage id="vis.fd.state" />
                </th>
                <th scope="col" className="npm-w-resp">
                  <FormattedMessage id="vis.fd.response" />
                </th>
              </tr>
            </thead>
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
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setExportProblem(null);
                    setExported(false);
                    api.visits
                      .exportRecommendations({ visitId: visit.visitId })
                      .then((file) => {
                        saveFile(file);
                        setExported(true);
                        return refresh();
                      })
                      .catch((e: unknown) => setExportProblem(refOfError(e)));
                  }}
                >
                  <FormattedMessage id="vis.fd.export" />
                </button>
              </>
            ) : (
              <p className="muted small">
                <FormattedMessage id="vis.fd.draftFirst" />
              </p>
            )}
            <FormAlert message={exportProblem} />
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
                send={(content) => api.visits.importResponses({ content })}
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
    <ActionForm<FindingValues, unknown>
      title="vis.fd.add"
      schema={contract.visits.addFinding.input}
      defaults={{ finding: { title: '', standard: '', severity: '', area: '', finding: '', recommendation: '', addressee: 'facility', dueDate: '' } }}
      toInput={({ finding: f }) => ({
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
      send={async (input) => {
        await api.visits.addFinding(input as Parameters<typeof api.visits.addFinding>[0]);
        await refresh();
      }}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="vis.fd.save"
    >
      <div className="form-grid">
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
      </div>
    </ActionForm>
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
  const [verifying, setVerifying] = useState<string | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const list = visit.earlierRecommendations;
  const verifyingRec = list.find((r) => r.recommendationId === verifying) ?? null;
  if (list.length === 0 && visit.type !== 'follow_up') return null;
  return (
    <VisitSection title="vis.er.title" count={list.length} testId="earlier">
      <div role="status" className="status-line">
        {notice ? (
          <p className="alert alert--success">
            <FormattedMessage id={notice} />
          </p>
        ) : null}
      </div>
      {list.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="vis.er.none" />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense npm-findings">
            <thead>
              <tr>
                <th scope="col" className="npm-w-finding">
                  <FormattedMessage id="vis.fd.finding" />
                </th>
                <th scope="col" className="npm-w-date">
                  <FormattedMessage id="vis.fd.due" />
                </th>
                <th scope="col" className="npm-w-state">
                  <FormattedMessage id="vis.fd.state" />
                </th>
                <th scope="col" className="npm-w-resp">
                  <FormattedMessage id="vis.fd.response" />
                </th>
                <th scope="col" className="npm-w-resp">
                  <FormattedMessage id="vis.er.verified" />
                </th>
              </tr>
            </thead>
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
                      <button
                        type="button"
                        className={`button button--small${verifying === r.recommendationId ? ' button--pressed' : ''}`}
                        aria-expanded={verifying === r.recommendationId}
                        aria-label={intl.formatMessage({ id: 'vis.er.verifyFor' }, { title: r.title })}
                        onClick={() => {
                          setNotice(null);
                          setVerifying((v) => (v === r.recommendationId ? null : r.recommendationId));
                        }}
                      >
                        <FormattedMessage id="vis.er.verify" />
                      </button>
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
          onDone={() => {
            setVerifying((v) => (v === verifyingRec.recommendationId ? null : v));
            setNotice('vis.er.recorded');
          }}
          onCancel={() => setVerifying(null)}
        />
      ) : null}
    </VisitSection>
  );
}

function VerifyForm({
  visitId,
  recommendation,
  refresh,
  onDone,
  onCancel,
}: {
  visitId: string;
  recommendation: RecommendationView;
  refresh(): Promise<unknown>;
  onDone(): void;
  onCancel(): void;
}) {
  const iso = useIso();
  const now = useNowLocal();
  return (
    <ActionForm<{ found: { status: string; note: string } }, unknown>
      title="vis.er.formTitle"
      intro={<strong dir="auto">{recommendation.title}</strong>}
      schema={contract.visits.verifyRecommendation.input}
      defaults={{ found: { status: '', note: '' } }}
      toInput={(v) => ({
        recommendationId: recommendation.recommendationId,
        verification: { visitId, at: iso(now), status: v.found.status || undefined, note: opt(v.found.note) },
      })}
      // The contract's 'verification' shares its name with the document-verification labels.
      toFormPath={(p) => p.replace(/^verification\./, 'found.')}
      send={async (input) => {
        await api.visits.verifyRecommendation(input as Parameters<typeof api.visits.verifyRecommendation>[0]);
        await refresh();
      }}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="vis.er.save"
    >
      <div className="form-grid">
        <FSelect name="found.status" label="vis.er.status" keys={implementationStatuses.map((s) => ({ value: s, label: implementationLabel[s] }))} />
        <FTextArea name="found.note" label="vis.er.note" rows={2} />
      </div>
    </ActionForm>
  );
}
