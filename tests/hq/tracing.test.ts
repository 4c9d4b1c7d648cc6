import { describe, expect, it } from 'vitest';
import { ApiError } from '../../core/contract/errors';
import { catalogs } from '../../core/i18n';
import { localDate } from '../../core/time';
import { useCentre } from '../helpers/centre';
import { analystOn, browserOn, consolePassword, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';
import { dialects } from './harness';
import { leavesWithoutExamination } from '../helpers/health';
import { readyToLeave } from '../helpers/exits';
import { propertyReturned } from '../helpers/property';

/**
 * Issue #14 §3, docs/hq-console.md "Tracing inquiries": HQ records an inquiry, matches it against every
 * facility's records (held or not) and the records of unidentified persons and deaths, and answers
 * without disclosing what protection withholds. Everything through the console's client, as an analyst.
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();
const day = 86_400_000;
/** The console's "today" (its store's time zone, Asia/Baku by default), which decides what is overdue. */
const consoleToday = () => localDate(Date.now(), 'Asia/Baku');
const daysFromToday = (n: number) => new Date(Date.parse(`${consoleToday()}T00:00:00Z`) + n * day).toISOString().slice(0, 10);

/** Another man with his own name and passport, so the duplicate check lets him through. */
function man(at: number, latin: string, original: string, passport: string, nationality = 'AFG') {
  return intakeAt(
    at,
    { documents: [{ type: 'passport', series: 'P', number: passport, issuingState: nationality, verification: 'unverified' }] },
    { names: { original, latin, aliases: [] }, nationalities: [nationality], birth: { date: '1990-05-01', estimated: false } },
  );
}

const inquiry = (
  over: Partial<{ category: 'family' | 'consulate' | 'icrc_red_crescent'; names: string[]; receivedOn: string; dueOn: string; distinguishing: string; lastKnownPlace: string; age: number }> = {},
) => ({
  requester: { category: over.category ?? 'family', name: 'Zahra Rahimi', contact: '+994 50 000 00 00' },
  subject: {
    names: over.names ?? ['Mukhammad Rakhimi'],
    sex: 'male' as const,
    ...(over.age !== undefined ? { age: over.age } : {}),
    ...(over.distinguishing ? { distinguishing: over.distinguishing } : {}),
    ...(over.lastKnownPlace ? { lastKnownPlace: over.lastKnownPlace } : {}),
  },
  legalBasis: 'Request of the next of kin',
  consent: 'next_of_kin' as const,
  receivedOn: over.receivedOn ?? consoleToday(),
  ...(over.dueOn ? { dueOn: over.dueOn } : {}),
});

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

for (const dialect of dialects) {
  describe(`HQ tracing inquiries on ${dialect}`, () => {
    it('an inquiry in Cyrillic finds a person registered in Latin at another facility', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk: bakuDesk } = await enrolledCentre(centre, hq, 'Baku centre');
      const { centre: ganja, desk: ganjaDesk } = await enrolledCentre(centre, hq, 'Ganja centre');
      await bakuDesk.intake.submit(man(baku.clock.now, 'Farid Karimov', 'Farid Karimov', '3000001', 'AZE'));
      const elvin = await ganjaDesk.intake.submit(man(ganja.clock.now, 'Elvin Aliyev', 'Elvin Aliyev', '3000002', 'AZE'));
      await bakuDesk.sync.run();
      await ganjaDesk.sync.run();

      const { api } = await analystOn(hq);
      const { inquiryId } = await api.tracing.open(inquiry({ names: ['Эльвин Алиев'] }));
      const view = await api.tracing.view({ inquiryId });
      const found = view.candidates.find((c) => c.candidateId === elvin.personId);
      expect(found).toMatchObject({ kind: 'person', state: 'held', facilityName: 'Ganja centre', disclosure: 'may_disclose' });
      expect(found?.reasons).toContain('other_script');
      expect(found?.score).toBeGreaterThan(0.8);
      expect(view.candidates.filter((c) => c.kind === 'person' && c.person.nameLatin === 'Farid Karimov')).toEqual([]);
    });

    it('a consulate’s inquiry about an asylum seeker is answered withheld without consent', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const asker = await desk.intake.submit(man(baku.clock.now, 'Ahmad Shah Noori', 'Ahmad Shah Noori', '3100001'));
      await desk.asylum.express({ personId: asker.personId, episodeId: asker.episodeId, expression: { at: iso(baku.clock.now), place: 'centre', words: 'I cannot go back', language: 'fa' } });
      await desk.sync.run();

      const { api, call } = await analystOn(hq);
      const consulate = await api.tracing.open(inquiry({ category: 'consulate', names: ['Ahmad Shah Noori'] }));
      const seen = await api.tracing.view({ inquiryId: consulate.inquiryId });
      const candidate = seen.candidates.find((c) => c.candidateId === asker.personId);
      expect(candidate).toMatchObject({ kind: 'person', disclosure: 'withheld_protection', protection: ['asylum'] });
      await api.tracing.review({ inquiryId: consulate.inquiryId, kind: 'person', candidateId: asker.personId, decision: 'confirmed', note: 'Name, birth date and passport agree' });

      // Saying where he is to the consulate is refused, translated, and leaves nothing recorded.
      const located = await call('tracing.answer', {
        inquiryId: consulate.inquiryId,
        outcome: 'located',
        candidateId: asker.personId,
        toldTo: 'Consul',
        toldAt: new Date().toISOString(),
        channel: 'letter',
        summary: 'He is held at Baku centre',
      });
      expect(located.status).toBe(422);
      expect(located.body.error?.messageKey).toBe('error.tracing.withheld.withheld_protection');
      for (const locale of ['az', 'en', 'ru'] as const) expect(catalogs[locale]['error.tracing.withheld.withheld_protection']).toBeTruthy();
      expect((await api.tracing.view({ inquiryId: consulate.inquiryId })).answers).toEqual([]);

      await api.tracing.answer({
        inquiryId: consulate.inquiryId,
        outcome: 'withheld',
        candidateId: asker.personId,
        toldTo: 'Consul',
        toldAt: new Date().toISOString(),
        channel: 'letter',
        summary: 'No information can be given.',
      });
      const answered = await api.tracing.view({ inquiryId: consulate.inquiryId });
      expect(answered.status).toBe('answered');
      expect(answered.answers.map((a) => [a.outcome, a.toldTo])).toEqual([['withheld', 'Consul']]);

      // His family asking is not the authority of the country he fled: the answer may say where he is.
      const family = await api.tracing.open(inquiry({ category: 'family', names: ['Ahmad Shah Noori'] }));
      expect((await api.tracing.view({ inquiryId: family.inquiryId })).candidates.find((c) => c.candidateId === asker.personId)).toMatchObject({ disclosure: 'may_disclose' });
    });

    it('the person’s consent through the centre lets the answer say where they are; a refusal of contact withholds it from anyone', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const asker = await desk.intake.submit(man(baku.clock.now, 'Javad Mohammadi', 'Javad Mohammadi', '3150001'));
      await desk.asylum.express({ personId: asker.personId, episodeId: asker.episodeId, expression: { at: iso(baku.clock.now), place: 'centre', words: 'Please protect me', language: 'fa' } });
      const quiet = await desk.intake.submit(man(baku.clock.now, 'Hamid Sultani', 'Hamid Sultani', '3150002'));
      await desk.sync.run();

      const { api } = await analystOn(hq);
      const consulate = await api.tracing.open(inquiry({ category: 'consulate', names: ['Javad Mohammadi'] }));
      await api.tracing.review({ inquiryId: consulate.inquiryId, kind: 'person', candidateId: asker.personId, decision: 'confirmed', note: 'Passport number agrees' });
      await api.tracingCentre.askCentre({ inquiryId: consulate.inquiryId, personId: asker.personId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' });
      const pending = (await api.tracing.view({ inquiryId: consulate.inquiryId })).candidates.find((c) => c.candidateId === asker.personId);
      expect(pending).toMatchObject({ disclosure: 'consent_pending' });

      const family = await api.tracing.open(inquiry({ category: 'family', names: ['Hamid Sultani'] }));
      await api.tracing.review({ inquiryId: family.inquiryId, kind: 'person', candidateId: quiet.personId, decision: 'confirmed', note: 'Birth date agrees' });
      await api.tracingCentre.askCentre({ inquiryId: family.inquiryId, personId: quiet.personId, kinds: ['contact_notice'], requesterCategory: 'family' });

      // At the centre: the requests arrive with the next sync; each man answers in private.
      await desk.sync.run();
      const asked = await desk.tracingCentre.list({});
      const ofAsker = asked.requests.find((r) => r.personId === asker.personId)!;
      const ofQuiet = asked.requests.find((r) => r.personId === quiet.personId)!;
      await desk.tracingCentre.answer({ requestId: ofAsker.requestId, personId: asker.personId, answers: { consentToDisclose: 'given' } });
      await desk.tracingCentre.answer({ requestId: ofQuiet.requestId, personId: quiet.personId, answers: { contact: 'refused' }, note: 'Does not want his family told' });
      await desk.sync.run();

      expect((await api.tracing.view({ inquiryId: consulate.inquiryId })).candidates.find((c) => c.candidateId === asker.personId)).toMatchObject({ disclosure: 'consent_given' });
      const told = { toldTo: 'Consul', toldAt: new Date().toISOString(), channel: 'letter' as const, summary: 'Held at Baku centre; he consented.' };
      await api.tracing.answer({ inquiryId: consulate.inquiryId, outcome: 'located', candidateId: asker.personId, ...told });

      expect((await api.tracing.view({ inquiryId: family.inquiryId })).candidates.find((c) => c.candidateId === quiet.personId)).toMatchObject({ disclosure: 'contact_refused' });
      const refused = await refusal(api.tracing.answer({ inquiryId: family.inquiryId, outcome: 'located', candidateId: quiet.personId, ...told, toldTo: 'Zahra Rahimi' }));
      expect(refused.messageKey).toBe('error.tracing.withheld.contact_refused');
      await api.tracing.answer({ inquiryId: family.inquiryId, outcome: 'contact_refused', candidateId: quiet.personId, ...told, toldTo: 'Zahra Rahimi', summary: 'The person does not wish contact.' });
      expect((await api.tracing.view({ inquiryId: family.inquiryId })).answers.map((a) => a.outcome)).toEqual(['contact_refused']);
    });

    it('a request the centre could not ask is not consent: the consulate’s answer stays withheld', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const asker = await desk.intake.submit(man(baku.clock.now, 'Karim Rostami', 'Karim Rostami', '3155001'));
      await desk.asylum.express({ personId: asker.personId, episodeId: asker.episodeId, expression: { at: iso(baku.clock.now), place: 'centre', words: 'I cannot go back', language: 'fa' } });
      await desk.sync.run();

      const { api } = await analystOn(hq);
      const consulate = await api.tracing.open(inquiry({ category: 'consulate', names: ['Karim Rostami'] }));
      await api.tracing.review({ inquiryId: consulate.inquiryId, kind: 'person', candidateId: asker.personId, decision: 'confirmed', note: 'Passport number agrees' });
      await api.tracingCentre.askCentre({ inquiryId: consulate.inquiryId, personId: asker.personId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' });
      await desk.sync.run();
      const [request] = (await desk.tracingCentre.list({})).requests;
      await desk.tracingCentre.notAsked({
        requestId: request!.requestId,
        personId: asker.personId,
        reason: 'unable_to_understand',
        note: 'No Dari interpreter could be found in three days of trying.',
      });
      await desk.sync.run();

      // Closed, not pending: and with no consent recorded the consulate is told nothing of where he is.
      expect((await api.tracingCentre.centreAnswers({ inquiryId: consulate.inquiryId })).requests).toMatchObject([{ status: 'could_not_ask', couldNotAskReason: 'unable_to_understand', answers: {} }]);
      expect((await api.tracing.view({ inquiryId: consulate.inquiryId })).candidates.find((c) => c.candidateId === asker.personId)).toMatchObject({ disclosure: 'withheld_protection' });
      const told = { toldTo: 'Consul', toldAt: new Date().toISOString(), channel: 'letter' as const, summary: 'Held at Baku centre.' };
      const refused = await refusal(api.tracing.answer({ inquiryId: consulate.inquiryId, outcome: 'located', candidateId: asker.personId, ...told }));
      expect(refused.messageKey).toBe('error.tracing.withheld.withheld_protection');
      expect((await api.tracing.view({ inquiryId: consulate.inquiryId })).answers).toEqual([]);
      // HQ may ask again (he might be asked later, or at another centre): the closed request does not block it.
      await api.tracingCentre.askCentre({ inquiryId: consulate.inquiryId, personId: asker.personId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' });
      expect((await api.tracing.view({ inquiryId: consulate.inquiryId })).candidates.find((c) => c.candidateId === asker.personId)).toMatchObject({ disclosure: 'consent_pending' });
    });

    it('a presumed trafficking victim is withheld from the consulate and named to an analyst only as a restricted protection case', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const victim = await desk.intake.submit(man(baku.clock.now, 'Bashir Nazari', 'Bashir Nazari', '3160001'));
      await desk.vulnerability.screen({ episodeId: victim.episodeId, screening: { at: iso(baku.clock.now), traffickingIndicators: true } });
      await desk.sync.run();

      const { api } = await analystOn(hq);
      const { inquiryId } = await api.tracing.open(inquiry({ category: 'consulate', names: ['Bashir Nazari'] }));
      const candidate = (await api.tracing.view({ inquiryId })).candidates.find((c) => c.candidateId === victim.personId);
      expect(candidate).toMatchObject({ kind: 'person', disclosure: 'withheld_protection', protection: ['restricted'] });
    });

    it('an inquiry matched after the person was released still finds them', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const head = await baku.as('centre_head');
      const gone = await desk.intake.submit(man(baku.clock.now, 'Rahim Jafari', 'Rahim Jafari', '3200001'));
      await baku.advance(day);
      await leavesWithoutExamination(head, gone.episodeId, baku.clock.now);
      await readyToLeave(head, gone.episodeId, 'released_decision', baku.clock.now);
      await propertyReturned(head, gone.personId, gone.episodeId, baku.clock.now);
      await head.episodes.close({ episodeId: gone.episodeId, exit: { type: 'released_decision', at: iso(baku.clock.now), basis: 'Court order to release' } });
      await desk.sync.run();

      const { api } = await analystOn(hq);
      const { inquiryId } = await api.tracing.open(inquiry({ category: 'icrc_red_crescent', names: ['Rahim Jafari'] }));
      const view = await api.tracing.view({ inquiryId });
      expect(view.candidates.find((c) => c.candidateId === gone.personId)).toMatchObject({ kind: 'person', state: 'released', facilityName: 'Baku centre', since: iso(baku.clock.now) });
    });

    it('an unidentified person’s record is found by a later inquiry', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { api } = await analystOn(hq);
      const { recordId } = await api.tracing.recordFound({
        kind: 'unidentified',
        sex: 'male',
        ageMin: 30,
        ageMax: 40,
        description: 'Scar across the eyebrow, tattoo of an anchor on the forearm, grey jacket',
        photoRef: 'PHOTO-2026-118',
        foundPlace: 'Astara border crossing',
        foundOn: daysFromToday(-20),
      });
      // A death elsewhere that fits nothing the family describes is not offered.
      await api.tracing.recordFound({ kind: 'death', circumstance: 'border', sex: 'female', ageMin: 20, ageMax: 25, description: 'Red scarf', foundPlace: 'Balakan', foundOn: daysFromToday(-5) });

      const { inquiryId } = await api.tracing.open(inquiry({ names: ['Karim Ahmadi'], age: 34, distinguishing: 'Anchor tattoo on his forearm, scar over the eyebrow', lastKnownPlace: 'Astara' }));
      const view = await api.tracing.view({ inquiryId });
      const records = view.candidates.filter((c) => c.kind === 'record');
      expect(records.map((c) => c.candidateId)).toEqual([recordId]);
      expect(records[0]?.reasons).toEqual(expect.arrayContaining(['details_overlap', 'place_overlap', 'sex_matches', 'age_fits']));
      await api.tracing.review({ inquiryId, kind: 'record', candidateId: recordId, decision: 'confirmed', note: 'Family recognised the photograph' });
      expect((await api.tracing.view({ inquiryId })).candidates[0]).toMatchObject({ candidateId: recordId, review: { decision: 'confirmed', byName: 'Leyla Analyst' } });
    });

    it('overdue inquiries are listed first, with due dates ten working days after receipt by default', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { api } = await analystOn(hq);
      const fresh = await api.tracing.open(inquiry({ names: ['Fresh Inquiry'] }));
      const late = await api.tracing.open(inquiry({ names: ['Late Inquiry'], receivedOn: daysFromToday(-40) }));
      const lateSet = await api.tracing.open(inquiry({ names: ['Late Given'], receivedOn: daysFromToday(-60), dueOn: daysFromToday(-3) }));
      const soon = await api.tracing.open(inquiry({ names: ['Soon Due'], receivedOn: daysFromToday(-2), dueOn: daysFromToday(1) }));
      const done = await api.tracing.open(inquiry({ names: ['Answered Long Ago'], receivedOn: daysFromToday(-90) }));
      await api.tracing.answer({ inquiryId: done.inquiryId, outcome: 'not_located', toldTo: 'Zahra Rahimi', toldAt: new Date().toISOString(), channel: 'phone', summary: 'No record' });
      // 2026-11-27 is a Friday: ten working days later is Friday 2026-12-11, the weekends skipped.
      const friday = await api.tracing.open(inquiry({ names: ['Friday Inquiry'], receivedOn: '2026-11-27' }));
      expect(friday.dueOn).toBe('2026-12-11');
      await api.tracing.close({ inquiryId: friday.inquiryId, reason: 'Opened to check the due date' });

      const { items } = await api.tracing.list({ status: 'open' });
      expect(items.map((i) => [i.inquiryId, i.overdue])).toEqual([
        [late.inquiryId, true],
        [lateSet.inquiryId, true],
        [soon.inquiryId, false],
        [fresh.inquiryId, false],
      ]);
      expect((await api.tracing.list({ status: 'answered' })).items.map((i) => i.inquiryId)).toEqual([done.inquiryId]);
    });

    it('viewing an inquiry is audited, with a read line for each candidate shown', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const person = await desk.intake.submit(man(baku.clock.now, 'Nasir Hakimi', 'Nasir Hakimi', '3300001'));
      await desk.sync.run();
      const { api } = await analystOn(hq);
      const { inquiryId } = await api.tracing.open(inquiry({ names: ['Nasir Hakimi'] }));
      await api.tracing.view({ inquiryId });

      const audit = hq.hqConsole.backend.installation
        .requireStore()
        .q.prepared(`SELECT action, method, entity_type, entity_id, detail FROM audit_log WHERE method = 'tracing.view' ORDER BY seq`)
        .all() as {
        action: string;
        entity_type: string;
        entity_id: string;
        detail: string | null;
      }[];
      expect(audit).toContainEqual(expect.objectContaining({ action: 'read', entity_type: 'tracing_inquiry', entity_id: inquiryId }));
      const shown = audit.filter((a) => a.entity_type === 'person');
      expect(shown.map((a) => a.entity_id)).toEqual([person.personId]);
      expect(JSON.parse(shown[0]!.detail!)).toMatchObject({ inquiryId });
      expect(audit.filter((a) => a.action === 'read' && a.entity_type === 'tracing_inquiry')).toHaveLength(1);
    });

    it('bad input is refused with a translated error and records nothing; an HQ administrator keeps no inquiries', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { api, call } = await analystOn(hq);
      const backwards = await call('tracing.open', { ...inquiry(), receivedOn: daysFromToday(-1), dueOn: daysFromToday(-5) });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error).toMatchObject({ messageKey: 'error.validation', fields: { dueOn: { key: 'error.tracing.dueBeforeReceived' } } });
      const future = await call('tracing.open', inquiry({ receivedOn: daysFromToday(3) }));
      expect(future.body.error).toMatchObject({ fields: { receivedOn: { key: 'error.tracing.receivedInFuture' } } });
      const nameless = await call('tracing.open', inquiry({ names: [] }));
      expect(nameless.status).toBe(400);
      const ages = await call('tracing.recordFound', { kind: 'unidentified', sex: 'male', ageMin: 40, ageMax: 30, description: 'x', foundPlace: 'Astara', foundOn: daysFromToday(-1) });
      expect(ages.body.error).toMatchObject({ fields: { ageMax: { key: 'error.tracing.ageOrder' } } });
      for (const key of ['error.tracing.dueBeforeReceived', 'error.tracing.receivedInFuture', 'error.tracing.ageOrder']) {
        for (const locale of ['az', 'en', 'ru'] as const) expect(catalogs[locale][key], `${locale} ${key}`).toBeTruthy();
      }
      expect((await api.tracing.list({ status: 'all' })).items).toEqual([]);
      expect((await api.tracing.records({})).items).toEqual([]);

      const { inquiryId } = await api.tracing.open(inquiry());
      await api.tracing.close({ inquiryId, reason: 'Withdrawn by the family' });
      expect((await refusal(api.tracing.review({ inquiryId, kind: 'person', candidateId: crypto.randomUUID(), decision: 'rejected', note: 'n' }))).messageKey).toBe('error.tracing.closed');

      const admin = browserOn(hq.url);
      await admin.api.auth.login({ username: 'hqadmin', password: consolePassword });
      expect((await admin.call('tracing.list', { status: 'open' })).status).toBe(403);
    });
  });
}
