import type { asylumStatuses } from '../core/asylum';
import type { documentTypes, EpisodeState, OutcomeType, Regime, verificationStatuses } from '../core/episode';
import type { MessageKey } from '../core/i18n';
import type { RemovalLockReason } from '../core/non-refoulement';
import type { sexes } from '../core/person';
import type { ReferralType, referralStages, Screening, VulnerabilityFlag } from '../core/vulnerability';
import { isMessageKey } from './i18n';

/**
 * Register enums to catalog keys. Typed records make a new value without a label fail tsc; the lists
 * another team extends (obligation kinds, event types) are looked up by name and checked by a test.
 */
export const sexLabel: Record<(typeof sexes)[number], MessageKey> = {
  male: 'sex.male',
  female: 'sex.female',
  other: 'sex.other',
  unknown: 'sex.unknown',
};

export const regimeLabel: Record<Regime, MessageKey> = {
  forced_court: 'regime.forced_court',
  voluntary_expulsion: 'regime.voluntary_expulsion',
  voluntary_protection: 'regime.voluntary_protection',
};

export const stateLabel: Record<EpisodeState, MessageKey> = {
  DECISION_PENDING: 'state.DECISION_PENDING',
  ACTIVE: 'state.ACTIVE',
  EXTENSION_PENDING: 'state.EXTENSION_PENDING',
  RELEASE_DUE: 'state.RELEASE_DUE',
  EXIT_PENDING: 'state.EXIT_PENDING',
  CLOSED: 'state.CLOSED',
};

export const outcomeTypeLabel: Record<OutcomeType, MessageKey> = {
  released_term_expired: 'outcome.released_term_expired',
  released_decision: 'outcome.released_decision',
  expelled: 'outcome.expelled',
  deported_readmission: 'outcome.deported_readmission',
  avr_iom: 'outcome.avr_iom',
  transferred_shelter: 'outcome.transferred_shelter',
  transferred_child_care: 'outcome.transferred_child_care',
  transferred_hospital: 'outcome.transferred_hospital',
  transferred_criminal_custody: 'outcome.transferred_criminal_custody',
  refugee_status: 'outcome.refugee_status',
  died: 'outcome.died',
  escaped: 'outcome.escaped',
  departed_voluntarily: 'outcome.departed_voluntarily',
  regularised: 'outcome.regularised',
  thb_residence_permit: 'outcome.thb_residence_permit',
};

export const documentTypeLabel: Record<(typeof documentTypes)[number], MessageKey> = {
  passport: 'docType.passport',
  border_document: 'docType.border_document',
  birth_certificate: 'docType.birth_certificate',
  refugee_card: 'docType.refugee_card',
  other: 'docType.other',
  none: 'docType.none',
};

export const verificationLabel: Record<(typeof verificationStatuses)[number], MessageKey> = {
  unverified: 'verification.unverified',
  verified: 'verification.verified',
  doubtful: 'verification.doubtful',
  false: 'verification.false',
};

export const flagLabel: Record<VulnerabilityFlag, MessageKey> = {
  child: 'flag.child',
  age_in_doubt: 'flag.age_in_doubt',
  unaccompanied: 'flag.unaccompanied',
  trafficking: 'flag.trafficking',
  asylum: 'flag.asylum',
  refugee: 'flag.refugee',
  torture: 'flag.torture',
  disability: 'flag.disability',
  pregnancy: 'flag.pregnancy',
  illness: 'flag.illness',
  older: 'flag.older',
  sogi: 'flag.sogi',
};

export const referralTypeLabel: Record<ReferralType, MessageKey> = {
  child_nrm: 'referralType.child_nrm',
  thb_nrm: 'referralType.thb_nrm',
  asylum: 'referralType.asylum',
  medical: 'referralType.medical',
  unhcr: 'referralType.unhcr',
  iom_avr: 'referralType.iom_avr',
};

export const referralStageLabel: Record<(typeof referralStages)[number] | 'none', MessageKey> = {
  none: 'referralStage.none',
  sent: 'referralStage.sent',
  accepted: 'referralStage.accepted',
  declined: 'referralStage.declined',
  outcome: 'referralStage.outcome',
};

