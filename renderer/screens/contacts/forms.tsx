import { useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import { ContractForm } from '../../components/ContractForm';
import { useFormClock } from '../../components/clock';
import { FCheckbox, FDateTime, FNumber, FRadios, FSelect, FText, FTextArea } from '../../components/form-fields';
import { num, opt } from '../../contract-form';
import { basisKeys, categoryKeys, categoryLabel, kindKeys } from './labels';
import type { ContactCategory } from '../../../core/contacts';

/** The contact log's forms (issue #15 §1); each calls one contract method. */

export interface FormProps {
  onDone(): void;
  onCancel(): void;
}

interface ContactValues {
  kind: string;
  category: string;
  whoName: string;
  whoRelation: string;
  direction: string;
  at: string;
  durationMinutes: number | undefined;
  supervision: string;
  supervisedBy: string;
  outcome: string;
  refusalReason: string;
  refusalBasis: string;
  refusalBy: string;
  note: string;
}

/** Server paths under `contact.` as this form's field names. */
function formPath(path: string): string | null {
  const p = path.startsWith('contact.') ? path.slice('contact.'.length) : path;
  const named: Record<string, string> = {
    'who.name': 'whoName',
    'who.relation': 'whoRelation',
    refusal: 'refusalReason',
    'refusal.reason': 'refusalReason',
    'refusal.basis': 'refusalBasis',
    'refusal.by': 'refusalBy',
  };
  return named[p] ?? p;
}

/**
 * Only what the kind and outcome call for is asked: a duration and supervision for a visit or call that took
 * place, a direction for a call, letter or parcel, a reason, ground and officer for a refusal.
 */
function ContactFields() {
  const { control } = useFormContext<ContactValues>();
  const [kind, outcome, supervision] = useWatch({ control, name: ['kind', 'outcome', 'supervision'] });
  const timed = kind === 'visit' || kind === 'call';
  const refused = outcome === 'refused';
  return (
    <>
      <div className="form-grid">
        <FSelect name="kind" label="contacts.field.kind" keys={kindKeys} placeholder={false} />
        <FSelect name="category" label="contacts.field.category" keys={categoryKeys} />
        <FText name="whoName" label="contacts.field.whoName" />
        <FText name="whoRelation" label="contacts.field.whoRelation" />
        {kind !== 'visit' ? (
          <FSelect
            name="direction"
            label="contacts.field.direction"
            keys={[
              { value: 'in', label: 'contacts.direction.in' },
              { value: 'out', label: 'contacts.direction.out' },
            ]}
          />
        ) : null}
        <FDateTime name="at" label="contacts.field.at" />
      </div>
      <FRadios
        name="outcome"
        legend="contacts.field.outcome"
        options={[
          { value: 'took_place', label: 'contacts.outcome.took_place' },
          { value: 'refused', label: 'contacts.outcome.refused' },
        ]}
      />
      {timed && !refused ? (
        <div className="form-grid">
          <FNumber name="durationMinutes" label="contacts.field.durationMinutes" min={1} max={1440} />
          <FSelect
            name="supervision"
            label="contacts.field.supervision"
            keys={[
              { value: 'private', label: 'contacts.supervision.private' },
              { value: 'supervised', label: 'contacts.supervision.supervised' },
            ]}
          />
          {supervision === 'supervised' ? <FText name="supervisedBy" label="contacts.field.supervisedBy" /> : null}
        </div>
      ) : null}
      {refused ? (
        <div className="form-grid">
          <FSelect name="refusalBasis" label="contacts.field.refusalBasis" keys={basisKeys} />
          <FText name="refusalBy" label="contacts.field.refusalBy" />
          <FTextArea name="refusalReason" label="contacts.field.refusalReason" wide />
        </div>
      ) : null}
      <FTextArea name="note" label="contacts.field.note" />
    </>
  );
}

export function RecordContactForm({ episodeId, onDone, onCancel }: FormProps & { episodeId: string }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm<ContactValues, 'contacts.record'>
      method="contacts.record"
      look="inset"
      title="contacts.form.title"
      testId="contact-log-form"
      defaults={{
        kind: 'visit',
        category: '',
        whoName: '',
        whoRelation: '',
        direction: '',
        at: now,
        durationMinutes: undefined,
        supervision: '',
        supervisedBy: '',
        outcome: 'took_place',
        refusalReason: '',
        refusalBasis: '',
        refusalBy: '',
        note: '',
      }}
      toInput={(v) => {
        const kind = opt(v.kind) ?? 'visit';
        const timed = kind === 'visit' || kind === 'call';
        const refused = v.outcome === 'refused';
        return {
          episodeId,
          contact: {
            kind,
            category: opt(v.category),
            who: { name: v.whoName, relation: opt(v.whoRelation) },
            direction: kind === 'visit' ? undefined : opt(v.direction),
            at: iso(v.at),
            durationMinutes: timed && !refused ? num(v.durationMinutes) : undefined,
            supervision: timed && !refused ? opt(v.supervision) : undefined,
            supervisedBy: timed && !refused && v.supervision === 'supervised' ? opt(v.supervisedBy) : undefined,
            outcome: opt(v.outcome) ?? 'took_place',
            refusal: refused ? { reason: v.refusalReason, basis: opt(v.refusalBasis), by: v.refusalBy } : undefined,
            note: opt(v.note),
          },
        };
      }}
      toFormPath={formPath}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="contacts.save"
    >
      <ContactFields />
    </ContractForm>
  );
}

export function ReviewRefusalForm({ contactId, category, onDone, onCancel }: FormProps & { contactId: string; category: ContactCategory }) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm<{ at: string; finding: string; visitArranged: boolean }, 'contacts.reviewRefusal'>
      method="contacts.reviewRefusal"
      look="inset"
      title="contacts.review"
      intro={<FormattedMessage id="contacts.review.title" values={{ category: <FormattedMessage id={categoryLabel[category]} key="c" /> }} />}
      testId="contact-review-form"
      defaults={{ at: now, finding: '', visitArranged: false }}
      toInput={(v) => ({ contactId, review: { at: iso(v.at), finding: v.finding, visitArranged: v.visitArranged } })}
      toFormPath={(p) => (p.startsWith('review.') ? p.slice('review.'.length) : p)}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="contacts.saveReview"
    >
      <div className="form-grid">
        <FDateTime name="at" label="contacts.field.reviewAt" />
      </div>
      <FTextArea name="finding" label="contacts.field.finding" wide />
      <FCheckbox name="visitArranged" label="contacts.field.visitArranged" />
    </ContractForm>
  );
}
