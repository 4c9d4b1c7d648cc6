import type { z } from 'zod';
import type {
  answerChannel,
  answerOutcome,
  candidateReason,
  candidateState,
  consentHeld,
  deathCircumstance,
  disclosureState,
  inquiryStatus,
  protectionReason,
} from '../../../../core/contract/tracing';
import type { RequesterCategory } from '../../../../core/contract/tracing-shared';
import type { MessageKey } from '../../../../core/i18n';
import { matchReasonLabel } from '../../../register-labels';

/** Catalog keys for the tracing screens' codes (issue #14 §3). */

export const categoryLabel: Record<RequesterCategory, MessageKey> = {
  family: 'tracing.category.family',
  consulate: 'tracing.category.consulate',
  icrc_red_crescent: 'tracing.category.icrc_red_crescent',
  unhcr: 'tracing.category.unhcr',
  iom: 'tracing.category.iom',
  ombudsman: 'tracing.category.ombudsman',
  court: 'tracing.category.court',
  other: 'tracing.category.other',
};

export const consentLabel: Record<z.infer<typeof consentHeld>, MessageKey> = {
  none: 'tracing.consent.none',
  person_written: 'tracing.consent.person_written',
  person_oral: 'tracing.consent.person_oral',
  next_of_kin: 'tracing.consent.next_of_kin',
  not_required: 'tracing.consent.not_required',
};

export const statusLabel: Record<z.infer<typeof inquiryStatus>, MessageKey> = {
  open: 'tracing.status.open',
  answered: 'tracing.status.answered',
  closed: 'tracing.status.closed',
};

export const stateLabel: Record<z.infer<typeof candidateState>, MessageKey> = {
  held: 'tracing.state.held',
  released: 'tracing.state.released',
  transferred: 'tracing.state.transferred',
  removed: 'tracing.state.removed',
  deceased: 'tracing.state.deceased',
  escaped: 'tracing.state.escaped',
  registered: 'tracing.state.registered',
};

export const reasonLabel: Record<z.infer<typeof candidateReason>, MessageKey> = {
  ...matchReasonLabel,
  sex_matches: 'match.sex_matches',
  age_fits: 'match.age_fits',
  details_overlap: 'match.details_overlap',
  place_overlap: 'match.place_overlap',
};

export const disclosureLabel: Record<z.infer<typeof disclosureState>, MessageKey> = {
  may_disclose: 'tracing.disclosure.may_disclose',
  consent_given: 'tracing.disclosure.consent_given',
  withheld_protection: 'tracing.disclosure.withheld_protection',
  consent_pending: 'tracing.disclosure.consent_pending',
  consent_refused: 'tracing.disclosure.consent_refused',
  contact_refused: 'tracing.disclosure.contact_refused',
};

export const protectionLabel: Record<z.infer<typeof protectionReason>, MessageKey> = {
  asylum: 'tracing.protection.asylum',
  refugee: 'tracing.protection.refugee',
  trafficking: 'tracing.protection.trafficking',
  restricted: 'tracing.protection.restricted',
};

export const outcomeLabel: Record<z.infer<typeof answerOutcome>, MessageKey> = {
  located: 'tracing.answer.outcome.located',
  not_located: 'tracing.answer.outcome.not_located',
  withheld: 'tracing.answer.outcome.withheld',
  contact_refused: 'tracing.answer.outcome.contact_refused',
};

export const channelLabel: Record<z.infer<typeof answerChannel>, MessageKey> = {
  letter: 'tracing.answer.channel.letter',
  email: 'tracing.answer.channel.email',
  phone: 'tracing.answer.channel.phone',
  in_person: 'tracing.answer.channel.in_person',
  other: 'tracing.answer.channel.other',
};

export const circumstanceLabel: Record<z.infer<typeof deathCircumstance>, MessageKey> = {
  custody: 'tracing.record.circumstance.custody',
  border: 'tracing.record.circumstance.border',
  other: 'tracing.record.circumstance.other',
};

export const recordKindLabel: Record<'unidentified' | 'death', MessageKey> = { unidentified: 'tracing.kind.unidentified', death: 'tracing.kind.death' };
export const decisionLabel: Record<'confirmed' | 'rejected', MessageKey> = { confirmed: 'tracing.review.confirmed', rejected: 'tracing.review.rejected' };
export const consentAnswerLabel: Record<'given' | 'refused', MessageKey> = { given: 'tracing.centre.consent.given', refused: 'tracing.centre.consent.refused' };
export const contactAnswerLabel: Record<'accepted' | 'refused', MessageKey> = { accepted: 'tracing.centre.contact.accepted', refused: 'tracing.centre.contact.refused' };
export const requestKindLabel: Record<'consent_to_disclose' | 'contact_notice', MessageKey> = { consent_to_disclose: 'tracing.askCentre.consent', contact_notice: 'tracing.askCentre.notice' };

export const keysOf = <K extends string>(labels: Record<K, MessageKey>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/** One name per line, blank lines dropped. */
export const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
