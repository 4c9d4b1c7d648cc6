import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../main/backend';
import { sideLogPaths } from '../../../db/sign-in-log';
import { adminPassword, clientFor, setUpInstallation, type TestInstallation } from '../../helpers/backend';
import { refusal } from '../../helpers/centre';

const minute = 60_000;
const installs: TestInstallation[] = [];
afterEach(async () => {
  for (const i of installs.splice(0)) await i.close();
});

/** A centre with a registrar 'ali', whose clock the test moves; everyone signed out (the store closed). */
async function centre() {
  const clock = { now: Date.parse('2026-11-23T02:00:00Z') };
  const inst = await setUpInstallation({ now: () => clock.now });
  installs.push(inst);
  await inst.admin.users.create({ username: 'ali', displayName: 'Əli Məmmədov', roles: ['registrar'], password: 'password-of-ali' });
  await inst.admin.auth.logout();
  expect(inst.backend.installation.isOpen).toBe(false);
  /** A caller from its own window (or browser), as the transports name clients. */
  const from = (client: string) => {
    const c = clientFor(inst.backend);
    c.ctx.client = client;
    return c;
  };
  /** Fails `n` times for `username` from `client`, waiting out each backoff as a patient guesser would. */
  const fail = async (username: string, n: number, client = 'window 1') => {
    for (let i = 0; i < n; i++) {
      const e = await refusal(from(client).auth.login({ username, password: `guess ${i}` }));
      expect(e.messageKey).toBe('error.auth.badCredentials');
      clock.now += 20_000;
    }
  };
  return { inst, clock, from, fail };
}

async function adminIn(c: Awaited<ReturnType<typeof centre>>, client = 'window admin') {
  const admin = c.from(client);
  await admin.auth.login({ username: 'admin', password: adminPassword });
  return admin;
}

describe('sign-in that cannot be guessed at', () => {
  it('five wrong passwords lock the user name for fifteen minutes, and the right password is refused until then', async () => {
    const c = await centre();
    await c.fail('ali', 5);
    const locked = await refusal(c.from('window 2').auth.login({ username: 'ali', password: 'password-of-ali' }));
    expect(locked).toMatchObject({ code: 'rule', messageKey: 'error.auth.locked', params: { minutes: 15 } });
    // The refusal comes before the password is tried: the store stayed closed.
    expect(c.inst.backend.installation.isOpen).toBe(false);
    c.clock.now += 10 * minute;
    expect((await refusal(c.from('window 2').auth.login({ username: 'ali', password: 'password-of-ali' }))).params).toMatchObject({ minutes: 5 });
    c.clock.now += 5 * minute;
    await c.from('window 2').auth.login({ username: 'ALI', password: 'password-of-ali' });
  });

  it('after the second failure in a row the next try waits, longer each time', async () => {
    const c = await centre();
    const w = c.from('window 1');
    await refusal(w.auth.login({ username: 'ali', password: 'typo' }));
    // One typo costs nothing.
    expect((await refusal(w.auth.login({ username: 'ali', password: 'typo again' }))).messageKey).toBe('error.auth.badCredentials');
    const wait = await refusal(w.auth.login({ username: 'ali', password: 'password-of-ali' }));
    expect(wait).toMatchObject({ messageKey: 'error.auth.slowDown', params: { seconds: 1 } });
    c.clock.now += 1_000;
    expect((await refusal(w.auth.login({ username: 'ali', password: 'third' }))).messageKey).toBe('error.auth.badCredentials');
    expect(await refusal(w.auth.login({ username: 'ali', password: 'password-of-ali' }))).toMatchObject({ messageKey: 'error.auth.slowDown', params: { seconds: 2 } });
    c.clock.now += 2_000;
    await w.auth.login({ username: 'ali', password: 'password-of-ali' });
  });

  it('a client that tries many user names is locked as a client, while other windows still sign in', async () => {
    const c = await centre();
    for (const name of ['bob', 'carol', 'dave', 'erin', 'frank']) await c.fail(name, 1, 'http 10.0.0.9 1');
    expect((await refusal(c.from('http 10.0.0.9 1').auth.login({ username: 'admin', password: adminPassword }))).messageKey).toBe('error.auth.locked');
    await adminIn(c, 'http 127.0.0.1 1');
  });

  it('an unknown user name is throttled exactly like a real one, so the answer tells nothing', async () => {
    const c = await centre();
    await c.fail('nobody', 5);
    await c.fail('ali', 4, 'window 3');
    const unknown = await refusal(c.from('window 9').auth.login({ username: 'nobody', password: 'x' }));
    await refusal(c.from('window 3').auth.login({ username: 'ali', password: 'x' }));
    const known = await refusal(c.from('window 9').auth.login({ username: 'ali', password: 'password-of-ali' }));
    expect([unknown.code, unknown.messageKey, Object.keys(unknown.params ?? {})]).toEqual([known.code, known.messageKey, Object.keys(known.params ?? {})]);
  });

  it('a restart of the app does not reset the count', async () => {
    const c = await centre();
    await c.fail('ali', 5);
    await c.inst.backend.close();
    const again = await createBackend({ dataDir: c.inst.dataDir, now: () => c.clock.now, log: () => {} });
    try {
      const e = await refusal(clientFor(again).auth.login({ username: 'ali', password: 'password-of-ali' }));
      expect(e.messageKey).toBe('error.auth.locked');
    } finally {
      await again.close();
    }
  });

  it('wrong recovery keys are throttled and locked the same way', async () => {
    const c = await centre();
    const w = c.from('window 1');
    for (let i = 0; i < 5; i++) {
      const e = await refusal(w.auth.recover({ recoveryKey: `WRONG-KEY-${i}`, username: 'admin', newPassword: 'a brand new passphrase' }));
      expect(e.messageKey).toBe('error.auth.badRecoveryKey');
      c.clock.now += 20_000;
    }
    const locked = await refusal(c.from('window 2').auth.recover({ recoveryKey: c.inst.recoveryKey, username: 'admin', newPassword: 'a brand new passphrase' }));
    expect(locked.messageKey).toBe('error.auth.locked');
    // Recovery's lock is its own: the administrator can still sign in with the password.
    await adminIn(c);
  });

  it('the recovery key lifts a lock on the name it sets a new password for', async () => {
    const c = await centre();
    await c.fail('admin', 5);
    expect((await refusal(c.from('window 2').auth.login({ username: 'admin', password: adminPassword }))).messageKey).toBe('error.auth.locked');
    await c.from('window 2').auth.recover({ recoveryKey: c.inst.recoveryKey, username: 'admin', newPassword: 'a brand new passphrase' });
    await c.from('window 2').auth.login({ username: 'admin', password: 'a brand new passphrase' });
  });

  it('the limit and the lock time are settings, and hold while the store is closed', async () => {
    const c = await centre();
    const admin = await adminIn(c);
    await admin.settings.update({ changes: { signInMaxFailures: 3, signInLockMinutes: 60 } });
    await admin.auth.logout();
    expect(c.inst.backend.installation.isOpen).toBe(false);
    await c.fail('ali', 3);
    expect(await refusal(c.from('window 2').auth.login({ username: 'ali', password: 'password-of-ali' }))).toMatchObject({ messageKey: 'error.auth.locked', params: { minutes: 60 } });
    const bad = await refusal(admin.settings.update({ changes: { signInMaxFailures: 1 } }));
    expect(bad.code).toBe('unauthenticated');
  });
});