export const removalLockLabel: Record<RemovalLockReason, MessageKey> = {
  asylum_pending: 'removalLock.asylum_pending',
  refugee: 'removalLock.refugee',
  trafficking: 'removalLock.trafficking',
  not_cleared: 'removalLock.not_cleared',
  no_check: 'removalLock.no_check',
  restricted: 'removalLock.restricted',
};

export const asylumStatusLabel: Record<(typeof asylumStatuses)[number], MessageKey> = {
  EXPRESSED: 'asylumStatus.EXPRESSED',
  FORWARDED: 'asylumStatus.FORWARDED',
  REGISTERED: 'asylumStatus.REGISTERED',
  DECIDED: 'asylumStatus.DECIDED',
  APPEAL: 'asylumStatus.APPEAL',
  FINAL: 'asylumStatus.FINAL',
};

export const asylumPlaceLabel: Record<'border' | 'centre' | 'other', MessageKey> = {
  border: 'asylumPlace.border',
  centre: 'asylumPlace.centre',
  other: 'asylumPlace.other',
};

export const asylumDecisionLabel: Record<'granted' | 'refused', MessageKey> = {
  granted: 'asylumDecision.granted',
  refused: 'asylumDecision.refused',
};

export const ageMethodLabel: Record<'documents' | 'interview' | 'medical', MessageKey> = {
  documents: 'ageMethod.documents',
  interview: 'ageMethod.interview',
  medical: 'ageMethod.medical',
};

export const reviewConclusionLabel: Record<'continue' | 'release_recommended', MessageKey> = {
  continue: 'reviewConclusion.continue',
  release_recommended: 'reviewConclusion.release_recommended',
};

export const nrResultLabel: Record<'cleared' | 'not_cleared', MessageKey> = {
  cleared: 'nrResult.cleared',
  not_cleared: 'nrResult.not_cleared',
};

export const matchReasonLabel: Record<'same_name' | 'other_script' | 'spelling_variant' | 'alias' | 'birth_within_year' | 'birth_differs' | 'same_nationality' | 'same_document', MessageKey> = {
  same_name: 'match.same_name',
  other_script: 'match.other_script',
  spelling_variant: 'match.spelling_variant',
  alias: 'match.alias',
  birth_within_year: 'match.birth_within_year',
  birth_differs: 'match.birth_differs',
  same_nationality: 'match.same_nationality',
  same_document: 'match.same_document',
};

export const obligationStatusLabel: Record<'overdue' | 'due' | 'upcoming', MessageKey> = {
  overdue: 'obligationStatus.overdue',
  due: 'obligationStatus.due',
  upcoming: 'obligationStatus.upcoming',
};

export const deadlineStatusLabel: Record<'overdue' | 'due' | 'ok', MessageKey> = {
  overdue: 'deadline.overdue',
  due: 'deadline.due',
  ok: 'deadline.ok',
};

/** The screening's yes/no items, in the order the form asks them. */
export const screeningItems = [
  'ageInDoubt',
  'unaccompaniedOrSeparated',
  'traffickingIndicators',
  'tortureOrTrauma',
  'disability',
  'pregnancy',
  'seriousIllness',
  'olderAge',
  'sogiRisk',
] as const satisfies readonly (keyof Screening)[];

export const screeningItemLabel: Record<(typeof screeningItems)[number], MessageKey> = {
  ageInDoubt: 'screen.ageInDoubt',
  unaccompaniedOrSeparated: 'screen.unaccompaniedOrSeparated',
  traffickingIndicators: 'screen.traffickingIndicators',
  tortureOrTrauma: 'screen.tortureOrTrauma',
  disability: 'screen.disability',
  pregnancy: 'screen.pregnancy',
  seriousIllness: 'screen.seriousIllness',
  olderAge: 'screen.olderAge',
  sogiRisk: 'screen.sogiRisk',
};

/** Obligation kinds grow with each safeguard; an unknown one still reads as a sentence, not a code. */
export function obligationKey(kind: string): MessageKey | null {
  const key = `obligation.${kind}`;
  return isMessageKey(key) ? key : null;
}

export function eventKey(type: string): MessageKey | null {
  const key = `event.${type}`;
  return isMessageKey(key) ? key : null;
}

/** Labels of corrected fields ("names.latin"), for the timeline's "was → now" lines. */
export function fieldKey(field: string): MessageKey | null {
  const key = `field.${field}`;
  return isMessageKey(key) ? key : null;
}
