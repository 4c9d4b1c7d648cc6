import { useId, type ReactNode } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';
import { sexes } from '../../../core/person';
import { FCheckbox, FDate, FDateTime, FMulti, FRadios, FSelect, FText, FTextArea, Section } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { LatinNameField } from '../../components/LatinNameField';
import { Languages, Nationalities, PersonNames } from '../../components/person-bits';
import { DecisionFields, DocumentFields, HandoverFields, MedicalFields, PropertyFields, emptyDocument, regimeOptions } from '../../components/register-fieldsets';
import { formatDate, localInputToIso } from '../../datetime';
import { useLocale, useTimeZone } from '../../i18n';
import { countryLabel, countryOptions, languageLabel, languageOptions } from '../../places';
import { documentTypeLabel, matchReasonLabel, regimeLabel, sexLabel, verificationLabel } from '../../register-labels';
import type { DuplicateMatchView, IntakeValues, Step } from './model';
import type { NationalOutcome } from '../../../core/contract/national';
import { NationalPanel } from '../national/NationalPanel';

interface DuplicateProps {
  matches: DuplicateMatchView[];
  /** HQ's national check (issue #14 §2): absent while not asked */
  national?: NationalOutcome;
  nationalChecking?: boolean;
  unresolved: DuplicateMatchView[];
  checking: boolean;
  onUse(m: DuplicateMatchView): void;
  onCreateNew(): void;
  onUseNewInstead(): void;
}

/* ---------- 1. Person ---------- */

export function PersonStep(props: DuplicateProps) {
  const { control } = useFormContext<IntakeValues>();
  const existing = useWatch({ control, name: 'existingPerson' });
  if (existing) return <ExistingPerson person={existing} onUseNewInstead={props.onUseNewInstead} />;
  return <NewPerson {...props} />;
}

function ExistingPerson({ person, onUseNewInstead }: { person: NonNullable<IntakeValues['existingPerson']>; onUseNewInstead(): void }) {
  return (
    <div className="card existing-person">
      <p className="existing-person__label">
        <FormattedMessage id="intake.existing.using" values={{ no: person.registerNo }} />
      </p>
      <p className="existing-person__name">
        <PersonNames latin={person.nameLatin} original={person.nameOriginal} size="large" />
      </p>
      {person.birthDate ? (
        <p className="muted">
          <FormattedMessage id="intake.existing.born" values={{ date: formatDate(person.birthDate) }} />
        </p>
      ) : null}
      <p className="field__hint">
        <FormattedMessage id="intake.existing.hint" />
      </p>
      <div>
        <button type="button" className="button" onClick={onUseNewInstead}>
          <FormattedMessage id="intake.existing.undo" />
        </button>
      </div>
    </div>
  );
}

