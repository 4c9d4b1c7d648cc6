import type { MessageKey } from '../../../core/i18n';
import type { ConsularState, RightsItem } from '../../../core/safeguards';

/** A catalog key for every value of every safeguards enum (the catalog test checks each one exists). */

export const rightsItemLabel: Record<RightsItem, MessageKey> = {
  reasons: 'sg.item.reasons',
  legal_basis_and_term: 'sg.item.legal_basis_and_term',
  legal_aid: 'sg.item.legal_aid',
  interpreter: 'sg.item.interpreter',
  consular: 'sg.item.consular',
  asylum: 'sg.item.asylum',
  complaint_and_appeal: 'sg.item.complaint_and_appeal',
  medical: 'sg.item.medical',
  family_contact: 'sg.item.family_contact',
  ombudsman: 'sg.item.ombudsman',
};

export const modeLabel: Record<'written' | 'oral', MessageKey> = { written: 'sg.mode.written', oral: 'sg.mode.oral' };

export const ackLabel: Record<'signature' | 'mark' | 'refused', MessageKey> = {
  signature: 'sg.ack.signature',
  mark: 'sg.ack.mark',
  refused: 'sg.ack.refused',
};

export const interpreterKindLabel: Record<'staff' | 'contract' | 'remote', MessageKey> = {
  staff: 'sg.interpreterKind.staff',
  contract: 'sg.interpreterKind.contract',
  remote: 'sg.interpreterKind.remote',
};

export const interpreterPurposeLabel: Record<'rights' | 'consent' | 'medical' | 'court' | 'asylum' | 'legal_aid' | 'npm' | 'other', MessageKey> = {
  rights: 'sg.purpose.rights',
  consent: 'sg.purpose.consent',
  medical: 'sg.purpose.medical',
  court: 'sg.purpose.court',
  asylum: 'sg.purpose.asylum',
  legal_aid: 'sg.purpose.legal_aid',
  npm: 'sg.purpose.npm',
  other: 'sg.purpose.other',
};

export const wishLabel: Record<'requests' | 'no_preference' | 'declines' | 'expressly_opposes', MessageKey> = {
  requests: 'sg.wish.requests',
  no_preference: 'sg.wish.no_preference',
  declines: 'sg.wish.declines',
  expressly_opposes: 'sg.wish.expressly_opposes',
};

export const consularStateLabel: Record<ConsularState, MessageKey> = {
  PROTECTION_CHECK: 'sg.consularState.PROTECTION_CHECK',
  BLOCKED_PROTECTION: 'sg.consularState.BLOCKED_PROTECTION',
  BLOCKED_OPPOSED: 'sg.consularState.BLOCKED_OPPOSED',
  READY: 'sg.consularState.READY',
  SENT: 'sg.consularState.SENT',
  ACKNOWLEDGED: 'sg.consularState.ACKNOWLEDGED',
  VISITED: 'sg.consularState.VISITED',
  WITHDRAWN: 'sg.consularState.WITHDRAWN',
};

export const blockReasonLabel: Record<'asylum' | 'refugee' | 'trafficking' | 'opposed' | 'restricted', MessageKey> = {
  restricted: 'sg.block.restricted',
  asylum: 'sg.block.asylum',
  refugee: 'sg.block.refugee',
  trafficking: 'sg.block.trafficking',
  opposed: 'sg.block.opposed',
};

export const channelLabel: Record<'note_verbale' | 'email' | 'fax' | 'phone' | 'in_person', MessageKey> = {
  note_verbale: 'sg.channel.note_verbale',
  email: 'sg.channel.email',
  fax: 'sg.channel.fax',
  phone: 'sg.channel.phone',
  in_person: 'sg.channel.in_person',
};

export const requestedByLabel: Record<'detainee' | 'family' | 'staff' | 'other', MessageKey> = {
  detainee: 'sg.requestedBy.detainee',
  family: 'sg.requestedBy.family',
  staff: 'sg.requestedBy.staff',
  other: 'sg.requestedBy.other',
};

export const fundingLabel: Record<'state' | 'private', MessageKey> = { state: 'sg.funding.state', private: 'sg.funding.private' };

export const contactModeLabel: Record<'in_person' | 'phone' | 'video', MessageKey> = {
  in_person: 'sg.contactMode.in_person',
  phone: 'sg.contactMode.phone',
  video: 'sg.contactMode.video',
};

export const issueKindLabel: Record<'delayed' | 'denied', MessageKey> = { delayed: 'sg.issue.delayed', denied: 'sg.issue.denied' };

export const answerKindLabel: Record<'acknowledged' | 'visited', MessageKey> = { acknowledged: 'sg.answer.acknowledged', visited: 'sg.answer.visited' };

export const affiliationLabel: Record<'independent' | 'linked' | 'unchecked', MessageKey> = {
  independent: 'sg.affiliation.independent',
  linked: 'sg.affiliation.linked',
  unchecked: 'sg.affiliation.unchecked',
};

export const statusLabel: Record<'overdue' | 'due' | 'upcoming', MessageKey> = {
  overdue: 'sg.status.overdue',
  due: 'sg.status.due',
  upcoming: 'sg.status.upcoming',
};

/** Obligations of the person page that belong to each safeguard card. */
export const obligationLabel: Record<
  'rights_notification' | 'rights_renotify' | 'written_rights_letter' | 'consular_inform' | 'consular_send' | 'consular_disclosure_review' | 'defender_contact',
  MessageKey
> = {
  rights_notification: 'sg.obligation.rights_notification',
  rights_renotify: 'sg.obligation.rights_renotify',
  written_rights_letter: 'sg.obligation.written_rights_letter',
  consular_inform: 'sg.obligation.consular_inform',
  consular_send: 'sg.obligation.consular_send',
  consular_disclosure_review: 'sg.obligation.consular_disclosure_review',
  defender_contact: 'sg.obligation.defender_contact',
};
