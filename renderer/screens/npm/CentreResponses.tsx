import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { zodResolver } from '@hookform/resolvers/zod';
import { FormProvider, useForm } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { contract } from '../../../core/contract';
import type { RecommendationView } from '../../../core/contract/npm';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { FormAlert } from '../../components/fields';
import { FDate, FSelect, FText, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { opt } from '../../contract-form';
import { formatDate, todayIn } from '../../datetime';
import { contractResolverOptions } from '../../forms';
import { useTimeZone } from '../../i18n';
import { RowToggle, StatusNotice, useRowForm } from './common';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { ColumnHeads } from '../../components/ColumnHeads';
import { DownloadButton, ImportFileForm, saveFile, useProblem } from './files';
import { identityPreview, keyFingerprint } from './fingerprint';
import { KeyChangeImport, RotateKey } from './KeyRotation';
import { FindingCell, findingColumn, RecStateBadge, ResponseText, severityColumn, SeverityBadge, stateColumns } from './Findings';
import { addresseeLabel, responseStatusLabel, responseStatuses } from './labels';
import { Fingerprint, PanelCard } from './bits';
import { Fact } from '../../components/Fact';
import './npm.css';

const statusKey = ['npmCentre', 'status'] as const;
const recsKey = ['npmCentre', 'recommendations'] as const;

/**
 * The centre's side of OPCAT visits: who it is to the office (its identity file), which office it
 * trusts, the register extract a visiting team asks for, and the recommendations it receives and
 * answers. Nothing confidential from the office's interviews ever reaches this screen.
 */
export function CentreResponses({ mayManage }: { mayManage: boolean }) {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: statusKey, queryFn: () => api.npmCentre.status() });
  const recs = useQuery({ queryKey: recsKey, queryFn: () => api.npmCentre.recommendations() });
  const [notice, setNotice] = useState<{ key: MessageKey; values?: Record<string, string | number> } | null>(null);
  const trusted = status.data?.trustedOmbudsman ?? null;
  const [replacing, setReplacing] = useState(false);
  const base = useId();
  const ids = { trust: `${base}-trust`, recs: `${base}-recs` };

  return (
    <div className="npm-page">
      <PageTitle id="ovs.title" />
      <p className="lead">
        <FormattedMessage id="ovs.lead" />
      </p>
      <StatusNotice notice={notice?.key ?? null} values={notice?.values} />
      {status.isError ? <QueryError error={status.error} onRetry={() => void status.refetch()} /> : null}

      <div className="npm-columns">
        <IdentityCard />
        <section className="card panel" aria-labelledby={ids.trust}>
          <h2 className="card__title" id={ids.trust}>
            <FormattedMessage id="ovs.trust.title" />
          </h2>
          {trusted ? (
            <dl className="facts" data-testid="trusted-ombudsman">
              <Fact label="ovs.trust.name">{trusted.name}</Fact>
              <Fact label="vis.fingerprint">
                <Fingerprint value={trusted.fingerprint} />
              </Fact>
            </dl>
          ) : status.data ? (
            <p className="alert alert--warning">
              <FormattedMessage id="ovs.trust.none" />
            </p>
          ) : null}
          {mayManage && trusted && !replacing ? (
            <button type="button" className="button button--small" aria-expanded={false} onClick={() => setReplacing(true)}>
              <FormattedMessage id="ovs.trust.replace" />
            </button>
          ) : null}
          {mayManage && (!trusted || replacing) ? (
            <ImportFileForm
              title={trusted ? 'ovs.trust.replace' : 'ovs.trust.import'}
              label="ovs.trust.file"
              hint="ovs.trust.hint"
              submitLabel="ovs.trust.submit"
              showIdentity
              send={(content) => api.npmCentre.trustOmbudsman({ content })}
              onDone={(r) => {
                setReplacing(false);
                setNotice({ key: 'ovs.trust.done', values: { name: r.name } });
                void queryClient.invalidateQueries({ queryKey: statusKey });
              }}
            />
          ) : !trusted ? (
            <p className="muted small">
              <FormattedMessage id="ovs.trust.askHead" />
            </p>
          ) : null}
        </section>
      </div>

      {mayManage && trusted ? (
        <div className="npm-columns">
          <KeyChangeImport
            title="ovs.rotate.title"
            hint="ovs.rotate.hint"
            senderOf={(v) => v.name}
            read={(content: string) => api.npmCentre.readKeyRotation({ content })}
            accept={(content) => api.npmCentre.acceptKeyRotation({ content })}
            onAccepted={() => {
              setNotice({ key: 'rot.accepted' });
              void queryClient.invalidateQueries({ queryKey: statusKey });
            }}
          />
          <RotateKey
            title="ovs.fileKey.title"
            intro="ovs.fileKey.intro"
            button="ovs.fileKey.rotate"
            confirm="ovs.fileKey.confirm"
            confirmButton="ovs.fileKey.confirmButton"
            done="ovs.fileKey.done"
            rotate={() => api.npmCentre.rotateKey({})}
            onDone={() => void queryClient.invalidateQueries({ queryKey: statusKey })}
          />
        </div>
      ) : null}

      <ExtractForm />

      <section className="card npm-section" aria-labelledby={ids.recs}>
        <div className="npm-section__head">
          <h2 className="card__title" id={ids.recs}>
            <FormattedMessage id="ovs.recs.title" />
          </h2>
        </div>
        <ImportFileForm
          title="ovs.recs.import"
          label="ovs.recs.file"
          hint="ovs.recs.hint"
          submitLabel="ovs.recs.submit"
          send={(content) => api.npmCentre.importRecommendations({ content })}
          onDone={(r) => {
            setNotice(r.alreadyHeld ? { key: 'ovs.recs.alreadyHeld' } : { key: 'ovs.recs.imported', values: { count: r.recommendations } });
            void queryClient.invalidateQueries({ queryKey: recsKey });
          }}
        />
        {recs.isError ? <QueryError error={recs.error} onRetry={() => void recs.refetch()} /> : null}
        {recs.data ? <Received list={recs.data.recommendations} /> : null}
      </section>
    </div>
  );
}

