import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';
import { runSync } from '../../main/sync/engine';
import { HqClient } from '../../main/sync/hq-client';
import { refusal, useCentre } from '../helpers/centre';
import { analystOn, browserOn, consolePassword, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq, type RunningHqWithConsole } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';
import { dialects } from './harness';

/**
 * Issue #14 §3, docs/sync.md#tracing-requests-to-a-centre: HQ asks the centre holding a person to ask their
 * consent to disclosure and/or to tell them who is looking for them; the centre records the answer, which
 * comes back to HQ's console. Real clients and roles on both sides, HQ on both engines.
 */
const centre = useCentre();
const hqs = useHq();

/** Two enrolled centres, each with one person held, and an analyst signed in at HQ's console. */
async function twoCentres(hq: RunningHqWithConsole) {
  await setUpHqConsole(hq);
  const { centre: baku, desk: bakuDesk } = await enrolledCentre(centre, hq, 'Baku centre');
  const { centre: ganja, desk: ganjaDesk } = await enrolledCentre(centre, hq, 'Ganja centre');
  const held = await bakuDesk.intake.submit(intakeAt(baku.clock.now, {}, { names: { original: 'Гусейнов Эльчин', latin: 'Huseynov Elchin', aliases: [] }, nationalities: ['RUS'] }));
  const other = await ganjaDesk.intake.submit(intakeAt(ganja.clock.now));
  await bakuDesk.sync.run();
  await ganjaDesk.sync.run();
  const browser = await analystOn(hq);
  const { api } = browser;
  const admin = browserOn(hq.url).api;
  await admin.auth.login({ username: 'hqadmin', password: consolePassword });
  return { baku, ganja, bakuDesk, ganjaDesk, held, other, analyst: api, browser, admin };
}

const translated = (key: string) => (['az', 'en', 'ru'] as const).every((l) => typeof catalogs[l][key] === 'string');

