import { FormattedMessage } from 'react-intl';
import { consularWishes } from '../../../../core/safeguards';
import { FCheckbox, FDateTime, FMulti, FSelect, FText, FTextArea } from '../../../components/form-fields';
import { opt } from '../../../contract-form';
import { useLocale } from '../../../i18n';
import { countryLabel, countryOptions } from '../../../places';
import { answerKindLabel, channelLabel, wishLabel } from '../labels';
import { FRadios } from '../../../components/form-fields';
import { keys, noInterpreter, under, useInterpreterOptions, type FormBase, type NoticeFormProps } from '../shared';
import { ContractForm } from '../../../components/ContractForm';
import { useFormClock } from '../../../components/clock';

export function ConsularOpenForm({ person, ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const { locale } = useLocale();
  return (
    <ContractForm
      method="safeguards.openConsular"
      look="inset"
      title="sg.consular.openForm"
      testId="consular-open-form"
      intro={<FormattedMessage id="sg.consular.openForm.intro" />}
      defaults={{ states: [...person.nationalities], informedAt: now, wish: '' }}
      toInput={(v: { states: string[]; informedAt: string; wish: string }) => ({ episodeId: ep.episodeId, open: { states: v.states, informedAt: iso(v.informedAt), wish: opt(v.wish) } })}
      toFormPath={under('open')}
      onDone={() => onDone('sg.consular.opened')}
      onCancel={onCancel}
      submitLabel="sg.consular.openSubmit"
    >
      <div className="form-grid">
        <FMulti name="states" label="sg.field.states" options={countryOptions(locale)} max={5} labelOf={(c) => countryLabel(c, locale)} />
        <FDateTime name="informedAt" label="sg.field.informedAt" />
      </div>
      <FRadios name="wish" legend="sg.field.wish" options={keys(consularWishes, wishLabel)} />
    </ContractForm>
  );
}

export function ConsentForm({ ep, noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const interpreters = useInterpreterOptions(ep);
  return (
    <ContractForm
      method="safeguards.recordConsent"
      look="inset"
      title="sg.consent.form"
      testId="consent-form"
      intro={<FormattedMessage id="sg.consent.form.intro" />}
      defaults={{ at: now, privateSetting: false, consularPresent: false, interpreterUseId: '', statement: '', unhcrOffered: false }}
      toInput={(v: { at: string; privateSetting: boolean; consularPresent: boolean; interpreterUseId: string; statement: string; unhcrOffered: boolean }) => ({
        noticeId,
        consent: {
          at: iso(v.at),
          privateSetting: v.privateSetting,
          consularPresent: v.consularPresent,
          interpreterUseId: opt(v.interpreterUseId),
          statement: v.statement,
          unhcrOffered: v.unhcrOffered,
        },
      })}
      toFormPath={under('consent')}
      onDone={() => onDone('sg.consent.recorded')}
      onCancel={onCancel}
      submitLabel="sg.consent.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
        <FSelect name="interpreterUseId" label="sg.field.interpreter" options={[noInterpreter, ...interpreters]} placeholder={false} />
      </div>
      <div className="sg-checks">
        <FCheckbox name="privateSetting" label="sg.field.privateSetting" />
        <FCheckbox name="consularPresent" label="sg.field.consularPresent" />
        <FCheckbox name="unhcrOffered" label="sg.field.unhcrOffered" />
      </div>
      <FTextArea name="statement" label="sg.field.statement" />
    </ContractForm>
  );
}

export function SendForm({ noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.sendConsular"
      look="inset"
      title="sg.send.form"
      testId="send-form"
      defaults={{ at: now, mission: '', channel: 'note_verbale', reference: '' }}
      toInput={(v: { at: string; mission: string; channel: string; reference: string }) => ({ noticeId, sent: { at: iso(v.at), mission: v.mission, channel: opt(v.channel), reference: v.reference } })}
      toFormPath={under('sent')}
      onDone={() => onDone('sg.send.recorded')}
      onCancel={onCancel}
      submitLabel="sg.send.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.sentAt" />
        <FText name="mission" label="sg.field.mission" />
        <FSelect name="channel" label="sg.field.channel" keys={keys(['note_verbale', 'email', 'fax', 'phone', 'in_person'] as const, channelLabel)} />
        <FText name="reference" label="sg.field.reference" />
      </div>
    </ContractForm>
  );
}

export function AnsweredForm({ noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.consularAnswered"
      look="inset"
      title="sg.answer.form"
      testId="answer-form"
      defaults={{ kind: 'acknowledged', at: now, note: '' }}
      toInput={(v: { kind: string; at: string; note: string }) => ({ noticeId, kind: v.kind, at: iso(v.at), note: opt(v.note) })}
      onDone={() => onDone('sg.answer.recorded')}
      onCancel={onCancel}
      submitLabel="sg.answer.submit"
    >
      <div className="form-grid">
        <FRadios name="kind" legend="sg.field.answerKind" options={keys(['acknowledged', 'visited'] as const, answerKindLabel)} />
        <FDateTime name="at" label="sg.field.at" />
      </div>
      <FTextArea name="note" label="sg.field.note" hint={<FormattedMessage id="sg.optional" />} />
    </ContractForm>
  );
}

export function WithdrawForm({ noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useFormClock({ keepInstant: true });
  return (
    <ContractForm
      method="safeguards.withdrawConsular"
      look="inset"
      title="sg.withdraw.form"
      testId="withdraw-form"
      danger
      defaults={{ at: now, reason: '' }}
      toInput={(v: { at: string; reason: string }) => ({ noticeId, at: iso(v.at), reason: v.reason })}
      onDone={() => onDone('sg.withdraw.recorded')}
      onCancel={onCancel}
      submitLabel="sg.withdraw.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
      </div>
      <FTextArea name="reason" label="sg.field.reason" />
    </ContractForm>
  );
}
