import { FormattedMessage } from 'react-intl';
import { FDateTime, FTextArea } from '../../../components/form-fields';
import { opt } from '../../../contract-form';
import { under, type NoticeFormProps } from '../shared';
import { ContractForm } from '../../../components/ContractForm';
import { useFormClock } from '../../../components/clock';

/**
 * The review a disclosure conflict is owed (docs/domain.md §5 rule 3, issue #11): what the consulate was
 * told, when the person was told of it, and when the asylum authority was informed.
 */
export function DisclosureReviewForm({ noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.reviewDisclosure"
      look="inset"
      title="sg.disclosure.form"
      testId="disclosure-review-form"
      defaults={{ at: now, disclosed: '', personToldAt: now, asylumAuthorityInformedAt: now, note: '' }}
      toInput={(v: { at: string; disclosed: string; personToldAt: string; asylumAuthorityInformedAt: string; note: string }) => ({
        noticeId,
        review: { at: iso(v.at), disclosed: v.disclosed, personToldAt: iso(v.personToldAt), asylumAuthorityInformedAt: iso(v.asylumAuthorityInformedAt), note: opt(v.note) },
      })}
      toFormPath={under('review')}
      onDone={() => onDone('sg.disclosure.recorded')}
      onCancel={onCancel}
      submitLabel="sg.disclosure.submit"
    >
      <FTextArea name="disclosed" label="sg.disclosure.field.disclosed" />
      <div className="form-grid">
        <FDateTime name="personToldAt" label="sg.disclosure.field.personToldAt" />
        <FDateTime name="asylumAuthorityInformedAt" label="sg.disclosure.field.authorityInformedAt" />
        <FDateTime name="at" label="sg.field.at" />
      </div>
      <FTextArea name="note" label="sg.field.note" hint={<FormattedMessage id="sg.optional" />} />
    </ContractForm>
  );
}
