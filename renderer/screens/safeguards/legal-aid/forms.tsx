import { FormattedMessage } from 'react-intl';
import { contract } from '../../../../core/contract';
import { api } from '../../../api';
import { FCheckbox, FDateTime, FNumber, FSelect, FText, FTextArea } from '../../../components/form-fields';
import { num, opt } from '../../../contract-form';
import { contactModeLabel, fundingLabel, issueKindLabel, requestedByLabel } from '../labels';
import { FRadios, SgForm } from '../SgForm';
import { keys, under, useClock, type FormBase, type RequestFormProps } from '../shared';

export function LegalAidRequestForm({ ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ requestedAt: string; requestedBy: string; funding: string; note: string }, unknown>
      title="sg.legal.requestForm"
      testId="legal-request-form"
      schema={contract.safeguards.requestLegalAid.input}
      defaults={{ requestedAt: now, requestedBy: 'detainee', funding: 'state', note: '' }}
      toInput={(v) => ({ episodeId: ep.episodeId, request: { requestedAt: iso(v.requestedAt), requestedBy: opt(v.requestedBy), funding: opt(v.funding), note: opt(v.note) } })}
      toFormPath={under('request')}
      send={(input) => api.safeguards.requestLegalAid(input as Parameters<typeof api.safeguards.requestLegalAid>[0])}
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
    </SgForm>
  );
}

export function DefenderForm({ requestId, onDone, onCancel }: RequestFormProps) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ at: string; name: string; barNumber: string; phone: string }, unknown>
      title="sg.defender.form"
      testId="defender-form"
      schema={contract.safeguards.assignDefender.input}
      defaults={{ at: now, name: '', barNumber: '', phone: '' }}
      toInput={(v) => ({ requestId, defender: { at: iso(v.at), name: v.name, barNumber: opt(v.barNumber), phone: opt(v.phone) } })}
      toFormPath={under('defender')}
      send={(input) => api.safeguards.assignDefender(input as Parameters<typeof api.safeguards.assignDefender>[0])}
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
    </SgForm>
  );
}

export function ContactForm({ requestId, onDone, onCancel }: RequestFormProps) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ at: string; mode: string; durationMinutes: number | undefined; confidential: boolean }, unknown>
      title="sg.contact.form"
      testId="contact-form"
      schema={contract.safeguards.recordLegalContact.input}
      defaults={{ at: now, mode: 'in_person', durationMinutes: undefined, confidential: true }}
      toInput={(v) => ({ requestId, contact: { at: iso(v.at), mode: opt(v.mode), durationMinutes: num(v.durationMinutes), confidential: v.confidential } })}
      toFormPath={under('contact')}
      send={(input) => api.safeguards.recordLegalContact(input as Parameters<typeof api.safeguards.recordLegalContact>[0])}
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
    </SgForm>
  );
}

export function IssueForm({ requestId, onDone, onCancel }: RequestFormProps) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ at: string; kind: string; reason: string }, unknown>
      title="sg.issue.form"
      testId="issue-form"
      schema={contract.safeguards.recordLegalAidIssue.input}
      defaults={{ at: now, kind: 'delayed', reason: '' }}
      toInput={(v) => ({ requestId, issue: { at: iso(v.at), kind: opt(v.kind), reason: v.reason } })}
      toFormPath={under('issue')}
      send={(input) => api.safeguards.recordLegalAidIssue(input as Parameters<typeof api.safeguards.recordLegalAidIssue>[0])}
      onDone={() => onDone('sg.issue.recorded')}
      onCancel={onCancel}
      submitLabel="sg.issue.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
        <FRadios name="kind" legend="sg.field.issueKind" options={keys(['delayed', 'denied'] as const, issueKindLabel)} />
      </div>
      <FTextArea name="reason" label="sg.field.reason" />
    </SgForm>
  );
}

export function WaiverForm({ ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ at: string; witness: string; statement: string }, unknown>
      title="sg.waiver.form"
      testId="waiver-form"
      intro={<FormattedMessage id="sg.waiver.form.intro" />}
      schema={contract.safeguards.waiveLegalAid.input}
      defaults={{ at: now, witness: '', statement: '' }}
      toInput={(v) => ({ episodeId: ep.episodeId, at: iso(v.at), witness: v.witness, statement: opt(v.statement) })}
      send={(input) => api.safeguards.waiveLegalAid(input as Parameters<typeof api.safeguards.waiveLegalAid>[0])}
      onDone={() => onDone('sg.waiver.recorded')}
      onCancel={onCancel}
      submitLabel="sg.waiver.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
        <FText name="witness" label="sg.field.witness" />
      </div>
      <FTextArea name="statement" label="sg.field.waiverStatement" hint={<FormattedMessage id="sg.optional" />} />
    </SgForm>
  );
}
