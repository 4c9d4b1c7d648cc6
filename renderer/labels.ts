import type { FacilityKind } from '../core/fields';
import type { MessageKey } from '../core/i18n';
import type { Role } from '../core/permissions';
import { isMessageKey } from './i18n';

/** Domain codes to catalog keys; typed so that a new role or kind without a translation fails tsc. */
export const roleLabel: Record<Role, MessageKey> = {
  admin: 'role.admin',
  registrar: 'role.registrar',
  duty_officer: 'role.duty_officer',
  centre_head: 'role.centre_head',
  legal_aid_officer: 'role.legal_aid_officer',
  medical_officer: 'role.medical_officer',
  ombudsman_monitor: 'role.ombudsman_monitor',
  hq_analyst: 'role.hq_analyst',
};

export const facilityKindLabel: Record<FacilityKind, MessageKey> = {
  detention_centre: 'facilityKind.detention_centre',
  field_office: 'facilityKind.field_office',
  ombudsman_office: 'facilityKind.ombudsman_office',
  headquarters: 'facilityKind.headquarters',
};

export const outcomeLabel: Record<'ok' | 'denied' | 'failed', MessageKey> = {
  ok: 'audit.outcome.ok',
  denied: 'audit.outcome.denied',
  failed: 'audit.outcome.failed',
};

/**
 * Audit actions are open-ended strings written by the backend ('login.failed', 'user.created', ...).
 * Known ones are translated from 'audit.action.<action>'; a new one shows its code rather than nothing.
 */
export function auditActionKey(action: string): MessageKey | null {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? key : null;
}

export function entityTypeKey(entityType: string): MessageKey | null {
  const key = `entity.${entityType}`;
  return isMessageKey(key) ? key : null;
}

/** Who an audit line names when no user account matches: nobody signed in, or setup itself. */
export function actorWithoutAccountKey(actor: string | null): MessageKey {
  if (actor === null) return 'audit.actor.none';
  // First-run setup writes its lines before any account exists (main/services/setup.ts).
  return actor === 'setup' ? 'audit.actor.setup' : 'audit.actor.unknown';
}
