import { useWatch, useFormContext } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import { canMoveAsylum } from '../../../core/asylum';
import type { EpisodeView, PersonView } from '../../../core/contract/register-views';
import { handsOver, isRemoval, type OutcomeType } from '../../../core/episode';
import { splitRemovalLocks } from '../../../core/non-refoulement';
import { referralTypes } from '../../../core/vulnerability';
import { useFormClock } from '../../components/clock';
import { ContractForm } from '../../components/ContractForm';
import { FDateTime, FNumber, FSelect, FText, FTextArea, Section, FCheckbox } from '../../components/form-fields';
import {
  DecisionFields,
  DocumentFields,
  HandoverFields,
  MedicalFields,
  PropertyFields,
  decisionInput,
  documentInput,
  emptyDecision,
  emptyDocument,
  emptyHandover,
  emptyMedical,
  handoverInput,
  medicalInput,
  outcomeOptions,
  propertyInput,
  regimeOptions,
  type DecisionValues,
  type DocumentRow,
  type HandoverValues,
  type MedicalValues,
  type PropertyRow,
} from '../../components/register-fieldsets';
import { num, opt } from '../../contract-form';
import { useLocale } from '../../i18n';
import { countryOptions, languageOptions } from '../../places';
import {
  ageMethodLabel,
  asylumDecisionLabel,
  asylumPlaceLabel,
  asylumStatusLabel,
  nrResultLabel,
  referralStageLabel,
  referralTypeLabel,
  removalLockLabel,
  reviewConclusionLabel,
  screeningItemLabel,
  screeningItems,
} from '../../register-labels';

/** What every form of the person page is given: where to send, and what to do after. */
export interface FormProps {
  view: PersonView;
  episode: EpisodeView | null;
  onDone(): void;
  onCancel(): void;
}

/* ---------- Detention ---------- */

interface AdmitValues {
  regime: string;
  decision: DecisionValues;
  admittedAt: string;
  handover: HandoverValues;
  medicalDone: boolean;
  medical: MedicalValues;
  property: PropertyRow[];
}

