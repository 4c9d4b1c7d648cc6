import { FormattedMessage } from 'react-intl';
import { appealOutcomes, measureTypes } from '../../../core/discipline';
import type { MessageKey } from '../../../core/i18n';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { FCheckbox, FDate, FDateTime, FRadios, FSelect, FText, FTextArea } from '../../components/form-fields';
import { opt } from '../../contract-form';

/** The forms of the discipline card (issue #15 §3, MC Art. 90); each calls one contract method. */

export interface FormProps {
  onDone(): void;
  onCancel(): void;
}

export const measureLabel: Record<(typeof measureTypes)[number], MessageKey> = {
  warning: 'disc.measure.warning',
  reprimand: 'disc.measure.reprimand',
  restriction_of_privileges: 'disc.measure.restriction_of_privileges',
  isolation: 'disc.measure.isolation',
  expulsion_from_centre: 'disc.measure.expulsion_from_centre',
};
export const outcomeLabel: Record<(typeof appealOutcomes)[number], MessageKey> = { upheld: 'disc.outcome.upheld', annulled: 'disc.outcome.annulled', changed: 'disc.outcome.changed' };

/** Server paths under `prefix.` are this form's field names. */
const under = (prefix: string) => (path: string) => (path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path);
const optional = <FormattedMessage id="disc.optional" />;

