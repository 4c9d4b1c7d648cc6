import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { facilityKinds } from '../../../core/fields';
import { roles, rolesForKind } from '../../../core/permissions';
import { installationPath } from '../../../db/installation-file';
import { productionKdfCost, withKdfCost } from '../../../db/kdf-cost';
import { installationFileSchema, scryptParams, unlockWithPassword, type InstallationFile } from '../../../db/keyslots';
import { Store, WrongKeyError } from '../../../db/store';
import { createBackend } from '../../../main/backend';
import { refusal } from '../../helpers/centre';
import { adminPassword, clientFor, setUpInstallation, tempDir, type TestInstallation } from '../../helpers/backend';
import { legacySlotFile } from './legacy-slots';

const open: TestInstallation[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  for (const i of open.splice(0)) await i.close();
  for (const d of dirs.splice(0)) d.remove();
});
async function installation(opts: Parameters<typeof setUpInstallation>[0] = {}) {
  const i = await setUpInstallation(opts);
  open.push(i);
  return i;
}
const readFile = (dataDir: string): InstallationFile => installationFileSchema.parse(JSON.parse(readFileSync(installationPath(dataDir), 'utf8')));
async function userId(inst: TestInstallation, username: string): Promise<string> {
  return (await inst.admin.users.list()).users.find((u) => u.username === username)!.userId;
}
async function actions(inst: TestInstallation): Promise<string[]> {
  return (await inst.admin.audit.list({ limit: 500 })).entries.map((e) => e.action);
}