export function AdmitForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.admit"
      intro={<FormattedMessage id="act.admit.intro" />}
      method="episodes.admit"
      defaults={{ regime: '', decision: emptyDecision, admittedAt: now, handover: emptyHandover, medicalDone: false, medical: emptyMedical(now), property: [] }}
      toInput={(v: AdmitValues) => ({
        episodeId: episode!.episodeId,
        regime: opt(v.regime),
        decision: decisionInput(v.decision, iso),
        admittedAt: iso(v.admittedAt),
        handover: handoverInput(v.handover),
        medical: v.medicalDone ? medicalInput(v.medical, iso) : undefined,
        property: propertyInput(v.property),
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.admit.submit"
    >
      <div className="form-grid">
        <FSelect name="regime" label="lbl.regime" keys={regimeOptions} />
        <FDateTime name="admittedAt" label="lbl.admittedAt" />
      </div>
      <DecisionFields prefix="decision" />
      <HandoverFields prefix="handover" />
      <FCheckbox name="medicalDone" label="lbl.medical.done" />
      <MedicalIfDone />
      <PropertyFields name="property" />
    </ContractForm>
  );
}

function MedicalIfDone() {
  const done = useWatch({ name: 'medicalDone' }) as boolean;
  return done ? <MedicalFields prefix="medical" /> : null;
}

export function MedicalForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.medical"
      method="episodes.recordMedical"
      defaults={{ medical: emptyMedical(now) }}
      toInput={(v: { medical: MedicalValues }) => ({ episodeId: episode!.episodeId, medical: medicalInput(v.medical, iso) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.medical.submit"
    >
      <MedicalFields prefix="medical" />
    </ContractForm>
  );
}

export function RequestExtensionForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.requestExtension"
      method="episodes.requestExtension"
      defaults={{ at: now, note: '' }}
      toInput={(v: { at: string; note: string }) => ({ episodeId: episode!.episodeId, at: iso(v.at), note: opt(v.note) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.requestExtension.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="lbl.at" />
        <FTextArea name="note" label="lbl.note" hint={<FormattedMessage id="form.optional" />} />
      </div>
    </ContractForm>
  );
}

export function ExtendForm({ episode, onDone, onCancel }: FormProps) {
  const { iso } = useFormClock();
  const last = episode?.extensions.at(-1) ?? episode?.decision ?? null;
  // The same court usually extends: its name and official are offered, the new number and term are not.
  const defaults: DecisionValues = last
    ? { ...emptyDecision, issuingBody: last.issuingBody, officialPosition: last.officialPosition, officialRank: last.officialRank ?? '', officialName: last.officialName }
    : emptyDecision;
  return (
    <ContractForm
      title="act.extend"
      method="episodes.extend"
      defaults={{ decision: defaults }}
      toInput={(v: { decision: DecisionValues }) => ({ episodeId: episode!.episodeId, decision: decisionInput(v.decision, iso) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.extend.submit"
    >
      <DecisionFields prefix="decision" title="lbl.decision.extensionTitle" />
    </ContractForm>
  );
}

export function ReviewForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.review"
      method="episodes.review"
      defaults={{ at: now, conclusion: 'continue', notes: '' }}
      toInput={(v: { at: string; conclusion: string; notes: string }) => ({ episodeId: episode!.episodeId, at: iso(v.at), conclusion: opt(v.conclusion), notes: opt(v.notes) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.review.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="lbl.at" />
        <FSelect
          name="conclusion"
          label="lbl.review.conclusion"
          placeholder={false}
          keys={(['continue', 'release_recommended'] as const).map((c) => ({ value: c, label: reviewConclusionLabel[c] }))}
        />
        <FTextArea name="notes" label="lbl.notes" hint={<FormattedMessage id="form.optional" />} />
      </div>
    </ContractForm>
  );
}

export function TransferForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.transfer"
      method="episodes.transfer"
      defaults={{ at: now, toFacilityName: '', reason: '', handover: emptyHandover }}
      toInput={(v: { at: string; toFacilityName: string; reason: string; handover: HandoverValues }) => ({
        episodeId: episode!.episodeId,
        at: iso(v.at),
        toFacilityName: opt(v.toFacilityName),
        reason: opt(v.reason),
        handover: handoverInput(v.handover),
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.transfer.submit"
    >
      <div className="form-grid">
        <FDateTime name="at" label="lbl.at" />
        <FText name="toFacilityName" label="lbl.transfer.to" />
        <FTextArea name="reason" label="lbl.reason" />
      </div>
      <HandoverFields prefix="handover" title="lbl.handover.transferTitle" />
    </ContractForm>
  );
}

export function ScheduleExitForm({ episode, onDone, onCancel }: FormProps) {
  const { iso } = useFormClock();
  return (
    <ContractForm
      title="act.scheduleExit"
      method="episodes.scheduleExit"
      defaults={{ plannedAt: '', plannedOutcome: '' }}
      toInput={(v: { plannedAt: string; plannedOutcome: string }) => ({ episodeId: episode!.episodeId, plannedAt: iso(v.plannedAt), plannedOutcome: opt(v.plannedOutcome) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.scheduleExit.submit"
    >
      <div className="form-grid">
        <FDateTime name="plannedAt" label="lbl.exit.plannedAt" />
        <FSelect name="plannedOutcome" label="lbl.exit.type" keys={outcomeOptions} />
      </div>
    </ContractForm>
  );
}

interface CloseValues {
  exit: { type: string; at: string; basis: string; receivingBody: string; receivingOfficer: string; destinationCountry: string; escort: string; notes: string };
  override: { reviewReference: string; reviewedBy: string; reasoning: string };
}

/**
 * Leaving the centre. A removal (expulsion, deportation, return) while the non-refoulement lock holds is
 * shown as locked before anything is sent; only a centre head sees the fields of a documented override.
 */
export function CloseForm({ episode, onDone, onCancel, mayOverride }: FormProps & { mayOverride: boolean }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.close"
      method="episodes.close"
      defaults={{
        exit: { type: '', at: now, basis: '', receivingBody: '', receivingOfficer: '', destinationCountry: '', escort: '', notes: '' },
        override: { reviewReference: '', reviewedBy: '', reasoning: '' },
      }}
      toInput={(v: CloseValues) => {
        const o = v.override;
        const overriding = mayOverride && (o.reviewReference.trim() || o.reviewedBy.trim() || o.reasoning.trim());
        return {
          episodeId: episode!.episodeId,
          exit: {
            type: opt(v.exit.type),
            at: iso(v.exit.at),
            basis: opt(v.exit.basis),
            receivingBody: opt(v.exit.receivingBody),
            receivingOfficer: opt(v.exit.receivingOfficer),
            destinationCountry: opt(v.exit.destinationCountry),
            escort: opt(v.exit.escort),
            notes: opt(v.exit.notes),
          },
          override: overriding ? { reviewReference: opt(o.reviewReference), reviewedBy: opt(o.reviewedBy), reasoning: opt(o.reasoning) } : undefined,
        };
      }}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.close.submit"
      danger
    >
      <CloseFields locks={episode?.removalLocks ?? []} mayOverride={mayOverride} />
    </ContractForm>
  );
}

function CloseFields({ locks, mayOverride }: { locks: EpisodeView['removalLocks']; mayOverride: boolean }) {
  const { locale } = useLocale();
  const { control } = useFormContext<CloseValues>();
  const type = useWatch({ control, name: 'exit.type' }) as OutcomeType | '';
  const removal = type !== '' && isRemoval(type);
  const handing = type !== '' && handsOver(type);
  const locked = removal && locks.length > 0;
  // A legal lock is an alarm with its reasons; a missing assessment is information about what removal
  // needs (issue #11 §6). The server refuses a removal for either without a cleared check or an override.
  const { legal } = splitRemovalLocks(locks);
  return (
    <>
      <div className="form-grid">
        <FSelect name="exit.type" label="lbl.exit.type" keys={outcomeOptions} />
        <FDateTime name="exit.at" label="lbl.exit.at" />
        <FTextArea name="exit.basis" label="lbl.exit.basis" rows={2} />
        {removal ? <FSelect name="exit.destinationCountry" label="lbl.exit.destination" options={countryOptions(locale)} /> : null}
        {handing ? <FText name="exit.receivingBody" label="lbl.exit.receivingBody" /> : null}
        {handing ? <FText name="exit.receivingOfficer" label="lbl.exit.receivingOfficer" /> : null}
        {removal ? <FText name="exit.escort" label="lbl.exit.escort" hint={<FormattedMessage id="form.optional" />} /> : null}
        <FTextArea name="exit.notes" label="lbl.notes" hint={<FormattedMessage id="form.optional" />} />
      </div>
      {locked && legal.length > 0 ? (
        <div className="alert alert--danger lock-alert" role="alert">
          <p className="alert__title">
            <FormattedMessage id="act.close.locked" />
          </p>
          <ul className="plain-list">
            {legal.map((l) => (
              <li key={l}>
                <FormattedMessage id={removalLockLabel[l]} />
              </li>
            ))}
          </ul>
          <p>
            <FormattedMessage id={mayOverride ? 'act.close.lockedHead' : 'act.close.lockedOthers'} />
          </p>
        </div>
      ) : null}
      {locked && legal.length === 0 ? (
        <div className="alert alert--info lock-alert" role="status" data-testid="no-removal-assessment">
          <p className="alert__title">
            <FormattedMessage id="act.close.noAssessment" />
          </p>
          <p>
            <FormattedMessage id="act.close.noAssessmentText" />
          </p>
          <p>
            <FormattedMessage id={mayOverride ? 'act.close.lockedHead' : 'act.close.lockedOthers'} />
          </p>
        </div>
      ) : null}
      {locked && mayOverride ? (
        <Section title="lbl.override.title" hint={<FormattedMessage id="lbl.override.hint" />}>
          <FText name="override.reviewReference" label="lbl.override.reviewReference" />
          <FText name="override.reviewedBy" label="lbl.override.reviewedBy" />
          <FTextArea name="override.reasoning" label="lbl.override.reasoning" />
        </Section>
      ) : null}
    </>
  );
}

export function NrCheckForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.nrCheck"
      intro={<FormattedMessage id="act.nrCheck.intro" />}
      method="episodes.recordNonRefoulementCheck"
      defaults={{ check: { at: now, result: '', basis: '' } }}
      toInput={(v: { check: { at: string; result: string; basis: string } }) => ({
        episodeId: episode!.episodeId,
        check: { at: iso(v.check.at), result: opt(v.check.result), basis: opt(v.check.basis) },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.nrCheck.submit"
    >
      <div className="form-grid">
        <FDateTime name="check.at" label="lbl.at" />
        <FSelect name="check.result" label="lbl.nr.result" keys={(['cleared', 'not_cleared'] as const).map((r) => ({ value: r, label: nrResultLabel[r] }))} />
        <FTextArea name="check.basis" label="lbl.nr.basis" />
      </div>
    </ContractForm>
  );
}

/* ---------- Protection ---------- */

type ScreeningValues = { at: string; asylumWords: string; asylumWordsLanguage: string; notes: string } & Record<(typeof screeningItems)[number], boolean>;

export function ScreeningForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  const { locale } = useLocale();
  const items = Object.fromEntries(screeningItems.map((i) => [i, false])) as Record<(typeof screeningItems)[number], boolean>;
  return (
    <ContractForm
      title="act.screening"
      intro={<FormattedMessage id="act.screening.intro" />}
      method="vulnerability.screen"
      defaults={{ screening: { at: now, asylumWords: '', asylumWordsLanguage: '', notes: '', ...items } }}
      toInput={(v: { screening: ScreeningValues }) => ({
        episodeId: episode!.episodeId,
        screening: {
          ...Object.fromEntries(screeningItems.map((i) => [i, !!v.screening[i]])),
          at: iso(v.screening.at),
          asylumWords: opt(v.screening.asylumWords),
          asylumWordsLanguage: opt(v.screening.asylumWordsLanguage),
          notes: opt(v.screening.notes),
        },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.screening.submit"
    >
      <div className="form-grid">
        <FDateTime name="screening.at" label="lbl.at" />
      </div>
      <fieldset className="form-section">
        <legend className="form-section__title">
          <FormattedMessage id="lbl.screening.items" />
        </legend>
        <div className="checkbox-group__options">
          {screeningItems.map((i) => (
            <FCheckbox key={i} name={`screening.${i}`} label={screeningItemLabel[i]} />
          ))}
        </div>
        <p className="field__hint">
          <FormattedMessage id="lbl.screening.restrictedHint" />
        </p>
      </fieldset>
      <Section title="lbl.screening.asylumTitle" hint={<FormattedMessage id="lbl.screening.asylumHint" />}>
        <FTextArea name="screening.asylumWords" label="lbl.screening.asylumWords" dir="auto" />
        <FSelect name="screening.asylumWordsLanguage" label="lbl.language" options={languageOptions(locale)} />
      </Section>
      <FTextArea name="screening.notes" label="lbl.notes" hint={<FormattedMessage id="form.optional" />} />
    </ContractForm>
  );
}

export function ReferForm({ episode, onDone, onCancel }: FormProps) {
  return (
    <ContractForm
      title="act.refer"
      method="vulnerability.refer"
      defaults={{ referral: { type: '', reason: '' } }}
      toInput={(v: { referral: { type: string; reason: string } }) => ({ episodeId: episode!.episodeId, referral: { type: opt(v.referral.type), reason: opt(v.referral.reason) } })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.refer.submit"
    >
      <div className="form-grid">
        <FSelect name="referral.type" label="lbl.referral.type" keys={referralTypes.map((t) => ({ value: t, label: referralTypeLabel[t] }))} />
        <FTextArea name="referral.reason" label="lbl.reason" />
      </div>
    </ContractForm>
  );
}

/** The stages a referral may move to from where it stands (sent → answered → outcome). */
export function nextReferralStages(stage: string | null): ('sent' | 'accepted' | 'declined' | 'outcome')[] {
  if (stage === null) return ['sent'];
  if (stage === 'sent') return ['accepted', 'declined'];
  if (stage === 'accepted') return ['outcome'];
  return [];
}

export function ProgressReferralForm({ referral, onDone, onCancel }: { referral: PersonView['referrals'][number]; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  const stages = nextReferralStages(referral.stage);
  return (
    <ContractForm
      title="act.progressReferral"
      method="vulnerability.progressReferral"
      defaults={{ progress: { stage: stages[0] ?? '', at: now, note: '' } }}
      toInput={(v: { progress: { stage: string; at: string; note: string } }) => ({
        referralId: referral.referralId,
        progress: { stage: opt(v.progress.stage), at: iso(v.progress.at), note: opt(v.progress.note) },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.progressReferral.submit"
    >
      <div className="form-grid">
        <FSelect name="progress.stage" label="lbl.referral.stage" placeholder={false} keys={stages.map((s) => ({ value: s, label: referralStageLabel[s] }))} />
        <FDateTime name="progress.at" label="lbl.at" />
        <FTextArea name="progress.note" label="lbl.note" hint={<FormattedMessage id="form.optional" />} />
      </div>
    </ContractForm>
  );
}

export function AgeForm({ view, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.age"
      intro={<FormattedMessage id="act.age.intro" />}
      method="vulnerability.assessAge"
      defaults={{ assessment: { at: now, method: '', assessor: '', minAge: undefined, maxAge: undefined, notes: '' } }}
      toInput={(v: { assessment: { at: string; method: string; assessor: string; minAge: number | undefined; maxAge: number | undefined; notes: string } }) => ({
        personId: view.person.personId,
        assessment: {
          at: iso(v.assessment.at),
          method: opt(v.assessment.method),
          assessor: opt(v.assessment.assessor),
          minAge: num(v.assessment.minAge),
          maxAge: num(v.assessment.maxAge),
          notes: opt(v.assessment.notes),
        },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.age.submit"
    >
      <div className="form-grid">
        <FDateTime name="assessment.at" label="lbl.at" />
        <FSelect name="assessment.method" label="lbl.age.method" keys={(['documents', 'interview', 'medical'] as const).map((m) => ({ value: m, label: ageMethodLabel[m] }))} />
        <FText name="assessment.assessor" label="lbl.age.assessor" />
        <div className="form-pair">
          <FNumber name="assessment.minAge" label="lbl.age.min" min={0} max={120} />
          <FNumber name="assessment.maxAge" label="lbl.age.max" min={0} max={120} />
        </div>
        <FTextArea name="assessment.notes" label="lbl.notes" hint={<FormattedMessage id="form.optional" />} />
      </div>
    </ContractForm>
  );
}

export function GuardianForm({ view, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.guardian"
      method="vulnerability.appointGuardian"
      defaults={{ guardian: { appointedAt: now, authority: '', name: '', contact: '' } }}
      toInput={(v: { guardian: { appointedAt: string; authority: string; name: string; contact: string } }) => ({
        personId: view.person.personId,
        guardian: { appointedAt: iso(v.guardian.appointedAt), authority: opt(v.guardian.authority), name: opt(v.guardian.name), contact: opt(v.guardian.contact) },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.guardian.submit"
    >
      <div className="form-grid">
        <FText name="guardian.name" label="lbl.guardian.name" />
        <FDateTime name="guardian.appointedAt" label="lbl.guardian.appointedAt" />
        <FText name="guardian.authority" label="lbl.guardian.authority" />
        <FText name="guardian.contact" label="lbl.guardian.contact" />
      </div>
    </ContractForm>
  );
}

export function AsylumExpressForm({ view, episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  const { locale } = useLocale();
  return (
    <ContractForm
      title="act.asylum"
      intro={<FormattedMessage id="act.asylum.intro" />}
      method="asylum.express"
      defaults={{ expression: { at: now, place: 'centre', words: '', language: view.languages[0] ?? '' } }}
      toInput={(v: { expression: { at: string; place: string; words: string; language: string } }) => ({
        personId: view.person.personId,
        episodeId: episode && episode.state !== 'CLOSED' ? episode.episodeId : undefined,
        expression: { at: iso(v.expression.at), place: opt(v.expression.place), words: opt(v.expression.words), language: opt(v.expression.language) },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.asylum.submit"
    >
      <div className="form-grid">
        <FDateTime name="expression.at" label="lbl.at" />
        <FSelect name="expression.place" label="lbl.asylum.place" placeholder={false} keys={(['centre', 'border', 'other'] as const).map((p) => ({ value: p, label: asylumPlaceLabel[p] }))} />
        <FTextArea name="expression.words" label="lbl.asylum.words" hint={<FormattedMessage id="lbl.asylum.wordsHint" />} dir="auto" />
        <FSelect name="expression.language" label="lbl.language" options={languageOptions(locale)} />
      </div>
    </ContractForm>
  );
}

export function AsylumForwardForm({ claim, onDone, onCancel }: { claim: PersonView['asylumClaims'][number]; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm
      title="act.asylumForward"
      intro={<FormattedMessage id="act.asylumForward.intro" />}
      method="asylum.forward"
      defaults={{ forward: { at: now, reference: '' } }}
      toInput={(v: { forward: { at: string; reference: string } }) => ({ claimId: claim.claimId, forward: { at: iso(v.forward.at), reference: opt(v.forward.reference) } })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.asylumForward.submit"
    >
      <div className="form-grid">
        <FDateTime name="forward.at" label="lbl.at" />
        <FText name="forward.reference" label="lbl.asylum.reference" />
      </div>
    </ContractForm>
  );
}

export function AsylumStatusForm({ claim, onDone, onCancel }: { claim: PersonView['asylumClaims'][number]; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  const options = (['REGISTERED', 'DECIDED', 'APPEAL', 'FINAL'] as const).filter((s) => canMoveAsylum(claim.status, s));
  return (
    <ContractForm
      title="act.asylumStatus"
      method="asylum.updateStatus"
      defaults={{ change: { status: options[0] ?? '', at: now, decision: '', reference: '' } }}
      toInput={(v: { change: { status: string; at: string; decision: string; reference: string } }) => ({
        claimId: claim.claimId,
        change: { status: opt(v.change.status), at: iso(v.change.at), decision: opt(v.change.decision), reference: opt(v.change.reference) },
      })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.asylumStatus.submit"
    >
      <AsylumStatusFields options={options} />
    </ContractForm>
  );
}

function AsylumStatusFields({ options }: { options: readonly ('REGISTERED' | 'DECIDED' | 'APPEAL' | 'FINAL')[] }) {
  const status = useWatch({ name: 'change.status' }) as string;
  return (
    <div className="form-grid">
      <FSelect name="change.status" label="lbl.asylum.status" placeholder={false} keys={options.map((s) => ({ value: s, label: asylumStatusLabel[s] }))} />
      <FDateTime name="change.at" label="lbl.at" />
      {status === 'DECIDED' || status === 'FINAL' ? (
        <FSelect name="change.decision" label="lbl.asylum.decision" keys={(['granted', 'refused'] as const).map((d) => ({ value: d, label: asylumDecisionLabel[d] }))} />
      ) : null}
      <FText name="change.reference" label="lbl.asylum.reference" hint={<FormattedMessage id="form.optional" />} />
    </div>
  );
}

/* ---------- Record ---------- */

export function AddDocumentForm({ view, onDone, onCancel }: FormProps) {
  return (
    <ContractForm
      title="act.document"
      method="documents.add"
      defaults={{ document: emptyDocument }}
      toInput={(v: { document: DocumentRow }) => ({ personId: view.person.personId, document: documentInput(v.document) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.document.submit"
    >
      <DocumentFields prefix="document" />
    </ContractForm>
  );
}

export function UnmergeForm({ view, onDone, onCancel }: FormProps) {
  return (
    <ContractForm
      title="act.unmerge"
      method="persons.unmerge"
      defaults={{ reason: '' }}
      toInput={(v: { reason: string }) => ({ personId: view.person.personId, reason: opt(v.reason) })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="act.unmerge.submit"
    >
      <FTextArea name="reason" label="lbl.reason" />
    </ContractForm>
  );
}
