import { Fragment, useState } from 'react';
import { useFieldArray, useFormContext, useWatch, type FieldError } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { claimAnswers, consentScopes, reprisalRisks, safeguardClaims, visitAcceptsFieldwork } from '../../../core/npm/visit';
import { CheckboxGroup } from '../../components/fields';
import { FCheckbox, FDateTime, FNumber, FSelect, FText, FTextArea, Section } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { num, opt } from '../../contract-form';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { Nothing, useRefreshVisit, VisitSection, type Visit } from './common';
import { claimAnswerLabel, claimLabel, consentLabel, interviewKindLabel, riskLabel } from './labels';
import { LockMark } from './bits';
import { ColumnHeads } from '../../components/ColumnHeads';

type Interview = Visit['interviews'][number];
type Claim = (typeof safeguardClaims)[number];

/**
 * Private interviews (OPCAT Art. 20(d)): shown by pseudonym only. What the person said is sealed to the
 * organisation's key before it is stored; it is opened on request, and only where this installation
 * holds the key.
 */
export function Interviews({ visit, mayWrite }: { visit: Visit; mayWrite: boolean }) {
  const refresh = useRefreshVisit(visit.visitId);
  const open = mayWrite && visitAcceptsFieldwork(visit.state);
  return (
    <VisitSection
      title="vis.iv.title"
      count={visit.interviews.length}
      testId="interviews"
      openLabel="vis.iv.add"
      canOpen={open}
      form={(close) => <InterviewForm visitId={visit.visitId} refresh={refresh} onDone={() => close('vis.iv.recorded')} onCancel={() => close(null)} />}
    >
      <p className="muted small npm-note">
        <FormattedMessage id="vis.iv.pseudonymNote" />
      </p>
      {visit.interviews.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="vis.iv.empty" />
        </p>
      ) : (
        <InterviewTable interviews={visit.interviews} />
      )}
    </VisitSection>
  );
}

