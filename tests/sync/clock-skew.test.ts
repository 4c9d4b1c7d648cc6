import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { catalogs } from '../../core/i18n';
import { refusal, useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { dialects } from '../hq/harness';

const centre = useCentre();
const hqs = useHq();

const minute = 60_000;

for (const dialect of dialects) {
  describe(`a device clock HQ does not accept, with HQ on ${dialect}`, () => {
    it('a device whose clock is 20 minutes behind is refused with the skew reason, and its sync screen says by how much in az, en and ru', async () => {
      // HQ's clock runs 20 minutes ahead: to HQ, the device's signed time is 20 minutes behind.
      const hq = await hqs.start(dialect, { clock: () => Date.now() + 20 * minute });
      const c = await centre();
      await c.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
      const registrar = await c.as('registrar');

      const e = await refusal(registrar.sync.run());
      expect(e.messageKey).toBe('error.sync.clock_skew');
      expect(e.params).toMatchObject({ minutes: 20, direction: 'behind' });

      const status = await registrar.sync.status();
      expect(status).toMatchObject({ lastOutcome: 'failed', lastError: 'error.sync.clock_skew' });
      expect(status.clockSkewSeconds).toBeCloseTo(20 * 60, -1);
      const [attempt] = (await registrar.sync.history({})).attempts;
      expect(attempt).toMatchObject({ outcome: 'failed', reason: 'error.sync.clock_skew' });
      expect(await hq.hq.db.selectFrom('request_nonces').selectAll().execute()).toEqual([]);

      // What the screen shows from that status (renderer/screens/Sync.tsx): the refusal, then the clock's offset.
      const skew = status.clockSkewSeconds!;
      const shown = Object.fromEntries(
        (['az', 'en', 'ru'] as const).map((locale) => {
          const intl = createIntl({ locale, messages: catalogs[locale] });
          return [
            locale,
            [intl.formatMessage({ id: 'error.sync.clock_skew' }), intl.formatMessage({ id: 'sync.skew' }, { minutes: Math.round(Math.abs(skew) / 60), direction: skew > 0 ? 'behind' : 'ahead' })],
          ];
        }),
      );
      expect(shown.en).toEqual([expect.stringContaining('date and time are wrong'), expect.stringContaining('20 minutes behind')]);
      expect(shown.ru![1]).toContain('20');
      expect(shown.az![1]).toContain('20');
      for (const [title, detail] of Object.values(shown)) {
        expect(title).not.toMatch(/error\.sync|\{/);
        expect(detail).not.toMatch(/sync\.skew|\{/);
      }
    });
  });
}
