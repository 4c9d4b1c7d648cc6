import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendOptions } from '../../../main/backend';
import { adminPassword, clientFor, signedInDesk } from '../../helpers/backend';
import { useHq } from '../../helpers/hq';
import { intakeAt } from '../../helpers/intake';
import { handTimers } from '../../helpers/timers';

// Before the devices' cleanup, so that it runs after it: every device is closed before HQ goes.
const hqs = useHq();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const minute = 60_000;

/**
 * A real HQ on loopback that can be taken down and brought back on the same address (the link to a
 * field office going and coming back). It counts the sync requests in flight at once, to show that a
 * device never runs two syncs together.
 */
async function startHq() {
  const seen = { inFlight: 0, maxInFlight: 0, requests: 0 };
  const running = await hqs.start('sqlite', {
    configure(a) {
      a.addHook('onRequest', async (req) => {
        if (!req.url.startsWith('/api/sync/')) return;
        seen.requests++;
        seen.inFlight++;
        seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
      });
      a.addHook('onResponse', async (req) => {
        if (req.url.startsWith('/api/sync/')) seen.inFlight--;
      });
    },
  });
  const db = running.hq;
  return {
    url: running.url,
    db,
    seen,
    up: running.up,
    down: running.down,
    code: () => running.code(),
    /** Events HQ holds from one device, and how many distinct ones (a duplicate would differ). */
    async held(deviceId: string) {
      const r = await db.db
        .selectFrom('events')
        .where('device_id', '=', deviceId)
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('event_id').distinct().as('d')])
        .executeTakeFirstOrThrow();
      return { events: Number(r.n), distinct: Number(r.d) };
    },
  };
}

async function device(autoSync: NonNullable<BackendOptions['autoSync']>, now?: () => number) {
  const { backend, admin } = await signedInDesk({ now, autoSync }, cleanups, 'qeyd-autosync-');
  await admin.users.create({ username: 'registrar', displayName: 'Registrar', roles: ['registrar'], password: 'password-of-registrar' });
  const registrar = clientFor(backend);
  await registrar.auth.login({ username: 'registrar', password: 'password-of-registrar' });
  // The test moves its clock by whole sync intervals; nobody should be locked out meanwhile.
  await admin.settings.update({ changes: { idleLockMinutes: 240 } });
  const store = () => backend.installation.requireStore();
  return { backend, admin, registrar, store, deviceId: store().device.deviceId };
}

const ownEvents = (d: Awaited<ReturnType<typeof device>>) => (d.store().sqlite.prepare('SELECT count(*) AS n FROM events WHERE device_id = ?').get(d.deviceId) as { n: number }).n;

