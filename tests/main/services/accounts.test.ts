import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { installationPath } from '../../../db/installation-file';
import { createBackend } from '../../../main/backend';
import { refusal } from '../../helpers/centre';
import { adminPassword, clientFor, setUpInstallation, type TestInstallation } from '../../helpers/backend';

const open: TestInstallation[] = [];
afterEach(async () => {
  for (const i of open.splice(0)) await i.close();
});
async function installation(opts: { now?: () => number } = {}) {
  const i = await setUpInstallation(opts);
  open.push(i);
  return i;
}

describe('first-run setup', () => {
  it('shows the recovery key once and then reports the installation as set up', async () => {
    const inst = await installation();
    expect(inst.recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){12}$/);
    const anon = clientFor(inst.backend);
    expect(await anon.setup.status()).toEqual({ initialized: true, facilityName: 'Baku Temporary Accommodation Centre', facilityKind: 'detention_centre' });
  });

  it('cannot be run a second time', async () => {
    const inst = await installation();
    const e = await refusal(
      clientFor(inst.backend).setup.initialize({ facilityName: 'Other', facilityKind: 'field_office', deviceName: 'x', admin: { username: 'evil', displayName: 'Evil', password: 'long enough pw' } }),
    );
    expect(e.code).toBe('already_initialized');
  });

  it('survives a restart: the same password opens the same data', async () => {
    const inst = await installation();
    const registrar = await inst.userWith(['registrar'], 'registrar');
    await registrar.persons.register({ details: { names: { original: 'Ahmad', latin: 'Ahmad' }, sex: 'male' } });
    await inst.backend.close();
    const again = await createBackend({ dataDir: inst.dataDir, log: () => {} });
    const c = clientFor(again);
    await c.auth.login({ username: 'registrar', password: 'password-of-registrar' });
    expect((await c.persons.list({})).total).toBe(1);
    await again.close();
  });
});

describe('a database from a newer version', () => {
  it('is refused at sign-in with a clear message naming both versions, and left untouched', async () => {
    const inst = await installation();
    const store = inst.backend.installation.requireStore();
    store.sqlite.pragma('user_version = 999');
    await inst.admin.auth.logout();
    const e = await refusal(clientFor(inst.backend).auth.login({ username: 'admin', password: adminPassword }));
    expect(e).toMatchObject({ code: 'store_too_new', messageKey: 'error.storeTooNew', params: { found: 999 } });
    expect(inst.backend.installation.isOpen).toBe(false);
  });
});

describe('signing in', () => {
  it('a wrong password is refused with a clear error and opens nothing', async () => {
    const inst = await installation();
    await inst.admin.auth.logout();
    expect(inst.backend.installation.isOpen).toBe(false);
    const e = await refusal(clientFor(inst.backend).auth.login({ username: 'admin', password: 'wrong password' }));
    expect(e.messageKey).toBe('error.auth.badCredentials');
    expect(inst.backend.installation.isOpen).toBe(false);
  });

  it('an unknown user name gets the same answer as a wrong password', async () => {
    const inst = await installation();
    const e = await refusal(clientFor(inst.backend).auth.login({ username: 'nobody', password: adminPassword }));
    expect(e.messageKey).toBe('error.auth.badCredentials');
  });

  it('a session idle longer than the lock time is locked', async () => {
    let now = Date.parse('2026-11-23T02:00:00Z');
    const inst = await installation({ now: () => now });
    expect((await inst.admin.users.list()).users).toHaveLength(1);
    now += 16 * 60_000;
    const e = await refusal(inst.admin.users.list());
    expect(e.code).toBe('session_locked');
  });

  it('a screen that refreshes itself on a timer does not keep an unattended session open', async () => {
    let now = Date.parse('2026-11-23T02:00:00Z');
    const inst = await installation({ now: () => now });
    await inst.admin.users.list();
    // The sync indicator polls every 30 s; nobody touches the keyboard. Fifteen minutes on, the poll
    // itself finds the session locked, and so does everything after it.
    let polls = 0;
    for (;;) {
      now += 30_000;
      const answer = await inst.admin.sync.status().then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
      if (answer !== 'ok') {
        expect(answer).toBe('session_locked');
        break;
      }
      polls++;
    }
    expect(polls).toBe(30);
    expect((await refusal(inst.admin.users.list())).code).toBe('unauthenticated');
  });

  it('the last sign-out closes the store and forgets its key', async () => {
    const inst = await installation();
    await inst.admin.auth.logout();
    expect(inst.backend.installation.isOpen).toBe(false);
    expect((await inst.admin.auth.session()).session).toBeNull();
  });
});