describe('refused sign-ins in the audit log', () => {
  it('failures while the store is closed are folded into the audit log at the next unlock, shown as one burst', async () => {
    const c = await centre();
    await c.fail('ali', 3);
    c.clock.now += 30 * minute;
    await c.fail('ali', 2);
    const admin = await adminIn(c);
    const store = c.inst.backend.installation.requireStore();
    const lines = store.sqlite.prepare("SELECT action, entity_id, detail FROM audit_log WHERE action = 'login.failed' ORDER BY seq").all() as {
      action: string;
      entity_id: string | null;
      detail: string;
    }[];
    expect(lines).toHaveLength(5);
    const ali = (await admin.users.list()).users.find((u) => u.username === 'ali')!;
    expect(lines.every((l) => l.entity_id === ali.userId && JSON.parse(l.detail).username === 'ali')).toBe(true);
    expect((await admin.audit.verify()).auditIntact).toBe(true);
    const { bursts } = await admin.signIn.bursts({});
    expect(bursts).toEqual([
      { username: 'ali', count: 2, from: '2026-11-23T02:31:00.000Z', to: '2026-11-23T02:31:20.000Z' },
      { username: 'ali', count: 3, from: '2026-11-23T02:00:00.000Z', to: '2026-11-23T02:00:40.000Z' },
    ]);
    // Folded once: the next unlock does not add them again.
    await admin.auth.logout();
    await adminIn(c);
    expect((c.inst.backend.installation.requireStore().sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login.failed'").get() as { n: number }).n).toBe(5);
  });

  it('the side log on disk does not name who was tried', async () => {
    const c = await centre();
    await c.fail('ali', 2);
    const { log, state } = sideLogPaths(c.inst.dataDir);
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    expect(readFileSync(log, 'utf8')).not.toMatch(/ali|window/);
    expect(readFileSync(state, 'utf8')).not.toMatch(/ali|window/);
  });

  it('a line removed from the side log shows as tampering at the next unlock, and the lines around it are kept', async () => {
    const c = await centre();
    await c.fail('ali', 3);
    const { log } = sideLogPaths(c.inst.dataDir);
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    writeFileSync(log, `${[lines[0], lines[2]].join('\n')}\n`);
    await adminIn(c);
    const store = c.inst.backend.installation.requireStore();
    const actions = (store.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'login.failed' OR action LIKE 'signInLog.%' ORDER BY seq").all() as { action: string }[]).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['login.failed', 'signInLog.broken']);
  });

  it('a side log cut short, or deleted with its state, shows as tampering at the next unlock', async () => {
    const c = await centre();
    await c.fail('ali', 2);
    const { log, state } = sideLogPaths(c.inst.dataDir);
    writeFileSync(log, '');
    let admin = await adminIn(c);
    const actionsNow = () =>
      (c.inst.backend.installation.requireStore().sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'signInLog.%' ORDER BY seq").all() as { action: string }[]).map((r) => r.action);
    expect(actionsNow()).toEqual(['signInLog.truncated']);
    await admin.auth.logout();
    await c.fail('ali', 1);
    rmSync(log);
    rmSync(state);
    admin = await adminIn(c);
    expect(actionsNow()).toEqual(['signInLog.truncated', 'signInLog.missing']);
  });

  it('a line written with a key taken from the disk afterwards does not pass as an earlier one', async () => {
    const c = await centre();
    await c.fail('ali', 2);
    const { log } = sideLogPaths(c.inst.dataDir);
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // Swap the first two lines' sealed content: each MAC was made with its own key, so both fail.
    const [a, b] = lines.map((l) => JSON.parse(l) as { sealed: unknown });
    writeFileSync(log, `${JSON.stringify({ ...a, sealed: b!.sealed })}\n${JSON.stringify({ ...b, sealed: a!.sealed })}\n`);
    await adminIn(c);
    const store = c.inst.backend.installation.requireStore();
    expect((store.sqlite.prepare("SELECT action FROM audit_log WHERE action = 'login.failed' OR action LIKE 'signInLog.%'").all() as { action: string }[]).map((r) => r.action)).toEqual([
      'signInLog.broken',
    ]);
  });
});

describe('locked accounts for the administrator', () => {
  it('the administrator sees a locked user name and lifts the lock; the lift is audited and the password works again', async () => {
    const c = await centre();
    await c.fail('ali', 5);
    const admin = await adminIn(c);
    const { lockouts } = await admin.signIn.lockouts({});
    const ali = (await admin.users.list()).users.find((u) => u.username === 'ali')!;
    expect(lockouts).toEqual([
      expect.objectContaining({ subject: 'user', name: 'ali', userId: ali.userId, displayName: 'Əli Məmmədov', purpose: 'login', failures: 5, lockedUntil: '2026-11-23T02:16:20.000Z' }),
      expect.objectContaining({ subject: 'client', name: 'window 1', userId: null, purpose: 'login', failures: 5 }),
    ]);
    const userLock = lockouts.find((l) => l.subject === 'user')!;
    await admin.signIn.unlock({ lockId: userLock.lockId });
    expect((await admin.signIn.lockouts({})).lockouts.map((l) => l.subject)).toEqual(['client']);
    const audited = c.inst.backend.installation.requireStore().sqlite.prepare("SELECT actor, entity_id, outcome FROM audit_log WHERE action = 'signIn.unlocked'").all();
    expect(audited).toEqual([{ actor: (await admin.auth.session()).session!.user.userId, entity_id: ali.userId, outcome: 'ok' }]);
    await c.from('window 2').auth.login({ username: 'ali', password: 'password-of-ali' });
    // A lock already lifted cannot be lifted twice.
    expect((await refusal(admin.signIn.unlock({ lockId: userLock.lockId }))).messageKey).toBe('error.signIn.notLocked');
  });

  it('only those who manage users see or lift locks; only audit readers see the bursts', async () => {
    const c = await centre();
    await c.fail('ali', 5);
    const admin = await adminIn(c);
    await admin.users.create({ username: 'samira', displayName: 'Samira', roles: ['registrar'], password: 'password-of-samira' });
    const registrar = c.from('window 8');
    await registrar.auth.login({ username: 'samira', password: 'password-of-samira' });
    expect((await refusal(registrar.signIn.lockouts({}))).code).toBe('forbidden');
    expect((await refusal(registrar.signIn.unlock({ lockId: 'x' }))).code).toBe('forbidden');
    expect((await refusal(registrar.signIn.bursts({}))).code).toBe('forbidden');
    expect((await refusal(c.from('window 7').signIn.lockouts({}))).code).toBe('unauthenticated');
  });

  it('an unlock naming no lock, or a malformed one, is refused with a translated error and changes nothing', async () => {
    const c = await centre();
    await c.fail('ali', 5);
    const admin = await adminIn(c);
    const before = await admin.signIn.lockouts({});
    expect((await refusal(admin.signIn.unlock({ lockId: 'no such lock' }))).messageKey).toBe('error.signIn.notLocked');
    expect((await refusal(admin.signIn.unlock({ lockId: '' }))).code).toBe('validation');
    expect((await refusal(admin.signIn.unlock({ lockId: 'x'.repeat(101) }))).code).toBe('validation');
    expect(await admin.signIn.lockouts({})).toEqual(before);
  });
});