function InterviewTable({ interviews }: { interviews: Interview[] }) {
  const intl = useIntl();
  const [shown, setShown] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setShown((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="table-wrap">
      <table className="table table--dense npm-interviews">
        <ColumnHeads
          columns={[
            { label: 'vis.iv.pseudonym' },
            { label: 'vis.iv.kind' },
            { label: 'vis.col.at' },
            { label: 'vis.iv.consent' },
            { label: 'vis.iv.risk' },
            { label: 'vis.iv.language' },
            { label: 'vis.iv.confidential' },
          ]}
        />
        <tbody>
          {interviews.map((iv) => (
            <Fragment key={iv.interviewId}>
              <tr data-testid={`interview-${iv.pseudonym}`}>
                <td className="mono">
                  <strong>{iv.pseudonym}</strong>
                </td>
                <td>
                  {intl.formatMessage({ id: interviewKindLabel[iv.kind] })}
                  {iv.kind === 'group' && iv.groupSize ? ` (${iv.groupSize})` : ''}
                  <br />
                  <span className="muted small">
                    <FormattedMessage id={iv.private ? 'vis.iv.private' : 'vis.iv.notPrivate'} />
                  </span>
                </td>
                <td className="nowrap">
                  <Instant value={iv.at} />
                </td>
                <td>
                  <ul className="npm-consents">
                    {iv.consentScope.map((c) => (
                      <li key={c}>
                        <FormattedMessage id={consentLabel[c]} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <span className={`badge npm-risk npm-risk--${iv.reprisalRisk}`}>
                    <FormattedMessage id={riskLabel[iv.reprisalRisk]} />
                  </span>
                </td>
                <td>
                  {iv.language ?? <Nothing />}
                  {iv.interpreterUsed ? (
                    <>
                      <br />
                      <span className="muted small">
                        <FormattedMessage id="vis.iv.interpreterUsed" />
                      </span>
                    </>
                  ) : null}
                </td>
                <td>
                  {iv.confidential ? (
                    <button
                      type="button"
                      className={`button button--small${shown.has(iv.interviewId) ? ' button--pressed' : ''}`}
                      aria-expanded={shown.has(iv.interviewId)}
                      aria-label={intl.formatMessage({ id: shown.has(iv.interviewId) ? 'vis.iv.hideFor' : 'vis.iv.showFor' }, { pseudonym: iv.pseudonym })}
                      onClick={() => toggle(iv.interviewId)}
                    >
                      <FormattedMessage id={shown.has(iv.interviewId) ? 'vis.iv.hide' : 'vis.iv.show'} />
                    </button>
                  ) : (
                    <span className="npm-sealed" data-testid="sealed">
                      <LockMark /> <FormattedMessage id="vis.iv.sealed" />
                    </span>
                  )}
                </td>
              </tr>
              {iv.confidential && shown.has(iv.interviewId) ? (
                <tr className="npm-confidential-row">
                  <td colSpan={7}>
                    <Confidential c={iv.confidential} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Confidential({ c }: { c: NonNullable<Interview['confidential']> }) {
  const intl = useIntl();
  const claims = Object.entries(c.claims) as [Claim, (typeof claimAnswers)[number]][];
  return (
    <div className="npm-confidential" data-testid="confidential">
      <p className="npm-confidential__warn">
        <LockMark /> <FormattedMessage id="vis.iv.confidentialWarn" />
      </p>
      <dl className="facts facts--compact">
        {c.intervieweeName ? (
          <div className="facts__row">
            <dt>
              <FormattedMessage id="vis.iv.name" />
            </dt>
            <dd dir="auto">{c.intervieweeName}</dd>
          </div>
        ) : null}
        {c.registerNo ? (
          <div className="facts__row">
            <dt>
              <FormattedMessage id="vis.iv.registerNo" />
            </dt>
            <dd className="mono">{c.registerNo}</dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>
            <FormattedMessage id="vis.iv.notes" />
          </dt>
          <dd className="verbatim" dir="auto">
            {c.notes}
          </dd>
        </div>
        {c.allegations.length ? (
          <div className="facts__row">
            <dt>
              <FormattedMessage id="vis.iv.allegations" />
            </dt>
            <dd>
              <ol className="npm-allegations">
                {c.allegations.map((a, i) => (
                  <li key={i} dir="auto">
                    {a}
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ) : null}
        {claims.length ? (
          <div className="facts__row">
            <dt>
              <FormattedMessage id="vis.iv.claims" />
            </dt>
            <dd>
              <ul className="plain-list">
                {claims.map(([k, v]) => (
                  <li key={k}>
                    {intl.formatMessage({ id: claimLabel[k] })}: <strong className={v === 'no' ? 'text-danger' : undefined}>{intl.formatMessage({ id: claimAnswerLabel[v] })}</strong>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

interface InterviewValues {
  interview: {
    pseudonym: string;
    private: boolean;
    kind: string;
    groupSize: number | undefined;
    at: string;
    consentScope: string[];
    reprisalRisk: string;
    language: string;
    interpreterUsed: boolean;
    confidential: {
      notes: string;
      intervieweeName: string;
      registerNo: string;
      allegations: { text: string }[];
      claims: Record<Claim, string>;
    };
  };
}

const noClaims = Object.fromEntries(safeguardClaims.map((c) => [c, ''])) as Record<Claim, string>;
/** The claims the person answered; one left blank is not asked. */
function answered(claims: Record<Claim, string>): Partial<Record<Claim, string>> {
  const out: Partial<Record<Claim, string>> = {};
  for (const c of safeguardClaims) if (claims[c] !== '') out[c] = claims[c];
  return out;
}

const allegationPath = /^(interview\.confidential\.allegations\.\d+)$/;

function InterviewForm({ visitId, refresh, onDone, onCancel }: { visitId: string; refresh(): Promise<unknown>; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="npmVisits.recordInterview"
      title="vis.iv.add"
      intro={<FormattedMessage id="vis.iv.intro" />}
      defaults={{
        interview: {
          pseudonym: '',
          private: true,
          kind: 'individual',
          groupSize: undefined,
          at: now,
          consentScope: [],
          reprisalRisk: '',
          language: '',
          interpreterUsed: false,
          confidential: { notes: '', intervieweeName: '', registerNo: '', allegations: [], claims: { ...noClaims } },
        },
      }}
      toInput={({ interview: v }: InterviewValues) => ({
        visitId,
        interview: {
          pseudonym: opt(v.pseudonym),
          private: !!v.private,
          kind: v.kind || undefined,
          groupSize: v.kind === 'group' ? num(v.groupSize) : undefined,
          at: iso(v.at),
          // An unticked group reads as `false` in react-hook-form; the contract wants a list.
          consentScope: Array.isArray(v.consentScope) ? v.consentScope : v.consentScope ? [v.consentScope] : [],
          reprisalRisk: v.reprisalRisk || undefined,
          language: opt(v.language),
          interpreterUsed: !!v.interpreterUsed,
          confidential: {
            notes: v.confidential.notes,
            intervieweeName: opt(v.confidential.intervieweeName),
            registerNo: opt(v.confidential.registerNo),
            allegations: v.confidential.allegations.map((a) => a.text),
            claims: answered(v.confidential.claims),
          },
        },
      })}
      toFormPath={(p) => (allegationPath.test(p) ? `${p}.text` : p)}
      onDone={() => refresh().then(onDone)}
      onCancel={onCancel}
      submitLabel="vis.iv.save"
    >
      <InterviewFields />
    </ContractForm>
  );
}

function InterviewFields() {
  const intl = useIntl();
  const { register, formState } = useFormContext<InterviewValues>();
  const kind = useWatch({ name: 'interview.kind' }) as string;
  const consentError = formState.errors.interview?.consentScope as FieldError | undefined;
  return (
    <>
      <Section title="vis.iv.section.setting">
        <FText name="interview.pseudonym" label="vis.iv.pseudonym" placeholder={intl.formatMessage({ id: 'vis.iv.pseudonymPlaceholder' })} hint={<FormattedMessage id="vis.iv.pseudonymHint" />} />
        <FDateTime name="interview.at" label="vis.iv.at" />
        <FSelect name="interview.kind" label="vis.iv.kind" keys={(['individual', 'group'] as const).map((k) => ({ value: k, label: interviewKindLabel[k] }))} placeholder={false} />
        {kind === 'group' ? <FNumber name="interview.groupSize" label="vis.iv.groupSize" min={2} max={200} /> : null}
        <FCheckbox name="interview.private" label="vis.iv.privateLabel" hint={<FormattedMessage id="vis.iv.privateHint" />} />
        <FSelect name="interview.reprisalRisk" label="vis.iv.risk" keys={reprisalRisks.map((r) => ({ value: r, label: riskLabel[r] }))} />
        <FText name="interview.language" label="vis.iv.language" hint={<FormattedMessage id="form.optional" />} />
        <FCheckbox name="interview.interpreterUsed" label="vis.iv.interpreterUsed" />
      </Section>
      <CheckboxGroup
        legend="vis.iv.consent"
        hint={<FormattedMessage id="vis.iv.consentHint" />}
        registration={register('interview.consentScope')}
        error={consentError}
        options={consentScopes.map((c) => ({ value: c, label: consentLabel[c] }))}
      />
      <Section title="vis.iv.section.confidential" hint={<FormattedMessage id="vis.iv.sealedHint" />}>
        <FTextArea name="interview.confidential.notes" label="vis.iv.notes" rows={4} />
        <FText name="interview.confidential.intervieweeName" label="vis.iv.name" hint={<FormattedMessage id="vis.iv.nameHint" />} />
        <FText name="interview.confidential.registerNo" label="vis.iv.registerNo" hint={<FormattedMessage id="form.optional" />} />
      </Section>
      <Allegations />
      <Section title="vis.iv.claims" hint={<FormattedMessage id="vis.iv.claimsHint" />}>
        {safeguardClaims.map((c) => (
          <FSelect
            key={c}
            name={`interview.confidential.claims.${c}`}
            label={claimLabel[c]}
            keys={[{ value: '', label: 'vis.answer.notAsked' }, ...claimAnswers.map((a) => ({ value: a, label: claimAnswerLabel[a] }))]}
            placeholder={false}
          />
        ))}
      </Section>
    </>
  );
}

function Allegations() {
  const { control } = useFormContext<InterviewValues>();
  const intl = useIntl();
  const rows = useFieldArray({ control, name: 'interview.confidential.allegations' });
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">
        <FormattedMessage id="vis.iv.allegations" />
      </legend>
      {rows.fields.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="vis.iv.noAllegations" />
        </p>
      ) : null}
      <ol className="rows">
        {rows.fields.map((f, i) => (
          <li key={f.id} className="rows__row npm-allegation-row">
            <FText name={`interview.confidential.allegations.${i}.text`} label="vis.iv.allegation" labelValues={{ n: i + 1 }} />
            <button type="button" className="button button--quiet rows__remove" onClick={() => rows.remove(i)} aria-label={intl.formatMessage({ id: 'form.removeRow' }, { n: i + 1 })}>
              <FormattedMessage id="form.remove" />
            </button>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button" onClick={() => rows.append({ text: '' }, { shouldFocus: true })}>
          <FormattedMessage id="vis.iv.addAllegation" />
        </button>
      </div>
    </fieldset>
  );
}