describe('disabling a user', () => {
  it('signs them out at once, and their password opens nothing afterwards', async () => {
    const inst = await installation();
    const leaver = await inst.userWith(['registrar'], 'leaver');
    const { user, needReset, recoveryKey } = await inst.admin.users.disable({ userId: await userId(inst, 'leaver') });
    expect(user.active).toBe(false);
    expect(needReset).toEqual([]);
    expect(recoveryKey).toBeNull();
    expect((await refusal(leaver.persons.list({}))).code).toBe('unauthenticated');
    const again = await refusal(clientFor(inst.backend).auth.login({ username: 'leaver', password: 'password-of-leaver' }));
    expect(again.messageKey).toBe('error.auth.badCredentials');
    expect(await actions(inst)).toEqual(expect.arrayContaining(['user.disabled', 'store.rekeyed']));
  });

  it("a copy of installation.json taken before the disable no longer opens the database with the disabled user's password", async () => {
    const inst = await installation();
    const registrar = await inst.userWith(['registrar'], 'stays');
    await registrar.persons.register({ details: { names: { original: 'Ana', latin: 'Ana' }, sex: 'female' } });
    await inst.userWith(['registrar'], 'leaver');
    const stolen = tempDir('qeyd-stolen-');
    dirs.push(stolen);
    copyFileSync(installationPath(inst.dataDir), join(stolen.path, 'installation.json'));

    await inst.admin.users.disable({ userId: await userId(inst, 'leaver') });
    const storePath = inst.backend.installation.storePath;
    await inst.backend.close();

    const oldKey = await unlockWithPassword(readFile(stolen.path), 'leaver', 'password-of-leaver');
    expect(oldKey).not.toBeNull();
    expect(() => Store.open(storePath, oldKey!)).toThrow(WrongKeyError);
    // ...while every remaining password, and the recovery key, open the same data.
    const again = await createBackend({ dataDir: inst.dataDir, log: () => {} });
    try {
      const stays = clientFor(again);
      await stays.auth.login({ username: 'stays', password: 'password-of-stays' });
      expect((await stays.persons.list({})).total).toBe(1);
      const admin = clientFor(again);
      await admin.auth.login({ username: 'admin', password: adminPassword });
      expect((await admin.audit.verify({})).auditIntact).toBe(true);
      await stays.auth.logout();
      await admin.auth.logout();
      await clientFor(again).auth.recover({ recoveryKey: inst.recoveryKey, username: 'admin', newPassword: 'after the re-key 2026' });
    } finally {
      await again.close();
    }
  });

  it('is refused for your own account, and for an account already disabled', async () => {
    const inst = await installation();
    await inst.userWith(['registrar'], 'leaver');
    const self = await userId(inst, 'admin');
    for (const call of [inst.admin.users.disable({ userId: self }), inst.admin.users.resetPassword({ userId: self }), inst.admin.users.setRoles({ userId: self, roles: ['admin', 'centre_head'] })]) {
      expect((await refusal(call)).messageKey).toBe('error.users.notYourself');
    }
    const leaver = await userId(inst, 'leaver');
    await inst.admin.users.disable({ userId: leaver });
    expect((await refusal(inst.admin.users.disable({ userId: leaver }))).messageKey).toBe('error.users.alreadyDisabled');
    expect((await refusal(inst.admin.users.resetPassword({ userId: leaver }))).messageKey).toBe('error.users.disabled');
  });

  it('lists accounts whose slot predates format 2 for a reset, and replaces a pre-format-2 recovery key with a new one', async () => {
    const inst = await installation();
    await inst.userWith(['registrar'], 'oldtimer');
    await inst.userWith(['registrar'], 'leaver');
    const key = Buffer.from(inst.backend.installation.requireKey());
    await inst.backend.close();
    writeFileSync(
      installationPath(inst.dataDir),
      JSON.stringify(await legacySlotFile(readFile(inst.dataDir), key, { admin: adminPassword, oldtimer: 'password-of-oldtimer', leaver: 'password-of-leaver' }, inst.recoveryKey)),
    );

    const backend = await createBackend({ dataDir: inst.dataDir, log: () => {} });
    try {
      const admin = clientFor(backend);
      await admin.auth.login({ username: 'admin', password: adminPassword });
      const leaver = (await admin.users.list()).users.find((u) => u.username === 'leaver')!;
      const { needReset, recoveryKey } = await admin.users.disable({ userId: leaver.userId });
      expect(needReset).toEqual(['oldtimer']);
      expect((await admin.users.list()).users.map((u) => [u.username, u.active, u.hasKeySlot])).toEqual([
        ['admin', true, true],
        ['leaver', false, false],
        ['oldtimer', true, false],
      ]);
      expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){12}$/);
      await admin.auth.logout();
      expect((await refusal(clientFor(backend).auth.login({ username: 'oldtimer', password: 'password-of-oldtimer' }))).messageKey).toBe('error.auth.badCredentials');
      expect((await refusal(clientFor(backend).auth.recover({ recoveryKey: inst.recoveryKey, username: 'admin', newPassword: 'never going to work' }))).messageKey).toBe('error.auth.badRecoveryKey');
      await clientFor(backend).auth.recover({ recoveryKey: recoveryKey!, username: 'admin', newPassword: 'recovered after re-key' });
      await admin.auth.login({ username: 'admin', password: 'recovered after re-key' });
      // The administrator's reset brings the listed account back.
      const oldtimer = (await admin.users.list()).users.find((u) => u.username === 'oldtimer')!;
      const { oneTimePassword } = await admin.users.resetPassword({ userId: oldtimer.userId });
      const c = clientFor(backend);
      expect((await c.auth.login({ username: 'oldtimer', password: oneTimePassword })).session.mustChangePassword).toBe(true);
    } finally {
      await backend.close();
    }
  });

  it('a disable cut off between marking the account and removing its key slot is finished at the next sign-in', async () => {
    const inst = await installation();
    await inst.userWith(['registrar'], 'leaver');
    const stolen = tempDir('qeyd-stolen-');
    dirs.push(stolen);
    copyFileSync(installationPath(inst.dataDir), join(stolen.path, 'installation.json'));
    // The state a crash right after the account row's commit leaves behind.
    inst.backend.installation.requireStore().sqlite.prepare("UPDATE users SET active = 0 WHERE username = 'leaver'").run();
    await inst.backend.close();
    const again = await createBackend({ dataDir: inst.dataDir, log: () => {} });
    try {
      await clientFor(again).auth.login({ username: 'admin', password: adminPassword });
      expect(await unlockWithPassword(readFile(inst.dataDir), 'leaver', 'password-of-leaver')).toBeNull();
      const oldKey = (await unlockWithPassword(readFile(stolen.path), 'leaver', 'password-of-leaver'))!;
      expect(oldKey.equals(again.installation.requireKey())).toBe(false);
    } finally {
      await again.close();
    }
  });
});

