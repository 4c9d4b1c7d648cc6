import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kdfCost } from '../../../db/kdf-cost';
import { adminPassword } from '../../helpers/backend';
import { refusal } from '../../helpers/centre';
import { useOffice, type Office } from './helpers';

const office = useOffice();
const passphrase = 'carry this to laptop two';

function auditActions(o: Office): { action: string; outcome: string }[] {
  return o.backend.installation.requireStore().sqlite.prepare("SELECT action, outcome FROM audit_log WHERE entity_type = 'npm_org' ORDER BY seq").all() as { action: string; outcome: string }[];
}

function slotFile(o: Office): string {
  return readFileSync(join(o.backend.installation.dataDir, 'installation.json'), 'utf8');
}

/** One genuine key file, exported once through the router and then altered by each test. */
let genuine: Promise<string> | null = null;
function genuineKeyFile(): Promise<string> {
  genuine ??= office({ name: 'Office laptop 1' }).then(async (one) => (await one.admin.npmOrg.exportKey({ currentPassword: adminPassword, passphrase })).content);
  return genuine;
}

/** A second laptop of the office, without the keys: whatever is refused must leave it so. */
async function importer() {
  const two = await office({ createOrg: false, name: 'Office laptop 2' });
  const unchanged = async () => {
    expect((await two.monitor.npmOrg.status({})).configured).toBe(false);
    expect(two.backend.installation.requireStore().meta('npm_org')).toBeUndefined();
    expect(auditActions(two)).toEqual([]);
  };
  return { two, unchanged };
}

describe('the organisation key file', () => {
  it("is exported only after the administrator's own password is given again, and is locked with scrypt N = 2^20", async () => {
    const o = await office();
    await o.as('admin', 'second.admin');
    const slotsBefore = slotFile(o);

    const wrong = await refusal(o.admin.npmOrg.exportKey({ currentPassword: 'not my password', passphrase }));
    expect(wrong).toMatchObject({ code: 'rule', messageKey: 'error.auth.wrongCurrentPassword', fields: { currentPassword: { key: 'error.auth.wrongCurrentPassword' } } });
    const missing = await refusal(o.admin.npmOrg.exportKey({ passphrase } as never));
    expect(missing.code).toBe('validation');
    expect(Object.keys(missing.fields ?? {})).toEqual(['currentPassword']);
    // another user's password is not the administrator's
    expect((await refusal(o.admin.npmOrg.exportKey({ currentPassword: 'password-of-second.admin', passphrase }))).messageKey).toBe('error.auth.wrongCurrentPassword');
    expect((await refusal(o.monitor.npmOrg.exportKey({ currentPassword: 'password-of-monitor', passphrase }))).code).toBe('forbidden');

    const { content } = await o.admin.npmOrg.exportKey({ currentPassword: adminPassword, passphrase });
    // the cost it is written with: N = 2^20 in the app (tests/db/kdf-cost.test.ts), lowered in tests
    expect(JSON.parse(content)).toMatchObject({ kdf: { name: 'scrypt', ...kdfCost().orgKey } });
    // checking the password changed nothing in the key slots
    expect(slotFile(o)).toBe(slotsBefore);
    expect(auditActions(o)).toEqual([
      { action: 'npm.orgCreated', outcome: 'ok' },
      { action: 'npm.orgKeyExportRefused', outcome: 'denied' },
      { action: 'npm.orgKeyExportRefused', outcome: 'denied' },
      { action: 'npm.orgKeyExported', outcome: 'ok' },
    ]);
  });

  it('that declares a costlier scrypt than export writes is refused before any work, with its own reason, and nothing changes', async () => {
    const file = JSON.parse(await genuineKeyFile()) as { kdf: Record<string, unknown> };
    const { two, unchanged } = await importer();
    const costly = [
      { N: 2 ** 24, r: 64 }, // 128 GiB
      { N: 2 ** 20, r: 32 }, // 4 GiB, which the previous bounds let through
      { N: 2 ** 21 },
      { r: 9 },
      { p: 2 },
    ];
    for (const over of costly) {
      const content = JSON.stringify({ ...file, kdf: { ...file.kdf, ...over } });
      expect((await refusal(two.admin.npmOrg.importKey({ content, passphrase }))).messageKey, JSON.stringify(over)).toBe('error.npm.keyFileTooCostly');
    }
    // not a cost at all: simply not our file
    for (const over of [{ N: 'a lot' }, { name: 'argon2id' }, { N: 2 ** 20 - 1 }]) {
      const content = JSON.stringify({ ...file, kdf: { ...file.kdf, ...over } });
      expect((await refusal(two.admin.npmOrg.importKey({ content, passphrase }))).messageKey, JSON.stringify(over)).toBe('error.npm.badFile');
    }
    await unchanged();
  });

  it('whose authentication tag was cut to 4, 8 or 12 bytes is refused and nothing is imported', async () => {
    const file = JSON.parse(await genuineKeyFile()) as { tag: string };
    const { two, unchanged } = await importer();
    for (const bytes of [4, 8, 12]) {
      const tag = Buffer.from(file.tag, 'base64').subarray(0, bytes).toString('base64');
      const e = await refusal(two.admin.npmOrg.importKey({ content: JSON.stringify({ ...file, tag }), passphrase }));
      expect(e.messageKey, `${bytes}-byte tag`).toBe('error.npm.badFile');
    }
    await unchanged();
    // the file as exported still opens
    await two.admin.npmOrg.importKey({ content: await genuineKeyFile(), passphrase });
    expect((await two.monitor.npmOrg.status({})).canOpenSealed).toBe(true);
  });
});
