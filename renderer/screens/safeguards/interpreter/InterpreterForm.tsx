import { FormattedMessage } from 'react-intl';
import { interpreterKinds, interpreterPurposes } from '../../../../core/safeguards';
import { FDateTime, FSelect, FText } from '../../../components/form-fields';
import { opt } from '../../../contract-form';
import { useLocale } from '../../../i18n';
import { languageLabel, languageOptions } from '../../../places';
import { affiliationLabel, interpreterKindLabel, interpreterPurposeLabel } from '../labels';
import { FRadios } from '../../../components/form-fields';
import { keys, under, type FormBase } from '../shared';
import { ContractForm } from '../../../components/ContractForm';
import { useFormClock } from '../../../components/clock';

interface InterpreterValues {
  at: string;
  language: string;
  interpreterName: string;
  kind: string;
  purpose: string;
  gender: string;
  affiliation: string;
}

export function InterpreterForm({ person, ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const { locale } = useLocale();
  const all = languageOptions(locale);
  const spoken = person.languages.map((c) => ({ value: c, label: languageLabel(c, locale) }));
  const options = [...spoken, ...all.filter((o) => !person.languages.includes(o.value))];
  const firstForeign = person.languages.find((l) => !['az', 'ru', 'en'].includes(l)) ?? person.languages[0] ?? '';
  return (
    <ContractForm
      method="safeguards.recordInterpreter"
      look="inset"
      title="sg.interpreter.form"
      testId="interpreter-form"
      intro={person.protectionCase ? <p className="sg-callout sg-callout--attention">{<FormattedMessage id="sg.interpreter.protectionRule" />}</p> : undefined}
      defaults={{ at: now, language: firstForeign, interpreterName: '', kind: '', purpose: 'rights', gender: '', affiliation: '' }}
      toInput={(v: InterpreterValues) => ({
        personId: person.personId,
        episodeId: ep.episodeId,
        use: {
          at: iso(v.at),
          language: v.language,
          interpreterName: v.interpreterName,
          kind: opt(v.kind),
          purpose: opt(v.purpose),
          genderPreferenceMet: v.gender === 'yes' ? true : v.gender === 'no' ? false : null,
          affiliationChecked: v.affiliation === 'independent' || v.affiliation === 'linked',
          affiliatedWithOriginState: v.affiliation === 'linked',
        },
      })}
      toFormPath={under('use', { affiliationChecked: 'affiliation', affiliatedWithOriginState: 'affiliation', genderPreferenceMet: 'gender' })}
      // The affiliation question is asked every time: an empty answer is not "no".
      check={(v) => (v.affiliation === '' ? [{ field: 'affiliation', key: 'sg.field.affiliation.required' }] : [])}
      onDone={() => onDone('sg.interpreter.recorded')}
      onCancel={onCancel}
      submitLabel="sg.interpreter.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
        <FSelect name="language" label="sg.field.language" options={options} />
        <FText name="interpreterName" label="sg.field.interpreterName" />
        <FSelect name="kind" label="sg.field.interpreterKind" keys={keys(interpreterKinds, interpreterKindLabel)} />
        <FSelect name="purpose" label="sg.field.purpose" keys={keys(interpreterPurposes, interpreterPurposeLabel)} />
        <FSelect
          name="gender"
          label="sg.field.gender"
          placeholder={false}
          keys={[
            { value: '', label: 'sg.gender.notAsked' },
            { value: 'yes', label: 'sg.gender.met' },
            { value: 'no', label: 'sg.gender.notMet' },
          ]}
        />
      </div>
      <FRadios
        name="affiliation"
        legend="sg.field.affiliation"
        hint={<FormattedMessage id="sg.field.affiliation.hint" />}
        options={keys(['independent', 'linked', 'unchecked'] as const, affiliationLabel)}
      />
    </ContractForm>
  );
}