for (const dialect of dialects) {
  describe(`tracing requests from HQ to a centre on ${dialect}`, () => {
    it('a consent request reaches only the person’s facility', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      const { requestId } = await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' });
      await c.bakuDesk.sync.run();
      await c.ganjaDesk.sync.run();
      const baku = await c.bakuDesk.tracingCentre.list({});
      expect(baku.requests).toMatchObject([{ requestId, personId: c.held.personId, nameLatin: 'Huseynov Elchin', kinds: ['consent_to_disclose'], requesterCategory: 'consulate', status: 'pending' }]);
      expect((await c.ganjaDesk.tracingCentre.list({})).requests).toEqual([]);
      expect(c.ganja.count('tracing_requests')).toBe(0);
      // The person's page shows it too, and HQ sees it waiting.
      expect((await c.bakuDesk.tracingCentre.list({ personId: c.held.personId, includeAnswered: true })).requests.map((r) => r.requestId)).toEqual([requestId]);
      expect((await c.analyst.tracingCentre.centreAnswers({ inquiryId })).requests).toMatchObject([{ requestId, personId: c.held.personId, status: 'pending', answers: {}, askedBy: 'analyst' }]);
      // The console's audit log has the request, with what was asked and of which facility.
      const lines = (await c.admin.audit.list({ entityId: c.held.personId })).entries.filter((e) => e.action === 'tracing.askedCentre');
      expect(lines).toMatchObject([{ actorName: 'Leyla Analyst', entityType: 'person', outcome: 'ok' }]);
      const detail = hq.hqConsole.backend.installation.requireStore().sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'tracing.askedCentre'").get() as { detail: string };
      expect(JSON.parse(detail.detail)).toMatchObject({ requestId, inquiryId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' });
    });

    it('the centre records that the person refuses contact and HQ sees it', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      const { requestId } = await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['contact_notice', 'consent_to_disclose'], requesterCategory: 'family' });
      await c.bakuDesk.sync.run();
      await c.bakuDesk.tracingCentre.answer({
        requestId,
        personId: c.held.personId,
        answers: { contact: 'refused', consentToDisclose: 'refused' },
        note: 'Told in private with an interpreter; does not want his brother told.',
      });
      // Answered here: gone from the due list, kept on the person's page.
      expect((await c.bakuDesk.tracingCentre.list({})).requests).toEqual([]);
      expect((await c.bakuDesk.tracingCentre.list({ personId: c.held.personId, includeAnswered: true })).requests).toMatchObject([
        { status: 'answered', answers: { contact: 'refused', consentToDisclose: 'refused' } },
      ]);
      expect((await c.analyst.tracingCentre.centreAnswers({ inquiryId })).requests[0]).toMatchObject({ status: 'pending' });
      await c.bakuDesk.sync.run();
      const [answered] = (await c.analyst.tracingCentre.centreAnswers({ inquiryId })).requests;
      expect(answered).toMatchObject({
        requestId,
        facilityId: expect.any(String),
        status: 'answered',
        answers: { contact: 'refused', consentToDisclose: 'refused' },
        note: 'Told in private with an interpreter; does not want his brother told.',
      });
      // When the centre recorded it, on the centre's clock.
      expect(answered!.answeredAt).toBe(new Date(c.baku.clock.now).toISOString());
      // A second answer is refused: the person was asked once.
      expect((await refusal(c.bakuDesk.tracingCentre.answer({ requestId, personId: c.held.personId, answers: { contact: 'accepted', consentToDisclose: 'given' } }))).messageKey).toBe(
        'error.tracingCentre.alreadyAnswered',
      );
    });

    it('a centre that could not ask closes the request and HQ sees why', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      const { requestId } = await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['contact_notice', 'consent_to_disclose'], requesterCategory: 'family' });
      await c.bakuDesk.sync.run();
      const note = 'Released on 3 December before he could be asked; no forwarding address.';
      await c.bakuDesk.tracingCentre.notAsked({ requestId, personId: c.held.personId, reason: 'left_the_centre', note });
      // Closed here: gone from the due list, kept on the person's page with the reason.
      expect((await c.bakuDesk.tracingCentre.list({})).requests).toEqual([]);
      expect((await c.bakuDesk.tracingCentre.list({ personId: c.held.personId, includeAnswered: true })).requests).toMatchObject([
        { requestId, status: 'could_not_ask', couldNotAskReason: 'left_the_centre', answers: {}, note },
      ]);
      await c.bakuDesk.sync.run();
      const [closed] = (await c.analyst.tracingCentre.centreAnswers({ inquiryId })).requests;
      expect(closed).toEqual(expect.objectContaining({ requestId, status: 'could_not_ask', couldNotAskReason: 'left_the_centre', answers: {}, note }));
      expect(closed!.answeredAt).toBe(new Date(c.baku.clock.now).toISOString());
      // Recorded once: neither an answer nor a second "could not ask" can follow it.
      expect((await refusal(c.bakuDesk.tracingCentre.answer({ requestId, personId: c.held.personId, answers: { contact: 'accepted', consentToDisclose: 'given' } }))).messageKey).toBe(
        'error.tracingCentre.alreadyAnswered',
      );
      expect((await refusal(c.bakuDesk.tracingCentre.notAsked({ requestId, personId: c.held.personId, reason: 'other', note: 'again' }))).messageKey).toBe('error.tracingCentre.alreadyAnswered');
      // The person's timeline has it, as an event of its own.
      expect(c.baku.inst.backend.installation.requireStore().sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'person.tracingNotAsked'").get()).toEqual({ n: 1 });
      // HQ's console records nothing at a centre.
      expect((await refusal(c.analyst.tracingCentre.notAsked({ requestId, personId: c.held.personId, reason: 'deceased', note: 'x' }))).code).toBe('forbidden');
    });

    it('could not ask without a note is refused with a translated error and records nothing', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      const { requestId } = await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' });
      await c.bakuDesk.sync.run();
      const notAsked = (input: Record<string, unknown>) =>
        c.bakuDesk.tracingCentre.notAsked({ requestId, personId: c.held.personId, reason: 'deceased', note: 'Died in hospital on 4 December.', ...input } as never);
      for (const bad of [{ note: '' }, { note: '   ' }, { note: undefined }]) {
        const e = await refusal(notAsked(bad));
        expect(e.code).toBe('validation');
        expect(e.fields?.note?.key).toBe('error.field.required');
        expect(translated(e.messageKey) && translated(e.fields!.note!.key)).toBe(true);
      }
      const e = await refusal(notAsked({ reason: 'transferred' }));
      expect(e.fields?.reason?.key).toBe('error.field.invalidOption');
      expect(translated(e.fields!.reason!.key)).toBe(true);
      expect((await refusal(notAsked({ requestId: randomUUID() }))).messageKey).toBe('error.tracingCentre.requestUnknown');
      expect((await refusal(notAsked({ personId: c.other.personId }))).messageKey).toBe('error.tracingCentre.requestUnknown');
      expect(c.baku.count('tracing_answers')).toBe(0);
      expect(c.baku.inst.backend.installation.requireStore().sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'person.tracingNotAsked'").get()).toEqual({ n: 0 });
      expect((await c.bakuDesk.tracingCentre.list({})).requests).toMatchObject([{ requestId, status: 'pending' }]);
      await c.bakuDesk.sync.run();
      expect((await c.analyst.tracingCentre.centreAnswers({ inquiryId })).requests).toMatchObject([{ requestId, status: 'pending' }]);
    });

    it('a request carries the requester’s category, never their name or contact', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      // There is no field for them: a name or contact sent along is refused, and nothing is asked.
      const named = await c.browser.call('tracingCentre.askCentre', {
        inquiryId,
        personId: c.held.personId,
        kinds: ['contact_notice'],
        requesterCategory: 'family',
        requesterName: 'Aynur Huseynova',
        requesterContact: '+994 50 123 45 67',
      });
      expect(named.body.error?.messageKey).toBe('error.validation');
      expect((await c.analyst.tracingCentre.centreAnswers({ inquiryId })).requests).toEqual([]);
      await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['contact_notice'], requesterCategory: 'icrc_red_crescent' });
      // What travels to the centre, as the device's own signed pull receives it.
      const store = c.baku.inst.backend.installation.requireStore();
      const client = new HqClient(hq.url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey });
      const pulled = await client.pull(0, 10, 0, 0);
      expect(pulled.tracingRequests).toHaveLength(1);
      expect(Object.keys(pulled.tracingRequests![0]!).sort()).toEqual(['askedAt', 'kinds', 'personId', 'requestId', 'requesterCategory']);
      expect(pulled.tracingRequests![0]).toMatchObject({ requesterCategory: 'icrc_red_crescent', kinds: ['contact_notice'] });
      // Not even the analyst who asked is named to the centre.
      expect(JSON.stringify(pulled.tracingRequests)).not.toMatch(/analyst/i);
    });

    it('a request is delivered once even when pulled twice', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['consent_to_disclose'], requesterCategory: 'unhcr' });
      await c.bakuDesk.sync.run();
      await c.bakuDesk.sync.run();
      expect(c.baku.count('tracing_requests')).toBe(1);
      // A pull whose cursor did not stick (cut off before it committed) brings the request again: still one.
      const store = c.baku.inst.backend.installation.requireStore();
      store.setMeta('sync_tracing_cursor', '0');
      const client = new HqClient(hq.url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey });
      const report = await runSync(store, client);
      expect(report.pulled).toBe(0);
      expect(c.baku.count('tracing_requests')).toBe(1);
      expect((await c.bakuDesk.tracingCentre.list({})).requests).toHaveLength(1);
      expect(Number(store.meta('sync_tracing_cursor'))).toBeGreaterThan(0);
    });

    it('refuses bad input with a translated error and changes nothing', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      const refused = async (p: Promise<unknown>) => {
        const e = await refusal(p);
        expect(translated(e.messageKey), e.messageKey).toBe(true);
        for (const f of Object.values(e.fields ?? {})) expect(translated(f.key), f.key).toBe(true);
        return e;
      };
      const ask = (input: Record<string, unknown>) =>
        c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['contact_notice'], requesterCategory: 'family', ...input } as never);
      expect((await refused(ask({ kinds: [] }))).code).toBe('validation');
      expect((await refused(ask({ kinds: ['contact_notice', 'contact_notice'] }))).fields?.kinds?.key).toBe('error.tracingCentre.kindTwice');
      expect((await refused(ask({ requesterCategory: 'neighbour' }))).code).toBe('validation');
      expect((await refused(ask({ personId: randomUUID() }))).messageKey).toBe('error.tracingCentre.personUnknown');
      // A centre cannot ask, and HQ's console cannot answer for a centre.
      expect((await refused(c.bakuDesk.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['contact_notice'], requesterCategory: 'family' }))).code).toBe('forbidden');
      expect((await refused(c.analyst.tracingCentre.answer({ requestId: randomUUID(), personId: c.held.personId, answers: { contact: 'refused' } }))).code).toBe('forbidden');
      expect((await c.analyst.tracingCentre.centreAnswers({ inquiryId })).requests).toEqual([]);

      const { requestId } = await ask({ kinds: ['consent_to_disclose'] });
      // The same question again while the first waits would have the person asked twice.
      expect((await refused(ask({ kinds: ['consent_to_disclose'] }))).messageKey).toBe('error.tracingCentre.alreadyAsked');
      await c.bakuDesk.sync.run();
      const answer = (input: Record<string, unknown>) => c.bakuDesk.tracingCentre.answer({ requestId, personId: c.held.personId, answers: { consentToDisclose: 'given' }, ...input } as never);
      expect((await refused(answer({ answers: {} }))).code).toBe('validation');
      expect((await refused(answer({ answers: { contact: 'accepted' } }))).messageKey).toBe('error.tracingCentre.answerMissing');
      expect((await refused(answer({ answers: { consentToDisclose: 'given', contact: 'accepted' } }))).messageKey).toBe('error.tracingCentre.answerNotAsked');
      expect((await refused(answer({ personId: c.other.personId }))).messageKey).toBe('error.tracingCentre.requestUnknown');
      expect((await refused(answer({ requestId: randomUUID() }))).messageKey).toBe('error.tracingCentre.requestUnknown');
      expect(c.baku.count('tracing_answers')).toBe(0);
      expect((await c.bakuDesk.tracingCentre.list({})).requests).toHaveLength(1);
    });

    it('two desks of one centre answering offline: the answer recorded later stands on both and at HQ', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const a = await centre();
      const b = await centre();
      for (const d of [a, b]) await d.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      const deskA = await a.as('registrar');
      const deskB = await b.as('registrar');
      const { personId } = await deskA.intake.submit(intakeAt(a.clock.now));
      await deskA.sync.run();
      await deskB.sync.run();
      const { api } = browserOn(hq.url);
      await api.auth.login({ username: 'hqadmin', password: consolePassword });
      await api.users.create({ username: 'analyst', displayName: 'Leyla Analyst', roles: ['hq_analyst'], password: 'analyst passphrase 2026' });
      await api.auth.login({ username: 'analyst', password: 'analyst passphrase 2026' });
      const inquiryId = randomUUID();
      const { requestId } = await api.tracingCentre.askCentre({ inquiryId, personId, kinds: ['contact_notice'], requesterCategory: 'iom' });
      await deskA.sync.run();
      await deskB.sync.run();
      // Each desk asks him, neither having the other's answer yet; desk B records later.
      await deskA.tracingCentre.answer({ requestId, personId, answers: { contact: 'accepted' } });
      await b.advance(60_000);
      await deskB.tracingCentre.answer({ requestId, personId, answers: { contact: 'refused' }, note: 'Changed his mind after talking to his lawyer.' });
      await deskA.sync.run();
      await deskB.sync.run();
      await deskA.sync.run();
      for (const desk of [deskA, deskB]) {
        expect((await desk.tracingCentre.list({ personId, includeAnswered: true })).requests).toMatchObject([{ requestId, status: 'answered', answers: { contact: 'refused' } }]);
      }
      expect((await api.tracingCentre.centreAnswers({ inquiryId })).requests).toMatchObject([
        { requestId, status: 'answered', answers: { contact: 'refused' }, note: 'Changed his mind after talking to his lawyer.' },
      ]);
    });

    it('keeps the request sealed in HQ’s tables: no person, question, requester or analyst in clear', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const inquiryId = randomUUID();
      const { requestId } = await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' });
      const rows = await hq.hq.db.selectFrom('tracing_requests').selectAll().execute();
      expect(rows.map((r) => [r.request_id, r.inquiry_id])).toEqual([[requestId, inquiryId]]);
      const stored = JSON.stringify(rows);
      for (const clear of [c.held.personId, 'consulate', 'consent_to_disclose', 'analyst']) expect(stored).not.toContain(clear);
      expect(rows[0]!.content.startsWith('v1:')).toBe(true);
      // A sealed value moved onto another request's row does not open.
      const second = await c.analyst.tracingCentre.askCentre({ inquiryId, personId: c.held.personId, kinds: ['contact_notice'], requesterCategory: 'family' });
      await hq.hq.db.updateTable('tracing_requests').set({ content: rows[0]!.content }).where('request_id', '=', second.requestId).execute();
      const moved = await c.browser.call('tracingCentre.centreAnswers', { inquiryId });
      expect(moved.body.ok).toBe(false);
      expect(moved.status).not.toBe(200);
    });
  });
}
