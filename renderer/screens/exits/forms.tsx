import { FormattedMessage } from 'react-intl';
import { deathRecipients, notificationChannels, travelDocumentTypes, type ExitStepKind } from '../../../core/exits';
import type { MessageKey } from '../../../core/i18n';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { FCheckbox, FDate, FDateTime, FSelect, FText, FTextArea } from '../../components/form-fields';
import { opt } from '../../contract-form';

/** The Exit and Death in custody cards' forms (issue #15 §6): each calls one `exits.*` method. */

export interface ExitFormProps {
  onDone(label: MessageKey): void;
  onCancel(): void;
}

const under =
  (prefix: string) =>
  (path: string): string | null =>
    path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;

export const stepLabel = (k: ExitStepKind) => `exits.step.${k}` as MessageKey;
export const recipientLabel = (r: (typeof deathRecipients)[number]) => `death.recipient.${r}` as MessageKey;
export const channelLabel = (c: string) => `death.channel.${c}` as MessageKey;

type StepValues = {
  at: string;
  place: string;
  flight: string;
  escort: string;
  by: string;
  language: string;
  informed: boolean;
  understood: boolean;
  interpreter: string;
  type: string;
  number: string;
  issuedBy: string;
  state: string;
  agreement: string;
  reference: string;
  receivingOfficer: string;
  court: string;
  decidedOn: string;
  validUntil: string;
  address: string;
};

/** One form for every step: the fields of the step's kind, under its own title. */
export function StepForm({ episodeId, kind, onDone, onCancel }: ExitFormProps & { episodeId: string; kind: ExitStepKind }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const blank: StepValues = {
    at: now,
    place: '',
    flight: '',
    escort: '',
    by: '',
    language: '',
    informed: false,
    understood: false,
    interpreter: '',
    type: '',
    number: '',
    issuedBy: '',
    state: '',
    agreement: '',
    reference: '',
    receivingOfficer: '',
    court: '',
    decidedOn: '',
    validUntil: '',
    address: '',
  };
  const toStep = (v: StepValues) => {
    const at = iso(v.at);
    switch (kind) {
      case 'departure':
        return { kind, at, place: v.place, flight: opt(v.flight), escort: opt(v.escort) };
      case 'counselling':
        return { kind, at, by: v.by, language: v.language };
      case 'consent':
        return { kind, at, language: v.language, informed: v.informed, understood: v.understood, interpreter: opt(v.interpreter) };
      case 'travel_document':
        return { kind, at, type: opt(v.type), number: v.number, issuedBy: v.issuedBy };
      case 'readmission_request':
        return { kind, at, state: v.state.trim().toUpperCase(), agreement: v.agreement, reference: v.reference };
      case 'readmission_acceptance':
        return { kind, at, reference: v.reference };
      case 'handover':
        return { kind, at, place: v.place, receivingOfficer: v.receivingOfficer };
      case 'removal_notice':
        return { kind, at, language: v.language, interpreter: opt(v.interpreter) };
      case 'release_protocol':
        return { kind, at, number: v.number };
      case 'court_order':
        return { kind, at, court: v.court, reference: v.reference, decidedOn: opt(v.decidedOn) };
      case 'residence_permit':
      case 'thb_permit':
        return { kind, at, number: v.number, validUntil: opt(v.validUntil) };
      case 'registered_address':
        return { kind, at, address: v.address };
    }
  };
  const has = (...kinds: ExitStepKind[]) => kinds.includes(kind);
  return (
    <ContractForm
      method="exits.recordStep"
      look="inset"
      title={stepLabel(kind)}
      testId={`exit-step-form-${kind}`}
      defaults={blank}
      // The schema picks the step's shape from its kind; the form's values fit it.
      toInput={(v: StepValues) => ({ episodeId, step: toStep(v) as never })}
      toFormPath={under('step')}
      onDone={() => onDone(stepLabel(kind))}
      onCancel={onCancel}
      submitLabel="exits.record"
    >
      <div className="form-grid">
        <FDateTime name="at" label="exits.field.at" />
        {has('departure', 'handover') ? <FText name="place" label="exits.field.place" /> : null}
        {has('departure') ? <FText name="flight" label="exits.field.flight" /> : null}
        {has('departure') ? <FText name="escort" label="exits.field.escort" /> : null}
        {has('counselling') ? <FText name="by" label="exits.field.by" /> : null}
        {has('counselling', 'consent', 'removal_notice') ? <FText name="language" label="exits.field.language" /> : null}
        {has('consent', 'removal_notice') ? <FText name="interpreter" label="exits.field.interpreter" /> : null}
        {has('travel_document') ? <FSelect name="type" label="exits.field.docType" keys={travelDocumentTypes.map((t) => ({ value: t, label: `exits.docType.${t}` as MessageKey }))} /> : null}
        {has('travel_document', 'release_protocol', 'residence_permit', 'thb_permit') ? <FText name="number" label="exits.field.number" /> : null}
        {has('travel_document') ? <FText name="issuedBy" label="exits.field.issuedBy" /> : null}
        {has('readmission_request') ? <FText name="state" label="exits.field.state" /> : null}
        {has('readmission_request') ? <FText name="agreement" label="exits.field.agreement" /> : null}
        {has('readmission_request', 'readmission_acceptance', 'court_order') ? <FText name="reference" label="exits.field.reference" /> : null}
        {has('handover') ? <FText name="receivingOfficer" label="exits.field.receivingOfficer" /> : null}
        {has('court_order') ? <FText name="court" label="exits.field.court" /> : null}
        {has('court_order') ? <FDate name="decidedOn" label="exits.field.decidedOn" /> : null}
        {has('residence_permit', 'thb_permit') ? <FDate name="validUntil" label="exits.field.validUntil" /> : null}
      </div>
      {has('consent') ? <FCheckbox name="informed" label="exits.field.informed" /> : null}
      {has('consent') ? <FCheckbox name="understood" label="exits.field.understood" /> : null}
      {has('registered_address') ? <FTextArea name="address" label="exits.field.address" /> : null}
    </ContractForm>
  );
}

