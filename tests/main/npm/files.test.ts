import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { interviewSchema } from '../../../core/npm/visit';
import { responsesBody, signedFileSchema } from '../../../core/npm/files';
import { signedFileText, signFile } from '../../../db/signed-file';
import { discrepanciesFor } from '../../../main/services/npm/files';
import { refusal, useCentre } from '../../helpers/centre';
import { day, hour, intakeAt } from '../../helpers/intake';
import { useOmbudsman } from '../../helpers/ombudsman';
import { completeFirstHour } from '../../helpers/safeguards';

/**
 * The files between the two trust domains, end to end through both real backends: a centre's signed
 * register extract imported by the visiting team with each kind of discrepancy, the recommendations
 * round trip office → centre → office, and every refused file leaving nothing behind.
 */

const centre = useCentre();
const ombudsman = useOmbudsman();
const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);

type Centre = Awaited<ReturnType<typeof centre>>;
type Office = Awaited<ReturnType<typeof ombudsman>>;

/** One byte of the signed body changed, the signature left as it was. */
function tamper(content: string): string {
  const f = JSON.parse(content) as { body: string };
  const i = f.body.indexOf('"generatedAt":"') + '"generatedAt":"'.length + 3;
  f.body = `${f.body.slice(0, i)}${f.body[i] === '7' ? '8' : '7'}${f.body.slice(i + 1)}`;
  return JSON.stringify(f);
}

async function introduce(c: Centre, o: Office) {
  const head = await c.as('centre_head');
  await o.monitor.npmFacilities.add({ content: (await head.npmCentre.identity({})).content });
  await c.inst.admin.npmCentre.trustOmbudsman({ content: (await o.monitor.npmOrg.identity({})).content });
  return head;
}

const interview = (at: number, confidential: z.input<typeof interviewSchema>['confidential'], pseudonym?: string): z.input<typeof interviewSchema> => ({
  pseudonym,
  private: true,
  kind: 'individual',
  at: iso(at),
  consentScope: ['anonymised_in_report'],
  reprisalRisk: 'medium',
  language: 'fa',
  interpreterUsed: true,
  confidential,
});

/**
 * A centre with three people held and an office on site with two interviews:
 * - Rakhimi, every first-hour safeguard recorded, who tells the team he was never told his rights nor seen by a doctor;
 * - Ahmadi, nothing recorded since admission (overdue deadlines);
 * - Karimi, whose 1-day term ended without release (held past term);
 * - and Nazari, met by the team, whom the register does not list.
 */
async function visitWithExtract() {
  const c = await centre();
  const o = await ombudsman(c.clock);
  const head = await introduce(c, o);
  const registrar = await c.as('registrar');
  const rakhimi = await registrar.intake.submit(intakeAt(c.clock.now));
  await completeFirstHour(registrar, rakhimi.episodeId, c.clock.now);
  const ahmadi = await registrar.intake.submit(intakeAt(c.clock.now, {}, { names: { original: 'زرمینه احمدی', latin: 'Zarmina Ahmadi', aliases: [] }, sex: 'female' }));
  const base = intakeAt(c.clock.now, {}, { names: { original: 'Ahmad Karimi', latin: 'Ahmad Karimi', aliases: [] } });
  const shortTerm = { ...base, admission: { ...base.admission!, decision: { ...base.admission!.decision!, termEnd: iso(c.clock.now + day) } } };
  const karimi = await registrar.intake.submit(shortTerm);
  await completeFirstHour(registrar, karimi.episodeId, c.clock.now);
  await c.advance(2 * day);
  await o.signInAgain();

  const facilityId = c.inst.backend.installation.requireFile().installationId;
  const { visitId } = await o.monitor.npmVisits.plan({
    plan: {
      facilityId,
      type: 'ad_hoc',
      announced: false,
      plannedFor: dateOf(c.clock.now),
      team: [
        { name: 'Leyla Quliyeva', role: 'head', gender: 'female' },
        { name: 'Dr. Rauf Məmmədli', role: 'doctor', gender: 'male' },
      ],
    },
  });
  await o.monitor.npmVisits.move({ visitId, to: 'ON_SITE', at: iso(c.clock.now) });
  const met = await o.monitor.npmVisits.recordInterview({
    visitId,
    interview: interview(c.clock.now, {
      notes: 'Says nobody explained anything; no doctor since arrival.',
      intervieweeName: 'Muhammad Rahimi',
      allegations: [],
      claims: { rights_informed: 'no', medical_exam: 'no', lawyer_contact: 'unsure' },
    }),
  });
  const unlisted = await o.monitor.npmVisits.recordInterview({
    visitId,
    interview: interview(c.clock.now, { notes: 'Held in the basement room since Friday.', intervieweeName: 'Farid Nazari', allegations: ['Not registered on arrival'], claims: {} }),
  });
  const extract = await head.npmCentre.exportExtract({ from: dateOf(c.clock.now - 3 * day), to: dateOf(c.clock.now) });
  return { c, o, head, registrar, visitId, extract, rakhimi, ahmadi, karimi, met, unlisted, facilityId };
}

