import { describe, expect, it } from 'vitest';
import { obligations, statusAt, type EpisodeFacts } from '../../core/due-now';
import { deathObligations, exitObligations, missingSteps, removalTooEarly, stateBurialFrom } from '../../core/exits';
import { defaultSettings } from '../../core/settings';

const hour = 3_600_000;
const t0 = Date.parse('2026-11-23T06:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const who = { personId: 'p', episodeId: 'e' };

describe('exit pathways (core/exits.ts)', () => {
  it('an outcome with a pathway lists its missing steps in order; one without has none', () => {
    expect(missingSteps('avr_iom', { counselling: 'x' })).toEqual(['consent', 'travel_document', 'departure']);
    expect(missingSteps('regularised', {})).toEqual(['residence_permit', 'registered_address']);
    expect(missingSteps('escaped', {})).toEqual([]);
  });

  it('a removal is too early one moment before the 48th hour after the notice, and not at it', () => {
    const notice = iso(t0);
    expect(removalTooEarly(iso(t0 + 48 * hour - 1), notice, defaultSettings)).toBe(true);
    expect(removalTooEarly(iso(t0 + 48 * hour), notice, defaultSettings)).toBe(false);
    expect(removalTooEarly(iso(t0 + 48 * hour), notice, { removalLeaveHours: 72 })).toBe(true);
  });

  it('the removal period is owed at its end: due just before, due at it, overdue just after; and leaves with the close', () => {
    const [o] = exitObligations({ ...who, state: 'EXIT_PENDING' }, { plannedAt: null, pathway: 'removal', steps: { removal_notice: iso(t0) } }, defaultSettings);
    expect(o).toMatchObject({ kind: 'removal_period', dueAt: iso(t0 + 48 * hour) });
    expect(statusAt(o!, t0 + 48 * hour - 1, 'EXIT_PENDING', null)).toBe('due');
    expect(statusAt(o!, t0 + 48 * hour, 'EXIT_PENDING', null)).toBe('due');
    expect(statusAt(o!, t0 + 48 * hour + 1, 'EXIT_PENDING', null)).toBe('overdue');
    expect(exitObligations({ ...who, state: 'CLOSED' }, { plannedAt: null, pathway: 'removal', steps: { removal_notice: iso(t0) } }, defaultSettings)).toEqual([]);
  });

  it('the removal period shows from the notice on: coming up a moment before it, due at it', () => {
    const [o] = exitObligations({ ...who, state: 'EXIT_PENDING' }, { plannedAt: null, pathway: 'removal', steps: { removal_notice: iso(t0) } }, defaultSettings);
    expect(o!.warnFrom).toBe(iso(t0));
    expect(statusAt(o!, t0 - 1, 'EXIT_PENDING', null)).toBe('upcoming');
    expect(statusAt(o!, t0, 'EXIT_PENDING', null)).toBe('due');
  });

  it('an exit still pending at its planned time is due then and overdue a moment after; nothing is owed before it is scheduled or once the stay is closed', () => {
    const planned = t0 + 72 * hour;
    const x = { plannedAt: iso(planned), pathway: 'voluntary_departure' as const, steps: {} };
    const [o] = exitObligations({ ...who, state: 'EXIT_PENDING' }, x, defaultSettings);
    expect(o).toMatchObject({ kind: 'exit_planned', dueAt: iso(planned), warnFrom: iso(planned) });
    expect(statusAt(o!, planned - 1, 'EXIT_PENDING', null)).toBe('upcoming');
    expect(statusAt(o!, planned, 'EXIT_PENDING', null)).toBe('due');
    expect(statusAt(o!, planned + 1, 'EXIT_PENDING', null)).toBe('overdue');
    expect(exitObligations({ ...who, state: 'ACTIVE' }, x, defaultSettings)).toEqual([]);
    expect(exitObligations({ ...who, state: 'CLOSED' }, x, defaultSettings)).toEqual([]);
  });
});

describe('a death in custody (core/exits.ts)', () => {
  const died = iso(t0);
  const facts = (over: Partial<Parameters<typeof deathObligations>[1]> = {}) => ({ diedAt: died, familyKnown: true, notified: [], body: null, ...over });

  it('owes family, consul, prosecutor (within the hour) and ombudsman, and the body until the seventh day', () => {
    const list = deathObligations({ ...who, flags: [] }, facts(), defaultSettings);
    expect(list.map((o) => [o.kind, o.dueAt])).toEqual([
      ['death_notify_family', iso(t0 + 24 * hour)],
      ['death_notify_consul', iso(t0 + 24 * hour)],
      ['death_notify_prosecutor', iso(t0 + hour)],
      ['death_notify_ombudsman', iso(t0 + 24 * hour)],
      ['body_unclaimed', iso(t0 + 7 * 24 * hour)],
    ]);
  });

  it('each notification is owed from the death: the prosecutor due at the hour, family, consul and ombudsman at 24 hours, each overdue a moment after', () => {
    const list = deathObligations({ ...who, flags: [] }, facts(), defaultSettings).filter((o) => o.kind.startsWith('death_notify_'));
    expect(list).toHaveLength(4);
    for (const o of list) {
      const due = Date.parse(o.dueAt);
      expect(due - t0).toBe(o.kind === 'death_notify_prosecutor' ? hour : 24 * hour);
      expect(o.warnFrom).toBe(died);
      expect(statusAt(o, t0, 'CLOSED', null)).toBe('due');
      expect(statusAt(o, due, 'CLOSED', null)).toBe('due');
      expect(statusAt(o, due + 1, 'CLOSED', null)).toBe('overdue');
    }
  });

  it('a notification time changed in settings moves its deadline: the prosecutor within 15 minutes is overdue a moment after them', () => {
    const [o] = deathObligations({ ...who, flags: [] }, facts({ notified: ['family', 'consul', 'ombudsman'] }), { ...defaultSettings, deathProsecutorNotifyHours: 0.25 }).filter(
      (x) => x.kind === 'death_notify_prosecutor',
    );
    expect(o!.dueAt).toBe(iso(t0 + hour / 4));
    expect(statusAt(o!, t0 + hour / 4, 'CLOSED', null)).toBe('due');
    expect(statusAt(o!, t0 + hour / 4 + 1, 'CLOSED', null)).toBe('overdue');
  });

  it('no family known, a protection case, a notification or a body on record each take their item away', () => {
    const kinds = (flags: readonly ('asylum' | 'refugee' | 'trafficking')[], f = facts()) => deathObligations({ ...who, flags }, f, defaultSettings).map((o) => o.kind);
    expect(kinds([], facts({ familyKnown: false }))).not.toContain('death_notify_family');
    for (const flag of ['asylum', 'refugee', 'trafficking'] as const) expect(kinds([flag])).not.toContain('death_notify_consul');
    expect(deathObligations({ ...who, flags: ['trafficking'] }, facts(), { ...defaultSettings, consularBlockForTrafficking: false }).map((o) => o.kind)).toContain('death_notify_consul');
    expect(kinds([], facts({ notified: ['prosecutor', 'ombudsman'] }))).toEqual(['death_notify_family', 'death_notify_consul', 'body_unclaimed']);
    expect(kinds([], facts({ body: 'claimed' }))).not.toContain('body_unclaimed');
  });

  it('the unclaimed body: due until the seventh day, overdue a moment after', () => {
    const body = deathObligations({ ...who, flags: [] }, facts(), defaultSettings).find((o) => o.kind === 'body_unclaimed')!;
    expect(Date.parse(body.dueAt)).toBe(stateBurialFrom(died));
    expect(statusAt(body, stateBurialFrom(died) - 1, 'CLOSED', null)).toBe('due');
    expect(statusAt(body, stateBurialFrom(died), 'CLOSED', null)).toBe('due');
    expect(statusAt(body, stateBurialFrom(died) + 1, 'CLOSED', null)).toBe('overdue');
  });

  it('a closed episode owes nothing, unless it ended in a death', () => {
    const base = {
      ...who,
      state: 'CLOSED',
      regime: 'forced_court',
      apprehendedAt: iso(t0 - 48 * hour),
      admittedAt: iso(t0 - 40 * hour),
      termEnd: null,
      lastReviewAt: null,
      medicalCheckAt: null,
      screenedAt: null,
      flags: [],
      guardianAppointed: false,
      referrals: [],
      asylum: [],
      rights: [],
      statusChanges: [],
      unaccompaniedChildSince: null,
      consular: null,
      legalAid: { firstContactAt: null, waived: false },
    } satisfies EpisodeFacts;
    expect(obligations(base, defaultSettings)).toEqual([]);
    expect(obligations({ ...base, death: facts() }, defaultSettings).map((o) => o.kind)).toContain('death_notify_prosecutor');
  });
});
