import { describe, expect, it } from 'vitest';
import { allMethodNames, lookupMethod } from '../../core/contract';
import { servedAt, type AnyMethod } from '../../core/contract/method';
import { catchesUp, hqConsolePolicy } from '../../hq/console/policy';
import { devicePolicy } from '../../main/backend-policy';

/**
 * The console's refusals and its catch-up list were two hand-kept lists (a namespace set, a permission
 * set, a regex) before they came from the contract (issue #12). These are those lists as they were:
 * the contract must give the same answers for every method.
 */
const before = {
  // backup and restore (issue #13 §4) were added device-only: HQ's console is backed up as HQ is (docs/backup.md).
  deviceOnlyNamespaces: new Set(['intake', 'drafts', 'sync', 'backup', 'restore']),
  recordingPermissions: new Set(['person.write', 'person.override', 'asylum.record', 'legalAid.write', 'npm.respond', 'visit.write']),
  readsRecords: /^(hq|persons|register|dueNow|safeguards|conflicts)\./,
};

/** Methods added since, that say where they are served themselves: HQ's own changes (not of a person's record). */
const addedSince = new Set([
  'hq.revokeDevice',
  'tracing.open',
  'tracing.review',
  'tracing.answer',
  'tracing.close',
  'tracing.recordFound',
  'tracingCentre.askCentre',
  // HQ's places per facility (issue #16 §1): HQ's own setting, not a person's record
  'hqReports.setCapacity',
]);
/** Methods added since that read synced records, so the console catches up before them. */
const readsRecordsSince = new Set([
  'tracingCentre.askCentre',
  'tracingCentre.centreAnswers',
  'tracing.view',
  'tracing.answer',
  'national.forPerson',
  // the national reports (issue #16) count what the feed has brought in
  'hqReports.report',
  'hqReports.people',
  'hqReports.export',
  'hqReports.annex',
]);
/**
 * Reads added since that only a device serves: the national check asks HQ (the console has no HQ to ask)
 * and its tasks are this device's own (docs/sync.md#national-duplicate-check).
 */
const deviceOnlySince = new Set(['national.check', 'national.recheck', 'national.tasks']);
/**
 * Issue #15 (the whole stay): what records about a person is served on devices only (medical records need
 * medical.write, a recording permission since), and so are a centre's own lists: the complaints about staff
 * (for the head who may read them), transfers waiting here and the facilities it may send someone to.
 */
const stayDeviceOnly = new Set([
  'health.recordVisit',
  'health.recordExitExamNotDone',
  'health.admitToHospital',
  'health.returnFromHospital',
  'health.recordInjury',
  'health.recordInjuryReport',
  'complaints.staff',
  'complaints.lodge',
  'complaints.forward',
  'complaints.answer',
  'complaints.escalate',
  'complaints.fileAppeal',
  'complaints.recordHearing',
  'complaints.decideAppeal',
  'contacts.record',
  'contacts.correct',
  'contacts.reviewRefusal',
  'transfers.facilities',
  'transfers.dispatch',
  'transfers.incoming',
  'transfers.admit',
  'transfers.refuse',
  'transfers.exportFile',
  'transfers.importFile',
  'exits.recordStep',
  'exits.recordDeath',
  'exits.recordDeathNotification',
  'exits.recordBody',
  'discipline.recordBreach',
  'discipline.recordHearing',
  'discipline.decide',
  'discipline.recordNotice',
  'discipline.recordAppeal',
  'discipline.recordAppealOutcome',
  'discipline.drop',
  'property.recordItems',
  'property.acknowledge',
  'property.release',
]);
/** Issue #15's reads of synced records, served at the console after it caught up. */
const stayReads = [
  'health.record',
  'health.status',
  'complaints.forPerson',
  'contacts.list',
  'transfers.ofPerson',
  'transfers.figures',
  'exits.view',
  'stay.figures',
  'discipline.list',
  'property.list',
  'property.receipt',
];

function refusedBefore(name: string, def: AnyMethod): boolean {
  if (addedSince.has(name)) return false;
  if (deviceOnlySince.has(name) || stayDeviceOnly.has(name)) return true;
  const records = def.access.kind === 'permission' && before.recordingPermissions.has(def.access.permission);
  return records || def.audit?.kind === 'change' || before.deviceOnlyNamespaces.has(name.split('.')[0] ?? '');
}

const methods = allMethodNames().map((name) => {
  const def = lookupMethod(name);
  if (!def) throw new Error(`no method ${name}`);
  return { name, def };
});

describe('the HQ console policy, from the contract', () => {
  it('refuses exactly the methods the console refused before', () => {
    const refused = methods.filter(({ def }) => !servedAt(def).includes(hqConsolePolicy.place)).map((m) => m.name);
    expect(refused).toEqual(methods.filter(({ name, def }) => refusedBefore(name, def)).map((m) => m.name));
    expect(refused).toHaveLength(123);
    expect(methods).toHaveLength(201);
  });

  it('catches up before the methods it caught up before, of those it serves', () => {
    // Before, the namespace regex also caught up ahead of the writes it then refused; a refusal shows no record.
    const served = methods.filter(({ def }) => servedAt(def).includes('hqConsole'));
    expect(methods.filter((m) => catchesUp(m.name)).map((m) => m.name)).toEqual(
      served.filter((m) => (before.readsRecords.test(m.name) && !addedSince.has(m.name)) || readsRecordsSince.has(m.name) || stayReads.includes(m.name)).map((m) => m.name),
    );
    expect(methods.filter((m) => m.def.readsRecords && !servedAt(m.def).includes('hqConsole'))).toEqual([]);
  });

  it('leaves a device every method and no extra check', () => {
    expect(methods.filter(({ def }) => !servedAt(def).includes(devicePolicy.place))).toEqual([]);
    expect(devicePolicy.inputChecks).toEqual({});
    expect(devicePolicy.syncsAutomatically).toBe(true);
  });

  it("keeps a centre's roles out of HQ's accounts", () => {
    const check = hqConsolePolicy.inputChecks['users.create'];
    expect(check?.({ roles: ['hq_analyst'] })).toBeNull();
    expect(check?.({ roles: ['admin', 'registrar'] })).toEqual({ code: 'validation', messageKey: 'error.validation', fields: { roles: { key: 'error.users.roleNotHere' } } });
  });
});
