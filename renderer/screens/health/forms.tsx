import { FormattedMessage } from 'react-intl';
import { bodyRegions, reportAddressees, visitKinds } from '../../../core/health';
import type { MessageKey } from '../../../core/i18n';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { FDate, FDateTime, FRadios, FSelect, FText, FTextArea } from '../../components/form-fields';
import { opt } from '../../contract-form';

/** The Health card's forms (issue #15 §4): each calls one `health.*` method. */

export interface HealthFormProps {
  onDone(label: MessageKey): void;
  onCancel(): void;
}

const under =
  (prefix: string) =>
  (path: string): string | null =>
    path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;

export const visitKindLabel = { visit: 'health.kind.visit', exit_exam: 'health.kind.exit_exam', child_exam: 'health.kind.child_exam' } as const satisfies Record<
  (typeof visitKinds)[number],
  MessageKey
>;
export const addresseeLabel = { prosecutor: 'health.addressee.prosecutor', ombudsman: 'health.addressee.ombudsman' } as const satisfies Record<(typeof reportAddressees)[number], MessageKey>;
export const regionLabel = Object.fromEntries(bodyRegions.map((r) => [r, `health.region.${r}` as MessageKey])) as Record<(typeof bodyRegions)[number], MessageKey>;

const optional = <FormattedMessage id="health.optional" />;

export function VisitForm({ episodeId, onDone, onCancel }: HealthFormProps & { episodeId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="health.recordVisit"
      look="inset"
      title="health.form.visit"
      testId="health-visit-form"
      defaults={{ kind: 'visit', at: now, clinician: '', complaint: '', finding: '', treatment: '', followUpOn: '' }}
      toInput={(v: { kind: string; at: string; clinician: string; complaint: string; finding: string; treatment: string; followUpOn: string }) => ({
        episodeId,
        visit: { kind: opt(v.kind), at: iso(v.at), clinician: v.clinician, complaint: opt(v.complaint), finding: v.finding, treatment: opt(v.treatment), followUpOn: opt(v.followUpOn) },
      })}
      toFormPath={under('visit')}
      onDone={() => onDone('health.done.visit')}
      onCancel={onCancel}
      submitLabel="health.submit"
    >
      <div className="form-grid">
        <FSelect name="kind" label="health.field.kind" placeholder={false} keys={visitKinds.map((k) => ({ value: k, label: visitKindLabel[k] }))} />
        <FDateTime name="at" label="health.field.at" />
        <FText name="clinician" label="health.field.clinician" />
        <FDate name="followUpOn" label="health.field.followUpOn" hint={optional} />
      </div>
      <FTextArea name="complaint" label="health.field.complaint" hint={optional} />
      <FTextArea name="finding" label="health.field.finding" />
      <FTextArea name="treatment" label="health.field.treatment" hint={optional} />
    </ContractForm>
  );
}

export function HospitalForm({ episodeId, onDone, onCancel }: HealthFormProps & { episodeId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="health.admitToHospital"
      look="inset"
      title="health.form.hospital"
      intro={<FormattedMessage id="health.form.hospitalIntro" />}
      testId="health-hospital-form"
      defaults={{ at: now, hospital: '', reason: '', escort: '' }}
      toInput={(v: { at: string; hospital: string; reason: string; escort: string }) => ({ episodeId, stay: { at: iso(v.at), hospital: v.hospital, reason: v.reason, escort: v.escort } })}
      toFormPath={under('stay')}
      onDone={() => onDone('health.done.hospital')}
      onCancel={onCancel}
      submitLabel="health.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="health.field.at" />
        <FText name="hospital" label="health.field.hospital" />
        <FText name="escort" label="health.field.escort" />
      </div>
      <FTextArea name="reason" label="health.field.reason" />
    </ContractForm>
  );
}

