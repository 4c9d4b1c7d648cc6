import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { rightsItems } from '../../../../core/safeguards';
import { FCheckbox, FDateTime, FSelect, FText } from '../../../components/form-fields';
import { opt } from '../../../contract-form';
import { useLocale } from '../../../i18n';
import { languageLabel, type Option } from '../../../places';
import { ackLabel, modeLabel, rightsItemLabel } from '../labels';
import { orderTemplates } from '../model';
import { FChecklist, FRadios } from '../../../components/form-fields';
import { keys, noInterpreter, under, useInterpreterOptions, type FormBase, type TemplateInfo } from '../shared';
import { ContractForm } from '../../../components/ContractForm';
import { useFormClock } from '../../../components/clock';

const OTHER = '__other';
// Unicode isolates keep a right-to-left endonym from reordering the rest of an <option>'s text.
const isolate = (s: string) => `\u2068${s}\u2069`;

interface RightsValues {
  at: string;
  mode: 'written' | 'oral';
  language: string;
  otherLanguage: string;
  interpreterUseId: string;
  interpreterCheckedLetter: boolean;
  items: string[];
  ack: string;
  witness: string;
  copyHanded: boolean;
}

export function RightsForm({ person, ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useFormClock({ keepInstant: true });
  const { locale } = useLocale();
  const templates = orderTemplates(person.templates, person.languages);
  // A reviewed letter the person understands comes before a draft one (issue #11 §7).
  const firstSpoken = templates.find((t) => person.languages.includes(t.language) && t.status === 'approved') ?? templates.find((t) => person.languages.includes(t.language));
  const lastInterpreter = ep.interpreters.at(-1);
  const templateOf = (lang: string) => person.templates.find((t) => t.language === lang);
  return (
    <ContractForm
      method="safeguards.notifyRights"
      look="inset"
      title="sg.rights.form"
      testId="rights-form"
      intro={<FormattedMessage id="sg.rights.form.intro" />}
      defaults={{
        at: now,
        mode: 'written',
        language: firstSpoken?.language ?? '',
        otherLanguage: '',
        interpreterUseId: lastInterpreter && lastInterpreter.use.language === firstSpoken?.language ? lastInterpreter.useId : '',
        interpreterCheckedLetter: false,
        items: [],
        ack: 'signature',
        witness: '',
        copyHanded: true,
      }}
      toInput={(v: RightsValues) => {
        const written = v.mode === 'written';
        const other = v.language === OTHER;
        const template = other ? undefined : templateOf(v.language);
        return {
          episodeId: ep.episodeId,
          notification: {
            at: iso(v.at),
            mode: v.mode,
            language: other ? v.otherLanguage.trim() : v.language,
            templateId: written && template ? 'rights-letter' : undefined,
            templateVersion: written && template ? template.version : undefined,
            interpreterUseId: opt(v.interpreterUseId),
            interpreterCheckedLetter: written && template?.status === 'needs_legal_review' ? v.interpreterCheckedLetter : false,
            items: v.items ?? [],
            acknowledgement: v.ack === 'refused' ? { kind: 'refused', witness: v.witness } : { kind: v.ack },
            copyHanded: v.copyHanded,
          },
        };
      }}
      toFormPath={under('notification', { templateVersion: 'language', templateId: 'language', 'acknowledgement.witness': 'witness', acknowledgement: 'ack' })}
      check={(v) => (v.language === '' ? [{ field: 'language', key: 'error.field.required' }] : [])}
      onDone={() => onDone('sg.rights.recorded')}
      onCancel={onCancel}
      submitLabel="sg.rights.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.notifiedAt" />
        <FRadios name="mode" legend="sg.field.mode" options={keys(['written', 'oral'] as const, modeLabel)} />
      </div>
      <RightsLanguage templates={templates} locale={locale} />
      <DraftLetterNotice templates={templates} spoken={person.languages} locale={locale} />
      <div className="form-grid">
        <FSelect
          name="interpreterUseId"
          label="sg.field.interpreter"
          hint={<FormattedMessage id={ep.interpreters.length ? 'sg.field.interpreter.hint' : 'sg.field.interpreter.none'} />}
          options={[noInterpreter, ...useInterpreterOptions(ep)]}
          placeholder={false}
        />
      </div>
      <DraftLetterCheck templates={templates} />
      <FChecklist name="items" legend="sg.field.items" allLabel="sg.field.items.all" options={keys(rightsItems, rightsItemLabel)} />
      <Acknowledgement />
    </ContractForm>
  );
}

function RightsLanguage({ templates, locale }: { templates: readonly TemplateInfo[]; locale: ReturnType<typeof useLocale>['locale'] }) {
  const intl = useIntl();
  const mode = useWatch({ name: 'mode' }) as string;
  const language = useWatch({ name: 'language' }) as string;
  const chosen = templates.find((t) => t.language === language);
  const approved = chosen?.status === 'approved';
  const oral = mode === 'oral';
  const options: Option[] = [
    ...templates.map((t) => ({
      value: t.language,
      label: `${isolate(t.endonym)} — ${languageLabel(t.language, locale)}${t.status === 'needs_legal_review' ? ` · ${intl.formatMessage({ id: 'sg.template.draftShort' })}` : ''}`,
    })),
    ...(mode === 'oral' ? [{ value: OTHER, label: intl.formatMessage({ id: 'sg.field.language.other' }) }] : []),
  ];
  return (
    <div className="form-grid">
      <FSelect name="language" label="sg.field.language" options={options} />
      {mode === 'oral' && language === OTHER ? (
        <FText name="otherLanguage" label="sg.field.language.name" hint={<FormattedMessage id="sg.field.language.nameHint" />} />
      ) : (
        <div className="field sg-version" aria-live="polite">
          <span className="field__label">
            <FormattedMessage id="sg.field.template" />
          </span>
          <p className="sg-version__value" data-testid="template-version">
            {mode === 'written' && chosen ? (
              <>
                <span className="mono">{chosen.version}</span>{' '}
                <span className={`sg-badge sg-badge--${approved ? 'done' : 'attention'}`}>
                  <FormattedMessage id={approved ? 'sg.template.approved' : 'sg.template.draft'} />
                </span>
              </>
            ) : (
              <span className="muted">
                <FormattedMessage id={oral ? 'sg.template.oral' : 'sg.template.choose'} />
              </span>
            )}
          </p>
        </div>
      )}
    </div>
  );
}

const isDraftChoice = (templates: readonly TemplateInfo[], mode: string, language: string) => mode === 'written' && templates.find((t) => t.language === language)?.status === 'needs_legal_review';

/**
 * A draft letter, said plainly (issue #11 §7): no lawyer has reviewed the translation, so the form
 * offers the reviewed letters in the other languages the person understands, each one click away.
 */
function DraftLetterNotice({ templates, spoken, locale }: { templates: readonly TemplateInfo[]; spoken: readonly string[]; locale: ReturnType<typeof useLocale>['locale'] }) {
  const { setValue } = useFormContext();
  const titleId = useId();
  const mode = useWatch({ name: 'mode' }) as string;
  const language = useWatch({ name: 'language' }) as string;
  if (!isDraftChoice(templates, mode, language)) return null;
  const reviewed = templates.filter((t) => t.status === 'approved' && t.language !== language && spoken.includes(t.language));
  return (
    <div className="sg-draft-notice" role="note" aria-labelledby={titleId} data-testid="draft-letter-notice">
      <p className="sg-draft-notice__title" id={titleId}>
        <FormattedMessage id="sg.draft.title" />
      </p>
      <p>
        <FormattedMessage id="sg.draft.body" />
      </p>
      {reviewed.length ? (
        <>
          <p>
            <FormattedMessage id="sg.draft.alternatives" />
          </p>
          <div className="sg-draft-notice__choices">
            {reviewed.map((t) => (
              <button key={t.language} type="button" className="button" onClick={() => setValue('language', t.language, { shouldDirty: true })}>
                <FormattedMessage id="sg.draft.useLanguage" values={{ language: languageLabel(t.language, locale) }} />
              </button>
            ))}
          </div>
        </>
      ) : (
        <p className="muted">
          <FormattedMessage id="sg.draft.noAlternative" />
        </p>
      )}
    </div>
  );
}

/** The interpreter's confirmation a draft letter needs; the server refuses the notification without it. */
function DraftLetterCheck({ templates }: { templates: readonly TemplateInfo[] }) {
  const mode = useWatch({ name: 'mode' }) as string;
  const language = useWatch({ name: 'language' }) as string;
  if (!isDraftChoice(templates, mode, language)) return null;
  return (
    <div className="form-grid">
      <FCheckbox name="interpreterCheckedLetter" label="sg.draft.confirm" />
    </div>
  );
}

function Acknowledgement() {
  const ack = useWatch({ name: 'ack' }) as string;
  return (
    <div className="form-grid">
      <FRadios name="ack" legend="sg.field.ack" options={keys(['signature', 'mark', 'refused'] as const, ackLabel)} />
      {ack === 'refused' ? <FText name="witness" label="sg.field.witness" hint={<FormattedMessage id="sg.field.witness.refusalHint" />} /> : null}
      <FCheckbox name="copyHanded" label="sg.field.copyHanded" />
    </div>
  );
}