export function BreachForm({ episodeId, onDone, onCancel }: FormProps & { episodeId: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="discipline.recordBreach"
      look="inset"
      title="disc.form.breach"
      testId="discipline-breach-form"
      intro={<FormattedMessage id="disc.form.breach.intro" />}
      defaults={{ what: '', rule: '', occurredAt: now, detectedAt: now, place: '', inquiry: false }}
      toInput={(v: { what: string; rule: string; occurredAt: string; detectedAt: string; place: string; inquiry: boolean }) => ({
        episodeId,
        breach: { what: v.what, rule: v.rule, occurredAt: iso(v.occurredAt), detectedAt: iso(v.detectedAt), place: v.place, inquiry: v.inquiry },
      })}
      toFormPath={under('breach')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="disc.submit.breach"
    >
      <FTextArea name="what" label="disc.field.what" />
      <div className="form-grid">
        <FText name="rule" label="disc.field.rule" />
        <FText name="place" label="disc.field.place" />
        <FDateTime name="occurredAt" label="disc.field.occurredAt" />
        <FDateTime name="detectedAt" label="disc.field.detectedAt" />
      </div>
      <FCheckbox name="inquiry" label="disc.field.inquiry" hint={<FormattedMessage id="disc.field.inquiry.hint" />} />
    </ContractForm>
  );
}

export function HearingForm({ caseId, language, onDone, onCancel }: FormProps & { caseId: string; language: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="discipline.recordHearing"
      look="inset"
      title="disc.form.hearing"
      testId="discipline-hearing-form"
      intro={<FormattedMessage id="disc.form.hearing.intro" />}
      defaults={{ at: now, language, interpreterName: '', interpreterLanguage: '', statement: '' }}
      toInput={(v: { at: string; language: string; interpreterName: string; interpreterLanguage: string; statement: string }) => ({
        caseId,
        hearing: { at: iso(v.at), language: v.language, interpreterName: opt(v.interpreterName), interpreterLanguage: opt(v.interpreterLanguage), statement: v.statement },
      })}
      toFormPath={under('hearing')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="disc.submit.hearing"
    >
      <div className="form-grid">
        <FDateTime name="at" label="disc.field.hearingAt" />
        <FText name="language" label="disc.field.language" />
        <FText name="interpreterName" label="disc.field.interpreterName" hint={optional} />
        <FText name="interpreterLanguage" label="disc.field.interpreterLanguage" hint={optional} />
      </div>
      <FTextArea name="statement" label="disc.field.statement" />
    </ContractForm>
  );
}

interface DecisionValues {
  measureType: string;
  decisionNo: string;
  decidedAt: string;
  inquiryCompletedAt: string;
  startsOn: string;
  endsOn: string;
  reasons: string;
  officerName: string;
}

export function DecisionForm({ caseId, inquiry, officerName, onDone, onCancel }: FormProps & { caseId: string; inquiry: boolean; officerName: string }) {
  const { now, iso } = useFormClock();
  const today = now.slice(0, 10);
  return (
    <ContractForm<DecisionValues, 'discipline.decide'>
      method="discipline.decide"
      look="inset"
      title="disc.form.decision"
      testId="discipline-decision-form"
      intro={<FormattedMessage id="disc.form.decision.intro" />}
      defaults={{ measureType: '', decisionNo: '', decidedAt: now, inquiryCompletedAt: '', startsOn: today, endsOn: today, reasons: '', officerName }}
      toInput={(v) => ({
        caseId,
        officerName: v.officerName,
        decision: {
          measureType: opt(v.measureType) as never,
          decisionNo: v.decisionNo,
          decidedAt: iso(v.decidedAt),
          inquiryCompletedAt: v.inquiryCompletedAt ? iso(v.inquiryCompletedAt) : undefined,
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          reasons: v.reasons,
        },
      })}
      toFormPath={under('decision')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="disc.submit.decision"
    >
      <div className="form-grid">
        <FSelect name="measureType" label="disc.field.measureType" keys={measureTypes.map((t) => ({ value: t, label: measureLabel[t] }))} />
        <FText name="decisionNo" label="disc.field.decisionNo" />
        <FDateTime name="decidedAt" label="disc.field.decidedAt" />
        {inquiry ? <FDateTime name="inquiryCompletedAt" label="disc.field.inquiryCompletedAt" /> : null}
        <FDate name="startsOn" label="disc.field.startsOn" />
        <FDate name="endsOn" label="disc.field.endsOn" />
        <FText name="officerName" label="disc.field.officerName" />
      </div>
      <FTextArea name="reasons" label="disc.field.reasons" />
    </ContractForm>
  );
}

export function NoticeForm({ caseId, language, onDone, onCancel }: FormProps & { caseId: string; language: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="discipline.recordNotice"
      look="inset"
      title="disc.form.notice"
      testId="discipline-notice-form"
      defaults={{ copyHandedAt: now, appealExplainedAt: now, language }}
      toInput={(v: { copyHandedAt: string; appealExplainedAt: string; language: string }) => ({
        caseId,
        notice: { copyHandedAt: iso(v.copyHandedAt), appealExplainedAt: iso(v.appealExplainedAt), language: v.language },
      })}
      toFormPath={under('notice')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="disc.submit.notice"
    >
      <div className="form-grid">
        <FDateTime name="copyHandedAt" label="disc.field.copyHandedAt" />
        <FDateTime name="appealExplainedAt" label="disc.field.appealExplainedAt" />
        <FText name="language" label="disc.field.noticeLanguage" />
      </div>
    </ContractForm>
  );
}

export function AppealForm({ caseId, onDone, onCancel }: FormProps & { caseId: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="discipline.recordAppeal"
      look="inset"
      title="disc.form.appeal"
      testId="discipline-appeal-form"
      defaults={{ filedAt: now, to: '' }}
      toInput={(v: { filedAt: string; to: string }) => ({ caseId, appeal: { filedAt: iso(v.filedAt), to: v.to } })}
      toFormPath={under('appeal')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="disc.submit.appeal"
    >
      <div className="form-grid">
        <FDateTime name="filedAt" label="disc.field.filedAt" />
        <FText name="to" label="disc.field.appealTo" />
      </div>
    </ContractForm>
  );
}

export function OutcomeForm({ caseId, onDone, onCancel }: FormProps & { caseId: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="discipline.recordAppealOutcome"
      look="inset"
      title="disc.form.outcome"
      testId="discipline-outcome-form"
      defaults={{ outcome: 'upheld', decidedAt: now, endsOn: '', note: '' }}
      toInput={(v: { outcome: string; decidedAt: string; endsOn: string; note: string }) => ({
        caseId,
        outcome: { outcome: opt(v.outcome) as never, decidedAt: iso(v.decidedAt), endsOn: opt(v.endsOn), note: opt(v.note) },
      })}
      toFormPath={under('outcome')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="disc.submit.outcome"
    >
      <FRadios name="outcome" legend="disc.field.outcome" options={appealOutcomes.map((o) => ({ value: o, label: outcomeLabel[o] }))} />
      <div className="form-grid">
        <FDateTime name="decidedAt" label="disc.field.outcomeAt" />
        <FDate name="endsOn" label="disc.field.newEndsOn" hint={optional} />
      </div>
      <FTextArea name="note" label="disc.field.note" hint={optional} />
    </ContractForm>
  );
}

export function DropForm({ caseId, onDone, onCancel }: FormProps & { caseId: string }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      method="discipline.drop"
      look="inset"
      title="disc.form.drop"
      testId="discipline-drop-form"
      defaults={{ at: now, reason: '' }}
      toInput={(v: { at: string; reason: string }) => ({ caseId, drop: { at: iso(v.at), reason: v.reason } })}
      toFormPath={under('drop')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="disc.submit.drop"
    >
      <FDateTime name="at" label="disc.field.dropAt" />
      <FTextArea name="reason" label="disc.field.dropReason" />
    </ContractForm>
  );
}
