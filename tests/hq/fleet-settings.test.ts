import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { analystOn, browserOn, consolePassword, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { dialects } from './harness';

const centre = useCentre();
const hqs = useHq();

for (const dialect of dialects) {
  describe(`the staleness thresholds of the HQ console on ${dialect}`, () => {
    it('are 24 h and 72 h until HQ’s administrator changes them, and the Facilities screen gets what the settings say', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      await enrolledCentre(centre, hq, 'Baku centre');
      const { api: analyst } = await analystOn(hq);
      expect((await analyst.hq.facilities()).staleAfterHours).toEqual({ amber: 24, red: 72 });

      const { api: admin } = browserOn(hq.url);
      await admin.auth.login({ username: 'hqadmin', password: consolePassword });
      await admin.settings.update({ changes: { fleetStaleAmberHours: 8, fleetStaleRedHours: 36 } });
      expect((await analyst.hq.facilities()).staleAfterHours).toEqual({ amber: 8, red: 36 });
      // An analyst reads the thresholds but does not set them.
      expect((await refusal(analyst.settings.update({ changes: { fleetStaleRedHours: 48 } }))).code).toBe('forbidden');
    });

    it('refuse red at or below amber, naming the field changed, and change nothing', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { api: admin } = browserOn(hq.url);
      await admin.auth.login({ username: 'hqadmin', password: consolePassword });
      const before = (await admin.settings.get()).settings;

      const redTooLow = await refusal(admin.settings.update({ changes: { fleetStaleRedHours: 24, idleLockMinutes: 30 } }));
      expect(redTooLow).toMatchObject({ code: 'validation', messageKey: 'error.settings.fleetStaleOrder', params: { amber: 24, red: 24 } });
      expect(Object.keys(redTooLow.fields ?? {})).toEqual(['changes.fleetStaleRedHours']);

      const amberTooHigh = await refusal(admin.settings.update({ changes: { fleetStaleAmberHours: 100 } }));
      expect(amberTooHigh.messageKey).toBe('error.settings.fleetStaleOrder');
      expect(Object.keys(amberTooHigh.fields ?? {})).toEqual(['changes.fleetStaleAmberHours']);

      const both = await refusal(admin.settings.update({ changes: { fleetStaleAmberHours: 50, fleetStaleRedHours: 40 } }));
      expect(Object.keys(both.fields ?? {})).toEqual(['changes.fleetStaleRedHours']);

      // Nothing of a refused update is kept, not even the setting that was fine on its own; nor audited as changed.
      expect((await admin.settings.get()).settings).toEqual(before);
      const audit = await admin.audit.list({});
      expect(audit.entries.filter((e) => e.action === 'settings.changed')).toEqual([]);

      // Moving both at once, in an order that is valid only as a whole, is accepted.
      const moved = await admin.settings.update({ changes: { fleetStaleAmberHours: 100, fleetStaleRedHours: 200 } });
      expect(moved.settings).toMatchObject({ fleetStaleAmberHours: 100, fleetStaleRedHours: 200 });
    });
  });
}
