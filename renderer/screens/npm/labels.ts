import type { z } from 'zod';
import type { MessageKey } from '../../../core/i18n';
import { discrepancyKinds } from '../../../core/npm/files';
import {
  addressees,
  areaObservationSchema,
  claimAnswers,
  consentScopes,
  defaultChecklistAreas,
  genders,
  implementationStatuses,
  observationRatings,
  recommendationStates,
  registerCheckSchema,
  reprisalCheckSchema,
  reprisalRisks,
  safeguardClaims,
  severities,
  teamRoles,
  visitStates,
  visitTypes,
  authorityResponseSchema,
} from '../../../core/npm/visit';
import { isMessageKey } from '../../i18n';

/** Visit codes to catalog keys; typed so that a new value without a translation fails tsc. */
type Labels<T extends string> = Record<T, MessageKey>;

export const visitStateLabel: Labels<(typeof visitStates)[number]> = {
  PLANNED: 'vis.state.PLANNED',
  ON_SITE: 'vis.state.ON_SITE',
  DEBRIEF: 'vis.state.DEBRIEF',
  REPORT_DRAFT: 'vis.state.REPORT_DRAFT',
  SENT: 'vis.state.SENT',
  FOLLOW_UP: 'vis.state.FOLLOW_UP',
};

export const visitTypeLabel: Labels<(typeof visitTypes)[number]> = {
  regular: 'vis.type.regular',
  ad_hoc: 'vis.type.ad_hoc',
  follow_up: 'vis.type.follow_up',
};

export const teamRoleLabel: Labels<(typeof teamRoles)[number]> = {
  head: 'vis.role.head',
  monitor: 'vis.role.monitor',
  doctor: 'vis.role.doctor',
  psychologist: 'vis.role.psychologist',
  lawyer: 'vis.role.lawyer',
  interpreter: 'vis.role.interpreter',
  expert: 'vis.role.expert',
};

export const genderLabel: Labels<(typeof genders)[number]> = {
  female: 'vis.gender.female',
  male: 'vis.gender.male',
  other: 'vis.gender.other',
};

export const areaLabel: Labels<(typeof defaultChecklistAreas)[number]> = {
  space: 'vis.area.space',
  hygiene: 'vis.area.hygiene',
  food: 'vis.area.food',
  health_care: 'vis.area.health_care',
  outside_contact: 'vis.area.outside_contact',
  complaints: 'vis.area.complaints',
  discipline: 'vis.area.discipline',
  information: 'vis.area.information',
  activities: 'vis.area.activities',
  staff_conduct: 'vis.area.staff_conduct',
};

export const ratingLabel: Labels<(typeof observationRatings)[number]> = {
  adequate: 'vis.rating.adequate',
  concern: 'vis.rating.concern',
  serious: 'vis.rating.serious',
  not_checked: 'vis.rating.not_checked',
};

type Source = z.infer<typeof areaObservationSchema>['sources'][number];
export const observationSources = ['observation', 'documents', 'staff', 'detainees', 'medical_records'] as const satisfies readonly Source[];
export const sourceLabel: Labels<Source> = {
  observation: 'vis.source.observation',
  documents: 'vis.source.documents',
  staff: 'vis.source.staff',
  detainees: 'vis.source.detainees',
  medical_records: 'vis.source.medical_records',
};

type Register = z.infer<typeof registerCheckSchema>['register'];
export const registerKinds = ['detention_register', 'medical', 'discipline', 'complaints', 'property', 'other'] as const satisfies readonly Register[];
export const registerLabel: Labels<Register> = {
  detention_register: 'vis.register.detention_register',
  medical: 'vis.register.medical',
  discipline: 'vis.register.discipline',
  complaints: 'vis.register.complaints',
  property: 'vis.register.property',
  other: 'vis.register.other',
};

export const consentLabel: Labels<(typeof consentScopes)[number]> = {
  internal_only: 'vis.consent.internal_only',
  anonymised_in_report: 'vis.consent.anonymised_in_report',
  raise_with_authorities_anonymised: 'vis.consent.raise_with_authorities_anonymised',
  raise_with_authorities_named: 'vis.consent.raise_with_authorities_named',
  named_in_report: 'vis.consent.named_in_report',
};

export const riskLabel: Labels<(typeof reprisalRisks)[number]> = {
  low: 'vis.risk.low',
  medium: 'vis.risk.medium',
  high: 'vis.risk.high',
};

