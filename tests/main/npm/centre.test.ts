import { describe, expect, it } from 'vitest';
import type { Client } from '../../../core/contract/client';
import { facilityIdentityBody, recommendationsBody, registerExtractBody, responsesBody, signedFileSchema } from '../../../core/npm/files';
import { generateDeviceKeyPair } from '../../../db/chain';
import { signedFileText, signFile, verifyFile } from '../../../db/signed-file';
import { refusal, useCentre } from '../../helpers/centre';
import { day, hour, intakeAt } from '../../helpers/intake';
import { completeFirstHour } from '../../helpers/safeguards';
import { leavesWithoutExamination } from '../../helpers/health';
import { readyToLeave } from '../../helpers/exits';
import { propertyReturned } from '../../helpers/property';

/**
 * The centre's side of ombudsman oversight through the real backend. The office here is only a key
 * pair that signs files the way an ombudsman installation does (tests/main/npm/files.test.ts runs the
 * real office); what is checked is what the centre accepts, records and sends back.
 */

const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
type Centre = Awaited<ReturnType<typeof centre>>;

function office(name = 'Ombudsman of the Republic of Azerbaijan (NPM)', organisationId = 'org-npm-az') {
  const keys = generateDeviceKeyPair();
  const signer = { kind: 'organisation' as const, id: organisationId, ...keys };
  return {
    organisationId,
    name,
    keys,
    identity: () => signedFileText(signFile('qeyd-npm-identity', { organisationId, name, signingPublicKey: keys.publicKey, issuedAt: '2026-11-01T08:00:00.000Z' }, signer)),
    recommendations: (installationId: string, opts: { visitId?: string; ids?: string[]; dueDate?: string } = {}) =>
      signedFileText(
        signFile(
          'qeyd-npm-recommendations',
          recommendationsBody.parse({
            organisationId,
            organisationName: name,
            visitId: opts.visitId ?? 'visit-1',
            installationId,
            facilityName: 'Baku Temporary Accommodation Centre',
            visitedFrom: '2026-11-23',
            visitedTo: '2026-11-23',
            issuedAt: '2026-11-24T10:00:00.000Z',
            recommendations: (opts.ids ?? ['rec-1', 'rec-2']).map((id, i) => ({
              recommendationId: id,
              title: `Finding ${i + 1}`,
              standard: 'Migration Code Art. 74.5',
              severity: 'high',
              finding: 'Rights were read out in Azerbaijani only.',
              recommendation: 'Give every detainee the written rights letter in a language they understand.',
              addressee: 'facility',
              dueDate: opts.dueDate ?? '2026-12-24',
            })),
          }),
          signer,
        ),
      ),
  };
}

const installationIdOf = (c: Centre) => c.inst.backend.installation.requireFile().installationId;
const tamper = (content: string) => {
  const f = JSON.parse(content) as { body: string };
  // One byte of the signed body: a date moved by a day.
  f.body = f.body.replace('2026-12-24', '2026-12-25');
  return JSON.stringify(f);
};
const centreRows = (c: Centre) => ['events', 'npm_trust', 'received_recommendations', 'received_recommendation_files', 'recommendation_responses'].map((t) => c.count(t));

async function trusting(c: Centre, o = office()) {
  await c.inst.admin.npmCentre.trustOmbudsman({ content: o.identity() });
  return o;
}

const response = (at: number, text = 'Letters in Persian and Arabic are now printed at admission.') => ({
  at: iso(at),
  response: text,
  status: 'accepted' as const,
  plannedBy: '2026-12-15',
  responder: 'Head of centre',
});

describe("the centre's identity for the ombudsman office", () => {
  it('is signed by this device and names this installation', async () => {
    const c = await centre();
    const head = await c.as('centre_head');
    const { fileName, content } = await head.npmCentre.identity({});
    expect(fileName).toMatch(/^qeyd-identity-.*\.json$/);
    const file = signedFileSchema.parse(JSON.parse(content));
    const body = facilityIdentityBody.parse(JSON.parse(file.body));
    const store = c.inst.backend.installation.requireStore();
    expect(body).toMatchObject({ installationId: installationIdOf(c), facilityName: 'Baku Temporary Accommodation Centre', deviceId: store.device.deviceId, publicKey: store.device.publicKey });
    expect(file.signer).toEqual({ kind: 'device', id: store.device.deviceId, publicKey: store.device.publicKey });
    expect(verifyFile(file, store.device.publicKey)).toBe(true);
  });
});