describe('one-time passwords', () => {
  it('an enabled account signs in with a one-time password and must replace it before anything else opens', async () => {
    const inst = await installation();
    await inst.userWith(['registrar'], 'back');
    const id = await userId(inst, 'back');
    await inst.admin.users.disable({ userId: id });
    const { user, oneTimePassword } = await inst.admin.users.enable({ userId: id });
    expect(user.active).toBe(true);
    expect((await refusal(inst.admin.users.enable({ userId: id }))).messageKey).toBe('error.users.alreadyEnabled');

    const back = clientFor(inst.backend);
    const { session } = await back.auth.login({ username: 'back', password: oneTimePassword });
    expect(session.mustChangePassword).toBe(true);
    expect((await back.auth.session()).session?.mustChangePassword).toBe(true);
    const blocked = await refusal(back.persons.list({}));
    expect(blocked).toMatchObject({ code: 'forbidden', messageKey: 'error.auth.mustChangePassword' });

    await back.auth.changePassword({ currentPassword: oneTimePassword, newPassword: 'only I know this one' });
    expect((await back.auth.session()).session?.mustChangePassword).toBe(false);
    expect((await back.persons.list({})).total).toBe(0);
    await back.auth.logout();
    expect((await refusal(clientFor(inst.backend).auth.login({ username: 'back', password: oneTimePassword }))).messageKey).toBe('error.auth.badCredentials');
    expect((await clientFor(inst.backend).auth.login({ username: 'back', password: 'only I know this one' })).session.mustChangePassword).toBe(false);
    expect(await actions(inst)).toEqual(expect.arrayContaining(['user.enabled', 'password.changed']));
  });

  it("an administrator's reset ends the user's sessions, the old password stops working, and it is audited", async () => {
    const inst = await installation();
    const forgetful = await inst.userWith(['registrar'], 'forgetful');
    const { oneTimePassword } = await inst.admin.users.resetPassword({ userId: await userId(inst, 'forgetful') });
    expect(oneTimePassword).not.toContain('password-of-forgetful');
    expect((await refusal(forgetful.persons.list({}))).code).toBe('unauthenticated');
    expect((await refusal(clientFor(inst.backend).auth.login({ username: 'forgetful', password: 'password-of-forgetful' }))).messageKey).toBe('error.auth.badCredentials');
    const c = clientFor(inst.backend);
    expect((await c.auth.login({ username: 'forgetful', password: oneTimePassword })).session.mustChangePassword).toBe(true);
    expect(await actions(inst)).toContain('user.password_reset');
  });

  it('deleting the must-change mark from the slot file does not skip the change: the slot stops opening', async () => {
    const inst = await installation();
    await inst.userWith(['registrar'], 'forgetful');
    const { oneTimePassword } = await inst.admin.users.resetPassword({ userId: await userId(inst, 'forgetful') });
    await inst.backend.close();
    const file = readFile(inst.dataDir);
    writeFileSync(installationPath(inst.dataDir), JSON.stringify({ ...file, slots: file.slots.map(({ mustChange: _gone, ...s }) => s) }));
    const again = await createBackend({ dataDir: inst.dataDir, log: () => {} });
    try {
      expect((await refusal(clientFor(again).auth.login({ username: 'forgetful', password: oneTimePassword }))).messageKey).toBe('error.auth.badCredentials');
    } finally {
      await again.close();
    }
  });
});

