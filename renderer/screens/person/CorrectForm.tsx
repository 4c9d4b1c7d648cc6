import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PersonView } from '../../../core/contract/register-views';
import { sexes } from '../../../core/person';
import { api } from '../../api';
import { ContractForm } from '../../components/ContractForm';
import { FCheckbox, FDate, FMulti, FSelect, FText, FTextArea, Section } from '../../components/form-fields';
import { LatinNameField } from '../../components/LatinNameField';
import { PersonNames } from '../../components/person-bits';
import { describedBy, ErrorText } from '../../components/fields';
import { opt, type DraftOf } from '../../contract-form';
import type { MethodInput } from '../../contract-method';
import { formatDate } from '../../datetime';
import { useLocale } from '../../i18n';
import { countryLabel, countryOptions, languageLabel, languageOptions } from '../../places';
import { matchReasonLabel, sexLabel } from '../../register-labels';
import type { FormProps } from './forms';

interface DetailsValues {
  names: { original: string; latin: string; patronymic: string; aliases: { value: string }[] };
  sex: string;
  birth: { date: string; estimated: boolean; basis: string };
  nationalities: string[];
  stateless: boolean;
  languages: string[];
  reason: string;
}

function currentDetails(view: PersonView): DetailsValues {
  return {
    names: {
      original: view.person.nameOriginal,
      latin: view.person.nameLatin,
      patronymic: view.patronymic ?? '',
      aliases: view.aliases.map((value) => ({ value })),
    },
    sex: view.person.sex,
    birth: { date: view.person.birthDate ?? '', estimated: view.person.birthEstimated, basis: view.birthBasis ?? '' },
    nationalities: [...view.person.nationalities],
    stateless: view.person.stateless,
    languages: [...view.languages],
    reason: '',
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

type Changes = NonNullable<DraftOf<MethodInput<'persons.correct'>>['changes']>;

/** Only what differs from the record as it was opened is sent, each field under its dotted name. */
function changesOf(before: DetailsValues, v: DetailsValues): Changes {
  const c: Changes = {};
  const t = (s: string) => s.trim();
  const aliases = (x: DetailsValues) => x.names.aliases.map((a) => t(a.value)).filter(Boolean);
  if (t(v.names.original) !== t(before.names.original)) c['names.original'] = opt(v.names.original);
  if (t(v.names.latin) !== t(before.names.latin)) c['names.latin'] = opt(v.names.latin);
  if (t(v.names.patronymic) !== t(before.names.patronymic)) c['names.patronymic'] = opt(v.names.patronymic) ?? null;
  if (!same(aliases(v), aliases(before))) c['names.aliases'] = aliases(v);
  if (v.sex !== before.sex) c.sex = opt(v.sex);
  if (v.birth.date !== before.birth.date) c['birth.date'] = opt(v.birth.date) ?? null;
  if (v.birth.estimated !== before.birth.estimated) c['birth.estimated'] = v.birth.estimated;
  if (t(v.birth.basis) !== t(before.birth.basis)) c['birth.basis'] = opt(v.birth.basis) ?? null;
  if (!same(v.nationalities, before.nationalities)) c.nationalities = v.nationalities;
  if (v.stateless !== before.stateless) c.stateless = v.stateless;
  if (!same(v.languages, before.languages)) c.languages = v.languages;
  return c;
}

/** "changes.names.latin" (the contract's) is the form's "names.latin"; a list's rows hold objects. */
function correctionPath(path: string): string {
  if (path === 'changes') return 'root';
  const p = path.startsWith('changes.') ? path.slice('changes.'.length) : path;
  return /^names\.aliases\.\d+$/.test(p) ? `${p}.value` : p;
}

/**
 * Correcting a person's details is a new version with a reason, never an overwrite: it names the version
 * it was made from, and someone else's newer change is a conflict to reload, not to lose.
 */
export function CorrectForm({ view, onDone, onCancel, onReload }: FormProps & { onReload(): void }) {
  const before = currentDetails(view);
  return (
    <ContractForm
      key={view.lastEventId}
      title="act.correct"
      intro={<FormattedMessage id="act.correct.intro" />}
      method="persons.correct"
      defaults={before}
      toInput={(v: DetailsValues) => ({ personId: view.person.personId, basedOn: view.lastEventId, reason: opt(v.reason), changes: changesOf(before, v) })}
      toFormPath={correctionPath}
      onDone={onDone}
      onCancel={onCancel}
      onReload={onReload}
      submitLabel="act.correct.submit"
    >
      <DetailsFields />
      <FTextArea name="reason" label="lbl.correction.reason" hint={<FormattedMessage id="lbl.correction.reasonHint" />} />
    </ContractForm>
  );
}

function DetailsFields() {
  const { locale } = useLocale();
  const intl = useIntl();
  const { control } = useFormContext<DetailsValues>();
  const aliases = useFieldArray({ control, name: 'names.aliases' });
  const estimated = useWatch({ control, name: 'birth.estimated' });
  const stateless = useWatch({ control, name: 'stateless' });
  return (
    <>
      <Section title="lbl.person.names">
        <FText name="names.original" label="lbl.person.original" dir="auto" />
        <LatinNameField name="names.latin" originalName="names.original" />
        <FText name="names.patronymic" label="lbl.person.patronymic" hint={<FormattedMessage id="form.optional" />} />
        <FSelect name="sex" label="lbl.person.sex" placeholder={false} keys={sexes.map((s) => ({ value: s, label: sexLabel[s] }))} />
      </Section>
      <fieldset className="form-section">
        <legend className="form-section__title">
          <FormattedMessage id="lbl.person.aliases" />
        </legend>
        <ol className="rows">
          {aliases.fields.map((f, i) => (
            <li key={f.id} className="rows__row">
              <FText name={`names.aliases.${i}.value`} label="lbl.person.alias" labelValues={{ n: i + 1 }} dir="auto" />
              <button type="button" className="button button--quiet rows__remove" onClick={() => aliases.remove(i)} aria-label={intl.formatMessage({ id: 'form.removeRow' }, { n: i + 1 })}>
                <FormattedMessage id="form.remove" />
              </button>
            </li>
          ))}
        </ol>
        <div>
          <button type="button" className="button" onClick={() => aliases.append({ value: '' }, { shouldFocus: true })}>
            <FormattedMessage id="lbl.person.addAlias" />
          </button>
        </div>
      </fieldset>
      <Section title="lbl.person.birth">
        <FDate name="birth.date" label="lbl.person.birthDate" />
        <FCheckbox name="birth.estimated" label="lbl.person.birthEstimated" />
        {estimated ? <FTextArea name="birth.basis" label="lbl.person.birthBasis" rows={2} /> : null}
      </Section>
      <Section title="lbl.person.belonging">
        <div className="field-stack">
          <FCheckbox name="stateless" label="lbl.person.stateless" />
          {stateless ? null : <FMulti name="nationalities" label="lbl.person.nationalities" options={countryOptions(locale)} max={5} labelOf={(c) => countryLabel(c, locale)} />}
        </div>
        <FMulti name="languages" label="lbl.person.languages" options={languageOptions(locale)} allowCustom max={10} labelOf={(c) => languageLabel(c, locale)} />
      </Section>
    </>
  );
}

/* ---------- Merge ---------- */

interface MergeValues {
  query: string;
  intoPersonId: string;
  reason: string;
}

/**
 * Two records found to be one person: this record is merged into the one that stays. Nothing is deleted,
 * and the merge can be undone.
 */
export function MergeForm({ view, onDone, onCancel }: FormProps) {
  return (
    <ContractForm
      title="act.merge"
      intro={<FormattedMessage id="act.merge.intro" values={{ no: view.person.registerNo }} />}
      method="persons.merge"
      defaults={{ query: '', intoPersonId: '', reason: '' }}
      toInput={(v: MergeValues) => ({ personId: view.person.personId, intoPersonId: opt(v.intoPersonId), reason: opt(v.reason) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.merge.submit"
      danger
    >
      <MergeSearch selfId={view.person.personId} />
      <FTextArea name="reason" label="lbl.reason" />
    </ContractForm>
  );
}

function MergeSearch({ selfId }: { selfId: string }) {
  const { register, control, formState } = useFormContext<MergeValues>();
  const query = useWatch({ control, name: 'query' });
  const [debounced, setDebounced] = useState(query);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query.trim()), 300);
    return () => clearTimeout(t);
  }, [query]);
  const results = useQuery({
    queryKey: ['personSearch', debounced],
    queryFn: () => api.persons.search({ query: debounced, limit: 10 }),
    enabled: debounced.length >= 2,
  });
  const matches = (results.data?.matches ?? []).filter((m) => m.person.personId !== selfId);
  const error = formState.errors.intoPersonId;
  const errorId = useId();
  return (
    <>
      <FText name="query" label="lbl.merge.search" hint={<FormattedMessage id="lbl.merge.searchHint" />} />
      <fieldset className={`form-section${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(error && errorId)}>
        <legend className="form-section__title">
          <FormattedMessage id="lbl.merge.into" />
        </legend>
        {debounced.length < 2 ? (
          <p className="muted">
            <FormattedMessage id="lbl.merge.typeToSearch" />
          </p>
        ) : results.isPending ? (
          <p className="muted" role="status">
            <FormattedMessage id="app.loading" />
          </p>
        ) : matches.length === 0 ? (
          <p className="muted" role="status">
            <FormattedMessage id="lbl.merge.noMatches" />
          </p>
        ) : (
          <ul className="choice-list">
            {matches.map((m) => (
              <li key={m.person.personId}>
                <label className="choice">
                  <input type="radio" value={m.person.personId} {...register('intoPersonId')} />
                  <span className="choice__body">
                    <PersonNames latin={m.person.nameLatin} original={m.person.nameOriginal} />
                    <span className="choice__meta">
                      <FormattedMessage id="lbl.merge.meta" values={{ no: m.person.registerNo, birth: m.person.birthDate ? formatDate(m.person.birthDate) : '—' }} />
                    </span>
                    {m.reasons.includes('same_document') ? (
                      <span className="choice__meta">
                        <FormattedMessage id={matchReasonLabel.same_document} />
                      </span>
                    ) : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {error ? (
          <p id={errorId} className="field__error">
            <ErrorText error={error} />
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
