import { describe, expect, it } from 'vitest';
import { contactObligations, contactRules, contactSchema, isSafeguardRefusal, type Contact } from '../../core/contacts';
import { statusAt } from '../../core/due-now';
import { settingsSchema } from '../../core/settings';

/** Issue #15 §1: what a contact record must say, which refusals are safeguard failures, and what they owe. */
const settings = settingsSchema.parse({});
const checked = contactSchema.superRefine((c, ctx) => contactRules(c, ctx));
const problems = (c: Contact) => {
  const r = checked.safeParse(c);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};
const visit: Contact = { kind: 'visit', category: 'family', who: { name: 'Sister' }, at: '2026-11-23T08:00:00Z', durationMinutes: 30, supervision: 'private', outcome: 'took_place' };

describe('a contact record', () => {
  it('a visit that took place needs who came, how long, and private or supervised; nothing more', () => {
    expect(problems(visit)).toEqual([]);
    expect(problems({ ...visit, category: undefined, durationMinutes: undefined, supervision: undefined })).toEqual([
      'category:error.contacts.categoryNeeded',
      'durationMinutes:error.contacts.durationNeeded',
      'supervision:error.contacts.supervisionNeeded',
    ]);
    expect(problems({ ...visit, direction: 'in' })).toEqual(['direction:error.contacts.directionNotForVisit']);
  });

  it('supervised names who supervised, and only then', () => {
    expect(problems({ ...visit, supervision: 'supervised' })).toEqual(['supervisedBy:error.contacts.supervisedByNeeded']);
    expect(problems({ ...visit, supervision: 'supervised', supervisedBy: 'Sgt. Aliyev' })).toEqual([]);
    expect(problems({ ...visit, supervisedBy: 'Sgt. Aliyev' })).toEqual(['supervisedBy:error.contacts.supervisedByOnlySupervised']);
  });

  it('a refusal needs its legal reason, ground and officer, and has no duration; a contact that took place has no refusal', () => {
    const refusal = { reason: 'Outside hours', basis: 'visiting_hours' as const, by: 'Lt. K.' };
    expect(problems({ ...visit, outcome: 'refused', durationMinutes: undefined, supervision: undefined })).toEqual(['refusal.reason:error.contacts.refusalNeeded']);
    expect(problems({ ...visit, outcome: 'refused', supervision: undefined, refusal })).toEqual(['durationMinutes:error.contacts.durationNotForRefused']);
    expect(problems({ ...visit, outcome: 'refused', durationMinutes: undefined, supervision: undefined, refusal })).toEqual([]);
    expect(problems({ ...visit, refusal })).toEqual(['refusal:error.contacts.refusalNotExpected']);
  });

  it('calls, letters and parcels say their direction; letters and parcels have no duration', () => {
    expect(problems({ ...visit, kind: 'call' })).toEqual(['direction:error.contacts.directionNeeded']);
    expect(problems({ ...visit, kind: 'call', direction: 'out' })).toEqual([]);
    const letter: Contact = { kind: 'letter', who: { name: 'Mother' }, direction: 'in', at: visit.at, outcome: 'took_place' };
    expect(problems(letter)).toEqual([]);
    expect(problems({ ...letter, durationMinutes: 5 })).toEqual(['durationMinutes:error.contacts.notTimed']);
  });
});

describe('safeguard refusals', () => {
  it('a refused lawyer or ombudsman is a safeguard failure, whatever the kind; a refused family visit or a lawyer who came is not', () => {
    expect(isSafeguardRefusal({ outcome: 'refused', category: 'lawyer' })).toBe(true);
    expect(isSafeguardRefusal({ outcome: 'refused', category: 'ombudsman' })).toBe(true);
    expect(isSafeguardRefusal({ outcome: 'refused', category: 'family' })).toBe(false);
    expect(isSafeguardRefusal({ outcome: 'took_place', category: 'lawyer' })).toBe(false);
    expect(isSafeguardRefusal({ outcome: 'refused', category: null })).toBe(false);
  });

  it('each unreviewed refusal owes a review by the end of its local day (Baku): due at the last instant, overdue a moment later', () => {
    const facts = { personId: 'p', episodeId: 'e', contactRefusals: [{ contactId: 'c1', at: '2026-11-23T15:30:00Z', category: 'lawyer' as const, reviewed: false }] };
    const [o] = contactObligations(facts, settings);
    // 15:30Z is 19:30 in Baku (UTC+4); the local day ends at 19:59:59.999Z.
    expect(o).toEqual({ kind: 'contact_refused_review', personId: 'p', episodeId: 'e', dueAt: '2026-11-23T19:59:59.999Z', warnFrom: '2026-11-23T15:30:00.000Z' });
    expect(statusAt(o!, Date.parse('2026-11-23T15:29:59Z'), 'ACTIVE', null)).toBe('upcoming');
    expect(statusAt(o!, Date.parse('2026-11-23T15:30:00Z'), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, Date.parse('2026-11-23T19:59:59.999Z'), 'ACTIVE', null)).toBe('due');
    expect(statusAt(o!, Date.parse('2026-11-23T20:00:00Z'), 'ACTIVE', null)).toBe('overdue');
  });

  it('a refusal a moment before local midnight is due by that midnight; one at midnight has the whole next local day', () => {
    const refusedAt = (at: string) => contactObligations({ personId: 'p', episodeId: 'e', contactRefusals: [{ contactId: 'c1', at, category: 'ombudsman', reviewed: false }] }, settings)[0]!;
    // 19:59:59.999Z is 23:59:59.999 on 23 Nov in Baku; 20:00Z is already 24 Nov there.
    const late = refusedAt('2026-11-23T19:59:59.999Z');
    expect(late.dueAt).toBe('2026-11-23T19:59:59.999Z');
    expect(statusAt(late, Date.parse('2026-11-23T19:59:59.999Z'), 'ACTIVE', null)).toBe('due');
    expect(statusAt(late, Date.parse('2026-11-23T20:00:00Z'), 'ACTIVE', null)).toBe('overdue');
    const next = refusedAt('2026-11-23T20:00:00Z');
    expect(next.dueAt).toBe('2026-11-24T19:59:59.999Z');
    expect(statusAt(next, Date.parse('2026-11-24T19:59:59.999Z'), 'ACTIVE', null)).toBe('due');
    expect(statusAt(next, Date.parse('2026-11-24T20:00:00Z'), 'ACTIVE', null)).toBe('overdue');
  });

  it('a reviewed refusal owes nothing', () => {
    expect(contactObligations({ personId: 'p', episodeId: 'e', contactRefusals: [{ contactId: 'c1', at: '2026-11-23T15:30:00Z', category: 'ombudsman', reviewed: true }] }, settings)).toEqual([]);
    expect(contactObligations({ personId: 'p', episodeId: 'e' }, settings)).toEqual([]);
  });
});
