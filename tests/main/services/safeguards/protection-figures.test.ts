import { describe, expect, it } from 'vitest';
import { useCentre } from '../../../helpers/centre';
import { hour, intakeAt } from '../../../helpers/intake';
import { leavesWithoutExamination } from '../../../helpers/health';
import { readyToLeave } from '../../../helpers/exits';
import { propertyReturned } from '../../../helpers/property';

/**
 * Issue #11 §8, docs/domain.md §6: the facility figures count asylum requests (on record, and pending for
 * people held now) and non-refoulement holds now, each naming the people behind it.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();

async function facility() {
  const c = await centre();
  const registrar = await c.as('registrar');
  const head = await c.as('centre_head');
  const admit = async (latin: string, passport: string) =>
    registrar.intake.submit(
      intakeAt(c.clock.now, { documents: [{ type: 'passport', series: 'P', number: passport, issuingState: 'AFG', verification: 'unverified' }] }, { names: { original: latin, latin, aliases: [] } }),
    );
  const asking = await admit('Ahmad Asker', '1000001');
  const trafficked = await admit('Bashir Victim', '1000002');
  const atRisk = await admit('Cawid Risk', '1000003');
  const refused = await admit('Daud Refused', '1000004');
  const plain = await admit('Ehsan Plain', '1000005');
  await c.advance(hour);
  const at = iso(c.clock.now);
  await registrar.asylum.express({ personId: asking.personId, episodeId: asking.episodeId, expression: { at, place: 'centre', words: 'I cannot go back', language: 'fa' } });
  await registrar.vulnerability.screen({ episodeId: trafficked.episodeId, screening: { at, traffickingIndicators: true } });
  await head.episodes.recordNonRefoulementCheck({ episodeId: atRisk.episodeId, check: { at, result: 'not_cleared', basis: 'Country information: risk of torture on return' } });
  const { claimId } = await registrar.asylum.express({ personId: refused.personId, episodeId: refused.episodeId, expression: { at, place: 'centre', words: 'Help me', language: 'fa' } });
  await registrar.asylum.updateStatus({ claimId, change: { status: 'FINAL', at, decision: 'refused', reference: 'RSD-7' } });
  await c.advance(hour);
  await head.episodes.recordNonRefoulementCheck({ episodeId: refused.episodeId, check: { at: iso(c.clock.now), result: 'cleared', basis: 'Final refusal; no risk found on return' } });
  return { c, registrar, head, asking, trafficked, atRisk, refused, plain };
}

describe('the facility figures for asylum and non-refoulement', () => {
  it('count asylum requests on record and those awaiting a decision for people held now, naming them', async () => {
    const { registrar } = await facility();
    const s = await registrar.safeguards.stats({});
    expect(s.asylumRequests).toBe(2);
    expect(s.asylumPendingNow).toBe(1);
    expect(s.asylumPeople).toEqual([
      { personId: expect.any(String), nameLatin: 'Ahmad Asker', requests: 1, pendingNow: true },
      { personId: expect.any(String), nameLatin: 'Daud Refused', requests: 1, pendingNow: false },
    ]);
  });

  it('count people whose removal a legal lock holds now, not those merely without an assessment', async () => {
    const { head, asking, trafficked, atRisk } = await facility();
    const s = await head.safeguards.stats({});
    expect(s.nonRefoulementHoldsNow).toBe(3);
    expect(s.holdPeople).toEqual([
      { personId: asking.personId, nameLatin: 'Ahmad Asker', reasons: ['asylum_pending'] },
      { personId: trafficked.personId, nameLatin: 'Bashir Victim', reasons: ['trafficking'] },
      { personId: atRisk.personId, nameLatin: 'Cawid Risk', reasons: ['not_cleared'] },
    ]);
  });

  it('show a trafficking hold as restricted to a reader without protection.read', async () => {
    const { registrar, trafficked } = await facility();
    const s = await registrar.safeguards.stats({});
    expect(s.holdPeople.find((p) => p.personId === trafficked.personId)?.reasons).toEqual(['restricted']);
    expect(JSON.stringify(s)).not.toContain('trafficking');
  });

  it('a hold ends with the stay: a released person is no longer counted, the request still is', async () => {
    const { c, head, asking } = await facility();
    await leavesWithoutExamination(head, asking.episodeId, c.clock.now);
    await readyToLeave(head, asking.episodeId, 'released_decision', c.clock.now);
    await propertyReturned(head, asking.personId, asking.episodeId, c.clock.now);
    await head.episodes.close({ episodeId: asking.episodeId, exit: { type: 'released_decision', at: iso(c.clock.now), basis: 'Released to the asylum reception centre by court decision' } });
    const s = await head.safeguards.stats({});
    expect(s.asylumRequests).toBe(2);
    expect(s.asylumPendingNow).toBe(0);
    expect(s.holdPeople.map((p) => p.nameLatin)).not.toContain('Ahmad Asker');
  });
});