export const claimLabel: Labels<(typeof safeguardClaims)[number]> = {
  rights_informed: 'vis.claim.rights_informed',
  consular_informed: 'vis.claim.consular_informed',
  lawyer_contact: 'vis.claim.lawyer_contact',
  medical_exam: 'vis.claim.medical_exam',
  interpreter: 'vis.claim.interpreter',
};

export const claimAnswerLabel: Labels<(typeof claimAnswers)[number]> = {
  yes: 'vis.answer.yes',
  no: 'vis.answer.no',
  unsure: 'vis.answer.unsure',
};

type Outcome = z.infer<typeof reprisalCheckSchema>['outcome'];
export const reprisalOutcomes = ['no_reprisal', 'reprisal_alleged', 'person_not_found', 'transferred_or_released'] as const satisfies readonly Outcome[];
export const reprisalOutcomeLabel: Labels<Outcome> = {
  no_reprisal: 'vis.outcome.no_reprisal',
  reprisal_alleged: 'vis.outcome.reprisal_alleged',
  person_not_found: 'vis.outcome.person_not_found',
  transferred_or_released: 'vis.outcome.transferred_or_released',
};

export const severityLabel: Labels<(typeof severities)[number]> = {
  low: 'vis.severity.low',
  medium: 'vis.severity.medium',
  high: 'vis.severity.high',
  urgent: 'vis.severity.urgent',
};

export const addresseeLabel: Labels<(typeof addressees)[number]> = {
  facility: 'vis.addressee.facility',
  sms_hq: 'vis.addressee.sms_hq',
  ministry: 'vis.addressee.ministry',
  parliament: 'vis.addressee.parliament',
  other: 'vis.addressee.other',
};

export const recStateLabel: Labels<(typeof recommendationStates)[number]> = {
  DRAFT: 'vis.recState.DRAFT',
  ISSUED: 'vis.recState.ISSUED',
  RESPONSE_DUE: 'vis.recState.RESPONSE_DUE',
  RESPONDED: 'vis.recState.RESPONDED',
  IMPLEMENTED: 'vis.recState.IMPLEMENTED',
  PARTIAL: 'vis.recState.PARTIAL',
  NOT_IMPLEMENTED: 'vis.recState.NOT_IMPLEMENTED',
  VERIFIED_ON_FOLLOWUP: 'vis.recState.VERIFIED_ON_FOLLOWUP',
};

export const implementationLabel: Labels<(typeof implementationStatuses)[number]> = {
  IMPLEMENTED: 'vis.impl.IMPLEMENTED',
  PARTIAL: 'vis.impl.PARTIAL',
  NOT_IMPLEMENTED: 'vis.impl.NOT_IMPLEMENTED',
};

type ResponseStatus = z.infer<typeof authorityResponseSchema>['status'];
export const responseStatuses = ['accepted', 'partially_accepted', 'rejected'] as const satisfies readonly ResponseStatus[];
export const responseStatusLabel: Labels<ResponseStatus> = {
  accepted: 'vis.response.accepted',
  partially_accepted: 'vis.response.partially_accepted',
  rejected: 'vis.response.rejected',
};

export const discrepancyKindLabel: Labels<(typeof discrepancyKinds)[number]> = {
  met_not_in_register: 'vis.disc.met_not_in_register',
  safeguard_disputed: 'vis.disc.safeguard_disputed',
  overdue_deadline: 'vis.disc.overdue_deadline',
  held_past_term: 'vis.disc.held_past_term',
};

export const interviewKindLabel: Labels<'individual' | 'group'> = {
  individual: 'vis.kind.individual',
  group: 'vis.kind.group',
};

/** A checklist area: the standard ones translated, an office's own item shown as written. */
export function areaKey(area: string): MessageKey | null {
  return (areaLabel as Record<string, MessageKey | undefined>)[area] ?? null;
}

/**
 * A discrepancy's detail is a code from the backend: a safeguard the person disputes, or an obligation
 * kind from the due-now board. Known codes are translated; anything else is shown as written.
 */
export function discrepancyDetailKey(detail: string | null): MessageKey | null {
  if (!detail) return null;
  const claim = (claimLabel as Record<string, MessageKey | undefined>)[detail];
  if (claim) return claim;
  for (const candidate of [`sg.obligation.${detail}`, `due.kind.${detail}`]) if (isMessageKey(candidate)) return candidate;
  return null;
}
