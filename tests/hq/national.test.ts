import { describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';
import { hqVault } from '../../hq/vault';
import { lockEventLog } from '../../hq/sync/push';
import { backfillNationalIndex, nameKeyVersion, rekeyNationalIndex } from '../../hq/sync/national';
import { refusal, useCentre } from '../helpers/centre';
import { useHq, type RunningHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { dialects } from './harness';

const centre = useCentre();
const hqs = useHq();

const iso = (ms: number) => new Date(ms).toISOString();
const bakuPerson = { names: { original: 'Гусейнов Али', latin: 'Guseynov Ali', aliases: ['Ali Hus'] }, birth: { date: '1990-05-02', estimated: false }, nationalities: ['IRN'] };
/** What the second centre's registrar types: the same man in Azerbaijani Latin. */
const asTyped = { names: { original: 'Hüseynov Əli', latin: 'Guseynov Ali', aliases: [] }, birthDate: '1990-05-02', nationalities: ['IRN'] };

/** Two centres of two facilities, both enrolled with one HQ; Baku has admitted the man and synced. */
async function twoCentres(hq: RunningHq) {
  const { centre: baku, desk: bakuDesk } = await enrolledCentre(centre, hq, 'Baku centre');
  const { centre: ganja, desk: ganjaDesk } = await enrolledCentre(centre, hq, 'Ganja centre');
  const admitted = await bakuDesk.intake.submit(intakeAt(baku.clock.now, {}, bakuPerson));
  await bakuDesk.sync.run();
  return { baku, ganja, bakuDesk, ganjaDesk, admitted };
}

for (const dialect of dialects) {
  describe(`the national duplicate check on ${dialect}`, () => {
    it('a person admitted at another centre is found nationally at intake', async () => {
      const hq = await hqs.start(dialect);
      const { ganja, bakuDesk, ganjaDesk, admitted } = await twoCentres(hq);
      const bakuRecord = (await bakuDesk.persons.get({ personId: admitted.personId })).person;

      const outcome = await ganjaDesk.national.check(asTyped);
      expect(outcome.status).toBe('checked');
      if (outcome.status !== 'checked') return;
      expect(outcome.candidates).toHaveLength(1);
      const card = outcome.candidates[0]!;
      expect(card).toMatchObject({
        facilityName: 'Baku centre',
        personId: admitted.personId,
        registerNo: bakuRecord.registerNo,
        names: { original: 'Гусейнов Али', latin: 'Guseynov Ali', aliases: ['Ali Hus'] },
        birthYear: 1990,
        state: 'held',
      });
      expect(card.score).toBeGreaterThanOrEqual(0.8);
      expect(card.reasons).toContain('birth_within_year');

      // HQ's audit of lookups: the device, its facility, the user who asked, how many answers; no name.
      const ganjaUser = (ganja.inst.backend.installation.requireStore().sqlite.prepare("SELECT user_id FROM users WHERE username = 'registrar'").get() as { user_id: string }).user_id;
      // (Baku's own intake was checked at its sync: a lookup of its device, naming the record.)
      const lookups = await hq.hq.db.selectFrom('national_lookups').selectAll().where('person_id', 'is', null).execute();
      expect(lookups).toHaveLength(1);
      expect(lookups[0]).toMatchObject({ device_id: ganja.inst.backend.installation.requireStore().device.deviceId, asked_by: ganjaUser, outcome: 'ok', results: 1 });
      // Nothing at HQ lists the names in clear: the card is sealed, the keys are keyed hashes.
      const index = JSON.stringify([await hq.hq.db.selectFrom('national_persons').selectAll().execute(), await hq.hq.db.selectFrom('national_name_keys').selectAll().execute(), lookups]);
      for (const word of ['Guseynov', 'Гусейнов', 'gsnv', 'Hüseynov']) expect(index).not.toContain(word);

      // The device that registered him is not told about its own record.
      const own = await bakuDesk.national.check(asTyped);
      expect(own.status === 'checked' && own.candidates.length).toBe(0);
    });

    it('the national card carries no protection details', async () => {
      const hq = await hqs.start(dialect);
      const { baku, bakuDesk, ganjaDesk, admitted } = await twoCentres(hq);
      await bakuDesk.asylum.express({
        personId: admitted.personId,
        episodeId: admitted.episodeId,
        expression: { at: iso(baku.clock.now), place: 'centre', words: 'I cannot go back', language: 'fa' },
      });
      await bakuDesk.sync.run();
      const outcome = await ganjaDesk.national.check(asTyped);
      if (outcome.status !== 'checked') throw new Error('not checked');
      const card = outcome.candidates[0]!;
      expect(Object.keys(card).sort()).toEqual(['birthYear', 'facilityId', 'facilityName', 'links', 'names', 'personId', 'reasons', 'registerNo', 'score', 'state', 'stateSince']);
      expect(Object.keys(card.names).sort()).toEqual(['aliases', 'latin', 'original']);
      const text = JSON.stringify(card).toLowerCase();
      for (const word of ['asylum', 'cannot go back', 'trafficking', 'vulnerab', 'screening', 'npm', 'visit', 'iRN'.toLowerCase(), '1990-05-02']) expect(text).not.toContain(word);
    });

    it('an offline intake says not checked nationally and the next sync raises a task when HQ finds a match', async () => {
      const hq = await hqs.start(dialect);
      const { ganja, ganjaDesk, admitted } = await twoCentres(hq);
      // A centre never enrolled with HQ: not checked nationally, and it says why.
      const alone = await centre();
      expect(await (await alone.as('registrar')).national.check(asTyped)).toEqual({ status: 'not_checked', reason: 'not_enrolled', messageKey: null });
      await hq.down();
      const offline = await ganjaDesk.national.check(asTyped);
      expect(offline).toEqual({ status: 'not_checked', reason: 'unreachable', messageKey: null });
      const local = await ganjaDesk.intake.submit(intakeAt(ganja.clock.now, {}, { ...bakuPerson, names: asTyped.names }));
      expect((await ganjaDesk.national.forPerson({ personId: local.personId })).check).toMatchObject({ status: 'pending', checkedAt: null, candidates: [] });
      expect((await ganjaDesk.national.tasks({})).tasks).toEqual([]);

      await hq.up();
      await ganjaDesk.sync.run();
      const tasks = (await ganjaDesk.national.tasks({})).tasks;
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ personId: local.personId, nameLatin: 'Guseynov Ali', candidates: 1 });
      const check = (await ganjaDesk.national.forPerson({ personId: local.personId })).check!;
      expect(check.status).toBe('match');
      expect(check.candidates[0]).toMatchObject({ personId: admitted.personId, facilityName: 'Baku centre', state: 'held' });
      // The check at sync is on the device's audit log as a read of the person sent to HQ.
      const audit = ganja.inst.backend.installation.requireStore().sqlite.prepare("SELECT entity_id, outcome FROM audit_log WHERE action = 'national.checked'").all();
      expect(audit).toEqual([{ entity_id: local.personId, outcome: 'ok' }]);
      // The lookup HQ audited names the record re-checked, not the names.
      expect(await hq.hq.db.selectFrom('national_lookups').select(['person_id', 'results']).where('person_id', '=', local.personId).execute()).toEqual([{ person_id: local.personId, results: 1 }]);

      // Not the same person: the task closes, audited, and a second sync does not raise it again.
      await ganjaDesk.national.dismiss({ personId: local.personId, reason: 'Different father’s name on the passport' });
      await ganjaDesk.sync.run();
      expect((await ganjaDesk.national.tasks({})).tasks).toEqual([]);
    });

    it('a national check past the rate limit is refused with a translated error', async () => {
      const hq = await hqs.start(dialect);
      const { ganja, ganjaDesk } = await twoCentres(hq);
      for (let i = 0; i < 30; i++) expect((await ganjaDesk.national.check(asTyped)).status).toBe('checked');
      const refused = await ganjaDesk.national.check(asTyped);
      expect(refused).toEqual({ status: 'not_checked', reason: 'refused', messageKey: 'error.sync.nationalRateLimited' });
      for (const catalog of Object.values(catalogs)) expect(catalog['error.sync.nationalRateLimited']).toBeTruthy();
      const outcomes = await hq.hq.db.selectFrom('national_lookups').select('outcome').where('device_id', '=', ganja.inst.backend.installation.requireStore().device.deviceId).execute();
      expect(outcomes.filter((o) => o.outcome === 'ok')).toHaveLength(30);
      expect(outcomes.filter((o) => o.outcome === 'rate_limited')).toHaveLength(1);
    });

    it('a link across facilities is audited and can be undone', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { ganja, ganjaDesk, admitted } = await twoCentres(hq);
      const outcome = await ganjaDesk.national.check(asTyped);
      if (outcome.status !== 'checked') throw new Error('not checked');
      const local = await ganjaDesk.intake.submit(intakeAt(ganja.clock.now, { national: { checkedAt: outcome.checkedAt, candidates: outcome.candidates } }, { ...bakuPerson, names: asTyped.names }));
      expect((await ganjaDesk.national.tasks({})).tasks.map((t) => t.personId)).toEqual([local.personId]);
      const card = outcome.candidates[0]!;

      // Only a record HQ named for this person can be linked; a duty officer without the right cannot link at all.
      expect((await refusal(ganjaDesk.national.link({ personId: local.personId, facilityId: card.facilityId, otherPersonId: local.personId, reason: 'Same passport' }))).messageKey).toBe(
        'error.national.unknownCandidate',
      );
      const head = await ganja.as('centre_head');
      await ganjaDesk.national.link({ personId: local.personId, facilityId: card.facilityId, otherPersonId: admitted.personId, reason: 'Same passport number P0123456' });
      expect((await ganjaDesk.national.tasks({})).tasks).toEqual([]);
      const links = (await head.national.forPerson({ personId: local.personId })).links;
      expect(links).toMatchObject([{ facilityName: 'Baku centre', personId: admitted.personId, registerNo: card.registerNo, reason: 'Same passport number P0123456' }]);
      const store = ganja.inst.backend.installation.requireStore();
      const audited = () => store.sqlite.prepare("SELECT action FROM audit_log WHERE entity_id = ? AND action LIKE 'person.national%' ORDER BY seq").all(local.personId);
      expect(audited()).toEqual([{ action: 'person.nationalLinked' }]);

      // Synced: HQ's index shows the link, and a third centre's check sees it on the card.
      await ganjaDesk.sync.run();
      expect(await hq.hq.db.selectFrom('national_links').select(['person_id', 'other_person_id']).execute()).toEqual([{ person_id: local.personId, other_person_id: admitted.personId }]);
      // HQ's console projects the device's event too: the person's view there shows the link.
      const { api } = await analystOn(hq);
      expect((await api.national.forPerson({ personId: local.personId })).links).toMatchObject([{ facilityName: 'Baku centre', personId: admitted.personId, reason: 'Same passport number P0123456' }]);
      // Nothing is recorded at the console: the link is a centre's act.
      expect((await refusal(api.national.link({ personId: local.personId, facilityId: card.facilityId, otherPersonId: admitted.personId, reason: 'x' }))).code).not.toBe('internal');
      const shusha = await centre();
      await shusha.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Shusha centre') });
      const third = await (await shusha.as('registrar')).national.check(asTyped);
      if (third.status !== 'checked') throw new Error('not checked');
      const baku = third.candidates.find((c) => c.personId === admitted.personId)!;
      expect(baku.links).toEqual([{ facilityId: expect.any(String), facilityName: 'Ganja centre', personId: local.personId, registerNo: expect.any(String) }]);

      // Undone, with a reason: the link goes on the device and at HQ, and the task comes back.
      await ganjaDesk.national.unlink({ personId: local.personId, otherPersonId: admitted.personId, reason: 'Linked by mistake: a namesake' });
      expect((await ganjaDesk.national.forPerson({ personId: local.personId })).links).toEqual([]);
      expect(audited()).toEqual([{ action: 'person.nationalLinked' }, { action: 'person.nationalUnlinked' }]);
      expect((await ganjaDesk.national.tasks({})).tasks.map((t) => t.personId)).toEqual([local.personId]);
      await ganjaDesk.sync.run();
      expect(await hq.hq.db.selectFrom('national_links').selectAll().execute()).toEqual([]);
      expect((await api.national.forPerson({ personId: local.personId })).links).toEqual([]);
    });

    it('rows indexed under an older name-key version are re-keyed at start, and events held before the index are indexed once', async () => {
      const hq = await hqs.start(dialect);
      const { baku, bakuDesk, ganjaDesk, admitted } = await twoCentres(hq);
      // Baku's second registration: register number 2 of its device, counted at HQ as the device counts.
      const second = await bakuDesk.intake.submit(intakeAt(baku.clock.now, {}, { names: { original: 'Rustam Karimov', latin: 'Rustam Karimov', aliases: [] }, nationalities: ['UZB'] }));
      await bakuDesk.sync.run();
      const secondNo = (await bakuDesk.persons.get({ personId: second.personId })).person.registerNo;
      expect(secondNo).toMatch(/-2$/);
      // As if an older nameKeys had written the keys: they no longer match what a lookup computes.
      await hq.hq.db.deleteFrom('national_name_keys').execute();
      await hq.hq.db.updateTable('national_persons').set({ key_version: 'nk-older' }).execute();
      const before = await ganjaDesk.national.check(asTyped);
      expect(before.status === 'checked' && before.candidates).toEqual([]);
      expect(await rekeyNationalIndex(hq.hq)).toBe(2);
      expect((await hq.hq.db.selectFrom('national_persons').select('key_version').executeTakeFirstOrThrow()).key_version).toBe(nameKeyVersion);
      expect(await rekeyNationalIndex(hq.hq)).toBe(0);
      const after = await ganjaDesk.national.check(asTyped);
      expect(after.status === 'checked' && after.candidates.map((c) => c.personId)).toEqual([admitted.personId]);

      // An HQ upgraded with events already held: the backfill indexes them from the sealed payloads, once.
      const cards = await hq.hq.db.selectFrom('national_persons').select(['person_id', 'facility_id']).execute();
      for (const t of ['national_persons', 'national_name_keys', 'national_episodes', 'national_register_counters'] as const) await hq.hq.db.deleteFrom(t).execute();
      await hq.hq.db.deleteFrom('hq_meta').where('key', '=', 'national_index_state').execute();
      const lock = (trx: Parameters<typeof lockEventLog>[0]) => lockEventLog(trx, hq.hq);
      expect(await backfillNationalIndex(hq.hq, lock)).toBeGreaterThan(0);
      expect(await backfillNationalIndex(hq.hq, lock)).toBe(0);
      expect(await hq.hq.db.selectFrom('national_persons').select(['person_id', 'facility_id']).execute()).toEqual(cards);
      const vault = await hqVault(hq.hq);
      expect(vault.keyedHash('national-name-key', 'gsnv')).not.toBe('gsnv');
      const again = await ganjaDesk.national.check(asTyped);
      expect(again.status === 'checked' && again.candidates[0]).toMatchObject({ personId: admitted.personId, state: 'held' });
      const karimov = await ganjaDesk.national.check({ names: { original: 'Рустам Каримов', latin: 'Rustam Karimov', aliases: [] }, nationalities: [] });
      expect(karimov.status === 'checked' && karimov.candidates[0]).toMatchObject({ personId: second.personId, registerNo: secondNo });
    });
  });
}
