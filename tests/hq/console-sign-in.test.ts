import { describe, expect, it } from 'vitest';
import { useHq } from '../helpers/hq';
import { browserOn, consolePassword, setUpHqConsole } from '../helpers/hq-console';

const hqs = useHq();

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('sign-in to the HQ console', () => {
  it('is throttled like a device: repeated wrong passwords lock the name, the administrator sees the lock and lifts it', async () => {
    const hq = await hqs.startWithConsole('sqlite');
    await setUpHqConsole(hq);
    const admin = browserOn(hq.url).call;
    expect((await admin('auth.login', { username: 'hqadmin', password: consolePassword })).body.ok).toBe(true);
    // The fewest failures allowed keeps the test's real waits short (1 s after the second failure).
    expect((await admin('settings.update', { changes: { signInMaxFailures: 3 } })).body.ok).toBe(true);

    const guesser = browserOn(hq.url).call;
    for (let i = 0; i < 3; i++) {
      const r = await guesser('auth.login', { username: 'hqadmin', password: `guess ${i}` });
      expect(r.body.error?.messageKey).toBe('error.auth.badCredentials');
      await sleep(1_100);
    }
    const locked = await guesser('auth.login', { username: 'hqadmin', password: consolePassword });
    expect(locked.status).toBeLessThan(500);
    expect(locked.body.error).toMatchObject({ messageKey: 'error.auth.locked', params: { minutes: 15 } });

    const list = await admin('signIn.lockouts', {});
    const lockouts = (list.body.result as { lockouts: { lockId: string; subject: string; name: string }[] }).lockouts;
    expect(lockouts.map((l) => [l.subject, l.name])).toEqual([
      ['user', 'hqadmin'],
      ['client', expect.stringMatching(/^http 127\.0\.0\.1 1$/)],
    ]);
    for (const l of lockouts) expect((await admin('signIn.unlock', { lockId: l.lockId })).body.ok).toBe(true);
    expect((await guesser('auth.login', { username: 'hqadmin', password: consolePassword })).body.ok).toBe(true);
    const bursts = (await admin('signIn.bursts', {})).body.result as { bursts: { username: string; count: number }[] };
    expect(bursts.bursts).toEqual([expect.objectContaining({ username: 'hqadmin', count: 3 })]);
  });
});
