import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../main/backend';
import { HqClient } from '../../../main/sync/hq-client';
import { fleetSource } from '../../../hq/console/fleet-source';
import { pendingCount } from '../../../main/sync/engine';
import { refusal, useCentre } from '../../helpers/centre';
import { adminPassword, clientFor, tempDir } from '../../helpers/backend';
import { useHq } from '../../helpers/hq';
import { intakeAt } from '../../helpers/intake';
import { dialects } from '../../hq/harness';

const centre = useCentre();
const hqs = useHq();

const opened: Backend[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  for (const b of opened.splice(0)) await b.close();
  for (const d of dirs.splice(0)) d.remove();
});

type Centre = Awaited<ReturnType<typeof centre>>;

/** A person of their own (names and document differ, so intake takes each as someone new). */
function someone(c: Centre, n: number) {
  const latin = `Nodir Karimov${'i'.repeat(n)}`;
  return intakeAt(
    c.clock.now,
    { documents: [{ type: 'passport', series: 'P', number: `77${String(n).padStart(5, '0')}`, issuingState: 'UZB', verification: 'unverified' }] },
    { names: { original: latin, latin, aliases: [] }, nationalities: ['UZB'] },
  );
}

/** A folder on "removable media" for the backups. */
function folder(): string {
  const d = tempDir('qeyd-backups-');
  dirs.push(d);
  return d.path;
}

/** A new laptop: the app started on an empty data folder, at first start. */
async function newLaptop(c: Centre) {
  const d = tempDir('qeyd-new-laptop-');
  dirs.push(d);
  const backend = await createBackend({ dataDir: d.path, now: () => c.clock.now, log: () => {} });
  opened.push(backend);
  return { backend, dataDir: d.path, client: clientFor(backend) };
}

async function signedIn(backend: Backend, username: string, password: string) {
  const client = clientFor(backend);
  await client.auth.login({ username, password });
  return client;
}

const ownEventsAtHq = async (hq: Awaited<ReturnType<typeof hqs.start>>, deviceId: string) =>
  (await hq.hq.db.selectFrom('events').select(['device_seq', 'event_id']).where('device_id', '=', deviceId).orderBy('device_seq').execute()).map((r) => ({
    seq: Number(r.device_seq),
    id: r.event_id,
  }));

