import { FormattedMessage } from 'react-intl';
import { FCheckbox, FDateTime, FNumber, FSelect, FText, FTextArea } from '../../../components/form-fields';
import { num, opt } from '../../../contract-form';
import { contactModeLabel, fundingLabel, issueKindLabel, requestedByLabel } from '../labels';
import { FRadios } from '../../../components/form-fields';
import { keys, under, type FormBase, type RequestFormProps } from '../shared';
import { ContractForm } from '../../../components/ContractForm';
import { useFormClock } from '../../../components/clock';

export function LegalAidRequestForm({ ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.requestLegalAid"
      look="inset"
      title="sg.legal.requestForm"
      testId="legal-request-form"
      defaults={{ requestedAt: now, requestedBy: 'detainee', funding: 'state', note: '' }}
      toInput={(v: { requestedAt: string; requestedBy: string; funding: string; note: string }) => ({
        episodeId: ep.episodeId,
        request: { requestedAt: iso(v.requestedAt), requestedBy: opt(v.requestedBy), funding: opt(v.funding), note: opt(v.note) },
      })}
      toFormPath={under('request')}
      onDone={() => onDone('sg.legal.requested')}
      onCancel={onCancel}
      submitLabel="sg.legal.requestSubmit"
    >
      <div className="form-grid">
        <FDateTime name="requestedAt" label="sg.field.requestedAt" />
        <FSelect name="requestedBy" label="sg.field.requestedBy" keys={keys(['detainee', 'family', 'staff', 'other'] as const, requestedByLabel)} />
        <FRadios name="funding" legend="sg.field.funding" options={keys(['state', 'private'] as const, fundingLabel)} />
      </div>
      <FTextArea name="note" label="sg.field.note" hint={<FormattedMessage id="sg.optional" />} />
    </ContractForm>
  );
}

export function DefenderForm({ requestId, onDone, onCancel }: RequestFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.assignDefender"
      look="inset"
      title="sg.defender.form"
      testId="defender-form"
      defaults={{ at: now, name: '', barNumber: '', phone: '' }}
      toInput={(v: { at: string; name: string; barNumber: string; phone: string }) => ({ requestId, defender: { at: iso(v.at), name: v.name, barNumber: opt(v.barNumber), phone: opt(v.phone) } })}
      toFormPath={under('defender')}
      onDone={() => onDone('sg.defender.recorded')}
      onCancel={onCancel}
      submitLabel="sg.defender.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.assignedAt" />
        <FText name="name" label="sg.field.defenderName" />
        <FText name="barNumber" label="sg.field.barNumber" hint={<FormattedMessage id="sg.optional" />} />
        <FText name="phone" label="sg.field.phone" hint={<FormattedMessage id="sg.optional" />} />
      </div>
    </ContractForm>
  );
}

export function ContactForm({ requestId, onDone, onCancel }: RequestFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.recordLegalContact"
      look="inset"
      title="sg.contact.form"
      testId="contact-form"
      defaults={{ at: now, mode: 'in_person', durationMinutes: undefined, confidential: true }}
      toInput={(v: { at: string; mode: string; durationMinutes: number | undefined; confidential: boolean }) => ({
        requestId,
        contact: { at: iso(v.at), mode: opt(v.mode), durationMinutes: num(v.durationMinutes), confidential: v.confidential },
      })}
      toFormPath={under('contact')}
      onDone={() => onDone('sg.contact.recorded')}
      onCancel={onCancel}
      submitLabel="sg.contact.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.contactAt" />
        <FSelect name="mode" label="sg.field.contactMode" keys={keys(['in_person', 'phone', 'video'] as const, contactModeLabel)} />
        <FNumber name="durationMinutes" label="sg.field.duration" min={1} max={1440} />
      </div>
      <FCheckbox name="confidential" label="sg.field.confidential" hint={<FormattedMessage id="sg.field.confidential.hint" />} />
    </ContractForm>
  );
}

export function IssueForm({ requestId, onDone, onCancel }: RequestFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.recordLegalAidIssue"
      look="inset"
      title="sg.issue.form"
      testId="issue-form"
      defaults={{ at: now, kind: 'delayed', reason: '' }}
      toInput={(v: { at: string; kind: string; reason: string }) => ({ requestId, issue: { at: iso(v.at), kind: opt(v.kind), reason: v.reason } })}
      toFormPath={under('issue')}
      onDone={() => onDone('sg.issue.recorded')}
      onCancel={onCancel}
      submitLabel="sg.issue.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
        <FRadios name="kind" legend="sg.field.issueKind" options={keys(['delayed', 'denied'] as const, issueKindLabel)} />
      </div>
      <FTextArea name="reason" label="sg.field.reason" />
    </ContractForm>
  );
}

export function WaiverForm({ ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.waiveLegalAid"
      look="inset"
      title="sg.waiver.form"
      testId="waiver-form"
      intro={<FormattedMessage id="sg.waiver.form.intro" />}
      defaults={{ at: now, witness: '', statement: '' }}
      toInput={(v: { at: string; witness: string; statement: string }) => ({ episodeId: ep.episodeId, at: iso(v.at), witness: v.witness, statement: opt(v.statement) })}
      onDone={() => onDone('sg.waiver.recorded')}
      onCancel={onCancel}
      submitLabel="sg.waiver.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
        <FText name="witness" label="sg.field.witness" />
      </div>
      <FTextArea name="statement" label="sg.field.waiverStatement" hint={<FormattedMessage id="sg.optional" />} />
    </ContractForm>
  );
}