function NewPerson(props: DuplicateProps) {
  const intl = useIntl();
  const { locale } = useLocale();
  const { control } = useFormContext<IntakeValues>();
  const aliases = useFieldArray({ control, name: 'person.names.aliases' });
  const birthMode = useWatch({ control, name: 'person.birthMode' });
  const stateless = useWatch({ control, name: 'person.stateless' });
  const birthLabel: MessageKey = birthMode === 'estimate' ? 'lbl.person.birthDateEstimated' : 'lbl.person.birthDate';
  return (
    <>
      <Section title="lbl.person.names">
        <FText name="person.names.original" label="lbl.person.original" hint={<FormattedMessage id="lbl.person.originalHint" />} dir="auto" autoFocus />
        <LatinNameField name="person.names.latin" originalName="person.names.original" hint={<FormattedMessage id="lbl.person.latinHint" />} />
        <FText name="person.names.patronymic" label="lbl.person.patronymic" hint={<FormattedMessage id="form.optional" />} dir="auto" />
        <FSelect name="person.sex" label="lbl.person.sex" keys={sexes.map((s) => ({ value: s, label: sexLabel[s] }))} />
      </Section>
      <fieldset className="form-section">
        <legend className="form-section__title">
          <FormattedMessage id="lbl.person.aliases" />
        </legend>
        {aliases.fields.length === 0 ? (
          <p className="muted">
            <FormattedMessage id="lbl.person.noAliases" />
          </p>
        ) : null}
        <ol className="rows">
          {aliases.fields.map((f, i) => (
            <li key={f.id} className="rows__row">
              <FText name={`person.names.aliases.${i}.value`} label="lbl.person.alias" labelValues={{ n: i + 1 }} dir="auto" />
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
      <DuplicatePanel {...props} />
      <NationalPanel outcome={props.national} checking={props.nationalChecking ?? false} />
      <Section title="lbl.person.birth" columns={false}>
        <FRadios
          stacked
          name="person.birthMode"
          legend="lbl.person.birthKnown"
          options={[
            { value: 'date', label: 'lbl.person.birthMode.date' },
            { value: 'estimate', label: 'lbl.person.birthMode.estimate' },
            { value: 'unknown', label: 'lbl.person.birthMode.unknown' },
          ]}
        />
        {birthMode !== 'unknown' ? (
          <div className="form-grid">
            <FDate name="person.birth.date" label={birthLabel} hint={birthMode === 'estimate' ? <FormattedMessage id="lbl.person.estimateHint" /> : undefined} />
            {birthMode === 'estimate' ? <FTextArea name="person.birth.basis" label="lbl.person.birthBasis" rows={2} wide={false} /> : null}
          </div>
        ) : null}
      </Section>
      <Section title="lbl.person.belonging">
        <div className="field-stack">
          <FCheckbox name="person.stateless" label="lbl.person.stateless" />
          {stateless ? null : (
            <FMulti
              name="person.nationalities"
              label="lbl.person.nationalities"
              hint={<FormattedMessage id="lbl.person.nationalitiesHint" />}
              options={countryOptions(locale)}
              max={5}
              labelOf={(c) => countryLabel(c, locale)}
            />
          )}
        </div>
        <FMulti
          name="person.languages"
          label="lbl.person.languages"
          hint={<FormattedMessage id="lbl.person.languagesHint" />}
          options={languageOptions(locale)}
          allowCustom
          max={10}
          labelOf={(c) => languageLabel(c, locale)}
        />
      </Section>
    </>
  );
}

/**
 * Before a new person is created, records that may be the same person: ranked, with the score and the
 * reasons, so the registrar can decide by looking rather than trusting a number.
 */
function DuplicatePanel({ matches, unresolved, checking, onUse, onCreateNew }: DuplicateProps) {
  const intl = useIntl();
  const titleId = useId();
  if (matches.length === 0) {
    return checking ? (
      <p className="muted dupes__checking" role="status">
        <FormattedMessage id="intake.dupes.checking" />
      </p>
    ) : null;
  }
  return (
    <section className={`card dupes${unresolved.length ? ' dupes--open' : ' dupes--resolved'}`} aria-labelledby={titleId}>
      <h3 className="card__title" id={titleId}>
        <FormattedMessage id="intake.dupes.title" values={{ count: matches.length }} />
      </h3>
      <p className="field__hint">
        <FormattedMessage id={unresolved.length ? 'intake.dupes.intro' : 'intake.dupes.decidedNew'} />
      </p>
      <ol className="dupes__list">
        {matches.map((m) => (
          <li key={m.person.personId} className="dupe">
            <span className="dupe__score" aria-label={intl.formatMessage({ id: 'intake.dupes.scoreLabel' }, { score: Math.round(m.score * 100) })}>
              {intl.formatNumber(m.score, { style: 'percent', maximumFractionDigits: 0 })}
            </span>
            <span className="dupe__who">
              <PersonNames latin={m.person.nameLatin} original={m.person.nameOriginal} />
              <span className="dupe__meta">
                <FormattedMessage id="intake.dupes.meta" values={{ no: m.person.registerNo, birth: m.person.birthDate ? formatDate(m.person.birthDate) : '—' }} />
                {' · '}
                <Nationalities codes={m.person.nationalities} stateless={m.person.stateless} />
              </span>
              <span className="dupe__reasons">{m.reasons.map((r) => intl.formatMessage({ id: matchReasonLabel[r] })).join(' · ')}</span>
            </span>
            <button type="button" className="button button--small" onClick={() => onUse(m)}>
              <FormattedMessage id="intake.dupes.use" />
            </button>
          </li>
        ))}
      </ol>
      {unresolved.length ? (
        <div>
          <button type="button" className="button" onClick={onCreateNew}>
            <FormattedMessage id="intake.dupes.createNew" />
          </button>
        </div>
      ) : null}
    </section>
  );
}

/* ---------- 2. Documents ---------- */

export function DocumentsStep() {
  const intl = useIntl();
  const { control } = useFormContext<IntakeValues>();
  const docs = useFieldArray({ control, name: 'documents' });
  return (
    <>
      <p className="field__hint">
        <FormattedMessage id="intake.documents.intro" />
      </p>
      {docs.fields.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="intake.documents.none" />
        </p>
      ) : null}
      {docs.fields.map((f, i) => (
        <fieldset key={f.id} className="form-section doc-card">
          <legend className="form-section__title">
            <FormattedMessage id="intake.documents.n" values={{ n: i + 1 }} />
          </legend>
          <DocumentFields prefix={`documents.${i}`} />
          <div>
            <button type="button" className="button button--quiet" onClick={() => docs.remove(i)} aria-label={intl.formatMessage({ id: 'intake.documents.remove' }, { n: i + 1 })}>
              <FormattedMessage id="form.remove" />
            </button>
          </div>
        </fieldset>
      ))}
      <div>
        <button type="button" className="button" onClick={() => docs.append({ ...emptyDocument }, { shouldFocus: true })}>
          <FormattedMessage id="intake.documents.add" />
        </button>
      </div>
    </>
  );
}

/* ---------- 3. Apprehension and decision ---------- */

export function ApprehensionStep() {
  const { control } = useFormContext<IntakeValues>();
  const hasDecision = useWatch({ control, name: 'hasDecision' });
  return (
    <>
      <Section title="lbl.apprehension.title">
        <FDateTime name="apprehension.at" label="lbl.apprehension.at" />
        <FText name="apprehension.place" label="lbl.apprehension.place" />
        <FText name="apprehension.authority" label="lbl.apprehension.authority" />
      </Section>
      <FRadios
        stacked
        name="hasDecision"
        legend="intake.decision.question"
        options={[
          { value: 'yes', label: 'intake.decision.yes' },
          { value: 'no', label: 'intake.decision.no', hint: 'intake.decision.noHint' },
        ]}
      />
      {hasDecision === 'yes' ? (
        <>
          <div className="form-grid">
            <FSelect name="admission.regime" label="lbl.regime" keys={regimeOptions} />
          </div>
          <DecisionFields prefix="admission.decision" />
        </>
      ) : null}
    </>
  );
}

/* ---------- 4. Admission ---------- */

export function AdmissionStep() {
  const { control } = useFormContext<IntakeValues>();
  const [hasDecision, medicalDone] = useWatch({ control, name: ['hasDecision', 'admission.medicalDone'] });
  if (hasDecision !== 'yes') {
    return (
      <div className="alert alert--info">
        <FormattedMessage id="intake.admission.noDecision" />
      </div>
    );
  }
  return (
    <>
      <div className="form-grid">
        <FDateTime name="admission.admittedAt" label="lbl.admittedAt" />
      </div>
      <HandoverFields prefix="admission.handover" />
      <FCheckbox name="admission.medicalDone" label="lbl.medical.done" />
      {medicalDone ? <MedicalFields prefix="admission.medical" /> : null}
      <PropertyFields name="admission.property" />
    </>
  );
}

/* ---------- 5. Review ---------- */

function Summary({ title, step, onEdit, children }: { title: MessageKey; step: Step; onEdit(s: Step): void; children: ReactNode }) {
  const intl = useIntl();
  const titleId = useId();
  return (
    <section className="card summary" aria-labelledby={titleId}>
      <div className="summary__head">
        <h3 className="card__title" id={titleId}>
          <FormattedMessage id={title} />
        </h3>
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => onEdit(step)}
          aria-label={intl.formatMessage({ id: 'intake.review.editNamed' }, { name: intl.formatMessage({ id: title }) })}
        >
          <FormattedMessage id="intake.review.edit" />
        </button>
      </div>
      {children}
    </section>
  );
}

function Row({ label, children }: { label: MessageKey; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>
        <FormattedMessage id={label} />
      </dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </div>
  );
}

export function ReviewStep(props: DuplicateProps & { onEdit(s: Step): void }) {
  const { getValues } = useFormContext<IntakeValues>();
  const zone = useTimeZone();
  const intl = useIntl();
  const { locale } = useLocale();
  const v = getValues();
  const p = v.person;
  const when = (local: string) => {
    const iso = localInputToIso(local, zone);
    return iso && !Number.isNaN(Date.parse(iso)) ? <Instant value={iso} /> : null;
  };
  const a = v.admission;
  return (
    <div className="review">
      {v.existingPerson ? null : <DuplicatePanel {...props} />}
      {v.existingPerson ? null : <NationalPanel outcome={props.national} checking={props.nationalChecking ?? false} />}
      <Summary title="intake.step.person" step="person" onEdit={props.onEdit}>
        {v.existingPerson ? (
          <div className="field-stack">
            <p className="muted">
              <FormattedMessage id="intake.existing.using" values={{ no: v.existingPerson.registerNo }} />
            </p>
            <PersonNames latin={v.existingPerson.nameLatin} original={v.existingPerson.nameOriginal} />
          </div>
        ) : (
          <dl className="facts facts--compact">
            <Row label="lbl.person.latin">
              <span dir="auto">{p.names.latin}</span>
            </Row>
            <Row label="lbl.person.original">
              <span dir="auto">{p.names.original}</span>
            </Row>
            {p.names.aliases.length ? (
              <Row label="lbl.person.aliases">
                <span dir="auto">{p.names.aliases.map((x) => x.value).join(', ')}</span>
              </Row>
            ) : null}
            <Row label="lbl.person.sex">{p.sex ? intl.formatMessage({ id: sexLabel[p.sex as keyof typeof sexLabel] }) : null}</Row>
            <Row label="lbl.person.birthDate">
              {p.birthMode === 'unknown' ? (
                <FormattedMessage id="lbl.person.birthMode.unknown" />
              ) : (
                <>
                  {formatDate(p.birth.date)}
                  {p.birthMode === 'estimate' ? (
                    <span className="muted">
                      {' '}
                      <FormattedMessage id="pp.estimated" /> — {p.birth.basis}
                    </span>
                  ) : null}
                </>
              )}
            </Row>
            <Row label="lbl.person.nationalities">
              <Nationalities codes={p.nationalities} stateless={p.stateless} />
            </Row>
            <Row label="lbl.person.languages">
              <Languages codes={p.languages} />
            </Row>
          </dl>
        )}
      </Summary>
      <Summary title="intake.step.documents" step="documents" onEdit={props.onEdit}>
        {v.documents.length === 0 ? (
          <p className="muted">
            <FormattedMessage id="intake.documents.none" />
          </p>
        ) : (
          <ul className="doc-list">
            {v.documents.map((d, i) => (
              <li key={i}>
                <span className="doc-list__type">{intl.formatMessage({ id: documentTypeLabel[d.type as keyof typeof documentTypeLabel] ?? 'docType.other' })}</span>{' '}
                <span className="mono">{[d.series, d.number].filter(Boolean).join(' ')}</span>
                <span className="doc-list__meta">
                  {[d.issuingState ? countryLabel(d.issuingState, locale) : null, d.validUntil ? formatDate(d.validUntil) : null].filter(Boolean).join(' · ')}
                  {d.verification ? ` · ${intl.formatMessage({ id: verificationLabel[d.verification as keyof typeof verificationLabel] ?? 'verification.unverified' })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Summary>
      <Summary title="intake.step.apprehension" step="apprehension" onEdit={props.onEdit}>
        <dl className="facts facts--compact">
          <Row label="lbl.apprehension.at">{when(v.apprehension.at)}</Row>
          <Row label="lbl.apprehension.place">{v.apprehension.place}</Row>
          <Row label="lbl.apprehension.authority">{v.apprehension.authority}</Row>
          {v.hasDecision === 'yes' ? (
            <>
              <Row label="lbl.regime">{a.regime ? intl.formatMessage({ id: regimeLabel[a.regime as keyof typeof regimeLabel] }) : null}</Row>
              <Row label="lbl.decision.title">
                {[a.decision.issuingBody, a.decision.number, formatDate(a.decision.date)].filter(Boolean).join(', ')}
                <span className="facts__aside">{[a.decision.officialPosition, a.decision.officialRank, a.decision.officialName].filter(Boolean).join(', ')}</span>
              </Row>
              <Row label="lbl.decision.termEnd">{when(a.decision.termEnd)}</Row>
            </>
          ) : (
            <Row label="lbl.decision.title">
              <span className="text-warning">
                <FormattedMessage id="intake.decision.no" />
              </span>
            </Row>
          )}
        </dl>
      </Summary>
      {v.hasDecision === 'yes' ? (
        <Summary title="intake.step.admission" step="admission" onEdit={props.onEdit}>
          <dl className="facts facts--compact">
            <Row label="lbl.admittedAt">{when(a.admittedAt)}</Row>
            <Row label="lbl.handover.title">
              {[a.handover.body, a.handover.officerPosition, a.handover.officerRank, a.handover.officerName, a.handover.serviceId].filter(Boolean).join(', ')}
              {a.handover.body ? (
                <span className="facts__aside">
                  <FormattedMessage id={a.handover.signed ? 'print.signed' : 'print.notSigned'} />
                </span>
              ) : null}
            </Row>
            <Row label="lbl.medical.title">
              {a.medicalDone ? (
                <>
                  {when(a.medical.at)} · {a.medical.examiner}
                  {a.medical.visibleInjuries ? <span className="facts__aside text-danger">{a.medical.injuriesDescription}</span> : null}
                  {a.medical.illTreatmentComplaint ? <span className="facts__aside text-danger">{a.medical.complaintDescription}</span> : null}
                </>
              ) : (
                <span className="text-warning">
                  <FormattedMessage id="intake.review.noMedical" />
                </span>
              )}
            </Row>
            <Row label="lbl.property.title">{a.property.map((x) => `${x.item} × ${x.quantity ?? 1}`).join('; ')}</Row>
          </dl>
        </Summary>
      ) : null}
    </div>
  );
}
