import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { sexes } from '../../../../core/person';
import { api } from '../../../api';
import { ContractForm } from '../../../components/ContractForm';
import { FDate, FNumber, FSelect, FText, FTextArea, Section } from '../../../components/form-fields';
import { PageTitle } from '../../../components/PageTitle';
import { num, opt } from '../../../contract-form';
import { todayIn } from '../../../datetime';
import { useLocale, useTimeZone } from '../../../i18n';
import { countryOptions } from '../../../places';
import { sexLabel } from '../../../register-labels';
import { navigate } from '../../../routes';
import { categoryLabel, consentLabel, keysOf, lines } from './labels';
import { BackToInquiries } from './bits';
import '../hq.css';
import './tracing.css';

interface Values {
  category: string;
  requesterName: string;
  contact: string;
  organisation: string;
  names: string;
  sex: string;
  birthDate: string;
  age: string;
  nationality: string;
  lastKnownPlace: string;
  distinguishing: string;
  legalBasis: string;
  consent: string;
  consentNote: string;
  receivedOn: string;
  dueOn: string;
}

/** Contract paths to this form's fields (the form is flat, the inquiry is not). */
function toFormPath(path: string): string | null {
  if (path.startsWith('requester.')) {
    const f = path.slice('requester.'.length).split('.')[0]!;
    return f === 'name' ? 'requesterName' : f;
  }
  if (path.startsWith('subject.')) return path.slice('subject.'.length).split('.')[0]!;
  return path.split('.')[0]!;
}

/** Records a tracing inquiry: who asks, about whom, on what legal basis, and by when (issue #14 §3). */
export function NewInquiry() {
  const { locale } = useLocale();
  const zone = useTimeZone();
  const queryClient = useQueryClient();
  const defaults = useQuery({ queryKey: ['tracing', 'list', 'open'], queryFn: () => api.tracing.list({ status: 'open' }) });
  const today = todayIn(zone);
  return (
    <>
      <BackToInquiries />
      <PageTitle id="tracing.new" />
      <ContractForm
        method="tracing.open"
        title="tracing.form.title"
        intro={<FormattedMessage id="tracing.form.intro" />}
        testId="tracing-new"
        cancellable
        defaults={{
          category: '',
          requesterName: '',
          contact: '',
          organisation: '',
          names: '',
          sex: '',
          birthDate: '',
          age: '',
          nationality: '',
          lastKnownPlace: '',
          distinguishing: '',
          legalBasis: '',
          consent: 'none',
          consentNote: '',
          receivedOn: today,
          dueOn: '',
        }}
        toInput={(v: Values) => ({
          requester: { category: v.category as never, name: v.requesterName, contact: v.contact, organisation: opt(v.organisation) },
          subject: {
            names: lines(v.names),
            sex: (opt(v.sex) as never) ?? undefined,
            birthDate: opt(v.birthDate),
            age: num(v.age),
            nationality: opt(v.nationality),
            lastKnownPlace: opt(v.lastKnownPlace),
            distinguishing: opt(v.distinguishing),
          },
          legalBasis: v.legalBasis,
          consent: v.consent as never,
          consentNote: opt(v.consentNote),
          receivedOn: v.receivedOn,
          dueOn: opt(v.dueOn),
        })}
        toFormPath={toFormPath}
        onDone={async (out) => {
          await queryClient.invalidateQueries({ queryKey: ['tracing'] });
          navigate({ name: 'hqInquiry', inquiryId: out.inquiryId });
        }}
        onCancel={() => navigate({ name: 'hqTracing' })}
        submitLabel="tracing.submit"
      >
        <Section title="tracing.form.requester">
          <FSelect name="category" label="tracing.field.category" keys={keysOf(categoryLabel)} />
          <FText name="requesterName" label="tracing.field.requesterName" />
          <FText name="contact" label="tracing.field.contact" />
          <FText name="organisation" label="tracing.field.organisation" hint={<FormattedMessage id="tracing.optional" />} />
        </Section>
        <Section title="tracing.form.subject">
          <FTextArea name="names" label="tracing.field.names" rows={3} />
          <FSelect name="sex" label="tracing.field.sex" keys={sexes.map((s) => ({ value: s, label: sexLabel[s] }))} />
          <FDate name="birthDate" label="tracing.field.birthDate" />
          <FNumber name="age" label="tracing.field.age" min={0} max={120} />
          <FSelect name="nationality" label="tracing.field.nationality" options={countryOptions(locale)} />
          <FText name="lastKnownPlace" label="tracing.field.lastKnownPlace" />
          <FTextArea name="distinguishing" label="tracing.field.distinguishing" rows={2} />
        </Section>
        <Section title="tracing.form.basis">
          <FTextArea name="legalBasis" label="tracing.field.legalBasis" rows={2} />
          <FSelect name="consent" label="tracing.field.consent" keys={keysOf(consentLabel)} placeholder={false} />
          <FText name="consentNote" label="tracing.field.consentNote" hint={<FormattedMessage id="tracing.optional" />} />
          <FDate name="receivedOn" label="tracing.field.receivedOn" />
          <FDate name="dueOn" label="tracing.field.dueOn" hint={defaults.data ? <FormattedMessage id="tracing.field.dueOnHint" values={{ days: defaults.data.answerWorkingDays }} /> : undefined} />
        </Section>
      </ContractForm>
    </>
  );
}
