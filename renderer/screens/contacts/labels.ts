import { contactCategories, contactKinds, refusalBases, type ContactCategory, type ContactKind, type RefusalBasis } from '../../../core/contacts';
import type { MessageKey } from '../../../core/i18n';

/** Catalog keys of the contact log's values (issue #15 §1). */
export const kindLabel: Record<ContactKind, MessageKey> = {
  visit: 'contacts.kind.visit',
  call: 'contacts.kind.call',
  letter: 'contacts.kind.letter',
  parcel: 'contacts.kind.parcel',
};

export const categoryLabel: Record<ContactCategory, MessageKey> = {
  family: 'contacts.category.family',
  lawyer: 'contacts.category.lawyer',
  consul: 'contacts.category.consul',
  ngo: 'contacts.category.ngo',
  unhcr: 'contacts.category.unhcr',
  iom: 'contacts.category.iom',
  religious: 'contacts.category.religious',
  ombudsman: 'contacts.category.ombudsman',
  other: 'contacts.category.other',
};

export const basisLabel: Record<RefusalBasis, MessageKey> = {
  security: 'contacts.basis.security',
  health: 'contacts.basis.health',
  identity_not_verified: 'contacts.basis.identity_not_verified',
  disciplinary_measure: 'contacts.basis.disciplinary_measure',
  court_order: 'contacts.basis.court_order',
  visiting_hours: 'contacts.basis.visiting_hours',
  capacity: 'contacts.basis.capacity',
  other: 'contacts.basis.other',
};

export const kindKeys = contactKinds.map((k) => ({ value: k, label: kindLabel[k] }));
export const categoryKeys = contactCategories.map((k) => ({ value: k, label: categoryLabel[k] }));
export const basisKeys = refusalBases.map((k) => ({ value: k, label: basisLabel[k] }));

export const directionLabel: Record<'in' | 'out', MessageKey> = { in: 'contacts.direction.in', out: 'contacts.direction.out' };
export const supervisionLabel: Record<'private' | 'supervised', MessageKey> = { private: 'contacts.supervision.private', supervised: 'contacts.supervision.supervised' };
export const outcomeLabel: Record<'took_place' | 'refused', MessageKey> = { took_place: 'contacts.outcome.took_place', refused: 'contacts.outcome.refused' };
/** Where an entry of the log came from when it was not recorded in it: the consular card or legal aid. */
export const sourceLabel: Record<'consular' | 'legal_aid', MessageKey> = { consular: 'contacts.source.consular', legal_aid: 'contacts.source.legal_aid' };
