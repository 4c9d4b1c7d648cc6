import { describe, expect, it } from 'vitest';
import { ApiError } from '../../core/contract/errors';
import { HqClient } from '../../main/sync/hq-client';
import { useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { analystOn, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { intakeAt } from '../helpers/intake';
import { dialects } from './harness';

const centre = useCentre();
const hqs = useHq();

for (const dialect of dialects) {
  describe(`a centre's users at the HQ console on ${dialect}`, () => {
    it('are named in a person’s timeline as "<display name> (<facility>)", not as an unknown user', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const intake = await desk.intake.submit(intakeAt(baku.clock.now));
      await desk.sync.run();

      const { api } = await analystOn(hq);
      const view = await api.persons.view({ personId: intake.personId });
      expect(view.history.length).toBeGreaterThan(0);
      expect(new Set(view.history.map((h) => h.actorName))).toEqual(new Set(['User registrar (Baku centre)']));

      // Only the id and the display name leave the device: no user name, roles or password hash.
      const kept = await hq.hq.db.selectFrom('device_users').selectAll().execute();
      expect(kept.length).toBeGreaterThanOrEqual(2);
      expect(kept.every((u) => Object.keys(u).sort().join() === 'device_id,display_name,reported_at,user_id')).toBe(true);
      expect(kept.map((u) => u.display_name)).toContain('User registrar');
    });

    it('a report HQ cannot accept is refused with a translated error, and the names it had stay', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const intake = await desk.intake.submit(intakeAt(baku.clock.now));
      await desk.sync.run();
      const before = await hq.hq.db.selectFrom('device_users').selectAll().orderBy('user_id').execute();

      const store = baku.inst.backend.installation.requireStore();
      const client = new HqClient(hq.url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey, incarnation: Number(store.meta('sync_incarnation') ?? 0) });
      const registrar = before.find((u) => u.display_name === 'User registrar')!;
      const bad = [
        { users: [{ userId: registrar.user_id, displayName: '' }] },
        { users: [{ userId: registrar.user_id, displayName: 'Renamed\u0007' }] },
        { users: [{ userId: registrar.user_id, displayName: 'Renamed', roles: ['admin'] }] },
        {
          users: [
            { userId: registrar.user_id, displayName: 'One' },
            { userId: registrar.user_id, displayName: 'Two' },
          ],
        },
        { users: [{ userId: registrar.user_id, displayName: 'x'.repeat(201) }] },
      ];
      for (const body of bad) {
        const refused = await client.users(body as never).then(
          () => null,
          (e: unknown) => e,
        );
        expect(refused, JSON.stringify(body).slice(0, 80)).toBeInstanceOf(ApiError);
        expect(refused).toMatchObject({ code: 'validation', messageKey: 'error.validation' });
      }
      expect(await hq.hq.db.selectFrom('device_users').selectAll().orderBy('user_id').execute()).toEqual(before);

      const { api } = await analystOn(hq);
      const view = await api.persons.view({ personId: intake.personId });
      expect(view.history.every((h) => h.actorName === 'User registrar (Baku centre)')).toBe(true);
    });

    it('another device cannot rename a centre’s user: an id Baku named first keeps Baku’s name', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { centre: baku, desk } = await enrolledCentre(centre, hq, 'Baku centre');
      const { centre: ganja } = await enrolledCentre(centre, hq, 'Ganja centre');
      const intake = await desk.intake.submit(intakeAt(baku.clock.now));
      await desk.sync.run();
      const registrar = (await hq.hq.db.selectFrom('device_users').selectAll().execute()).find((u) => u.display_name === 'User registrar')!;

      const store = ganja.inst.backend.installation.requireStore();
      const impostor = new HqClient(hq.url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey, incarnation: Number(store.meta('sync_incarnation') ?? 0) });
      expect(await impostor.users({ users: [{ userId: registrar.user_id, displayName: 'Someone else' }] })).toEqual({ kept: 0 });
      expect(await hq.hq.db.selectFrom('device_users').select(['device_id', 'display_name']).where('user_id', '=', registrar.user_id).execute()).toEqual([
        { device_id: registrar.device_id, display_name: 'User registrar' },
      ]);
      const { api } = await analystOn(hq);
      const view = await api.persons.view({ personId: intake.personId });
      expect(view.history.every((h) => h.actorName === 'User registrar (Baku centre)')).toBe(true);
    });
  });
}
