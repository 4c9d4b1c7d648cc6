import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema, settingsUpdate } from '../../core/settings';

describe('settings', () => {
  it('an update carries only what was changed, so saving one setting never resets the others', () => {
    expect(settingsUpdate.parse({ syncIntervalMinutes: 5 })).toEqual({ syncIntervalMinutes: 5 });
    const saved = settingsSchema.parse({ ...defaultSettings, idleLockMinutes: 60, holidays: ['2026-12-31'] });
    const next = settingsSchema.parse({ ...saved, ...settingsUpdate.parse({ autoSync: false }) });
    expect(next).toEqual({ ...saved, autoSync: false });
  });

  it('automatic sync is on every 15 minutes by default, within 1 minute and a day', () => {
    expect(defaultSettings).toMatchObject({ autoSync: true, syncIntervalMinutes: 15 });
    expect(settingsUpdate.safeParse({ syncIntervalMinutes: 0 }).success).toBe(false);
    expect(settingsUpdate.safeParse({ syncIntervalMinutes: 1441 }).success).toBe(false);
    expect(settingsUpdate.safeParse({ syncIntervalMinutes: 1.5 }).success).toBe(false);
    expect(settingsUpdate.safeParse({ unknown: 1 }).success).toBe(false);
  });
});
