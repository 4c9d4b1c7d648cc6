import { describe, expect, it } from 'vitest';
import { refusal } from '../../helpers/centre';
import { days, introduce, minutes, plan, useCentre, useOffice, visitOnSite } from './helpers';

const office = useOffice();
const centre = useCentre();
const start = '2026-11-23T06:00:00Z';

const finding = (title: string) => ({
  title,
  standard: 'Migration Code Art. 74.5',
  severity: 'high' as const,
  finding: `${title}: seen in the register and in two cells.`,
  recommendation: `Remedy: ${title.toLowerCase()}.`,
  addressee: 'facility' as const,
});

describe('recommendations over time', () => {
  it('DRAFT → ISSUED → RESPONSE_DUE → RESPONDED → IMPLEMENTED → VERIFIED_ON_FOLLOWUP, through the signed files of both sides', async () => {
    const o = await office({ start });
    const c = await centre(start);
    const head = await c.as('centre_head');
    await head.npmCentre.trustOmbudsman({ content: (await o.monitor.npmOrg.identity({})).content });
    const facilityId = await introduce(o, head);

    const first = await visitOnSite(o, facilityId);
    await o.monitor.npmVisits.move({ visitId: first, to: 'DEBRIEF', at: o.iso() });
    const { recommendationId: beds } = await o.monitor.npmVisits.addFinding({ visitId: first, finding: finding('Overcrowding') });
    const { recommendationId: lawyer } = await o.monitor.npmVisits.addFinding({ visitId: first, finding: finding('No lawyer contact') });
    const states = async (visitId: string) => Object.fromEntries((await o.monitor.npmVisits.get({ visitId })).visit.findings.map((f) => [f.recommendationId, f.state]));
    expect(await states(first)).toEqual({ [beds]: 'DRAFT', [lawyer]: 'DRAFT' });

    await o.monitor.npmVisits.move({ visitId: first, to: 'REPORT_DRAFT', at: o.iso() });
    const sent = await o.monitor.npmVisits.exportRecommendations({ visitId: first });
    expect(await states(first)).toEqual({ [beds]: 'ISSUED', [lawyer]: 'ISSUED' });
    // nothing of the interviews travels in the recommendations file
    expect(sent.content).not.toMatch(/pseudonym|sealed|P-01/);

    // the centre takes the file in and answers one recommendation
    const received = await head.npmCentre.importRecommendations({ content: sent.content });
    expect(received).toMatchObject({ visitId: first, recommendations: 2, alreadyHeld: false });
    await c.advance(days(10));
    await head.npmCentre.respond({
      recommendationId: beds,
      response: { at: new Date(c.clock.now).toISOString(), response: 'Block C reopened; cells hold six.', status: 'accepted', responder: 'Centre head' },
    });
    const responses = await head.npmCentre.exportResponses({ visitId: first });

    // past the due date (departure + 30 days) the office sees both as due
    await o.advance(days(31));
    expect(await states(first)).toEqual({ [beds]: 'RESPONSE_DUE', [lawyer]: 'RESPONSE_DUE' });
    expect(await o.monitor.npmVisits.importResponses({ content: responses.content })).toEqual({ visitId: first, recorded: 1, alreadyHeld: 0 });
    expect(await o.monitor.npmVisits.importResponses({ content: responses.content })).toEqual({ visitId: first, recorded: 0, alreadyHeld: 1 });
    expect(await states(first)).toEqual({ [beds]: 'RESPONDED', [lawyer]: 'RESPONSE_DUE' });
    expect((await o.monitor.npmVisits.get({ visitId: first })).visit.findings[0]!.response).toMatchObject({ status: 'accepted', responder: 'Centre head' });
    // a responses file changed on the way is refused, nothing recorded
    const tampered = responses.content.replace('cells hold six', 'cells hold ten');
    expect((await refusal(o.monitor.npmVisits.importResponses({ content: tampered }))).messageKey).toBe('error.npm.badSignature');
    await o.monitor.npmVisits.move({ visitId: first, to: 'SENT', at: o.iso() });

    // a regular visit sees where every earlier recommendation stands and records what it found
    const regular = await visitOnSite(o, facilityId);
    const earlier = (await o.monitor.npmVisits.get({ visitId: regular })).visit.earlierRecommendations;
    expect(earlier.map((r) => [r.recommendationId, r.state, r.visitId])).toEqual([
      [beds, 'RESPONDED', first],
      [lawyer, 'RESPONSE_DUE', first],
    ]);
    const ownVisit = await refusal(o.monitor.npmVisits.verifyRecommendation({ recommendationId: beds, verification: { visitId: first, at: o.iso(), status: 'IMPLEMENTED' } }));
    expect(ownVisit.messageKey).toBe('error.visit.recommendationNotHere');
    await o.monitor.npmVisits.verifyRecommendation({ recommendationId: beds, verification: { visitId: regular, at: o.iso(), status: 'IMPLEMENTED', note: 'Six beds per cell' } });
    expect(await states(first)).toMatchObject({ [beds]: 'IMPLEMENTED' });
    await o.monitor.npmVisits.move({ visitId: regular, to: 'DEBRIEF', at: o.iso() });
    await o.monitor.npmVisits.move({ visitId: regular, to: 'REPORT_DRAFT', at: o.iso() });
    await o.monitor.npmVisits.move({ visitId: regular, to: 'SENT', at: o.iso() });
    expect((await refusal(o.monitor.npmVisits.verifyRecommendation({ recommendationId: lawyer, verification: { visitId: regular, at: o.iso(), status: 'PARTIAL' } }))).messageKey).toBe(
      'error.visit.verifyNotOpen',
    );

    // the follow-up visit verifies both
    await o.advance(days(30));
    const { visitId: follow } = await o.monitor.npmVisits.plan({ plan: plan(facilityId, { type: 'follow_up', followsVisitId: first, plannedFor: o.iso().slice(0, 10) }) });
    await o.monitor.npmVisits.move({ visitId: follow, to: 'ON_SITE', at: o.iso(-minutes(10)) });
    await o.monitor.npmVisits.verifyRecommendation({ recommendationId: beds, verification: { visitId: follow, at: o.iso(), status: 'IMPLEMENTED' } });
    await o.monitor.npmVisits.verifyRecommendation({ recommendationId: lawyer, verification: { visitId: follow, at: o.iso(), status: 'NOT_IMPLEMENTED', note: 'Still no phone to call a lawyer' } });
    const final = (await o.monitor.npmVisits.get({ visitId: follow })).visit.earlierRecommendations;
    expect(final.map((r) => [r.recommendationId, r.state, r.implementation, r.verifiedOnVisitId])).toEqual([
      [beds, 'VERIFIED_ON_FOLLOWUP', 'IMPLEMENTED', follow],
      [lawyer, 'VERIFIED_ON_FOLLOWUP', 'NOT_IMPLEMENTED', follow],
    ]);
    expect(final[1]!.verificationNote).toBe('Still no phone to call a lawyer');

    // an unissued recommendation cannot be verified
    await o.monitor.npmVisits.move({ visitId: follow, to: 'DEBRIEF', at: o.iso() });
    const { recommendationId: fresh } = await o.monitor.npmVisits.addFinding({ visitId: follow, finding: finding('Phones') });
    const later = await visitOnSite(o, facilityId);
    expect((await refusal(o.monitor.npmVisits.verifyRecommendation({ recommendationId: fresh, verification: { visitId: later, at: o.iso(), status: 'PARTIAL' } }))).messageKey).toBe(
      'error.visit.recommendationNotIssued',
    );
  });

  it('the same state rebuilds from the log', async () => {
    const o = await office({ start });
    const c = await centre(start);
    const facilityId = await introduce(o, await c.as('registrar'));
    const v = await visitOnSite(o, facilityId);
    await o.monitor.npmVisits.move({ visitId: v, to: 'DEBRIEF', at: o.iso() });
    await o.monitor.npmVisits.addFinding({ visitId: v, finding: finding('Overcrowding') });
    await o.monitor.npmVisits.move({ visitId: v, to: 'REPORT_DRAFT', at: o.iso() });
    await o.monitor.npmVisits.exportRecommendations({ visitId: v });
    const before = (await o.monitor.npmVisits.get({ visitId: v })).visit;
    o.backend.installation.requireStore().rebuildProjections();
    expect((await o.monitor.npmVisits.get({ visitId: v })).visit).toEqual(before);
  });
});
