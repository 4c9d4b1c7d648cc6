import { z } from 'zod';

export const roles = ['admin', 'registrar', 'duty_officer', 'centre_head', 'legal_aid_officer', 'medical_officer', 'ombudsman_monitor', 'hq_analyst'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const permissions = [
  'users.manage',
  'audit.read',
  'settings.manage',
  'person.read',
  'person.write',
  'person.override',
  /** Protection details (trafficking, screening answers) of a restricted record. */
  'protection.read',
  /** docs/domain.md §5 rule 9: any staff role may record a person's request for asylum. */
  'asylum.record',
  /** Legal aid requests, defenders and their contacts (Constitution Art. 61). */
  'legalAid.write',
  /** Start a sync with HQ (enrolling the device is settings.manage). */
  'sync.run',
  'reports.read',
  'visit.read',
  'visit.write',
  /** A centre answers the ombudsman: its identity, the register extract, responses to recommendations. */
  'npm.respond',
  /** Back up the installation (issue #13 §4): the database, key slots and device key, encrypted. */
  'backup.manage',
  /** HQ's console: the facilities and their devices (no person in it). */
  'fleet.read',
  /** HQ's console: revoke a lost or retired device (issue #13 §1, docs/sync.md#revocation). */
  'devices.revoke',
  /** HQ's console: tracing inquiries, their candidates and answers, and records of unidentified persons and deaths (issue #14 §3). */
  'tracing.manage',
  /** Medical details (visits, treatment, hospital reasons, injuries): special-category data, need-to-know (docs/health.md). */
  'medical.read',
  /** Record examinations, visits, hospital stays, injuries and their reports (issue #15 §4). */
  'medical.write',
  /** Complaints about staff (NMR r57, issue #15 §2): the centre head reads them, unless named in one. */
  'complaints.staff',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Need-to-know: an administrator manages accounts and the installation but does not read detainee
 * records; the ombudsman's monitors never read the centre's own records through this installation.
 */
const grants: Record<Role, readonly Permission[]> = {
  admin: ['users.manage', 'audit.read', 'settings.manage', 'asylum.record', 'sync.run', 'backup.manage', 'fleet.read', 'devices.revoke'],
  registrar: ['person.read', 'person.write', 'asylum.record', 'legalAid.write', 'sync.run', 'npm.respond'],
  duty_officer: ['person.read', 'person.write', 'asylum.record', 'legalAid.write', 'sync.run'],
  centre_head: [
    'person.read',
    'person.write',
    'person.override',
    'protection.read',
    'asylum.record',
    'legalAid.write',
    'audit.read',
    'reports.read',
    'settings.manage',
    'sync.run',
    'npm.respond',
    'complaints.staff',
    'medical.read',
  ],
  legal_aid_officer: ['person.read', 'protection.read', 'asylum.record', 'legalAid.write', 'sync.run'],
  // The centre's doctor or nurse: finds the person and records their health; no protection data, no other records.
  medical_officer: ['person.read', 'medical.read', 'medical.write', 'asylum.record', 'sync.run'],
  ombudsman_monitor: ['visit.read', 'visit.write', 'sync.run'],
  // HQ's console: the cross-facility figures and, behind them, the person (read-only, audited).
  // Tracing inquiries are HQ's own records, kept by its analysts (docs/hq-console.md "Tracing inquiries").
  hq_analyst: ['reports.read', 'person.read', 'fleet.read', 'tracing.manage'],
};

/**
 * Which roles exist in which kind of installation: a centre's staff, the office's monitors, HQ's
 * analysts. A user of one trust domain is never created in another (docs/domain.md §1).
 */
export function rolesForKind(kind: 'detention_centre' | 'field_office' | 'ombudsman_office' | 'headquarters'): readonly Role[] {
  switch (kind) {
    case 'ombudsman_office':
      return ['admin', 'ombudsman_monitor'];
    case 'headquarters':
      return ['admin', 'hq_analyst'];
    default:
      return ['admin', 'registrar', 'duty_officer', 'centre_head', 'legal_aid_officer', 'medical_officer'];
  }
}

export function permissionsOf(userRoles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of userRoles) for (const p of grants[role]) out.add(p);
  return out;
}

export function can(userRoles: readonly Role[], permission: Permission): boolean {
  return userRoles.some((role) => grants[role].includes(permission));
}

/** Who may call a method: anyone (before login), any signed-in user, or holders of a permission. */
export type Access = { kind: 'public' } | { kind: 'signedIn' } | { kind: 'permission'; permission: Permission };
export const publicAccess: Access = { kind: 'public' };
export const signedIn: Access = { kind: 'signedIn' };
export const needs = (permission: Permission): Access => ({ kind: 'permission', permission });
