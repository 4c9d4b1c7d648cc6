import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../../helpers/centre';
import { day, intakeAt } from '../../../helpers/intake';
import { completeFirstHour } from '../../../helpers/safeguards';

const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();

/** A person screened with trafficking indicators: a restricted record with a THB referral owed. */
async function presumedVictim() {
  const c = await centre();
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
  await completeFirstHour(registrar, episodeId, c.clock.now);
  await c.advance(60_000);
  await registrar.vulnerability.screen({ episodeId, screening: { at: iso(c.clock.now), traffickingIndicators: true, notes: 'Passport held by "employer"' } });
  return { c, personId, episodeId, duty: await c.as('duty_officer'), head: await c.as('centre_head') };
}

describe('a restricted record seen without protection.read', () => {
  it('the person page shows a removal lock with reason "restricted" and a neutral obligation, never trafficking', async () => {
    const { personId, duty } = await presumedVictim();
    const view = await duty.persons.view({ personId });
    expect(view).toMatchObject({ restricted: true, redacted: true });
    const episode = view.episodes[0]!;
    expect(episode.removalLocks).toContain('restricted');
    expect(episode.removalLocks).not.toContain('trafficking');
    const kinds = episode.obligations.map((o) => o.kind);
    expect(kinds).toContain('restricted');
    expect(kinds).not.toContain('thb_referral');
    expect(kinds).not.toContain('consular_disclosure_review');
    expect(JSON.stringify(view)).not.toMatch(/trafficking|thb_/);
  });

  it('the deadlines board and the register say "restricted" where they would say THB referral', async () => {
    const { duty } = await presumedVictim();
    const board = (await duty.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
    expect(board).toContain('restricted');
    expect(board).not.toContain('thb_referral');
    // The consulate was told in the first hour, before the indicators: the disclosure review that is now
    // owed would name a protection case, so in a restricted record it is masked as well.
    expect(board).not.toContain('consular_disclosure_review');
    const [row] = (await duty.register.list({})).rows;
    expect(row).toMatchObject({ nextDueKind: 'restricted', restricted: true });
    expect(row!.flags).not.toContain('trafficking');
    // Filtering by the flag would name the people it protects: nobody is found.
    expect((await duty.register.list({ flag: 'trafficking' })).total).toBe(0);
  });

  it('the safeguards panel says the consul is blocked, for a restricted reason, without naming trafficking', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await registrar.vulnerability.screen({ episodeId, screening: { at: iso(c.clock.now), traffickingIndicators: true } });
    await registrar.safeguards.openConsular({ episodeId, open: { states: ['AFG'], informedAt: iso(c.clock.now), wish: 'requests' } });
    const reasons = async (who: 'duty_officer' | 'centre_head') => (await (await c.as(who)).safeguards.panel({ personId })).episodes.flatMap((e) => e.consular.flatMap((n) => n.blockReasons));
    expect(await reasons('duty_officer')).toEqual(['restricted']);
    expect(await reasons('centre_head')).toEqual(['trafficking']);
  });

  it('a removal refused for the lock does not name trafficking either', async () => {
    const { c, episodeId, duty } = await presumedVictim();
    await c.advance(day);
    const e = await refusal(
      duty.episodes.close({
        episodeId,
        exit: { at: iso(c.clock.now), type: 'expelled', basis: 'Court decision', destinationCountry: 'AFG', receivingBody: 'Border service', receivingOfficer: 'Lt. A. Aliyev' },
      }),
    );
    expect(e.messageKey).toBe('error.exit.removalLocked');
    expect(JSON.stringify(e.params)).toContain('restricted');
    expect(JSON.stringify(e.params)).not.toContain('trafficking');
  });
});

describe('the same record seen by the head of the centre (protection.read)', () => {
  it('shows the trafficking lock and the THB referral everywhere', async () => {
    const { personId, head } = await presumedVictim();
    const episode = (await head.persons.view({ personId })).episodes[0]!;
    expect(episode.removalLocks).toContain('trafficking');
    expect(episode.removalLocks).not.toContain('restricted');
    expect(episode.obligations.map((o) => o.kind)).toContain('thb_referral');
    expect((await head.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).toContain('thb_referral');
    // The consulate was told before the indicators: the head also owes a review of that disclosure.
    expect((await head.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind)).toContain('consular_disclosure_review');
    const [row] = (await head.register.list({})).rows;
    expect(['thb_referral', 'consular_disclosure_review']).toContain(row!.nextDueKind);
    expect(row!.flags).toContain('trafficking');
    expect((await head.register.list({ flag: 'trafficking' })).total).toBe(1);
  });
});
