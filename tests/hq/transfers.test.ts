import { describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';
import { transferFetchesPerMinute } from '../../core/sync-transfers';
import { HqClient } from '../../main/sync/hq-client';
import { refusal, useCentre } from '../helpers/centre';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq, type RunningHqWithConsole } from '../helpers/hq';
import { hour, intakeAt } from '../helpers/intake';
import { dialects } from './harness';

/**
 * Issue #15 §6, docs/sync.md#transfers-between-centres: a person transferred between two centres arrives
 * with their record, their open obligations and their history, through HQ or a signed file; both sides
 * record a handover check. Two centres and an HQ, real clients and roles, HQ on both engines.
 */
const centre = useCentre();
const hqs = useHq();

const translated = (key: string) => (['az', 'en', 'ru'] as const).every((l) => typeof catalogs[l][key] === 'string');

async function twoCentres(hq: RunningHqWithConsole) {
  await setUpHqConsole(hq);
  const { centre: baku, desk: bakuDesk } = await enrolledCentre(centre, hq, 'Baku centre');
  const { centre: ganja, desk: ganjaDesk } = await enrolledCentre(centre, hq, 'Ganja centre');
  const held = await bakuDesk.intake.submit(intakeAt(baku.clock.now, {}, { names: { original: 'Гусейнов Эльчин', latin: 'Huseynov Elchin', aliases: [] }, nationalities: ['RUS'] }));
  await bakuDesk.sync.run();
  await ganjaDesk.sync.run();
  const ganjaId = (await bakuDesk.transfers.facilities({})).facilities.find((f) => f.name === 'Ganja centre')!.facilityId;
  const bakuId = (await ganjaDesk.transfers.facilities({})).facilities.find((f) => f.name === 'Baku centre')!.facilityId;
  return { baku, ganja, bakuDesk, ganjaDesk, held, ganjaId, bakuId };
}

type Setup = Awaited<ReturnType<typeof twoCentres>>;

const handover = {
  escort: { names: 'Sgt. R. Əliyev, Cpl. T. Həsənov', service: 'Convoy unit 3' },
  documents: ['Passport P0123456', 'Court decision 2-1234/2026'],
  property: ['Mobile phone'],
  note: 'Daily insulin',
};

async function dispatch(c: Setup, at = c.baku.clock.now) {
  return c.bakuDesk.transfers.dispatch({ episodeId: c.held.episodeId, toFacilityId: c.ganjaId, at: new Date(at).toISOString(), reason: 'Capacity at Baku', handover });
}

const fullCheck = {
  identityConfirmed: true,
  escortIdentified: true,
  documents: handover.documents.map((item) => ({ item, received: true })),
  property: [{ item: 'Mobile phone', received: false }],
  discrepancies: 'The phone stayed at Baku; the escort says it follows by post.',
};

/** The person's obligations as the due-now board lists them: kind and due time, whatever the centre. */
async function obligationsOf(desk: Setup['bakuDesk'], personId: string) {
  const { items } = await desk.dueNow.list({ includeUpcoming: true });
  return items
    .filter((i) => i.personId === personId)
    .map((i) => `${i.kind}@${i.dueAt}`)
    .sort();
}

