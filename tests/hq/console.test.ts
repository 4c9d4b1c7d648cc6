import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../core/contract/errors';
import { clientFor } from '../helpers/backend';
import { refusal, useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { analystOn, consolePassword, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { hour, intakeAt } from '../helpers/intake';
import { completeFirstHour } from '../helpers/safeguards';
import { dialects } from './harness';

const centre = useCentre();
const hqs = useHq();

for (const dialect of dialects) {
  describe(`the HQ console on ${dialect}`, () => {
    it('shows every facility with its devices and the safeguards figures, with a drill-down to the person that the audit records', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);

      const { centre: baku, desk: bakuDesk } = await enrolledCentre(centre, hq, 'Baku centre');
      const { centre: ganja, desk: ganjaDesk } = await enrolledCentre(centre, hq, 'Ganja centre');

      // Baku: one person told their rights within the hour, one never told.
      const onTime = await bakuDesk.intake.submit(intakeAt(baku.clock.now));
      await completeFirstHour(bakuDesk, onTime.episodeId, baku.clock.now - 1.5 * hour);
      const untold = await bakuDesk.intake.submit(
        intakeAt(baku.clock.now, {}, { names: { original: 'Nodira Karimova', latin: 'Nodira Karimova', aliases: [] }, nationalities: ['UZB'], sex: 'female' }),
      );
      // Ganja: a child, told late (two hours after apprehension).
      const child = await ganjaDesk.intake.submit(
        intakeAt(ganja.clock.now, {}, { names: { original: 'Ali Rezaei', latin: 'Ali Rezaei', aliases: [] }, birth: { date: '2011-05-02', estimated: false } }),
      );
      await completeFirstHour(ganjaDesk, child.episodeId, ganja.clock.now);
      await bakuDesk.sync.run();
      await ganjaDesk.sync.run();

      const { api, raw } = await analystOn(hq);

      const fleet = await api.hq.facilities();
      expect(fleet.facilities.map((f) => [f.name, f.heldNow, f.devices.length])).toEqual([
        ['Baku centre', 2, 1],
        ['Ganja centre', 1, 1],
      ]);
      expect(fleet.consoleBehind).toBe(0);
      const bakuDevice = fleet.facilities[0]!.devices[0]!;
      expect(bakuDevice.ackedSeq).toBe((await bakuDesk.sync.status()).ackedSeq);
      expect(bakuDevice.lastPushAt).not.toBeNull();
      // each device tells HQ what still waits on it; after a full sync, nothing
      expect(bakuDevice.pending).toBe(0);

      const today = new Date(baku.clock.now).toISOString().slice(0, 10);
      const overview = await api.hq.compliance({ from: today, to: today });
      const byName = new Map(overview.facilities.map((f) => [f.name, f]));
      expect(byName.get('Baku centre')).toMatchObject({ episodes: 2, rightsWithinLimit: 1, rightsMissing: 1, rightsLate: 0, consularSent: 1, childrenHeldNow: 0, heldNow: 2 });
      expect(byName.get('Ganja centre')).toMatchObject({ episodes: 1, rightsWithinLimit: 0, rightsLate: 1, childrenHeldNow: 1 });
      expect(overview.total).toMatchObject({ episodes: 3, rightsWithinLimit: 1, rightsLate: 1, rightsMissing: 1, childrenHeldNow: 1, heldNow: 3 });
      // The Baku person never told has first-hour obligations overdue by now.
      expect(byName.get('Baku centre')!.overdueNow).toBeGreaterThanOrEqual(1);

      const missing = await api.hq.cases({ from: today, to: today, issue: 'rights_missing' });
      expect(missing.items.map((i) => [i.nameLatin, i.facilityName])).toEqual([['Nodira Karimova', 'Baku centre']]);
      const children = await api.hq.cases({ from: today, to: today, issue: 'child', facilityId: byName.get('Ganja centre')!.facilityId });
      expect(children.items.map((i) => i.personId)).toEqual([child.personId]);

      // Opening the person is a read of their record in the console's audit log.
      const view = await api.persons.view({ personId: untold.personId });
      expect(view.person.nameLatin).toBe('Nodira Karimova');
      await api.auth.logout();
      await api.auth.login({ username: 'hqadmin', password: consolePassword });
      const audit = await api.audit.list({ entityId: untold.personId });
      expect(audit.entries.some((e) => e.action === 'read' && e.method === 'persons.view' && e.actorName === 'Leyla Analyst')).toBe(true);

      // The console never records about a person, and is never set up over the network.
      const write = (await raw('persons.correct', { personId: untold.personId, changes: {}, reason: 'x' })) as { ok: false; error: ApiError };
      expect(write).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'error.hq.readOnly' } });
      const intake = (await raw('intake.submit', intakeAt(baku.clock.now))) as { ok: false; error: ApiError };
      expect(intake).toMatchObject({ ok: false, error: { messageKey: 'error.hq.readOnly' } });
      const setup = await raw('setup.initialize', {
        facilityName: 'x',
        facilityKind: 'headquarters',
        deviceName: 'x',
        admin: { username: 'evil', displayName: 'Evil', password: 'evil passphrase 2026' },
      });
      expect(setup).toMatchObject({ ok: false, error: { messageKey: 'error.hq.setupFromShell' } });
    });

    it('catches up with pushes made while nobody was signed in, and refuses a call from another site', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      for (let i = 0; i < 3; i++) await desk.intake.submit(intakeAt(baku.clock.now, {}, { names: { original: `Person ${i}`, latin: `Person ${i}`, aliases: [] } }));
      await desk.sync.run();
      expect(hq.hqConsole.backend.installation.isOpen).toBe(false);

      const { api } = await analystOn(hq);
      const register = await api.register.list({});
      expect(register.total).toBe(3);

      const crossSite = await fetch(`${hq.url}/rpc/hq.facilities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-qeyd-client': '1', origin: 'http://evil.example' },
        body: '{}',
      });
      expect(crossSite.status).toBe(403);
    });
  });
}

describe('a centre device', () => {
  it('has no HQ console: the cross-facility views refuse there', async () => {
    const baku = await centre();
    // The centre's administrator holds the fleet and revocation permissions (they are an HQ administrator's),
    // but a centre has no fleet: both refuse there; a centre head has neither.
    expect((await refusal(baku.inst.admin.hq.facilities())).messageKey).toBe('error.hq.only');
    expect((await refusal(baku.inst.admin.hq.revokeDevice({ deviceId: randomUUID(), reason: 'Lost on the road' }))).messageKey).toBe('error.hq.only');
    const head = await baku.as('centre_head');
    expect((await refusal(head.hq.facilities())).messageKey).toBe('error.forbidden');
    // an anonymous caller is refused before anything else
    const anon = clientFor(baku.inst.backend);
    expect((await refusal(anon.hq.facilities())).code).toBe('unauthenticated');
  });
});