type DeathValues = { diedAt: string; place: string; circumstances: string; foundBy: string; foundAt: string; doctor: string; certificate: string; cause: string; familyKnown: boolean };

export function DeathForm({ episodeId, onDone, onCancel }: ExitFormProps & { episodeId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="exits.recordDeath"
      look="inset"
      danger
      title="death.record"
      intro={<FormattedMessage id="death.recordIntro" />}
      testId="death-form"
      defaults={{ diedAt: now, place: '', circumstances: '', foundBy: '', foundAt: now, doctor: '', certificate: '', cause: '', familyKnown: false }}
      toInput={(v: DeathValues) => ({
        episodeId,
        death: {
          diedAt: iso(v.diedAt),
          place: v.place,
          circumstances: v.circumstances,
          foundBy: v.foundBy,
          foundAt: iso(v.foundAt),
          certificate: { doctor: v.doctor, number: v.certificate, cause: v.cause },
          familyKnown: v.familyKnown,
        },
      })}
      toFormPath={(p) => (p.startsWith('death.certificate.') ? ({ number: 'certificate', doctor: 'doctor', cause: 'cause' } as Record<string, string>)[p.slice(18)]! : under('death')(p))}
      onDone={() => onDone('death.record')}
      onCancel={onCancel}
      submitLabel="death.record"
    >
      <div className="form-grid">
        <FDateTime name="diedAt" label="death.field.diedAt" />
        <FText name="place" label="death.field.place" />
        <FText name="foundBy" label="death.field.foundBy" />
        <FDateTime name="foundAt" label="death.field.foundAt" />
        <FText name="doctor" label="death.field.doctor" />
        <FText name="certificate" label="death.field.certificate" />
      </div>
      <FTextArea name="cause" label="death.field.cause" />
      <FTextArea name="circumstances" label="death.field.circumstances" />
      <FCheckbox name="familyKnown" label="death.field.familyKnown" />
    </ContractForm>
  );
}

export function NotifyForm({ episodeId, owed, onDone, onCancel }: ExitFormProps & { episodeId: string; owed: readonly (typeof deathRecipients)[number][] }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="exits.recordDeathNotification"
      look="inset"
      title="death.notify"
      testId="death-notify-form"
      defaults={{ recipient: owed[0] ?? '', at: now, toWhom: '', channel: '', reference: '' }}
      toInput={(v: { recipient: string; at: string; toWhom: string; channel: string; reference: string }) => ({
        episodeId,
        notification: { recipient: opt(v.recipient), at: iso(v.at), toWhom: v.toWhom, channel: opt(v.channel), reference: opt(v.reference) },
      })}
      toFormPath={under('notification')}
      onDone={() => onDone('death.notify')}
      onCancel={onCancel}
      submitLabel="exits.record"
    >
      <div className="form-grid">
        <FSelect name="recipient" label="death.field.recipient" placeholder={false} keys={deathRecipients.map((r) => ({ value: r, label: recipientLabel(r) }))} />
        <FDateTime name="at" label="death.field.at" />
        <FText name="toWhom" label="death.field.toWhom" />
        <FSelect name="channel" label="death.field.channel" keys={notificationChannels.map((c) => ({ value: c, label: channelLabel(c) }))} />
        <FText name="reference" label="death.field.reference" />
      </div>
    </ContractForm>
  );
}

export function BodyForm({ episodeId, kind, onDone, onCancel }: ExitFormProps & { episodeId: string; kind: 'claimed' | 'state_burial' }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const title = kind === 'claimed' ? 'death.body.recordClaim' : 'death.body.recordBurial';
  return (
    <ContractForm
      method="exits.recordBody"
      look="inset"
      title={title}
      testId={`death-body-form-${kind}`}
      defaults={{ at: now, by: '', relationship: '', place: '', arrangedBy: '' }}
      toInput={(v: { at: string; by: string; relationship: string; place: string; arrangedBy: string }) => ({
        episodeId,
        body: (kind === 'claimed' ? { kind, at: iso(v.at), by: v.by, relationship: opt(v.relationship) } : { kind, at: iso(v.at), place: v.place, arrangedBy: v.arrangedBy }) as never,
      })}
      toFormPath={under('body')}
      onDone={() => onDone(title)}
      onCancel={onCancel}
      submitLabel="exits.record"
    >
      <div className="form-grid">
        <FDateTime name="at" label="death.field.at" />
        {kind === 'claimed' ? <FText name="by" label="death.field.claimedBy" /> : <FText name="place" label="death.field.burialPlace" />}
        {kind === 'claimed' ? <FText name="relationship" label="death.field.relationship" /> : <FText name="arrangedBy" label="death.field.arrangedBy" />}
      </div>
    </ContractForm>
  );
}