describe('a register extract laid beside what the team heard (OPCAT Art. 20)', () => {
  it('finds each kind of discrepancy, naming people only by pseudonym or register number', async () => {
    const { o, visitId, extract, rakhimi, ahmadi, karimi, met, unlisted } = await visitWithExtract();
    const result = await o.monitor.npmVisits.importExtract({ visitId, content: extract.content });
    expect(result.persons).toBe(3);
    const body = JSON.parse(signedFileSchema.parse(JSON.parse(extract.content)).body) as { persons: { episodeId: string; registerNo: string; personId: string }[] };
    const no = (episodeId: string) => body.persons.find((p) => p.episodeId === episodeId)!.registerNo;
    const kinds = (kind: string) => result.discrepancies.filter((d) => d.kind === kind);

    expect(kinds('met_not_in_register')).toEqual([{ kind: 'met_not_in_register', subject: unlisted.pseudonym, detail: null, interviewId: unlisted.interviewId, personId: null }]);
    expect(kinds('safeguard_disputed').map((d) => [d.subject, d.detail, d.personId])).toEqual([
      [met.pseudonym, 'rights_informed', rakhimi.personId],
      [met.pseudonym, 'medical_exam', rakhimi.personId],
    ]);
    const overdue = kinds('overdue_deadline');
    expect(new Set(overdue.map((d) => d.subject))).toEqual(new Set([no(ahmadi.episodeId), no(karimi.episodeId)]));
    expect(overdue.filter((d) => d.subject === no(ahmadi.episodeId)).map((d) => d.detail)).toEqual(expect.arrayContaining(['rights_notification', 'consular_inform', 'defender_contact', 'screening']));
    expect(kinds('held_past_term')).toEqual([{ kind: 'held_past_term', subject: no(karimi.episodeId), detail: expect.any(String), interviewId: null, personId: karimi.personId }]);
    expect(JSON.stringify(result.discrepancies)).not.toMatch(/Rahimi|Rakhimi|Nazari|Ahmadi|Karimi|Farid/);

    const { visit } = await o.monitor.npmVisits.get({ visitId });
    expect(visit.extract).toMatchObject({ persons: 3, discrepancies: result.discrepancies });
    // Without the organisation's private key nothing said in an interview can be compared: only what
    // the extract shows by itself remains.
    const blind = discrepanciesFor(o.backend.installation.requireStore(), visitId, null);
    expect(new Set(blind.map((d) => d.kind))).toEqual(new Set(['overdue_deadline', 'held_past_term']));
  });

  it('importing the same extract again changes nothing', async () => {
    const { o, visitId, extract } = await visitWithExtract();
    const first = await o.monitor.npmVisits.importExtract({ visitId, content: extract.content });
    const events = o.count('events');
    expect(await o.monitor.npmVisits.importExtract({ visitId, content: extract.content })).toEqual(first);
    expect(o.count('events')).toBe(events);
    expect(o.count('visit_extracts')).toBe(1);
  });

  it('refuses a tampered extract, one from an unknown centre or for another facility, malformed JSON and the wrong kind of file; nothing is imported', async () => {
    const { c, o, head, visitId, extract } = await visitWithExtract();
    // A second centre: at first unknown to the office, then known but not the one visited.
    const other = await centre(iso(c.clock.now));
    const otherHead = await other.as('centre_head');
    const otherExtract = await otherHead.npmCentre.exportExtract({ from: dateOf(c.clock.now), to: dateOf(c.clock.now) });
    const rows = () => ['events', 'visit_extracts'].map((t) => o.count(t));
    const before = rows();
    const expectRefused = async (content: string, key: string) => {
      const e = await refusal(o.monitor.npmVisits.importExtract({ visitId, content }));
      expect(e.messageKey, key).toBe(key);
      expect(rows()).toEqual(before);
    };
    await expectRefused(tamper(extract.content), 'error.npm.badSignature');
    await expectRefused(otherExtract.content, 'error.npm.unknownSigner');
    await o.monitor.npmFacilities.add({ content: (await otherHead.npmCentre.identity({})).content });
    const added = rows();
    before.splice(0, before.length, ...added);
    await expectRefused(otherExtract.content, 'error.npm.wrongFacility');
    await expectRefused('{"format":"qeyd-register-extract","version":1,"signer":', 'error.npm.badFile');
    await expectRefused((await head.npmCentre.identity({})).content, 'error.npm.badFile');
    // The right signer, but a body that is no extract (signed as one by this very centre's key).
    const store = c.inst.backend.installation.requireStore();
    const signer = { kind: 'device' as const, id: store.device.deviceId, publicKey: store.device.publicKey, privateKey: store.devicePrivateKey };
    await expectRefused(signedFileText(signFile('qeyd-register-extract', { persons: 'everyone' }, signer)), 'error.npm.badFile');
    // A sound extract, but the visit it is for has not begun.
    const { visitId: planned } = await o.monitor.npmVisits.plan({
      plan: {
        facilityId: c.inst.backend.installation.requireFile().installationId,
        type: 'regular',
        announced: true,
        plannedFor: dateOf(c.clock.now + 7 * day),
        team: [{ name: 'Leyla Quliyeva', role: 'head', gender: 'female' }],
      },
    });
    const afterPlan = rows();
    expect((await refusal(o.monitor.npmVisits.importExtract({ visitId: planned, content: extract.content }))).messageKey).toBe('error.visit.notOnSite');
    expect(rows()).toEqual(afterPlan);
    expect((await o.monitor.npmVisits.get({ visitId })).visit.extract).toBeNull();
  });
});