describe('automatic sync', () => {
  it('sends what was recorded while HQ was down once HQ is back, retrying sooner after each failure', async () => {
    const hq = await startHq();
    const clock = { now: Date.now() };
    const step = handTimers(clock);
    const d = await device({ timers: step.timers }, () => clock.now);

    // Not enrolled: nothing is planned.
    expect((await d.admin.sync.status()).nextAutoSyncAt).toBeNull();
    await d.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
    // Just enrolled, never tried: the first automatic sync is one interval away (15 minutes by default).
    expect(step.nextDelay).toBe(15 * minute);
    expect((await d.registrar.sync.status()).nextAutoSyncAt).toBe(new Date(clock.now + 15 * minute).toISOString());

    await hq.down();
    const first = await d.registrar.intake.submit(intakeAt(clock.now));
    const recorded = ownEvents(d);
    expect(recorded).toBeGreaterThan(0);

    // Due: HQ cannot be reached. That is "offline", retried after 30 s, then 1 min, then 2 min.
    await step.elapse();
    let status = await d.admin.sync.status();
    expect(status).toMatchObject({ lastOutcome: 'offline', lastError: 'error.sync.unreachable', pending: recorded, running: false, progress: null });
    expect(step.nextDelay).toBe(30_000);
    await step.elapse();
    expect(step.nextDelay).toBe(minute);
    await step.elapse();
    expect(step.nextDelay).toBe(2 * minute);
    expect(await hq.held(d.deviceId)).toEqual({ events: 0, distinct: 0 });

    // The link comes back. Nobody presses "Sync now": the next retry delivers everything.
    await hq.up();
    await step.elapse();
    expect(await hq.held(d.deviceId)).toEqual({ events: recorded, distinct: recorded });
    await d.admin.auth.login({ username: 'admin', password: adminPassword });
    status = await d.admin.sync.status();
    expect(status).toMatchObject({ lastOutcome: 'ok', lastError: null, pending: 0, ackedSeq: recorded });
    // Back to the ordinary interval.
    expect(step.nextDelay).toBe(15 * minute);
    expect(status.nextAutoSyncAt).toBe(new Date(clock.now + 15 * minute).toISOString());

    const { attempts } = await d.admin.sync.history();
    expect(attempts.map((a) => [a.trigger, a.outcome, a.reason])).toEqual([
      ['auto', 'ok', null],
      ['auto', 'offline', 'error.sync.unreachable'],
      ['auto', 'offline', 'error.sync.unreachable'],
      ['auto', 'offline', 'error.sync.unreachable'],
    ]);
    expect(attempts[0]!.pushed).toBe(recorded);

    // Three offline retries are one line in the audit log, not three; the sync that delivered is there too.
    const audit = d.store().sqlite.prepare("SELECT action, actor FROM audit_log WHERE action LIKE 'sync.%' ORDER BY seq").all();
    expect(audit).toEqual([
      { action: 'sync.enrolled', actor: expect.any(String) },
      { action: 'sync.failed', actor: null },
      { action: 'sync.completed', actor: null },
    ]);
    expect((await d.registrar.persons.view({ personId: first.personId })).person.nameLatin).toBe('Mukhammad Rakhimi');
  });

  it('runs on real timers without anyone pressing Sync now', async () => {
    const hq = await startHq();
    const d = await device({ firstRetryMs: 20 });
    await d.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
    await hq.down();
    await d.registrar.intake.submit(intakeAt(Date.now()));
    // One failed press of "Sync now" while the link is down; from here on nobody touches the button.
    await expect(d.registrar.sync.run()).rejects.toMatchObject({ messageKey: 'error.sync.unreachable' });
    const recorded = ownEvents(d);
    while ((await d.admin.sync.history()).attempts.filter((a) => a.trigger === 'auto').length < 2) await new Promise((r) => setTimeout(r, 10));

    await hq.up();
    while ((await d.admin.sync.status()).lastOutcome !== 'ok') await new Promise((r) => setTimeout(r, 10));
    expect(await hq.held(d.deviceId)).toEqual({ events: recorded, distinct: recorded });
    expect((await d.admin.sync.status()).pending).toBe(0);
    const [last] = (await d.admin.sync.history()).attempts;
    expect(last).toMatchObject({ trigger: 'auto', outcome: 'ok', pushed: recorded });
  });

  it('never runs two syncs at once: presses of Sync now during an automatic sync wait their turn', async () => {
    const hq = await startHq();
    const clock = { now: Date.now() };
    const step = handTimers(clock);
    const d = await device({ timers: step.timers }, () => clock.now);
    await d.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
    // Enough to take several push batches, so the runs would overlap if nothing kept them apart.
    const total = 4000;
    for (let done = 0; done < total; done += 1000) {
      d.store().command({ userId: 'seed' }, 'seed', (tx) => {
        for (let i = done; i < done + 1000; i++) {
          tx.append({
            type: 'person.registered',
            entityId: randomUUID(),
            payload: { details: { names: { original: `P${i}`, latin: `P${i}`, aliases: [] }, sex: 'male', nationalities: [], stateless: false, languages: [] } },
          });
        }
      });
    }
    const auto = step.start();
    // The screen sees the run and how far it has got (events up of those waiting, events down).
    expect(await d.admin.sync.status()).toMatchObject({ running: true, progress: { phase: 'push', pushed: 0, toPush: total, pulled: 0 } });
    const [byRegistrar, byAdmin] = await Promise.all([d.registrar.sync.run(), d.admin.sync.run(), auto]);

    expect(hq.seen.maxInFlight).toBe(1);
    expect(await d.admin.sync.status()).toMatchObject({ running: false, progress: null, pending: 0 });
    expect(await hq.held(d.deviceId)).toEqual({ events: total, distinct: total });
    expect(byRegistrar.status.pending + byAdmin.status.pending).toBe(0);
    const { attempts } = await d.admin.sync.history();
    expect(attempts.map((a) => [a.trigger, a.outcome])).toEqual([
      ['manual', 'ok'],
      ['manual', 'ok'],
      ['auto', 'ok'],
    ]);
    // The automatic sync sent everything; the presses that waited found nothing left to send.
    expect(attempts.map((a) => a.pushed)).toEqual([0, 0, total]);
    const ordered = [...attempts].reverse();
    for (let i = 1; i < ordered.length; i++) expect(ordered[i]!.at >= ordered[i - 1]!.finishedAt).toBe(true);
    // The last attempt planned the next automatic one.
    expect(step.nextDelay).toBe(15 * minute);
  });

  it('follows the settings, stops when the last person signs out and when the backend closes', async () => {
    const hq = await startHq();
    const clock = { now: Date.now() };
    const step = handTimers(clock);
    const d = await device({ timers: step.timers }, () => clock.now);
    await d.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
    expect(step.nextDelay).toBe(15 * minute);

    await d.admin.settings.update({ changes: { syncIntervalMinutes: 5 } });
    expect(step.nextDelay).toBe(5 * minute);
    await d.admin.settings.update({ changes: { autoSync: false } });
    expect((await d.admin.sync.status()).nextAutoSyncAt).toBeNull();
    expect(step.count).toBe(0);
    await d.admin.settings.update({ changes: { autoSync: true } });
    expect(step.nextDelay).toBe(5 * minute);

    // Locked (everyone signed out): no sync can run, so none is planned.
    await d.registrar.auth.logout();
    await d.admin.auth.logout();
    expect(d.backend.installation.isOpen).toBe(false);
    expect(step.count).toBe(0);

    // Unlocked again: planned again.
    await d.admin.auth.login({ username: 'admin', password: adminPassword });
    expect(step.nextDelay).toBe(5 * minute);
    await step.elapse();
    expect((await d.admin.sync.history()).attempts[0]).toMatchObject({ trigger: 'auto', outcome: 'ok' });
    // Signed in again after a long time (the next morning): the overdue sync comes soon after sign-in.
    await d.admin.auth.logout();
    clock.now += 60 * minute;
    await d.admin.auth.login({ username: 'admin', password: adminPassword });
    expect(step.nextDelay).toBe(10_000);

    await d.backend.close();
    expect(step.count).toBe(0);
  });
});
