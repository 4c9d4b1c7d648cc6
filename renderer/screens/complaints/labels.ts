import type { AppealOutcome, ComplaintAddressee } from '../../../core/complaints';
import type { complaintCategories, complaintKinds, complaintLodgers } from '../../../core/complaints';
import type { MessageKey } from '../../../core/i18n';

/** The words of requests, complaints and appeals (issue #15 §2), one catalog key per recorded value. */

export const addresseeLabel: Record<ComplaintAddressee, MessageKey> = {
  centre_head: 'complaints.addressee.centre_head',
  sms: 'complaints.addressee.sms',
  ombudsman: 'complaints.addressee.ombudsman',
  court: 'complaints.addressee.court',
  prosecutor: 'complaints.addressee.prosecutor',
};

export const kindLabel: Record<(typeof complaintKinds)[number], MessageKey> = { request: 'complaints.kind.request', complaint: 'complaints.kind.complaint' };

export const categoryLabel: Record<(typeof complaintCategories)[number], MessageKey> = {
  conditions: 'complaints.category.conditions',
  treatment_by_staff: 'complaints.category.treatment_by_staff',
  health: 'complaints.category.health',
  food: 'complaints.category.food',
  contact: 'complaints.category.contact',
  property: 'complaints.category.property',
  legal_status: 'complaints.category.legal_status',
  detention: 'complaints.category.detention',
  other: 'complaints.category.other',
};

export const lodgerLabel: Record<(typeof complaintLodgers)[number], MessageKey> = {
  person: 'complaints.lodgedBy.person',
  lawyer: 'complaints.lodgedBy.lawyer',
  family: 'complaints.lodgedBy.family',
  other: 'complaints.lodgedBy.other',
};

export const statusLabel: Record<'open' | 'answered' | 'overdue' | 'escalated', MessageKey> = {
  open: 'complaints.status.open',
  answered: 'complaints.status.answered',
  overdue: 'complaints.status.overdue',
  escalated: 'complaints.status.escalated',
};

export const outcomeLabel: Record<AppealOutcome, MessageKey> = {
  upheld: 'appeals.outcome.upheld',
  release_ordered: 'appeals.outcome.release_ordered',
  term_shortened: 'appeals.outcome.term_shortened',
  other: 'appeals.outcome.other',
};

export const keysOf = <T extends string>(label: Record<T, MessageKey>) => (Object.keys(label) as T[]).map((v) => ({ value: v, label: label[v] }));
