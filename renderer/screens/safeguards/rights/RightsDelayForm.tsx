import { FormattedMessage } from 'react-intl';
import { rightsDelayReasons } from '../../../../core/admission-status';
import { rightsDelayLabel } from '../../../components/AdmissionStatus';
import { FDateTime, FSelect, FTextArea } from '../../../components/form-fields';
import { opt } from '../../../contract-form';
import { under, type FormBase } from '../shared';
import { ContractForm } from '../../../components/ContractForm';
import { useFormClock } from '../../../components/clock';

/**
 * Why the rights cannot be explained yet (docs/domain.md §5 rule 2, issue #11 §3): for example no
 * interpreter for the person's language. The reason makes the admission final; the notification is
 * still owed, and the due-now board says why it is late.
 */
export function RightsDelayForm({ ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.recordRightsDelay"
      look="inset"
      title="sg.delay.title"
      testId="rights-delay-form"
      intro={<FormattedMessage id="sg.delay.intro" />}
      defaults={{ at: now, reason: '', note: '' }}
      toInput={(v: { at: string; reason: string; note: string }) => ({ episodeId: ep.episodeId, delay: { at: iso(v.at), reason: opt(v.reason), note: opt(v.note) } })}
      toFormPath={under('delay')}
      onDone={() => onDone('sg.delay.done')}
      onCancel={onCancel}
      submitLabel="sg.delay.submit"
    >
      <div className="form-grid">
        <FSelect name="reason" label="sg.delay.reason" keys={rightsDelayReasons.map((r) => ({ value: r, label: rightsDelayLabel[r] }))} />
        <FDateTime name="at" label="sg.delay.at" />
      </div>
      <FTextArea name="note" label="sg.delay.note" hint={<FormattedMessage id="sg.optional" />} />
    </ContractForm>
  );
}