describe('recommendations office → centre → office', () => {
  async function issued() {
    const s = await visitWithExtract();
    const { c, o, visitId } = s;
    await o.monitor.npmVisits.importExtract({ visitId, content: s.extract.content });
    await c.advance(3 * hour);
    await o.signInAgain();
    await o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: iso(c.clock.now) });
    const rights = await o.monitor.npmVisits.addFinding({
      visitId,
      finding: {
        title: 'Rights not explained',
        standard: 'Migration Code Art. 74.5',
        severity: 'high',
        finding: 'Detainees say nobody explained their rights.',
        recommendation: 'Explain rights in a language the person understands, in writing.',
        addressee: 'facility',
      },
    });
    const medical = await o.monitor.npmVisits.addFinding({
      visitId,
      finding: {
        title: 'No admission examination',
        standard: 'Nelson Mandela Rule 30',
        severity: 'urgent',
        finding: 'No medical examination on admission.',
        recommendation: 'Examine every person within 24 hours of admission.',
        addressee: 'facility',
      },
    });
    await o.monitor.npmVisits.move({ visitId, to: 'REPORT_DRAFT', at: iso(c.clock.now) });
    const file = await o.monitor.npmVisits.exportRecommendations({ visitId });
    return { ...s, file, rights, medical };
  }

  it('the centre imports the recommendations once, answers them, and the office records each answer once', async () => {
    const { c, o, head, visitId, file, rights, medical } = await issued();
    expect(await head.npmCentre.importRecommendations({ content: file.content })).toEqual({ visitId, recommendations: 2, alreadyHeld: false });
    expect(await head.npmCentre.importRecommendations({ content: file.content })).toEqual({ visitId, recommendations: 2, alreadyHeld: true });
    const received = (await head.npmCentre.recommendations({})).recommendations;
    expect(received.map((r) => [r.recommendationId, r.state]).sort()).toEqual(
      [
        [medical.recommendationId, 'ISSUED'],
        [rights.recommendationId, 'ISSUED'],
      ].sort(),
    );

    const answer = { at: iso(c.clock.now), response: 'Rights letters in Persian are handed over at admission from today.', status: 'accepted' as const, responder: 'Head of centre' };
    await head.npmCentre.respond({ recommendationId: rights.recommendationId, response: answer });
    const first = await head.npmCentre.exportResponses({ visitId });
    expect(await o.monitor.npmVisits.importResponses({ content: first.content })).toEqual({ visitId, recorded: 1, alreadyHeld: 0 });
    const events = o.count('events');
    expect(await o.monitor.npmVisits.importResponses({ content: first.content })).toEqual({ visitId, recorded: 0, alreadyHeld: 1 });
    expect(o.count('events')).toBe(events);

    await c.advance(hour);
    await o.signInAgain();
    const later = {
      at: iso(c.clock.now),
      response: 'A doctor now examines everyone on the day of admission.',
      status: 'partially_accepted' as const,
      plannedBy: '2027-01-15',
      responder: 'Head of centre',
    };
    await head.npmCentre.respond({ recommendationId: medical.recommendationId, response: later });
    const second = await head.npmCentre.exportResponses({ visitId });
    expect(responsesBody.parse(JSON.parse(signedFileSchema.parse(JSON.parse(second.content)).body)).responses).toHaveLength(2);
    expect(await o.monitor.npmVisits.importResponses({ content: second.content })).toEqual({ visitId, recorded: 1, alreadyHeld: 1 });

    const findings = (await o.monitor.npmVisits.get({ visitId })).visit.findings;
    expect(findings.find((f) => f.recommendationId === rights.recommendationId)).toMatchObject({ state: 'RESPONDED', response: answer });
    expect(findings.find((f) => f.recommendationId === medical.recommendationId)).toMatchObject({ state: 'RESPONDED', response: later });
  });

  it('refuses a tampered recommendations file at the centre, and tampered, unknown, misaddressed or malformed responses at the office; nothing is imported', async () => {
    const { c, o, head, visitId, file, rights } = await issued();
    const centreRows = () => ['events', 'received_recommendations', 'recommendation_responses'].map((t) => c.count(t));
    const centreBefore = centreRows();
    const f = JSON.parse(file.content) as { body: string };
    f.body = f.body.replace('Rights not explained', 'Rights not explainee');
    expect((await refusal(head.npmCentre.importRecommendations({ content: JSON.stringify(f) }))).messageKey).toBe('error.npm.badSignature');
    expect(centreRows()).toEqual(centreBefore);

    await head.npmCentre.importRecommendations({ content: file.content });
    await head.npmCentre.respond({ recommendationId: rights.recommendationId, response: { at: iso(c.clock.now), response: 'Done.', status: 'accepted', responder: 'Head of centre' } });
    const responses = await head.npmCentre.exportResponses({ visitId });

    const other = await centre(iso(c.clock.now));
    const otherHead = await other.as('centre_head');
    const otherStore = other.inst.backend.installation.requireStore();
    const otherSigner = { kind: 'device' as const, id: otherStore.device.deviceId, publicKey: otherStore.device.publicKey, privateKey: otherStore.devicePrivateKey };
    const body = responsesBody.parse(JSON.parse(signedFileSchema.parse(JSON.parse(responses.content)).body));
    const fromOther = signedFileText(signFile('qeyd-npm-responses', { ...body, installationId: other.inst.backend.installation.requireFile().installationId }, otherSigner));
    const store = c.inst.backend.installation.requireStore();
    const mySigner = { kind: 'device' as const, id: store.device.deviceId, publicKey: store.device.publicKey, privateKey: store.devicePrivateKey };
    const unknownRecommendation = signedFileText(signFile('qeyd-npm-responses', { ...body, responses: [{ ...body.responses[0]!, recommendationId: 'never-issued' }] }, mySigner));

    const officeRows = () => ['events', 'recommendations'].map((t) => o.count(t)).concat(o.count('recommendations WHERE response IS NOT NULL'));
    const before = officeRows();
    const expectRefused = async (content: string, key: string) => {
      const e = await refusal(o.monitor.npmVisits.importResponses({ content }));
      expect(e.messageKey, key).toBe(key);
      expect(officeRows()).toEqual(before);
    };
    const t = JSON.parse(responses.content) as { body: string };
    t.body = t.body.replace('"Done."', '"Dona."');
    await expectRefused(JSON.stringify(t), 'error.npm.badSignature');
    await expectRefused(fromOther, 'error.npm.unknownSigner');
    await o.monitor.npmFacilities.add({ content: (await otherHead.npmCentre.identity({})).content });
    before.splice(0, before.length, ...officeRows());
    await expectRefused(fromOther, 'error.npm.wrongFacility');
    await expectRefused(unknownRecommendation, 'error.npm.unknownRecommendation');
    await expectRefused('not json at all', 'error.npm.badFile');
    await expectRefused(file.content, 'error.npm.badFile');
    expect(await o.monitor.npmVisits.importResponses({ content: responses.content })).toEqual({ visitId, recorded: 1, alreadyHeld: 0 });
  });

  it('a centre that trusts the same office refuses recommendations addressed to another centre', async () => {
    const { c, o, file } = await issued();
    const other = await centre(iso(c.clock.now));
    await other.inst.admin.npmCentre.trustOmbudsman({ content: (await o.monitor.npmOrg.identity({})).content });
    const otherHead = await other.as('centre_head');
    const events = other.count('events');
    expect((await refusal(otherHead.npmCentre.importRecommendations({ content: file.content }))).messageKey).toBe('error.npm.wrongFacility');
    expect(other.count('events')).toBe(events);
    expect(other.count('received_recommendations')).toBe(0);
  });
});
