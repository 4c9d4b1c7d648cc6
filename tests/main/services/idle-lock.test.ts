import { afterEach, describe, expect, it } from 'vitest';
import { adminPassword, clientFor, signedInDesk } from '../../helpers/backend';
import { refusal } from '../../helpers/centre';
import { useHq } from '../../helpers/hq';
import { handTimers } from '../../helpers/timers';

const hqs = useHq();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const minute = 60_000;

/** A device enrolled with a real HQ, automatic sync on, the idle lock and the sync schedule on hand timers. */
async function enrolledDevice() {
  const hq = await hqs.start('sqlite');
  const clock = { now: Date.now() };
  const idle = handTimers(clock);
  const sync = handTimers(clock);
  const { backend, admin } = await signedInDesk({ now: () => clock.now, autoSync: { timers: sync.timers }, idleTimers: idle.timers }, cleanups, 'qeyd-idle-');
  await admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
  return { backend, admin, clock, idle, sync };
}

describe('idle means locked', () => {
  it('when the last session goes idle, with nobody calling, the store closes, its key is zeroed and automatic sync stops until someone signs in', async () => {
    const d = await enrolledDevice();
    const key = d.backend.installation.requireKey();
    expect(key.some((b) => b !== 0)).toBe(true);
    expect(d.sync.count).toBe(1);
    // The lock is planned for the moment the session has been idle longer than 15 minutes.
    const lastUse = d.clock.now;
    expect(d.idle.dueAt).toBe(lastUse + 15 * minute + 1);

    await d.idle.fire();
    expect(d.backend.installation.isOpen).toBe(false);
    expect(key.every((b) => b === 0)).toBe(true);
    expect(d.sync.count).toBe(0);
    expect(d.idle.count).toBe(0);
    // The window that was signed in hears "locked", as with a lock found at its next click.
    expect((await refusal(d.admin.users.list())).code).toBe('session_locked');
    expect(d.sync.count).toBe(0);

    await d.admin.auth.login({ username: 'admin', password: adminPassword });
    expect(d.backend.installation.isOpen).toBe(true);
    expect(d.sync.count).toBe(1);
    expect(d.idle.count).toBe(1);
  });

  it('a session in use keeps the store open: the timer finds it busy and waits again', async () => {
    const d = await enrolledDevice();
    d.clock.now += 10 * minute;
    await d.admin.users.list();
    const touched = d.clock.now;
    await d.idle.fire();
    expect(d.backend.installation.isOpen).toBe(true);
    expect(d.idle.dueAt).toBe(touched + 15 * minute + 1);
    await d.idle.fire();
    expect(d.backend.installation.isOpen).toBe(false);
  });

  it('one idle session among others ends alone and the store stays open for the rest', async () => {
    const d = await enrolledDevice();
    await d.admin.users.create({ username: 'registrar', displayName: 'Registrar', roles: ['registrar'], password: 'password-of-registrar' });
    const registrar = clientFor(d.backend);
    d.clock.now += 5 * minute;
    await registrar.auth.login({ username: 'registrar', password: 'password-of-registrar' });
    // The administrator's session goes idle first; the registrar's is five minutes younger.
    await d.idle.fire();
    expect(d.backend.installation.isOpen).toBe(true);
    expect((await refusal(d.admin.users.list())).code).toBe('session_locked');
    expect((await registrar.auth.session()).session?.user.username).toBe('registrar');
    expect(d.sync.count).toBe(1);
    // Then the registrar walks away too. The timer planned for their first deadline finds the session
    // used since (the check above) and waits again; the second one closes the store.
    await d.idle.fire();
    expect(d.backend.installation.isOpen).toBe(true);
    await d.idle.fire();
    expect(d.backend.installation.isOpen).toBe(false);
    expect(d.sync.count).toBe(0);
  });

  it('a laptop that slept past its lock closes the store before it answers the first call', async () => {
    const d = await enrolledDevice();
    // The timer did not run (the machine was asleep); the clock moved on regardless.
    d.clock.now += 60 * minute;
    expect((await refusal(d.admin.users.list())).code).toBe('session_locked');
    expect(d.backend.installation.isOpen).toBe(false);
    expect(d.sync.count).toBe(0);
  });
});