export function ReturnForm({ stayId, onDone, onCancel }: HealthFormProps & { stayId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="health.returnFromHospital"
      look="inset"
      title="health.form.return"
      testId="health-return-form"
      defaults={{ at: now }}
      toInput={(v: { at: string }) => ({ stayId, at: iso(v.at) })}
      onDone={() => onDone('health.done.return')}
      onCancel={onCancel}
      submitLabel="health.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="health.field.at" />
      </div>
    </ContractForm>
  );
}

export function InjuryForm({ episodeId, onDone, onCancel }: HealthFormProps & { episodeId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="health.recordInjury"
      look="inset"
      title="health.form.injury"
      intro={<FormattedMessage id="health.form.injuryIntro" />}
      testId="health-injury-form"
      defaults={{ examinedAt: now, examiner: '', region: '', locationNote: '', account: '', finding: '', seenAtAdmission: '' }}
      toInput={(v: { examinedAt: string; examiner: string; region: string; locationNote: string; account: string; finding: string; seenAtAdmission: string }) => ({
        episodeId,
        injury: {
          examinedAt: iso(v.examinedAt),
          examiner: v.examiner,
          region: opt(v.region),
          locationNote: opt(v.locationNote),
          account: v.account,
          finding: v.finding,
          seenAtAdmission: opt(v.seenAtAdmission),
        },
      })}
      toFormPath={under('injury')}
      onDone={() => onDone('health.done.injury')}
      onCancel={onCancel}
      submitLabel="health.submit"
    >
      <div className="form-grid">
        <FDateTime name="examinedAt" label="health.field.at" />
        <FText name="examiner" label="health.field.examiner" />
        <FSelect name="region" label="health.field.region" keys={bodyRegions.map((r) => ({ value: r, label: regionLabel[r] }))} />
        <FText name="locationNote" label="health.field.locationNote" hint={optional} />
      </div>
      <FTextArea name="account" label="health.field.account" />
      <FTextArea name="finding" label="health.field.finding" />
      <FRadios
        name="seenAtAdmission"
        legend="health.field.seenAtAdmission"
        options={[
          { value: 'not_seen', label: 'health.seen.not_seen' },
          { value: 'seen', label: 'health.seen.seen' },
        ]}
      />
    </ContractForm>
  );
}

export function ReportForm({ injuryId, owed, onDone, onCancel }: HealthFormProps & { injuryId: string; owed: readonly (typeof reportAddressees)[number][] }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="health.recordInjuryReport"
      look="inset"
      title="health.form.report"
      testId="health-report-form"
      defaults={{ addressee: owed[0] ?? '', sentTo: '', sentAt: now, reference: '' }}
      toInput={(v: { addressee: string; sentTo: string; sentAt: string; reference: string }) => ({
        injuryId,
        report: { addressee: opt(v.addressee), sentTo: v.sentTo, sentAt: iso(v.sentAt), reference: v.reference },
      })}
      toFormPath={under('report')}
      onDone={() => onDone('health.done.report')}
      onCancel={onCancel}
      submitLabel="health.submit"
    >
      <div className="form-grid">
        <FSelect name="addressee" label="health.field.addressee" keys={reportAddressees.map((a) => ({ value: a, label: addresseeLabel[a] }))} />
        <FText name="sentTo" label="health.field.sentTo" />
        <FDateTime name="sentAt" label="health.field.sentAt" />
        <FText name="reference" label="health.field.reference" />
      </div>
    </ContractForm>
  );
}

export function NotDoneForm({ episodeId, onDone, onCancel }: HealthFormProps & { episodeId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="health.recordExitExamNotDone"
      look="inset"
      title="health.form.notDone"
      intro={<FormattedMessage id="health.form.notDoneIntro" />}
      testId="health-not-done-form"
      defaults={{ at: now, reason: '' }}
      toInput={(v: { at: string; reason: string }) => ({ episodeId, notDone: { at: iso(v.at), reason: v.reason } })}
      toFormPath={under('notDone')}
      onDone={() => onDone('health.done.notDone')}
      onCancel={onCancel}
      submitLabel="health.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="health.field.at" />
      </div>
      <FTextArea name="reason" label="health.field.reason" />
    </ContractForm>
  );
}