function IdentityCard() {
  const problems = useProblem();
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  return (
    <PanelCard level={2} title="ovs.identity.title" intro="ovs.identity.intro">
      {fingerprint ? (
        <p>
          <FormattedMessage id="vis.fingerprint" />: <Fingerprint value={fingerprint} />
        </p>
      ) : null}
      <FormAlert message={problems.problem} />
      <div className="actions actions--start">
        <DownloadButton
          label="ovs.identity.download"
          problems={problems}
          fetch={() => api.npmCentre.identity()}
          onSaved={(file) => {
            const preview = identityPreview(file.content);
            if (preview) void keyFingerprint(preview.publicKey).then(setFingerprint);
          }}
        />
      </div>
    </PanelCard>
  );
}

const extractSchema = contract.npmCentre.exportExtract.input;

function ExtractForm() {
  const zone = useTimeZone();
  const today = todayIn(zone);
  const problems = useProblem();
  const [done, setDone] = useState<number | null>(null);
  const form = useForm<z.input<typeof extractSchema>, unknown, z.output<typeof extractSchema>>({
    resolver: zodResolver(extractSchema, contractResolverOptions),
    defaultValues: { from: today.slice(0, 8) + '01', to: today },
  });
  const {
    handleSubmit,
    formState: { isSubmitting },
  } = form;
  const submit = handleSubmit(async (input) => {
    setDone(null);
    await problems.attempt(async () => {
      const file = await api.npmCentre.exportExtract(input);
      saveFile(file);
      setDone(file.persons);
    });
  }, problems.invalid);
  return (
    <PanelCard level={2} title="ovs.extract.title" intro="ovs.extract.intro">
      <form className="form" noValidate onSubmit={submit}>
        <FormProvider {...form}>
          <div className="form-grid npm-period">
            <FDate name="from" label="ovs.extract.from" />
            <FDate name="to" label="ovs.extract.to" />
          </div>
        </FormProvider>
        <FormAlert message={problems.problem} />
        {done !== null ? (
          <p className="alert alert--success" role="status">
            <FormattedMessage id="ovs.extract.done" values={{ count: done }} />
          </p>
        ) : null}
        <div className="actions actions--start">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            <FormattedMessage id="ovs.extract.submit" />
          </button>
        </div>
      </form>
    </PanelCard>
  );
}

/** Received recommendations, one group per visit, each with its response and the file to send back. */
function Received({ list }: { list: RecommendationView[] }) {
  if (list.length === 0) {
    return (
      <p className="muted">
        <FormattedMessage id="ovs.recs.none" />
      </p>
    );
  }
  const byVisit = new Map<string, RecommendationView[]>();
  for (const r of list) byVisit.set(r.visitId, [...(byVisit.get(r.visitId) ?? []), r]);
  return (
    <>
      {[...byVisit.entries()].map(([visitId, recs]) => (
        <VisitGroup key={visitId} visitId={visitId} recs={recs} />
      ))}
    </>
  );
}