describe('backup and restore of a centre laptop', () => {
  it('the backup file holds no name in the clear; a wrong password opens nothing; the right one restores every record and an intact chain', async () => {
    const a = await centre();
    const reg = await a.as('registrar');
    const first = await reg.intake.submit(intakeAt(a.clock.now));
    const into = folder();
    const made = await a.inst.admin.backup.create({ folder: into });
    expect(made.file).toMatch(/^qeyd-backup-[0-9a-f-]{36}-\d{8}T\d{6}Z\.qeyd-backup$/);
    expect(readdirSync(into)).toEqual([made.file]);
    const bytes = readFileSync(made.path);
    for (const clear of ['Rakhimi', 'Рахими', '0123456', 'Quliyev']) expect(bytes.includes(Buffer.from(clear, 'utf8'))).toBe(false);
    const status = await a.inst.admin.backup.status();
    expect(status).toMatchObject({ lastBackupAt: made.createdAt, lastFolder: into, due: false, running: false });

    const laptop = await newLaptop(a);
    const seen = await laptop.client.restore.inspect({ path: made.path });
    expect(seen).toMatchObject({ deviceName: 'Duty desk 1', headSeq: made.headSeq });
    const wrong = await refusal(laptop.client.restore.apply({ path: made.path, username: 'admin', password: 'not the password at all' }));
    expect(wrong.messageKey).toBe('error.restore.badCredentials');
    const wrongKey = await refusal(laptop.client.restore.apply({ path: made.path, recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF' }));
    expect(wrongKey.messageKey).toBe('error.restore.badCredentials');
    expect(readdirSync(laptop.dataDir)).toEqual([]);
    expect((await laptop.client.setup.status()).initialized).toBe(false);

    const restored = await laptop.client.restore.apply({ path: made.path, username: 'admin', password: adminPassword });
    expect(restored).toMatchObject({ headSeq: made.headSeq, mustSyncFirst: false });
    expect((await laptop.client.setup.status()).initialized).toBe(true);
    const admin = await signedIn(laptop.backend, 'admin', adminPassword);
    expect(await admin.audit.verify()).toMatchObject({ auditIntact: true, eventChainIntact: true });
    const regAgain = await signedIn(laptop.backend, 'registrar', 'password-of-registrar');
    expect((await regAgain.persons.view({ personId: first.personId })).person.nameLatin).toBe('Mukhammad Rakhimi');
    // Same identity: the device id and its chain go on from the backup's head.
    const store = laptop.backend.installation.requireStore();
    expect(store.device.deviceId).toBe(a.inst.backend.installation.requireStore().device.deviceId);
    await regAgain.intake.submit(someone(a, 1));
    expect(store.verifyEventChains().intact).toBe(true);
    expect(store.chainHead.seq).toBeGreaterThan(made.headSeq);
    // A restored installation is an installation: a second restore over it is refused.
    expect((await refusal(laptop.client.restore.apply({ path: made.path, username: 'admin', password: adminPassword }))).messageKey).toBe('error.alreadyInitialized');
  });

  it('the recovery key opens a backup too; a damaged file is refused whole', async () => {
    const a = await centre();
    const made = await a.inst.admin.backup.create({ folder: folder() });
    const laptop = await newLaptop(a);
    const damaged = join(folder(), 'damaged.qeyd-backup');
    const bytes = readFileSync(made.path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    (await import('node:fs')).writeFileSync(damaged, bytes);
    expect((await refusal(laptop.client.restore.apply({ path: damaged, recoveryKey: a.inst.recoveryKey }))).messageKey).toBe('error.backup.damaged');
    expect((await refusal(laptop.client.restore.inspect({ path: join(folder(), 'nothing-here') }))).messageKey).toBe('error.backup.not_found');
    await laptop.client.restore.apply({ path: made.path, recoveryKey: a.inst.recoveryKey });
    await signedIn(laptop.backend, 'admin', adminPassword);
  });

  it('a folder that does not exist is refused beside the field; only the administrator may back up', async () => {
    const a = await centre();
    const missing = await refusal(a.inst.admin.backup.create({ folder: '/no/such/folder/anywhere' }));
    expect(missing.fields?.folder?.key).toBe('error.backup.noFolder');
    const reg = await a.as('registrar');
    expect((await refusal(reg.backup.create({ folder: folder() }))).code).toBe('forbidden');
    expect((await a.inst.admin.backup.status()).due).toBe(true);
  });
});

for (const dialect of dialects) {
  describe(`a laptop restored from backup and HQ on ${dialect}`, () => {
    it('loses only the events made after the backup that never reached HQ, takes back those that did, and HQ names the loss; the old copy is refused', async () => {
      const hq = await hqs.start(dialect);
      const a = await centre();
      await a.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
      const reg = await a.as('registrar');
      await reg.intake.submit(intakeAt(a.clock.now));
      await reg.sync.run();
      const made = await a.inst.admin.backup.create({ folder: folder() });
      const store = a.inst.backend.installation.requireStore();
      const deviceId = store.device.deviceId;

      // After the backup: two people recorded and synced (HQ holds them), then three more that never go.
      const synced = [await reg.intake.submit(someone(a, 1)), await reg.intake.submit(someone(a, 2))];
      await reg.sync.run();
      const heldByHq = store.chainHead.seq;
      expect(heldByHq).toBeGreaterThan(made.headSeq);
      for (let i = 3; i <= 5; i++) await reg.intake.submit(someone(a, i));
      const lostCount = pendingCount(store);
      expect(lostCount).toBeGreaterThan(0);
      // HQ hears how many wait (as with every pull) and then the laptop dies before pushing them.
      await new HqClient(hq.url, { deviceId, privateKey: store.devicePrivateKey }).pull(0, 1, lostCount);

      const laptop = await newLaptop(a);
      const restored = await laptop.client.restore.apply({ path: made.path, username: 'admin', password: adminPassword });
      expect(restored.mustSyncFirst).toBe(true);
      const admin = await signedIn(laptop.backend, 'admin', adminPassword);
      const reg2 = await signedIn(laptop.backend, 'registrar', 'password-of-registrar');
      // Nothing new is recorded before the device has heard from HQ: it could fork its own chain.
      expect((await refusal(reg2.intake.submit(someone(a, 6)))).messageKey).toBe('error.restore.syncFirst');

      await admin.sync.run();
      const restoredStore = laptop.backend.installation.requireStore();
      expect(restoredStore.chainHead.seq).toBe(heldByHq);
      for (const s of synced) expect((await reg2.persons.view({ personId: s.personId })).person.personId).toBe(s.personId);
      expect(restoredStore.verifyEventChains().intact).toBe(true);
      expect(await admin.audit.verify()).toMatchObject({ auditIntact: true, eventChainIntact: true });

      // The device continues its own chain; HQ takes the new events with no fork and nothing twice.
      await reg2.intake.submit(someone(a, 6));
      const after = await reg2.sync.run();
      expect(after.pushed).toBeGreaterThan(0);
      const atHq = await ownEventsAtHq(hq, deviceId);
      expect(atHq.map((e) => e.seq)).toEqual(Array.from({ length: restoredStore.chainHead.seq }, (_, i) => i + 1));
      expect(new Set(atHq.map((e) => e.id)).size).toBe(atHq.length);
      expect((await reg2.sync.status()).pending).toBe(0);

      // The day-end check names what the old laptop had waiting and never pushed.
      const day = await admin.sync.dayEnd();
      expect(day.complete).toBe(true);
      expect(day.restores).toEqual([expect.objectContaining({ backupSeq: made.headSeq, from: heldByHq + 1, to: heldByHq + lostCount, count: lostCount })]);

      // The old laptop, still alive, is refused as the superseded copy and told why.
      const old = await refusal(reg.sync.run());
      expect(old.messageKey).toBe('error.sync.superseded_copy');
      expect(old.params).toMatchObject({ deviceId, device: 'Duty desk 1' });
      expect((await ownEventsAtHq(hq, deviceId)).length).toBe(atHq.length);

      // HQ's console shows the restore, what it lost, and that an older copy still calls: one must be revoked.
      const fleet = (await fleetSource(hq.hq).fleet()).flatMap((f) => f.devices).find((d) => d.deviceId === deviceId)!;
      expect(fleet.restore).toMatchObject({ incarnation: 1, lost: lostCount, olderCopySeenAt: expect.any(String) });
    });
  });
}

describe('restore leaves nothing behind when refused', () => {
  it('a file that is no backup is refused before any password is tried', async () => {
    const a = await centre();
    const laptop = await newLaptop(a);
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    const notOne = join(dir, 'notes.txt');
    (await import('node:fs')).writeFileSync(notOne, 'just some notes\n');
    expect((await refusal(laptop.client.restore.inspect({ path: notOne }))).messageKey).toBe('error.backup.not_a_backup');
    expect((await refusal(laptop.client.restore.apply({ path: join(dir, 'sub'), username: 'admin', password: adminPassword }))).messageKey).toBe('error.backup.not_found');
    expect(existsSync(join(laptop.dataDir, 'installation.json'))).toBe(false);
  });
});