describe('roles', () => {
  it("changing a user's roles ends their sessions, takes effect at their next sign-in, and is audited", async () => {
    const inst = await installation();
    const r = await inst.userWith(['registrar'], 'promoted');
    const { user } = await inst.admin.users.setRoles({ userId: await userId(inst, 'promoted'), roles: ['registrar', 'centre_head'] });
    expect(user.roles).toEqual(['registrar', 'centre_head']);
    expect((await refusal(r.persons.list({}))).code).toBe('unauthenticated');
    await inst.signInAgain(r, 'promoted');
    expect((await r.auth.session()).session?.user.roles).toEqual(['registrar', 'centre_head']);
    expect(await actions(inst)).toContain('user.roles_changed');
  });

  it('a centre cannot make an ombudsman monitor, by create or by a role change, and nothing changes', async () => {
    const inst = await installation();
    const e = await refusal(inst.admin.users.create({ username: 'monitor', displayName: 'Monitor', roles: ['ombudsman_monitor'], password: 'long enough pw' }));
    expect(e).toMatchObject({ code: 'validation', fields: { roles: { key: 'error.users.roleNotHere' } } });
    await inst.userWith(['registrar'], 'samir');
    const id = await userId(inst, 'samir');
    expect((await refusal(inst.admin.users.setRoles({ userId: id, roles: ['registrar', 'ombudsman_monitor'] }))).fields?.roles?.key).toBe('error.users.roleNotHere');
    const users = (await inst.admin.users.list()).users;
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'samir']);
    expect(users.find((u) => u.userId === id)!.roles).toEqual(['registrar']);
  });

  it('an ombudsman office cannot make a registrar', async () => {
    const inst = await installation({ facilityKind: 'ombudsman_office' });
    const e = await refusal(inst.admin.users.create({ username: 'reg', displayName: 'Registrar', roles: ['registrar'], password: 'long enough pw' }));
    expect(e.fields?.roles?.key).toBe('error.users.roleNotHere');
  });

  it('every kind of installation refuses every role that is not its own', async () => {
    for (const kind of facilityKinds) {
      const inst = await installation({ facilityKind: kind });
      for (const role of roles.filter((r) => !rolesForKind(kind).includes(r))) {
        const e = await refusal(inst.admin.users.create({ username: `u-${role.replace(/_/g, '-')}`, displayName: 'X', roles: [role], password: 'long enough pw' }));
        expect(e.fields?.roles?.key, `${kind} ${role}`).toBe('error.users.roleNotHere');
      }
      expect((await inst.admin.users.list()).users).toHaveLength(1);
    }
  });
});

describe('key slot parameters', () => {
  it("a slot written with N = 2^15 (format 1) is re-wrapped with today's parameters at its next successful sign-in", () =>
    // at the app's own cost, not the suite's lowered one: "today's parameters" are N = 2^17
    withKdfCost(productionKdfCost, async () => {
      const inst = await installation();
      await inst.userWith(['registrar'], 'later');
      const key = Buffer.from(inst.backend.installation.requireKey());
      await inst.backend.close();
      const legacy = await legacySlotFile(readFile(inst.dataDir), key, { admin: adminPassword, later: 'password-of-later' }, inst.recoveryKey);
      writeFileSync(installationPath(inst.dataDir), JSON.stringify(legacy));
      expect(legacy.slots.every((s) => s.kdf.N === 2 ** 15 && !s.publicKey)).toBe(true);

      const again = await createBackend({ dataDir: inst.dataDir, log: () => {} });
      try {
        await clientFor(again).auth.login({ username: 'admin', password: adminPassword });
        const after = readFile(inst.dataDir);
        const upgraded = after.slots.filter((s) => s.kdf.N === scryptParams.N && s.publicKey);
        expect(upgraded).toHaveLength(1);
        expect(after.slots.filter((s) => s.kdf.N === 2 ** 15)).toHaveLength(2);
        expect(scryptParams.N).toBe(2 ** 17);
        // The same password still opens it, now through the new slot.
        await again.close();
        const third = await createBackend({ dataDir: inst.dataDir, log: () => {} });
        const admin = clientFor(third);
        await admin.auth.login({ username: 'admin', password: adminPassword });
        expect((await admin.audit.list({ limit: 500 })).entries.map((e) => e.action)).toContain('keyslot.upgraded');
        await third.close();
      } finally {
        await again.close();
      }
    }));

  it('a slot file declaring scrypt parameters beyond the bounds is refused, not run', () => {
    const good = { format: 1, installationId: 'x', facilityName: 'C', facilityKind: 'detention_centre', tagSalt: 'AA==', slots: [] };
    const slot = { kind: 'user', tag: 't', iv: 'i', wrapped: 'w', authTag: 'a', kdf: { name: 'scrypt', N: 2 ** 22, r: 8, p: 1, salt: 's' } };
    expect(installationFileSchema.safeParse(good).success).toBe(true);
    expect(installationFileSchema.safeParse({ ...good, slots: [slot] }).success).toBe(false);
  });
});
