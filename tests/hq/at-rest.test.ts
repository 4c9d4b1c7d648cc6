import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHqDatabase, type HqDatabase } from '../../hq/db';
import { hqVault, HqKeyError, readHqKeyFile, rotateHqMasterKey, sealClearPayloads, sealedPrefix, wrongKeyMessage } from '../../hq/vault';
import { currentBundleKey, sealClearBundleKeys } from '../../hq/sync/bundle-keys';
import { useCentre } from '../helpers/centre';
import { useHq, type RunningHq } from '../helpers/hq';
import { browserOn, consolePassword, setUpHqConsole } from '../helpers/hq-console';
import { intakeAt } from '../helpers/intake';
import { dialects, repoRoot, spawnHq, testPgUrl, waitForExit, waitForGroupExit, waitForOutput, writeTestKeyFile, type HqProcess } from './harness';

const centre = useCentre();
const hqs = useHq();
let running: HqProcess | null = null;
const extraKeys: { remove(): void }[] = [];
afterEach(async () => {
  if (running) {
    running.signal('SIGKILL');
    await waitForGroupExit(running).catch(() => undefined);
    running = null;
  }
  for (const k of extraKeys.splice(0)) k.remove();
});

/** What must never be readable in a copy of HQ's database: a person's names, document number, and their own words. */
const person = {
  original: 'Зарина Юсупова',
  latin: 'Zarina Yusupova',
  document: 'QX90817264',
  words: 'They took my brother at the border near Herat',
};
const secrets = [person.original, person.latin, person.document, person.words];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Every secret found in the bytes, as UTF-8 (how both engines keep text) or as JSON's \u escapes. */
function found(bytes: Buffer): string[] {
  const escaped = (s: string) =>
    JSON.stringify(s)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(escaped(s), 'utf8')));
}

/** A dump of the test's schema by PostgreSQL's own pg_dump, as a backup operator would take it. */
function pgDump(schema: string): Buffer {
  const pgDumpPath = execFileSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).trim();
  return execFileSync(pgDumpPath, ['--no-owner', '--schema', schema, '--dbname', testPgUrl], { maxBuffer: 256 * 1024 * 1024 });
}

/** What a copy of HQ's database holds: its SQLite file with WAL (and everything else in its folder), or a pg_dump. */
function databaseCopy(hq: RunningHq): Buffer {
  if (hq.tdb.schema) return pgDump(hq.tdb.schema);
  return Buffer.concat(filesUnder(hq.tdb.env.QEYD_HQ_DATA_DIR).map((f) => readFileSync(f)));
}

/** The facility the test's devices were enrolled in. */
async function facilityOf(hq: HqDatabase): Promise<string> {
  return (await hq.db.selectFrom('facilities').select('facility_id').executeTakeFirstOrThrow()).facility_id;
}

/** A centre that records the person and pushes, and a second device of the centre that pulls. */
async function personPushed(hq: RunningHq) {
  const a = await centre();
  const b = await centre();
  await a.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
  await b.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
  const desk = await a.as('registrar');
  const intake = intakeAt(
    a.clock.now,
    { documents: [{ type: 'passport', series: 'P', number: person.document, issuingState: 'AFG', verification: 'unverified' }] },
    { names: { original: person.original, latin: person.latin, aliases: [] } },
  );
  const made = await desk.intake.submit(intake);
  await desk.asylum.express({ personId: made.personId, episodeId: made.episodeId, expression: { at: new Date(a.clock.now).toISOString(), place: 'centre', words: person.words, language: 'en' } });
  expect((await desk.sync.run()).pushed).toBeGreaterThan(0);
  return { a, b, made };
}

