import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api } from '../../api';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { FCheckbox, FDate, FDateTime, FMulti, FRadios, FSelect, FText, FTextArea } from '../../components/form-fields';
import { num, opt } from '../../contract-form';
import { addresseeLabel, categoryLabel, keysOf, kindLabel, lodgerLabel, outcomeLabel } from './labels';

/** The forms of the requests-and-complaints and appeals cards (issue #15 §2); each calls one contract method. */

export interface FormProps {
  onDone(): void;
  onCancel(): void;
}

/** Server paths under `prefix.` are this form's field names. */
const under = (prefix: string) => (path: string) => (path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path);

interface LodgeValues {
  kind: string;
  category: string;
  addressee: string;
  receivedAt: string;
  lodgedBy: string;
  lodgedByName: string;
  subject: string;
  aboutStaff: boolean;
  staffNamed: string;
  staffUserIds: string[];
}

export function LodgeForm({ episodeId, onDone, onCancel }: FormProps & { episodeId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const staff = useQuery({ queryKey: ['complaints', 'staff'], queryFn: () => api.complaints.staff({}) });
  const staffOptions = (staff.data?.staff ?? []).map((s) => ({ value: s.userId, label: s.displayName }));
  return (
    <ContractForm<LodgeValues, 'complaints.lodge'>
      method="complaints.lodge"
      look="inset"
      title="complaints.form.lodge"
      testId="complaint-lodge-form"
      intro={<FormattedMessage id="complaints.form.lodge.intro" />}
      defaults={{ kind: 'complaint', category: '', addressee: 'centre_head', receivedAt: now, lodgedBy: 'person', lodgedByName: '', subject: '', aboutStaff: false, staffNamed: '', staffUserIds: [] }}
      toInput={(v) => ({
        episodeId,
        complaint: {
          kind: opt(v.kind),
          category: opt(v.category),
          addressee: opt(v.addressee),
          receivedAt: iso(v.receivedAt),
          lodgedBy: opt(v.lodgedBy),
          lodgedByName: opt(v.lodgedByName),
          subject: v.subject,
          ...(v.aboutStaff ? { aboutStaff: { named: v.staffNamed, userIds: v.staffUserIds } } : {}),
        },
      })}
      toFormPath={(p) => {
        const f = under('complaint')(p);
        if (f === 'aboutStaff.named') return 'staffNamed';
        if (f.startsWith('aboutStaff.userIds')) return 'staffUserIds';
        return f;
      }}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="complaints.form.lodge.submit"
    >
      <FRadios name="kind" legend="complaints.field.kind" options={keysOf(kindLabel)} />
      <div className="form-grid">
        <FSelect name="category" label="complaints.field.category" keys={keysOf(categoryLabel)} />
        <FSelect name="addressee" label="complaints.field.addressee" keys={keysOf(addresseeLabel)} placeholder={false} />
        <FDateTime name="receivedAt" label="complaints.field.receivedAt" />
        <FSelect name="lodgedBy" label="complaints.field.lodgedBy" keys={keysOf(lodgerLabel)} placeholder={false} />
        <FText name="lodgedByName" label="complaints.field.lodgedByName" hint={<FormattedMessage id="complaints.field.lodgedByName.hint" />} />
      </div>
      <FTextArea name="subject" label="complaints.field.subject" rows={3} />
      <FCheckbox name="aboutStaff" label="complaints.field.aboutStaff" hint={<FormattedMessage id="complaints.field.aboutStaff.hint" />} />
      <div className="form-grid">
        <FText name="staffNamed" label="complaints.field.staffNamed" />
        <FMulti name="staffUserIds" label="complaints.field.staffUserIds" options={staffOptions} hint={<FormattedMessage id="complaints.field.staffUserIds.hint" />} />
      </div>
    </ContractForm>
  );
}

export function ForwardForm({ complaintId, onDone, onCancel }: FormProps & { complaintId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm<{ at: string; via: string }, 'complaints.forward'>
      method="complaints.forward"
      look="inset"
      title="complaints.form.forward"
      testId="complaint-forward-form"
      defaults={{ at: now, via: '' }}
      toInput={(v) => ({ complaintId, forward: { at: iso(v.at), via: opt(v.via) } })}
      toFormPath={under('forward')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="complaints.form.forward.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="complaints.field.forwardedAt" />
        <FText name="via" label="complaints.field.via" hint={<FormattedMessage id="complaints.optional" />} />
      </div>
    </ContractForm>
  );
}

export function AnswerForm({ complaintId, onDone, onCancel }: FormProps & { complaintId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm<{ at: string; from: string; text: string }, 'complaints.answer'>
      method="complaints.answer"
      look="inset"
      title="complaints.form.answer"
      testId="complaint-answer-form"
      defaults={{ at: now, from: '', text: '' }}
      toInput={(v) => ({ complaintId, answer: { at: iso(v.at), from: v.from, text: v.text } })}
      toFormPath={under('answer')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="complaints.form.answer.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="complaints.field.answeredAt" />
        <FText name="from" label="complaints.field.answerFrom" />
      </div>
      <FTextArea name="text" label="complaints.field.answerText" rows={3} />
    </ContractForm>
  );
}

export function EscalateForm({ complaintId, onDone, onCancel }: FormProps & { complaintId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm<{ addressee: string; receivedAt: string; note: string }, 'complaints.escalate'>
      method="complaints.escalate"
      look="inset"
      title="complaints.form.escalate"
      testId="complaint-escalate-form"
      intro={<FormattedMessage id="complaints.form.escalate.intro" />}
      defaults={{ addressee: '', receivedAt: now, note: '' }}
      toInput={(v) => ({ complaintId, escalation: { addressee: opt(v.addressee), receivedAt: iso(v.receivedAt), note: opt(v.note) } })}
      toFormPath={under('escalation')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="complaints.form.escalate.submit"
    >
      <div className="form-grid">
        <FSelect name="addressee" label="complaints.field.escalateTo" keys={keysOf(addresseeLabel)} />
        <FDateTime name="receivedAt" label="complaints.field.receivedAt" />
      </div>
      <FTextArea name="note" label="complaints.field.escalateNote" rows={2} hint={<FormattedMessage id="complaints.optional" />} />
    </ContractForm>
  );
}

export function FileAppealForm({ episodeId, extensions, onDone, onCancel }: FormProps & { episodeId: string; extensions: number }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const extensionOptions = Array.from({ length: extensions }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  return (
    <ContractForm<{ decision: string; extensionNo: string; filedAt: string; court: string; note: string }, 'complaints.fileAppeal'>
      method="complaints.fileAppeal"
      look="inset"
      title="appeals.form.file"
      testId="appeal-file-form"
      defaults={{ decision: 'placement', extensionNo: '', filedAt: now, court: '', note: '' }}
      toInput={(v) => ({
        episodeId,
        appeal: { decision: opt(v.decision), ...(v.decision === 'extension' ? { extensionNo: num(v.extensionNo) } : {}), filedAt: iso(v.filedAt), court: v.court, note: opt(v.note) },
      })}
      toFormPath={under('appeal')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="appeals.form.file.submit"
    >
      <FRadios
        name="decision"
        legend="appeals.field.decision"
        options={[{ value: 'placement', label: 'appeals.decision.placement' }, ...(extensions > 0 ? [{ value: 'extension', label: 'appeals.decision.extension' as const }] : [])]}
      />
      <div className="form-grid">
        {extensions > 0 ? <FSelect name="extensionNo" label="appeals.field.extensionNo" options={extensionOptions} /> : null}
        <FDateTime name="filedAt" label="appeals.field.filedAt" />
        <FText name="court" label="appeals.field.court" />
      </div>
      <FTextArea name="note" label="appeals.field.note" rows={2} hint={<FormattedMessage id="complaints.optional" />} />
    </ContractForm>
  );
}

export function HearingForm({ appealId, onDone, onCancel }: FormProps & { appealId: string }) {
  return (
    <ContractForm<{ on: string; result: string; nextOn: string }, 'complaints.recordHearing'>
      method="complaints.recordHearing"
      look="inset"
      title="appeals.form.hearing"
      testId="appeal-hearing-form"
      defaults={{ on: '', result: '', nextOn: '' }}
      toInput={(v) => ({ appealId, hearing: { on: v.on, result: v.result, nextOn: opt(v.nextOn) } })}
      toFormPath={under('hearing')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="appeals.form.hearing.submit"
    >
      <div className="form-grid">
        <FDate name="on" label="appeals.field.hearingOn" />
        <FDate name="nextOn" label="appeals.field.nextOn" hint={<FormattedMessage id="complaints.optional" />} />
      </div>
      <FTextArea name="result" label="appeals.field.hearingResult" rows={2} />
    </ContractForm>
  );
}

export function OutcomeForm({ appealId, onDone, onCancel }: FormProps & { appealId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm<{ outcome: string; at: string; newTermEnd: string; note: string }, 'complaints.decideAppeal'>
      method="complaints.decideAppeal"
      look="inset"
      title="appeals.form.outcome"
      testId="appeal-outcome-form"
      intro={<FormattedMessage id="appeals.form.outcome.intro" />}
      defaults={{ outcome: '', at: now, newTermEnd: '', note: '' }}
      toInput={(v) => ({ appealId, outcome: { outcome: opt(v.outcome), at: iso(v.at), newTermEnd: v.newTermEnd ? iso(v.newTermEnd) : undefined, note: opt(v.note) } })}
      toFormPath={under('outcome')}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="appeals.form.outcome.submit"
    >
      <FRadios name="outcome" legend="appeals.field.outcome" options={keysOf(outcomeLabel)} />
      <div className="form-grid">
        <FDateTime name="at" label="appeals.field.outcomeAt" />
        <FDateTime name="newTermEnd" label="appeals.field.newTermEnd" hint={<FormattedMessage id="appeals.field.newTermEnd.hint" />} />
      </div>
      <FTextArea name="note" label="appeals.field.note" rows={2} hint={<FormattedMessage id="complaints.optional" />} />
    </ContractForm>
  );
}