describe('accounts and passwords', () => {
  it('adding a user gives them their own key slot', async () => {
    const inst = await installation();
    const before = JSON.parse(readFileSync(installationPath(inst.dataDir), 'utf8')).slots.length;
    const registrar = await inst.userWith(['registrar']);
    expect((await registrar.auth.session()).session?.user.roles).toEqual(['registrar']);
    expect(JSON.parse(readFileSync(installationPath(inst.dataDir), 'utf8')).slots.length).toBe(before + 1);
  });

  it('a user name can be taken only once', async () => {
    const inst = await installation();
    await inst.userWith(['registrar'], 'samir');
    const e = await refusal(inst.admin.users.create({ username: 'Samir', displayName: 'Another', roles: ['registrar'], password: 'long enough pw' }));
    expect(e.fields?.username?.key).toBe('error.users.usernameTaken');
  });

  it('changing a password re-wraps the key: the old password stops working, the new one works', async () => {
    const inst = await installation();
    await inst.admin.auth.changePassword({ currentPassword: adminPassword, newPassword: 'a brand new passphrase' });
    await inst.admin.auth.logout();
    const c = clientFor(inst.backend);
    expect((await refusal(c.auth.login({ username: 'admin', password: adminPassword }))).messageKey).toBe('error.auth.badCredentials');
    await c.auth.login({ username: 'admin', password: 'a brand new passphrase' });
  });

  it('a password change with the wrong current password is refused', async () => {
    const inst = await installation();
    const e = await refusal(inst.admin.auth.changePassword({ currentPassword: 'not it at all', newPassword: 'a brand new passphrase' }));
    expect(e.fields?.currentPassword?.key).toBe('error.auth.wrongCurrentPassword');
  });

  it('the recovery key sets a new password for a forgotten one', async () => {
    const inst = await installation();
    await inst.admin.auth.logout();
    const c = clientFor(inst.backend);
    await c.auth.recover({ recoveryKey: inst.recoveryKey.toLowerCase(), username: 'admin', newPassword: 'recovered passphrase' });
    await c.auth.login({ username: 'admin', password: 'recovered passphrase' });
    const wrong = await refusal(clientFor(inst.backend).auth.recover({ recoveryKey: 'AAAA-BBBB', username: 'admin', newPassword: 'whatever long pw' }));
    expect(wrong.messageKey).toBe('error.auth.badRecoveryKey');
  });
});

describe('the audit log', () => {
  it('records who read and who changed a person, with time, in a verifiable chain', async () => {
    const inst = await installation();
    const registrar = await inst.userWith(['registrar'], 'registrar');
    const head = await inst.userWith(['centre_head'], 'head');
    const { person } = await registrar.persons.register({ details: { names: { original: 'Мария', latin: 'Mariya' }, sex: 'female', nationalities: ['UKR'] } });
    await head.persons.get({ personId: person.personId });
    const { entries } = await head.audit.list({ entityId: person.personId });
    const lines = entries.map((e) => [e.actorName, e.action, e.method]);
    expect(lines).toContainEqual(['User registrar', 'person.registered', 'persons.register']);
    expect(lines).toContainEqual(['User head', 'read', 'persons.get']);
    for (const e of entries) expect(Date.parse(e.at)).not.toBeNaN();
    expect(await head.audit.verify()).toMatchObject({ auditIntact: true, eventChainIntact: true, events: 1 });
  });

  it('shows a tampered audit line as a broken chain', async () => {
    const inst = await installation();
    await inst.admin.users.list();
    const store = inst.backend.installation.requireStore();
    store.sqlite.exec('DROP TRIGGER audit_no_update');
    store.sqlite.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2").run();
    expect(await inst.admin.audit.verify()).toMatchObject({ auditIntact: false, firstBrokenSeq: 2 });
  });
});