for (const dialect of dialects) {
  describe(`HQ at rest on ${dialect}`, () => {
    it('keeps no name, document number or note readable in a copy of its database, while devices and the console read them', async () => {
      const hq = await hqs.startWithConsole(dialect);
      await setUpHqConsole(hq);
      const { a, b, made } = await personPushed(hq);

      // A second device pulls exactly what the first hashed: its chains verify and it shows the person.
      const deskB = await b.as('registrar');
      expect((await deskB.sync.run()).pulled).toBeGreaterThan(0);
      expect(await b.inst.admin.audit.verify()).toMatchObject({ auditIntact: true, eventChainIntact: true });
      const seen = await deskB.persons.view({ personId: made.personId });
      expect(seen.person.nameLatin).toBe(person.latin);

      // The console's feed opens the payloads too: an analyst sees the person.
      const browser = browserOn(hq.url);
      await browser.api.auth.login({ username: 'hqadmin', password: consolePassword });
      await browser.api.users.create({ username: 'analyst', displayName: 'Analyst', roles: ['hq_analyst'], password: 'analyst passphrase 2026' });
      await browser.api.auth.login({ username: 'analyst', password: 'analyst passphrase 2026' });
      expect((await browser.api.persons.view({ personId: made.personId })).person.nameLatin).toBe(person.latin);

      // What a device holds in clear (the test's own control: the needles are really in the events)…
      const sent = a.inst.backend.installation.requireStore().sqlite.prepare('SELECT event_id, payload FROM events').all() as { event_id: string; payload: string }[];
      expect(found(Buffer.from(sent.map((e) => e.payload).join('\n')))).toEqual(secrets);
      // …and a copy of HQ's database, which holds those events, sealed.
      // The console's own store beside it is encrypted as on a device (docs/hq-console.md).
      const copy = Buffer.concat([databaseCopy(hq), ...filesUnder(hq.dataDir).map((f) => readFileSync(f))]);
      for (const e of sent) expect(copy.includes(Buffer.from(e.event_id))).toBe(true);
      expect(copy.includes(Buffer.from(sealedPrefix))).toBe(true);
      expect(found(copy)).toEqual([]);
      if (dialect === 'sqlite') expect(existsSync(join(hq.tdb.env.QEYD_HQ_DATA_DIR, 'hq.sqlite-wal'))).toBe(true);
      // HQ's signing key is kept wrapped, its public key in clear for enrollment.
      const hqMeta = await hq.hq.db.selectFrom('hq_meta').select(['key', 'value']).execute();
      expect(hqMeta.map((r) => r.key)).not.toContain('hq_private_key');
      expect(hqMeta.find((r) => r.key === 'hq_signing_key')!.value.startsWith(sealedPrefix)).toBe(true);
      expect(copy.includes(Buffer.from((await hqVault(hq.hq)).signingKey.privateKey))).toBe(false);
      // And the facility's bundle key, which opens its removable-media bundles, is sealed too.
      const bundleKey = await currentBundleKey(hq.hq.db, await hqVault(hq.hq), await facilityOf(hq.hq));
      expect(copy.includes(Buffer.from(bundleKey.key))).toBe(false);
    });

    it('refuses to start with the wrong key, saying so, with exit code 2, and changes nothing', async () => {
      const hq = await hqs.start(dialect);
      await personPushed(hq);
      const snapshot = async (db: HqDatabase) => ({
        meta: await db.db.selectFrom('hq_meta').selectAll().orderBy('key').execute(),
        events: await db.db.selectFrom('events').select(['event_id', 'payload']).orderBy('server_seq').execute(),
      });
      const before = await snapshot(hq.hq);
      const wrong = writeTestKeyFile(`${hq.tdb.env.QEYD_HQ_DATA_DIR}-wrong`);
      extraKeys.push(wrong);
      running = spawnHq({ ...hq.tdb.env, QEYD_HQ_KEY_FILE: wrong.path, QEYD_HQ_PORT: '0' });
      const exit = await waitForExit(running);
      expect(exit.code).toBe(2);
      expect(running.stderr()).toContain(`Qeyd HQ: cannot start: ${wrongKeyMessage}`);
      expect(running.stdout()).not.toMatch(/http:\/\//);
      expect(await snapshot(hq.hq)).toEqual(before);
      // In the process too: the wrong key opens nothing.
      const other = await openHqDatabase(hq.tdb.config, wrong.key);
      try {
        await expect(hqVault(other)).rejects.toThrow(wrongKeyMessage);
      } finally {
        await other.close();
      }
    });

    it('seals at start, in batches and once, the payloads and signing key an older HQ kept in clear', async () => {
      const hq = await hqs.start(dialect);
      const { made } = await personPushed(hq);
      // The database as an older HQ left it: payloads and HQ's private key in clear, no wrapped keys.
      const vault = await hqVault(hq.hq);
      const rows = await hq.hq.db.selectFrom('events').select(['server_seq', 'event_id', 'payload']).execute();
      const clear = new Map(rows.map((r) => [r.event_id, vault.openPayload(r.event_id, r.payload)]));
      for (const [id, payload] of clear) await hq.hq.db.updateTable('events').set({ payload }).where('event_id', '=', id).execute();
      await hq.hq.db.deleteFrom('hq_meta').where('key', 'in', ['hq_key_check', 'hq_data_key', 'hq_signing_key']).execute();
      await hq.hq.db.insertInto('hq_meta').values({ key: 'hq_private_key', value: vault.signingKey.privateKey }).execute();
      const facilityId = await facilityOf(hq.hq);
      const bundleKey = await currentBundleKey(hq.hq.db, vault, facilityId);
      await hq.hq.db.updateTable('facility_bundle_keys').set({ bundle_key: bundleKey.key }).where('facility_id', '=', facilityId).execute();
      await hq.down();
      await hq.hq.close();

      running = spawnHq({ ...hq.tdb.env, QEYD_HQ_PORT: '0' });
      await waitForOutput(running, /Qeyd HQ: sealed 1 facility bundle keys an older HQ had stored in clear/);
      await waitForOutput(running, new RegExp(`Qeyd HQ: sealed ${clear.size} event payloads an older HQ had stored in clear`));
      await waitForOutput(running, /Qeyd HQ: http:\/\//);
      running.signal('SIGTERM');
      await waitForGroupExit(running);
      running = null;

      const copy = databaseCopy(hq);
      expect(found(copy)).toEqual([]);
      expect(copy.includes(Buffer.from(bundleKey.key))).toBe(false);
      expect(copy.includes(Buffer.from(vault.signingKey.privateKey))).toBe(false);
      const reopened = await hq.tdb.open();
      const after = await reopened.db.selectFrom('events').select(['event_id', 'payload']).execute();
      expect(after.every((r) => r.payload.startsWith(sealedPrefix))).toBe(true);
      const opened = await hqVault(reopened);
      for (const r of after) expect(opened.openPayload(r.event_id, r.payload)).toBe(clear.get(r.event_id));
      // The same key pair, now wrapped: devices enrolled before still verify HQ's receipts.
      expect(opened.signingKey).toEqual(vault.signingKey);
      expect(await currentBundleKey(reopened.db, opened, facilityId)).toEqual(bundleKey);
      expect(await reopened.db.selectFrom('hq_meta').select('key').where('key', '=', 'hq_private_key').executeTakeFirst()).toBeUndefined();
      // Run again (a second process, a restart after a crash): nothing left to seal, nothing changed.
      expect(await sealClearPayloads(reopened, 2)).toBe(0);
      expect(await sealClearBundleKeys(reopened.db, opened)).toBe(0);
      expect(await reopened.db.selectFrom('events').select(['event_id', 'payload']).execute()).toEqual(after);
      expect(made.personId).toBeTruthy();
    });

    it('binds a sealed payload to its row: moved to another event it does not open', async () => {
      const hq = await hqs.start(dialect);
      await personPushed(hq);
      const vault = await hqVault(hq.hq);
      const [first, second] = await hq.hq.db.selectFrom('events').select(['event_id', 'payload']).orderBy('server_seq').limit(2).execute();
      expect(() => vault.openPayload(second!.event_id, first!.payload)).toThrow(/cannot open the payload/);
    });

    it('rotates the master key: the new key opens every payload and the signing key, the old one nothing', async () => {
      const hq = await hqs.start(dialect);
      await personPushed(hq);
      const before = await hqVault(hq.hq);
      const events = await hq.hq.db.selectFrom('events').select(['event_id', 'payload']).execute();
      const next = writeTestKeyFile(`${hq.tdb.env.QEYD_HQ_DATA_DIR}-next`);
      extraKeys.push(next);
      await rotateHqMasterKey(hq.hq, next.key);
      // No event was rewritten: the data key stayed.
      expect(await hq.hq.db.selectFrom('events').select(['event_id', 'payload']).execute()).toEqual(events);

      const withNew = await openHqDatabase(hq.tdb.config, next.key);
      const withOld = await openHqDatabase(hq.tdb.config, hq.tdb.key);
      try {
        const v = await hqVault(withNew);
        expect(v.signingKey).toEqual(before.signingKey);
        for (const e of events) expect(v.openPayload(e.event_id, e.payload)).toBe(before.openPayload(e.event_id, e.payload));
        await expect(hqVault(withOld)).rejects.toThrow(wrongKeyMessage);
      } finally {
        await withNew.close();
        await withOld.close();
      }
    });

    it('ends with one data key when two HQ processes set up a new database at once', async () => {
      const hq = await hqs.start(dialect);
      await hq.down();
      await hq.hq.close();
      const one = await hq.tdb.open();
      const two = await hq.tdb.open();
      const [v1, v2] = await Promise.all([hqVault(one), hqVault(two)]);
      expect(v2.openPayload('e-1', v1.sealPayload('e-1', '{"a":1}'))).toBe('{"a":1}');
      expect(v1.signingKey).toEqual(v2.signingKey);
    });
  });
}

describe('an HQ passphrase instead of a key file', () => {
  it('sets HQ up with scrypt, keeping only the salt and parameters; the same passphrase opens it, another or a key file is refused', async () => {
    const hq = await hqs.start('sqlite');
    await hq.down();
    await hq.hq.close();
    const passphrase = { kind: 'passphrase', passphrase: 'correct horse battery staple 2026' } as const;
    const first = await openHqDatabase(hq.tdb.config, passphrase);
    const sealed = (await hqVault(first)).sealPayload('e-1', '{"name":"Zarina Yusupova"}');
    const kdf = JSON.parse((await first.db.selectFrom('hq_meta').select('value').where('key', '=', 'hq_key_kdf').executeTakeFirstOrThrow()).value) as Record<string, unknown>;
    expect(Object.keys(kdf).sort()).toEqual(['N', 'name', 'p', 'r', 'salt']);
    expect(kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    await first.close();

    const again = await openHqDatabase(hq.tdb.config, passphrase);
    const other = await openHqDatabase(hq.tdb.config, { kind: 'passphrase', passphrase: 'correct horse battery staple 2025' });
    const file = await openHqDatabase(hq.tdb.config, hq.tdb.key);
    try {
      expect((await hqVault(again)).openPayload('e-1', sealed)).toBe('{"name":"Zarina Yusupova"}');
      await expect(hqVault(other)).rejects.toThrow(wrongKeyMessage);
      await expect(hqVault(file)).rejects.toThrow(`${wrongKeyMessage}: it was set up with a passphrase, not a key file`);
    } finally {
      await Promise.all([again.close(), other.close(), file.close()]);
    }
  });
});

describe('hq:admin create-key-file and rotate-key', () => {
  it('writes a new key file only where none is, and rotates HQ onto it: HQ then starts with the new key and refuses the old', async () => {
    const hq = await hqs.start('sqlite');
    await personPushed(hq);
    await hq.down();
    await hq.hq.close();
    const out = `${hq.tdb.env.QEYD_HQ_DATA_DIR}-rotated.key`;
    extraKeys.push({ remove: () => rmSync(out, { force: true }) });
    const admin = (...args: string[]) =>
      spawnSync('npx', ['tsx', 'hq/cli.ts', ...args], { cwd: repoRoot, env: { ...process.env, ...hq.tdb.env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const made = admin('create-key-file', '--out', out);
    expect(made.stdout).toContain(`HQ key file written to ${out} (mode 0600)`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const before = readFileSync(out, 'utf8');
    const twice = admin('create-key-file', '--out', out);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain(`cannot write ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(before);

    const rotated = admin('rotate-key', '--new-key-file', out);
    expect(rotated.stdout).toContain(`HQ's data key and signing key are now wrapped under ${out}`);
    running = spawnHq({ ...hq.tdb.env, QEYD_HQ_PORT: '0' });
    expect((await waitForExit(running)).code).toBe(2);
    expect(running.stderr()).toContain(wrongKeyMessage);
    running = spawnHq({ ...hq.tdb.env, QEYD_HQ_KEY_FILE: out, QEYD_HQ_PORT: '0' });
    await waitForOutput(running, /Qeyd HQ: http:\/\//);
  });
});

describe('the HQ key file', () => {
  it('is refused when other users can read it, or when it holds no key, with a message saying how to fix it', () => {
    const hqKey = writeTestKeyFile(join(repoRoot, 'node_modules', '.qeyd-test-hq-key'));
    extraKeys.push(hqKey);
    expect(readHqKeyFile(hqKey.path)).toHaveLength(32);
    chmodSync(hqKey.path, 0o644);
    expect(() => readHqKeyFile(hqKey.path)).toThrow(new HqKeyError(`the HQ key file ${hqKey.path} can be read or changed by other users (mode 0644): run chmod 600 ${hqKey.path}`));
    writeFileSync(hqKey.path, 'not a key\n', { mode: 0o600 });
    chmodSync(hqKey.path, 0o600);
    expect(() => readHqKeyFile(hqKey.path)).toThrow(/does not hold an HQ key \(one line: the base64 of 32 random bytes/);
    expect(() => readHqKeyFile(`${hqKey.path}.missing`)).toThrow(/cannot read the HQ key file .*QEYD_HQ_KEY_FILE/);
  });

  it('is required: without it and without a terminal, HQ refuses to start, saying what to set, with exit code 2', async () => {
    const hq = await hqs.start('sqlite');
    running = spawnHq({ ...hq.tdb.env, QEYD_HQ_KEY_FILE: '', QEYD_HQ_PORT: '0' });
    expect((await waitForExit(running)).code).toBe(2);
    expect(running.stderr()).toContain('Qeyd HQ: QEYD_HQ_KEY_FILE is not set and there is no terminal to ask for the HQ passphrase');
  });
});
