import { useId, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { contract } from '../../../core/contract';
import type { MessageKey } from '../../../core/i18n';
import { consularWishes, interpreterKinds, interpreterPurposes, rightsItems } from '../../../core/safeguards';
import { api } from '../../api';
import { FCheckbox, FDateTime, FMulti, FNumber, FSelect, FText, FTextArea } from '../../components/form-fields';
import { num, opt } from '../../contract-form';
import { localInputToIso, nowLocalInput } from '../../datetime';
import { useLocale, useTimeZone } from '../../i18n';
import { countryLabel, countryOptions, languageLabel, languageOptions, type Option } from '../../places';
import {
  ackLabel,
  affiliationLabel,
  answerKindLabel,
  channelLabel,
  contactModeLabel,
  fundingLabel,
  interpreterKindLabel,
  interpreterPurposeLabel,
  issueKindLabel,
  modeLabel,
  requestedByLabel,
  rightsItemLabel,
  wishLabel,
} from './labels';
import { orderTemplates, type PanelEpisode } from './model';
import { FChecklist, FRadios, SgForm } from './SgForm';

export interface TemplateInfo {
  language: string;
  endonym: string;
  version: string;
  status: 'approved' | 'needs_legal_review';
  direction: 'ltr' | 'rtl';
}

/** What the safeguards forms need to know about the person beyond the panel. */
export interface PersonFacts {
  personId: string;
  languages: readonly string[];
  nationalities: readonly string[];
  protectionCase: boolean;
  templates: readonly TemplateInfo[];
}

export interface FormBase {
  person: PersonFacts;
  ep: PanelEpisode;
  onDone(label: MessageKey): void;
  onCancel(): void;
}

const OTHER = '__other';
const dash = '—';
const noInterpreter: Option = { value: '', label: dash };
// Unicode isolates keep a right-to-left endonym from reordering the rest of an <option>'s text.
const isolate = (s: string) => `\u2068${s}\u2069`;

/**
 * The form's "now" (the facility's wall clock, to the minute) and the conversion of a typed time to an
 * instant. A time left at its default means "now": it is sent as the moment of saving, to the second,
 * so that a notification made right after a change of status is not taken as coming before it.
 */
export function useClock() {
  const zone = useTimeZone();
  const [now] = useState(() => nowLocalInput(zone));
  const iso = (local: string) => (local === now ? new Date().toISOString() : localInputToIso(local, zone));
  return { now, iso };
}

/** Strips a contract prefix ("notification.at" → "at") and renames what the form holds differently. */
export function under(prefix: string, rename: Record<string, string> = {}) {
  return (path: string): string | null => {
    const p = path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;
    for (const [from, to] of Object.entries(rename)) if (p === from || p.startsWith(`${from}.`)) return to;
    return p;
  };
}

function useInterpreterOptions(ep: PanelEpisode): Option[] {
  const { locale } = useLocale();
  const intl = useIntl();
  return ep.interpreters.map((i) => ({
    value: i.useId,
    label: intl.formatMessage(
      { id: 'sg.interpreter.option' },
      { language: languageLabel(i.use.language, locale), name: i.use.interpreterName, kind: intl.formatMessage({ id: interpreterKindLabel[i.use.kind] }) },
    ),
  }));
}

const keys = <T extends string>(values: readonly T[], label: Record<T, MessageKey>) => values.map((v) => ({ value: v, label: label[v] }));

/* ---------- Rights notification ---------- */

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
  const { now, iso } = useClock();
  const { locale } = useLocale();
  const templates = orderTemplates(person.templates, person.languages);
  // A reviewed letter the person understands comes before a draft one (issue #11 §7).
  const firstSpoken = templates.find((t) => person.languages.includes(t.language) && t.status === 'approved') ?? templates.find((t) => person.languages.includes(t.language));
  const lastInterpreter = ep.interpreters.at(-1);
  const templateOf = (lang: string) => person.templates.find((t) => t.language === lang);
  return (
    <SgForm<RightsValues, unknown>
      title="sg.rights.form"
      testId="rights-form"
      intro={<FormattedMessage id="sg.rights.form.intro" />}
      schema={contract.safeguards.notifyRights.input}
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
      toInput={(v) => {
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
      send={(input) => api.safeguards.notifyRights(input as Parameters<typeof api.safeguards.notifyRights>[0])}
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
    </SgForm>
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

/* ---------- Interpreter ---------- */

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
  const { now, iso } = useClock();
  const { locale } = useLocale();
  const all = languageOptions(locale);
  const spoken = person.languages.map((c) => ({ value: c, label: languageLabel(c, locale) }));
  const options = [...spoken, ...all.filter((o) => !person.languages.includes(o.value))];
  const firstForeign = person.languages.find((l) => !['az', 'ru', 'en'].includes(l)) ?? person.languages[0] ?? '';
  return (
    <SgForm<InterpreterValues, unknown>
      title="sg.interpreter.form"
      testId="interpreter-form"
      intro={person.protectionCase ? <p className="sg-callout sg-callout--attention">{<FormattedMessage id="sg.interpreter.protectionRule" />}</p> : undefined}
      schema={contract.safeguards.recordInterpreter.input}
      defaults={{ at: now, language: firstForeign, interpreterName: '', kind: '', purpose: 'rights', gender: '', affiliation: '' }}
      toInput={(v) => ({
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
      send={(input) => api.safeguards.recordInterpreter(input as Parameters<typeof api.safeguards.recordInterpreter>[0])}
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
    </SgForm>
  );
}

/* ---------- Consular notice ---------- */

export function ConsularOpenForm({ person, ep, onDone, onCancel }: FormBase) {
  const { now, iso } = useClock();
  const { locale } = useLocale();
  return (
    <SgForm<{ states: string[]; informedAt: string; wish: string }, unknown>
      title="sg.consular.openForm"
      testId="consular-open-form"
      intro={<FormattedMessage id="sg.consular.openForm.intro" />}
      schema={contract.safeguards.openConsular.input}
      defaults={{ states: [...person.nationalities], informedAt: now, wish: '' }}
      toInput={(v) => ({ episodeId: ep.episodeId, open: { states: v.states, informedAt: iso(v.informedAt), wish: opt(v.wish) } })}
      toFormPath={under('open')}
      send={(input) => api.safeguards.openConsular(input as Parameters<typeof api.safeguards.openConsular>[0])}
      onDone={() => onDone('sg.consular.opened')}
      onCancel={onCancel}
      submitLabel="sg.consular.openSubmit"
    >
      <div className="form-grid">
        <FMulti name="states" label="sg.field.states" options={countryOptions(locale)} max={5} labelOf={(c) => countryLabel(c, locale)} />
        <FDateTime name="informedAt" label="sg.field.informedAt" />
      </div>
      <FRadios name="wish" legend="sg.field.wish" options={keys(consularWishes, wishLabel)} />
    </SgForm>
  );
}

export interface NoticeFormProps extends FormBase {
  noticeId: string;
}

export function ConsentForm({ ep, noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useClock();
  const interpreters = useInterpreterOptions(ep);
  return (
    <SgForm<{ at: string; privateSetting: boolean; consularPresent: boolean; interpreterUseId: string; statement: string; unhcrOffered: boolean }, unknown>
      title="sg.consent.form"
      testId="consent-form"
      intro={<FormattedMessage id="sg.consent.form.intro" />}
      schema={contract.safeguards.recordConsent.input}
      defaults={{ at: now, privateSetting: false, consularPresent: false, interpreterUseId: '', statement: '', unhcrOffered: false }}
      toInput={(v) => ({
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
      send={(input) => api.safeguards.recordConsent(input as Parameters<typeof api.safeguards.recordConsent>[0])}
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
    </SgForm>
  );
}

export function SendForm({ noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ at: string; mission: string; channel: string; reference: string }, unknown>
      title="sg.send.form"
      testId="send-form"
      schema={contract.safeguards.sendConsular.input}
      defaults={{ at: now, mission: '', channel: 'note_verbale', reference: '' }}
      toInput={(v) => ({ noticeId, sent: { at: iso(v.at), mission: v.mission, channel: opt(v.channel), reference: v.reference } })}
      toFormPath={under('sent')}
      send={(input) => api.safeguards.sendConsular(input as Parameters<typeof api.safeguards.sendConsular>[0])}
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
    </SgForm>
  );
}

export function AnsweredForm({ noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ kind: string; at: string; note: string }, unknown>
      title="sg.answer.form"
      testId="answer-form"
      schema={contract.safeguards.consularAnswered.input}
      defaults={{ kind: 'acknowledged', at: now, note: '' }}
      toInput={(v) => ({ noticeId, kind: v.kind, at: iso(v.at), note: opt(v.note) })}
      send={(input) => api.safeguards.consularAnswered(input as Parameters<typeof api.safeguards.consularAnswered>[0])}
      onDone={() => onDone('sg.answer.recorded')}
      onCancel={onCancel}
      submitLabel="sg.answer.submit"
    >
      <div className="form-grid">
        <FRadios name="kind" legend="sg.field.answerKind" options={keys(['acknowledged', 'visited'] as const, answerKindLabel)} />
        <FDateTime name="at" label="sg.field.at" />
      </div>
      <FTextArea name="note" label="sg.field.note" hint={<FormattedMessage id="sg.optional" />} />
    </SgForm>
  );
}

export function WithdrawForm({ noticeId, onDone, onCancel }: NoticeFormProps) {
  const { now, iso } = useClock();
  return (
    <SgForm<{ at: string; reason: string }, unknown>
      title="sg.withdraw.form"
      testId="withdraw-form"
      danger
      schema={contract.safeguards.withdrawConsular.input}
      defaults={{ at: now, reason: '' }}
      toInput={(v) => ({ noticeId, at: iso(v.at), reason: v.reason })}
      send={(input) => api.safeguards.withdrawConsular(input as Parameters<typeof api.safeguards.withdrawConsular>[0])}
      onDone={() => onDone('sg.withdraw.recorded')}
      onCancel={onCancel}
      submitLabel="sg.withdraw.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="sg.field.at" />
      </div>
      <FTextArea name="reason" label="sg.field.reason" />
    </SgForm>
  );
}

/* ---------- Legal aid ---------- */

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

interface RequestFormProps extends FormBase {
  requestId: string;
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