for (const dialect of dialects) {
  describe(`transfers between centres on ${dialect}`, () => {
    it('a person transferred through HQ arrives with their record and running clocks, and the sending centre closes its episode when told', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const personId = c.held.personId;
      const before = await obligationsOf(c.bakuDesk, personId);
      expect(before.length).toBeGreaterThan(0);
      await c.baku.advance(hour);
      await c.ganja.advance(hour);
      const { transferId } = await dispatch(c);
      // In transfer: still held (by the escort), still on the board, not renamed.
      const sent = await c.bakuDesk.transfers.ofPerson({ personId });
      expect(sent.transfers).toMatchObject([{ transferId, status: 'dispatched', toFacilityName: 'Ganja centre', receivedHere: false }]);
      expect(await obligationsOf(c.bakuDesk, personId)).toEqual(before);
      expect((await refusal(dispatch(c))).messageKey).toBe('error.transfer.alreadyInTransfer');

      await c.bakuDesk.sync.run();
      await c.ganjaDesk.sync.run();
      expect((await c.bakuDesk.transfers.incoming({})).transfers).toEqual([]);
      const incoming = (await c.ganjaDesk.transfers.incoming({})).transfers;
      expect(incoming).toMatchObject([{ transferId, personId, person: { nameLatin: 'Huseynov Elchin' }, fromFacilityName: 'Baku centre', handover, source: 'hq' }]);
      expect(incoming[0]!.events).toBeGreaterThanOrEqual(3);

      // The receiving side's handover check: a missing item needs its note.
      const noNote = await refusal(c.ganjaDesk.transfers.admit({ transferId, at: new Date(c.ganja.clock.now).toISOString(), check: { ...fullCheck, discrepancies: undefined } }));
      expect(noNote.messageKey).toBe('error.transfer.discrepancyNote');
      expect((await refusal(c.ganjaDesk.transfers.admit({ transferId, at: new Date(c.ganja.clock.now).toISOString(), check: { ...fullCheck, identityConfirmed: false } }))).messageKey).toBe(
        'error.transfer.identityNotConfirmed',
      );
      expect(c.ganja.count('persons')).toBe(0);
      const admitted = await c.ganjaDesk.transfers.admit({ transferId, at: new Date(c.ganja.clock.now).toISOString(), check: fullCheck });
      expect(admitted).toMatchObject({ personId, episodeId: c.held.episodeId });
      // The same person, the same episode, the same clocks: nothing restarts at the receiving centre.
      expect(await obligationsOf(c.ganjaDesk, personId)).toEqual(before);
      const view = await c.ganjaDesk.persons.view({ personId });
      expect(JSON.stringify(view)).toContain('Huseynov Elchin');
      const received = await c.ganjaDesk.transfers.ofPerson({ personId });
      expect(received.transfers).toMatchObject([{ transferId, status: 'received', receivedHere: true, discrepancies: true, fromFacilityName: 'Baku centre' }]);
      expect(received.carried.map((e) => e.type)).toEqual(expect.arrayContaining(['person.registered', 'document.recorded', 'episode.admitted']));
      expect(received.carried.every((e) => e.facilityName === 'Baku centre')).toBe(true);
      expect((await c.ganjaDesk.transfers.incoming({})).transfers).toEqual([]);
      expect((await refusal(c.ganjaDesk.transfers.admit({ transferId, at: new Date(c.ganja.clock.now).toISOString(), check: fullCheck }))).messageKey).toBe('error.transfer.alreadyHere');

      // The phone the check found missing is still Baku's to send: Ganja records it as not arrived, naming
      // Baku, so it does not hold up his exit here. Baku itself cannot say that of an item it holds.
      const notArrived = { at: new Date(c.ganja.clock.now).toISOString(), kind: 'retained' as const, retainReason: 'not_received' as const, to: 'Baku centre', note: 'Follows by post' };
      const [phone] = (await c.ganjaDesk.property.list({ personId })).episodes.flatMap((e) => e.items);
      expect(phone).toMatchObject({ description: 'Mobile phone', state: 'held' });
      expect((await refusal(c.bakuDesk.property.release({ episodeId: c.held.episodeId, itemIds: [phone!.itemId], release: notArrived }))).messageKey).toBe('error.property.notReceivedWithoutTransfer');
      await c.ganjaDesk.property.release({ episodeId: c.held.episodeId, itemIds: [phone!.itemId], release: notArrived });
      expect((await c.ganjaDesk.property.list({ personId })).episodes.flatMap((e) => e.items).map((i) => [i.description, i.state])).toEqual([['Mobile phone', 'retained']]);

      // The receiving centre now records on the person; HQ applies it (the records are Ganja's now).
      await c.ganjaDesk.sync.run();
      await c.ganjaDesk.episodes.requestExtension({ episodeId: c.held.episodeId, at: new Date(c.ganja.clock.now).toISOString(), note: 'Court asked for more time' });
      await c.ganjaDesk.sync.run();
      const quarantined = await hq.hq.db.selectFrom('events').select(['type', 'quarantine_reason']).where('quarantine_reason', 'is not', null).execute();
      expect(quarantined).toEqual([]);

      // The sending centre learns it at its next sync, and its episode closes as transferred.
      await c.bakuDesk.sync.run();
      const told = await c.bakuDesk.transfers.ofPerson({ personId });
      expect(told.transfers).toMatchObject([{ transferId, status: 'received', discrepancies: true, confirmedAt: expect.any(String) }]);
      expect(await obligationsOf(c.bakuDesk, personId)).toEqual([]);
      const row = c.baku.inst.backend.installation.requireStore().sqlite.prepare('SELECT state, outcome, in_transfer FROM episodes WHERE episode_id = ?').get(c.held.episodeId) as Record<
        string,
        unknown
      >;
      expect(row).toEqual({ state: 'CLOSED', outcome: 'transferred_centre', in_transfer: null });
      expect(JSON.stringify(await c.bakuDesk.persons.view({ personId }))).toContain('CLOSED');
      // HQ's console sees one person, held at Ganja, with the transfer received.
      await c.bakuDesk.sync.run();
      const analyst = (await analystOn(hq)).api;
      const atHq = await analyst.transfers.ofPerson({ personId });
      expect(atHq.transfers).toMatchObject([{ transferId, status: 'received', toFacilityName: 'Ganja centre' }]);
      const consoleEpisode = hq.hqConsole.backend.installation.requireStore().sqlite.prepare('SELECT state, facility_name FROM episodes WHERE episode_id = ?').get(c.held.episodeId) as Record<
        string,
        unknown
      >;
      expect(consoleEpisode).toEqual({ state: 'EXTENSION_PENDING', facility_name: expect.any(String) });
      expect((await analyst.transfers.figures({ from: '2026-11-01', to: '2026-11-30' })).in).toBe(1);
      // HQ counts him held at Ganja now; his first hours stay Baku's (Baku admitted him and told him his rights).
      const fleet = (await analyst.hq.facilities()).facilities.map((f) => [f.name, f.heldNow]);
      expect(fleet).toEqual([
        ['Baku centre', 0],
        ['Ganja centre', 1],
      ]);
      const compliance = new Map((await analyst.hq.compliance({ from: '2026-11-01', to: '2026-11-30' })).facilities.map((f) => [f.name, [f.episodes, f.heldNow]]));
      expect(Object.fromEntries(compliance)).toEqual({ 'Baku centre': [1, 0], 'Ganja centre': [0, 1] });
      const overdue = await analyst.hq.cases({ from: '2026-11-01', to: '2026-11-30', issue: 'overdue', facilityId: c.ganjaId });
      expect(overdue.items.map((i) => [i.personId, i.facilityName])).toEqual([[personId, 'Ganja centre']]);
      expect(await c.ganjaDesk.transfers.figures({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ out: 0, in: 1, inTransitNow: 0, refused: 0, withDiscrepancies: 1 });
      expect(await c.bakuDesk.transfers.figures({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ out: 1, in: 0, inTransitNow: 0, refused: 0, withDiscrepancies: 0 });
      expect(await c.bakuDesk.transfers.figures({ from: '2026-12-01', to: '2026-12-31' })).toEqual({ out: 0, in: 0, inTransitNow: 0, refused: 0, withDiscrepancies: 0 });
    });

    it('offline, a signed file carries the transfer, accepted once whether it comes by file or by HQ; a refused transfer brings the person back', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const personId = c.held.personId;
      const { transferId } = await dispatch(c);
      const file = await c.bakuDesk.transfers.exportFile({ transferId });
      // Not for Baku; tampered; then accepted once.
      expect((await refusal(c.bakuDesk.transfers.importFile({ content: file.content }))).messageKey).toBe('error.transfer.notForUs');
      const tampered = file.content.replace('Capacity at Baku', 'Capacity at Bakx');
      expect((await refusal(c.ganjaDesk.transfers.importFile({ content: tampered }))).messageKey).toBe('error.transfer.badPackage');
      expect((await refusal(c.ganjaDesk.transfers.importFile({ content: '{"format":"nothing"}' }))).messageKey).toBe('error.transfer.badFile');
      expect(await c.ganjaDesk.transfers.importFile({ content: file.content })).toEqual({ transferId });
      expect((await refusal(c.ganjaDesk.transfers.importFile({ content: file.content }))).messageKey).toBe('error.transfer.alreadyHere');
      expect((await c.ganjaDesk.transfers.incoming({})).transfers).toMatchObject([{ transferId, source: 'file' }]);
      // The same package through HQ is not a second one.
      await c.bakuDesk.sync.run();
      await c.ganjaDesk.sync.run();
      expect((await c.ganjaDesk.transfers.incoming({})).transfers).toHaveLength(1);

      await c.ganjaDesk.transfers.refuse({ transferId, at: new Date(c.ganja.clock.now).toISOString(), reason: 'Not the person named: the escort brought someone else.' });
      expect(c.ganja.count('persons')).toBe(0);
      expect((await refusal(c.ganjaDesk.transfers.importFile({ content: file.content }))).messageKey).toBe('error.transfer.alreadyHere');
      await c.ganjaDesk.sync.run();
      await c.bakuDesk.sync.run();
      const back = await c.bakuDesk.transfers.ofPerson({ personId });
      expect(back.transfers).toMatchObject([{ transferId, status: 'refused' }]);
      const row = c.baku.inst.backend.installation.requireStore().sqlite.prepare('SELECT state, in_transfer FROM episodes WHERE episode_id = ?').get(c.held.episodeId) as Record<string, unknown>;
      expect(row).toEqual({ state: 'ACTIVE', in_transfer: null });
      expect(await c.bakuDesk.transfers.figures({ from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ out: 1, refused: 1, inTransitNow: 0 });
      // Back at Baku, the person can be transferred again.
      await dispatch(c);
    });

    it('refuses a transfer to an unknown centre or to this one, and admitting a person already held here', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      const at = new Date(c.baku.clock.now).toISOString();
      const episodeId = c.held.episodeId;
      const unknown = await refusal(c.bakuDesk.transfers.dispatch({ episodeId, toFacilityId: 'no-such-centre', at, reason: 'x', handover }));
      expect(unknown.messageKey).toBe('error.transfer.unknownFacility');
      const own = await refusal(c.bakuDesk.transfers.dispatch({ episodeId, toFacilityId: c.bakuId, at, reason: 'x', handover }));
      expect(own.messageKey).toBe('error.transfer.ownFacility');
      expect(c.baku.count('transfers')).toBe(0);
      // Ganja admits, then sends the person back by file before Baku has heard: Baku still holds them.
      const { transferId } = await dispatch(c);
      await c.bakuDesk.sync.run();
      await c.ganjaDesk.sync.run();
      await c.ganjaDesk.transfers.admit({
        transferId,
        at: new Date(c.ganja.clock.now).toISOString(),
        check: { ...fullCheck, property: [{ item: 'Mobile phone', received: true }], discrepancies: undefined },
      });
      const back = await c.ganjaDesk.transfers.dispatch({ episodeId, toFacilityId: c.bakuId, at: new Date(c.ganja.clock.now).toISOString(), reason: 'Court hearing in Baku', handover });
      const file = await c.ganjaDesk.transfers.exportFile({ transferId: back.transferId });
      await c.bakuDesk.transfers.importFile({ content: file.content });
      const held = await refusal(c.bakuDesk.transfers.admit({ transferId: back.transferId, at: new Date(c.baku.clock.now).toISOString(), check: fullCheck }));
      expect(held.messageKey).toBe('error.transfer.alreadyHeld');
      // Once Baku hears its own transfer was received, its episode is closed and the person may come back.
      await c.ganjaDesk.sync.run();
      await c.bakuDesk.sync.run();
      const again = await c.bakuDesk.transfers.admit({ transferId: back.transferId, at: new Date(c.baku.clock.now).toISOString(), check: fullCheck });
      expect(again.personId).toBe(c.held.personId);
      const row = c.baku.inst.backend.installation.requireStore().sqlite.prepare('SELECT state, in_transfer FROM episodes WHERE episode_id = ?').get(episodeId) as Record<string, unknown>;
      expect(row).toEqual({ state: 'ACTIVE', in_transfer: null });
      for (const key of [
        'error.transfer.unknownFacility',
        'error.transfer.ownFacility',
        'error.transfer.alreadyHeld',
        'error.transfer.alreadyInTransfer',
        'error.transfer.badPackage',
        'error.transfer.notForUs',
        'error.transfer.alreadyHere',
      ])
        expect(translated(key)).toBe(true);
    });

    it('HQ hands packages only to the receiving facility, and limits and audits the requests', async () => {
      const hq = await hqs.startWithConsole(dialect);
      const c = await twoCentres(hq);
      await dispatch(c);
      await c.bakuDesk.sync.run();
      const store = c.baku.inst.backend.installation.requireStore();
      const client = new HqClient(hq.url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey });
      expect((await client.transfers({ awaiting: [] })).packages).toEqual([]);
      // Hostile or unsigned requests: refused with their reason, never a 500.
      expect((await refusal(client.transfers({ awaiting: ['not-a-transfer'] }))).messageKey).toBe('error.validation');
      expect((await refusal(client.transfers({ awaiting: [], more: true } as never))).messageKey).toBe('error.validation');
      const unsigned = await fetch(new URL('/api/sync/transfers', hq.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"awaiting":[]}' });
      expect(unsigned.status).toBe(401);
      // Each sync asked once already, within the same minute.
      const asked = (await hq.hq.db.selectFrom('transfer_fetches').select('fetch_id').where('device_id', '=', store.device.deviceId).execute()).length;
      for (let i = asked; i < transferFetchesPerMinute; i++) await client.transfers({ awaiting: [] });
      const limited = await refusal(client.transfers({ awaiting: [] }));
      expect(limited.messageKey).toBe('error.sync.transfersRateLimited');
      expect(translated('error.sync.transfersRateLimited')).toBe(true);
      const fetches = await hq.hq.db.selectFrom('transfer_fetches').select(['outcome']).where('device_id', '=', store.device.deviceId).execute();
      expect(fetches.filter((f) => f.outcome === 'rate_limited')).toHaveLength(1);
      // The package is sealed at rest: no name in clear.
      const rows = await hq.hq.db.selectFrom('transfer_packages').select(['content', 'status']).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe('pending');
      expect(rows[0]!.content).not.toContain('Huseynov');
    });
  });
}