describe('trusting the ombudsman office', () => {
  it('records the office once and shows its fingerprint', async () => {
    const c = await centre();
    const o = office();
    expect(await (await c.as('registrar')).npmCentre.status({})).toMatchObject({ trustedOmbudsman: null, fileKey: { rotatedAt: null } });
    const trusted = await c.inst.admin.npmCentre.trustOmbudsman({ content: o.identity() });
    expect(trusted).toMatchObject({ organisationId: o.organisationId, name: o.name });
    expect(trusted.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
    expect((await (await c.as('registrar')).npmCentre.status({})).trustedOmbudsman).toEqual(trusted);
    const before = c.count('events');
    expect(await c.inst.admin.npmCentre.trustOmbudsman({ content: o.identity() })).toEqual(trusted);
    expect(c.count('events')).toBe(before);
  });

  it('refuses another organisation in place of the trusted one, and a tampered or malformed identity file; nothing is recorded', async () => {
    const c = await centre();
    const o = await trusting(c);
    const rows = centreRows(c);
    expect((await refusal(c.inst.admin.npmCentre.trustOmbudsman({ content: office('Someone else', 'org-other').identity() }))).messageKey).toBe('error.npm.otherOrganisation');
    // The same organisation id with another key is another organisation as far as signatures go.
    expect((await refusal(c.inst.admin.npmCentre.trustOmbudsman({ content: office(o.name, o.organisationId).identity() }))).messageKey).toBe('error.npm.otherOrganisation');
    const fresh = await centre();
    const identity = JSON.parse(office().identity()) as { body: string };
    identity.body = identity.body.replace('Ombudsman', 'Ombudsmen');
    expect((await refusal(fresh.inst.admin.npmCentre.trustOmbudsman({ content: JSON.stringify(identity) }))).messageKey).toBe('error.npm.badSignature');
    expect((await refusal(fresh.inst.admin.npmCentre.trustOmbudsman({ content: '{"format": "qeyd-npm-identity"' }))).messageKey).toBe('error.npm.badFile');
    expect((await refusal(fresh.inst.admin.npmCentre.trustOmbudsman({ content: o.recommendations(installationIdOf(fresh)) }))).messageKey).toBe('error.npm.badFile');
    expect(centreRows(c)).toEqual(rows);
    expect(fresh.count('npm_trust')).toBe(0);
  });

  it('is for an administrator or the head of centre, not a registrar', async () => {
    const c = await centre();
    expect((await refusal((await c.as('registrar')).npmCentre.trustOmbudsman({ content: office().identity() }))).code).toBe('forbidden');
  });
});

describe('the register extract for a visiting team (OPCAT Art. 20)', () => {
  async function threePeople(c: Centre) {
    const registrar = await c.as('registrar');
    // Released before the period: not in the extract.
    const gone = await registrar.intake.submit(intakeAt(c.clock.now, {}, { names: { original: 'Ahmad Karimi', latin: 'Ahmad Karimi', aliases: [] } }));
    await completeFirstHour(registrar, gone.episodeId, c.clock.now);
    await c.advance(hour);
    await leavesWithoutExamination(registrar, gone.episodeId, c.clock.now);
    await readyToLeave(registrar, gone.episodeId, 'released_decision', c.clock.now);
    await propertyReturned(registrar, gone.personId, gone.episodeId, c.clock.now);
    await registrar.episodes.close({ episodeId: gone.episodeId, exit: { type: 'released_decision', at: iso(c.clock.now), basis: 'Nasimi District Court: placement lifted' } });
    await c.advance(2 * day);
    const cared = await registrar.intake.submit(intakeAt(c.clock.now));
    await completeFirstHour(registrar, cared.episodeId, c.clock.now);
    const neglected = await registrar.intake.submit(intakeAt(c.clock.now, {}, { names: { original: 'زرمینه احمدی', latin: 'Zarmina Ahmadi', aliases: [] }, sex: 'female' }));
    await c.advance(2 * day);
    return { registrar, gone, cared, neglected };
  }

  it('lists everyone held in the period with each safeguard and what is overdue, signed by this device', async () => {
    const c = await centre();
    const { cared, neglected } = await threePeople(c);
    const head = await c.as('centre_head');
    const today = iso(c.clock.now).slice(0, 10);
    const out = await head.npmCentre.exportExtract({ from: iso(c.clock.now - 3 * day).slice(0, 10), to: today });
    const file = signedFileSchema.parse(JSON.parse(out.content));
    const store = c.inst.backend.installation.requireStore();
    expect(file.format).toBe('qeyd-register-extract');
    expect(verifyFile(file, store.device.publicKey)).toBe(true);
    const body = registerExtractBody.parse(JSON.parse(file.body));
    expect(out.persons).toBe(2);
    expect(body).toMatchObject({ installationId: installationIdOf(c), from: iso(c.clock.now - 3 * day).slice(0, 10), to: today, generatedBy: 'User centre_head' });
    const byEpisode = new Map(body.persons.map((p) => [p.episodeId, p]));
    const ok = byEpisode.get(cared.episodeId)!;
    expect(ok.registerNo).toMatch(/^[0-9A-F]{4}-\d+$/);
    expect(ok.safeguards).toMatchObject({ rightsLanguage: 'ru', consularState: 'SENT', legalAidWaived: true, interpreterUsed: false });
    expect(ok.safeguards.rightsNotifiedAt).not.toBeNull();
    expect(ok.safeguards.medicalCheckAt).not.toBeNull();
    expect(ok.overdue).toEqual([]);
    const bad = byEpisode.get(neglected.episodeId)!;
    expect(bad).toMatchObject({ nameLatin: 'Zarmina Ahmadi', sex: 'female', state: 'ACTIVE' });
    expect(bad.safeguards).toMatchObject({ rightsNotifiedAt: null, consularState: null, defenderContactAt: null, legalAidWaived: false, screenedAt: null });
    expect(bad.overdue.map((o) => o.kind)).toEqual(expect.arrayContaining(['rights_notification', 'consular_inform', 'defender_contact', 'screening']));
    // The register shows the same number for the line.
    const { rows } = await head.register.list({});
    expect(rows.find((r) => r.episodeId === neglected.episodeId)?.registerNo).toBe(bad.registerNo);
    // Exporting is a read of the register, audited; nothing is recorded as an event.
    const audit = store.q.prepared("SELECT entity_type, entity_id FROM audit_log WHERE method = 'npmCentre.exportExtract'").all();
    expect(audit).toEqual([{ entity_type: 'register_extract', entity_id: `${body.from}..${body.to}` }]);
  });

  it('counts a person still held past the end of the term, and refuses a period that ends before it starts', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const { episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
    await c.advance(31 * day);
    const head = await c.as('centre_head');
    const today = iso(c.clock.now).slice(0, 10);
    const body = registerExtractBody.parse(JSON.parse(signedFileSchema.parse(JSON.parse((await head.npmCentre.exportExtract({ from: today, to: today })).content)).body));
    const p = body.persons.find((x) => x.episodeId === episodeId)!;
    expect(p.state).toBe('RELEASE_DUE');
    expect(Date.parse(p.termEnd!)).toBeLessThan(Date.parse(body.generatedAt));
    expect(p.overdue.map((o) => o.kind)).toContain('release_protocol');
    expect((await refusal(head.npmCentre.exportExtract({ from: today, to: '2020-01-01' }))).code).toBe('validation');
  });
});

describe('recommendations received and the responses sent back', () => {
  it('imports a file signed by the trusted office once, lists it, records responses and exports them signed', async () => {
    const c = await centre();
    const o = await trusting(c);
    const head = await c.as('centre_head');
    const content = o.recommendations(installationIdOf(c));
    expect(await head.npmCentre.importRecommendations({ content })).toEqual({ visitId: 'visit-1', recommendations: 2, alreadyHeld: false });
    const rows = centreRows(c);
    expect(await head.npmCentre.importRecommendations({ content })).toEqual({ visitId: 'visit-1', recommendations: 2, alreadyHeld: true });
    expect(centreRows(c)).toEqual(rows);

    let list = (await head.npmCentre.recommendations({})).recommendations;
    expect(list.map((r) => [r.recommendationId, r.state, r.dueDate])).toEqual([
      ['rec-1', 'ISSUED', '2026-12-24'],
      ['rec-2', 'ISSUED', '2026-12-24'],
    ]);
    const registrar = await c.as('registrar');
    await registrar.npmCentre.respond({ recommendationId: 'rec-1', response: response(c.clock.now) });
    list = (await head.npmCentre.recommendations({})).recommendations;
    expect(list.find((r) => r.recommendationId === 'rec-1')).toMatchObject({ state: 'RESPONDED', response: { status: 'accepted', responder: 'Head of centre' } });
    expect(list.find((r) => r.recommendationId === 'rec-2')?.state).toBe('ISSUED');

    const exported = await head.npmCentre.exportResponses({ visitId: 'visit-1' });
    const file = signedFileSchema.parse(JSON.parse(exported.content));
    expect(file.format).toBe('qeyd-npm-responses');
    expect(verifyFile(file, c.inst.backend.installation.requireStore().device.publicKey)).toBe(true);
    const body = responsesBody.parse(JSON.parse(file.body));
    expect(body).toMatchObject({ installationId: installationIdOf(c), organisationId: o.organisationId, visitId: 'visit-1' });
    expect(body.responses).toEqual([{ recommendationId: 'rec-1', response: response(c.clock.now) }]);
  });

  it('a recommendation past its due date without a response is RESPONSE_DUE', async () => {
    const c = await centre();
    const o = await trusting(c);
    const head = await c.as('centre_head');
    await head.npmCentre.importRecommendations({ content: o.recommendations(installationIdOf(c), { dueDate: '2026-11-20' }) });
    expect((await head.npmCentre.recommendations({})).recommendations.map((r) => r.state)).toEqual(['RESPONSE_DUE', 'RESPONSE_DUE']);
  });

  it('a response to an unknown recommendation, or responses for a visit with none, are refused', async () => {
    const c = await centre();
    const o = await trusting(c);
    const head = await c.as('centre_head');
    expect((await refusal(head.npmCentre.respond({ recommendationId: 'rec-404', response: response(c.clock.now) }))).code).toBe('not_found');
    expect((await refusal(head.npmCentre.exportResponses({ visitId: 'visit-1' }))).code).toBe('not_found');
    await head.npmCentre.importRecommendations({ content: o.recommendations(installationIdOf(c)) });
    expect((await refusal(head.npmCentre.exportResponses({ visitId: 'visit-1' }))).messageKey).toBe('error.oversight.noResponses');
    const e = await refusal(head.npmCentre.respond({ recommendationId: 'rec-1', response: response(c.clock.now + day) }));
    expect(e.fields?.['response.at']?.key).toBe('error.time.inFuture');
  });

  it('refuses a tampered file, a file from another office, a file for another facility, malformed JSON and the wrong kind of file; nothing is imported', async () => {
    const c = await centre();
    const head = await c.as('centre_head');
    const o = office();
    const mine = installationIdOf(c);
    expect((await refusal(head.npmCentre.importRecommendations({ content: o.recommendations(mine) }))).messageKey).toBe('error.oversight.noOmbudsmanTrusted');
    await trusting(c, o);
    const rows = centreRows(c);
    const cases: [string, string][] = [
      [tamper(o.recommendations(mine)), 'error.npm.badSignature'],
      [office('Impostor', 'org-impostor').recommendations(mine), 'error.npm.unknownSigner'],
      // the office's name and id, a key the centre never trusted (docs/npm.md#key-rotation)
      [office(o.name, o.organisationId).recommendations(mine), 'error.npm.unknownKey'],
      [o.recommendations('another-installation'), 'error.npm.wrongFacility'],
      ['{"format": "qeyd-npm-recommendations", "version": 1, ', 'error.npm.badFile'],
      [o.identity(), 'error.npm.badFile'],
    ];
    for (const [content, key] of cases) {
      const e = await refusal(head.npmCentre.importRecommendations({ content }));
      expect(e.messageKey, key).toBe(key);
    }
    expect(centreRows(c)).toEqual(rows);
    expect((await head.npmCentre.recommendations({})).recommendations).toEqual([]);
  });

  it('rebuilding the projections from the log gives the same oversight state', async () => {
    const c = await centre();
    const o = await trusting(c);
    const head: Client = await c.as('centre_head');
    await head.npmCentre.importRecommendations({ content: o.recommendations(installationIdOf(c)) });
    await head.npmCentre.respond({ recommendationId: 'rec-2', response: response(c.clock.now) });
    const before = { status: await head.npmCentre.status({}), list: await head.npmCentre.recommendations({}) };
    c.inst.backend.installation.requireStore().rebuildProjections();
    expect({ status: await head.npmCentre.status({}), list: await head.npmCentre.recommendations({}) }).toEqual(before);
  });
});