function VisitGroup({ visitId, recs }: { visitId: string; recs: RecommendationView[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const titleId = useId();
  const responding = useRowForm<string>();
  const problems = useProblem();
  const issued =
    recs
      .map((r) => r.issuedAt)
      .filter((x): x is string => !!x)
      .sort()[0] ?? null;
  const answered = recs.filter((r) => r.response).length;
  const respondingRec = recs.find((r) => r.recommendationId === responding.picked) ?? null;
  return (
    <section className="npm-rec-group" aria-labelledby={titleId} data-testid={`received-${visitId}`}>
      <div className="npm-section__head">
        <h3 className="npm-subtitle" id={titleId}>
          {issued ? <FormattedMessage id="ovs.recs.group" values={{ date: <Instant key="d" value={issued} /> }} /> : <FormattedMessage id="ovs.recs.groupUndated" />}{' '}
          <span className="muted small">
            <FormattedMessage id="ovs.recs.answered" values={{ answered, count: recs.length }} />
          </span>
        </h3>
        <DownloadButton
          label="ovs.recs.export"
          problems={problems}
          disabled={answered === 0}
          fetch={() => api.npmCentre.exportResponses({ visitId })}
          onStart={() => responding.say(null)}
          onSaved={() => responding.say('ovs.recs.exported')}
        />
      </div>
      <FormAlert message={problems.problem} />
      <StatusNotice notice={responding.notice} />
      <div className="table-wrap">
        <table className="table table--dense npm-findings">
          <ColumnHeads columns={[findingColumn, severityColumn, ...stateColumns]} />
          <tbody>
            {recs.map((r) => (
              <tr key={r.recommendationId} className={r.state === 'RESPONSE_DUE' ? 'row--attention' : undefined}>
                <td className="npm-finding">
                  <FindingCell r={r} meta={<FormattedMessage id={addresseeLabel[r.addressee]} />} />
                </td>
                <td>
                  <SeverityBadge severity={r.severity} />
                </td>
                <td className="nowrap">{formatDate(r.dueDate)}</td>
                <td>
                  <RecStateBadge state={r.state} />
                </td>
                <td className="npm-response">
                  <ResponseText r={r} />
                  <div>
                    <RowToggle
                      pressed={responding.isPicked(r.recommendationId)}
                      label={r.response ? 'ovs.respond.change' : 'ovs.respond.open'}
                      ariaLabel={intl.formatMessage({ id: r.response ? 'ovs.respond.changeFor' : 'ovs.respond.openFor' }, { title: r.title })}
                      onClick={() => responding.toggle(r.recommendationId)}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {respondingRec ? (
        <RespondForm
          key={respondingRec.recommendationId}
          rec={respondingRec}
          onDone={() => {
            responding.done(respondingRec.recommendationId, 'ovs.respond.recorded');
            void queryClient.invalidateQueries({ queryKey: recsKey });
          }}
          onCancel={responding.cancel}
        />
      ) : null}
    </section>
  );
}

interface RespondValues {
  response: { status: string; response: string; plannedBy: string; responder: string; at: string };
}

function RespondForm({ rec, onDone, onCancel }: { rec: RecommendationView; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="npmCentre.respond"
      grid
      title="ovs.respond.title"
      intro={<strong dir="auto">{rec.title}</strong>}
      defaults={{
        response: {
          status: rec.response?.status ?? '',
          response: rec.response?.response ?? '',
          plannedBy: rec.response?.plannedBy ?? '',
          responder: rec.response?.responder ?? '',
          at: now,
        },
      }}
      toInput={({ response: r }: RespondValues) => ({
        recommendationId: rec.recommendationId,
        response: { at: iso(r.at), status: r.status || undefined, response: r.response, plannedBy: opt(r.plannedBy), responder: r.responder },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="ovs.respond.save"
    >
      <FSelect name="response.status" label="ovs.respond.status" keys={responseStatuses.map((s) => ({ value: s, label: responseStatusLabel[s] }))} />
      <FText name="response.responder" label="ovs.respond.responder" hint={<FormattedMessage id="ovs.respond.responderHint" />} />
      <FTextArea name="response.response" label="ovs.respond.text" rows={3} />
      <FDate name="response.plannedBy" label="ovs.respond.plannedBy" hint={<FormattedMessage id="form.optional" />} />
    </ContractForm>
  );
}
