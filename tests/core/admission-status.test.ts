import { describe, expect, it } from 'vitest';
import { admissionStatus, rightsDelaySchema } from '../../core/admission-status';
import { removalLocks, splitRemovalLocks } from '../../core/non-refoulement';

const delay = { reason: 'no_interpreter' as const, at: '2026-12-07T10:00:00.000Z' };

describe('the admission status (docs/domain.md §5 rule 2, issue #11 §3)', () => {
  it('a held person whose rights are neither explained nor delayed for a recorded reason is not finally admitted, and the word is qualified', () => {
    const s = admissionStatus({ state: 'ACTIVE', rightsNotified: false, delay: null });
    expect(s).toMatchObject({ state: 'ACTIVE', gate: 'rights_pending', admissionFinal: false, qualified: true, delayReason: null });
  });

  it('a recorded reason for the delay makes the admission final, and the word still says the rights are owed and why', () => {
    const s = admissionStatus({ state: 'ACTIVE', rightsNotified: false, delay });
    expect(s).toMatchObject({ gate: 'delay_explained', admissionFinal: true, qualified: true, delayReason: 'no_interpreter', delayAt: delay.at });
  });

  it('a notification that reached the person makes the admission final and the word plain, whatever delay was recorded before', () => {
    expect(admissionStatus({ state: 'ACTIVE', rightsNotified: true, delay: null })).toMatchObject({ gate: 'final', admissionFinal: true, qualified: false });
    expect(admissionStatus({ state: 'ACTIVE', rightsNotified: true, delay })).toMatchObject({ gate: 'final', qualified: false, delayReason: null, delayAt: null });
  });

  it('a person awaiting the placement decision is qualified the same way, so no state word stands unqualified before the rights', () => {
    expect(admissionStatus({ state: 'DECISION_PENDING', rightsNotified: false, delay: null })).toMatchObject({ gate: 'rights_pending', qualified: true });
    expect(admissionStatus({ state: 'RELEASE_DUE', rightsNotified: false, delay: null })).toMatchObject({ gate: 'rights_pending', qualified: true });
  });

  it('a closed detention is said as closed, not as a pending admission', () => {
    expect(admissionStatus({ state: 'CLOSED', rightsNotified: false, delay: null })).toMatchObject({ state: 'CLOSED', qualified: false, admissionFinal: false });
  });

  it('an "other" reason for a delay must say what it is', () => {
    const r = rightsDelaySchema.safeParse({ at: delay.at, reason: 'other' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ message: 'error.rights.delayNoteRequired', path: ['note'] });
    expect(rightsDelaySchema.safeParse({ at: delay.at, reason: 'other', note: 'Taken to hospital' }).success).toBe(true);
    expect(rightsDelaySchema.safeParse({ at: delay.at, reason: 'no_interpreter' }).success).toBe(true);
  });
});

describe('removal locks, split into a legal lock and a missing assessment (issue #11 §6)', () => {
  it('a person with no protection fact and no check has no legal lock, only a missing assessment', () => {
    const reasons = removalLocks({ asylumPending: false, refugee: false, traffickingPresumed: false, latestCheck: null });
    expect(reasons).toEqual(['no_check']);
    expect(splitRemovalLocks(reasons)).toEqual({ legal: [], assessmentMissing: true });
  });

  it('a pending asylum claim is a legal lock with its reason, apart from the missing assessment', () => {
    const reasons = removalLocks({ asylumPending: true, refugee: false, traffickingPresumed: false, latestCheck: null });
    expect(splitRemovalLocks(reasons)).toEqual({ legal: ['asylum_pending'], assessmentMissing: true });
  });

  it('a check that did not clear removal is a legal lock; a cleared check leaves nothing', () => {
    const notCleared = removalLocks({ asylumPending: false, refugee: false, traffickingPresumed: false, latestCheck: { result: 'not_cleared', at: delay.at } });
    expect(splitRemovalLocks(notCleared)).toEqual({ legal: ['not_cleared'], assessmentMissing: false });
    expect(splitRemovalLocks(removalLocks({ asylumPending: false, refugee: false, traffickingPresumed: false, latestCheck: { result: 'cleared', at: delay.at } }))).toEqual({
      legal: [],
      assessmentMissing: false,
    });
  });

  it('a restricted trafficking lock stays a legal lock for a reader who may not know why', () => {
    expect(splitRemovalLocks(['restricted', 'no_check'])).toEqual({ legal: ['restricted'], assessmentMissing: true });
  });
});
