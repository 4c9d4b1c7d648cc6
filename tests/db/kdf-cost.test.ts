import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { orgKeyScrypt } from '../../core/npm/org-key-file';
import { kdfCost, lowerKdfCostIfTesting, lowKdfCostVariable, lowTestKdfCost, productionKdfCost, setKdfCostForTests, withKdfCost } from '../../db/kdf-cost';
import { createInstallation, isCurrentSlot, scryptParams, unlockWithPassword } from '../../db/keyslots';
import { exportOrgKey, openOrgKeyFile, parseOrgKeyFile, type OrgKeys } from '../../main/services/npm/org';

// The rest of the suite derives passwords at the low test cost (tests/setup/low-kdf-cost.ts). These
// tests hold the production cost itself: what it is, and that the app writes with it.

function someOrgKeys(): OrgKeys {
  const der = (k: import('node:crypto').KeyObject, type: 'spki' | 'pkcs8') => k.export({ type, format: 'der' }).toString('base64');
  const box = generateKeyPairSync('x25519');
  const signing = generateKeyPairSync('ed25519');
  return {
    organisationId: 'office-1',
    name: 'Ombudsman office',
    createdAt: '2026-12-07T08:00:00Z',
    boxPublicKey: der(box.publicKey, 'spki'),
    boxPrivateKey: der(box.privateKey, 'pkcs8'),
    signingPublicKey: der(signing.publicKey, 'spki'),
    signingPrivateKey: der(signing.privateKey, 'pkcs8'),
  };
}

describe('the cost of a password guess', () => {
  it('is scrypt N = 2^17, r = 8 for a key slot and N = 2^20, r = 8 for an organisation key file', () => {
    expect(productionKdfCost.keySlot).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(productionKdfCost.orgKey).toEqual({ N: 2 ** 20, r: 8, p: 1 });
    expect(scryptParams).toEqual(productionKdfCost.keySlot);
    expect(orgKeyScrypt).toEqual(productionKdfCost.orgKey);
  });

  it('at the production cost, a new installation writes every slot with N = 2^17 and it opens', async () => {
    await withKdfCost(productionKdfCost, async () => {
      const { file, dbKey } = await createInstallation({ facilityName: 'Centre', facilityKind: 'detention_centre', adminUsername: 'admin', adminPassword: 'first password 1' });
      expect(file.slots.map((s) => [s.kind, s.kdf.N, s.kdf.r, s.kdf.p])).toEqual([
        ['user', 2 ** 17, 8, 1],
        ['recovery', 2 ** 17, 8, 1],
      ]);
      expect((await unlockWithPassword(file, 'admin', 'first password 1'))?.equals(dbKey)).toBe(true);
    });
  });

  it('a slot written at the low test cost is not current at the production cost, so a real app upgrades it', async () => {
    const { file } = await withKdfCost(lowTestKdfCost, () =>
      createInstallation({ facilityName: 'Centre', facilityKind: 'detention_centre', adminUsername: 'admin', adminPassword: 'first password 1' }),
    );
    expect(file.slots.every((s) => s.kdf.N === 2 ** 14)).toBe(true);
    await withKdfCost(productionKdfCost, async () => expect(file.slots.some(isCurrentSlot)).toBe(false));
    await withKdfCost(lowTestKdfCost, async () => expect(file.slots.every(isCurrentSlot)).toBe(true));
  });

  it('at the production cost, an organisation key file is written with N = 2^20 and opens again', async () => {
    const org = someOrgKeys();
    const content = await withKdfCost(productionKdfCost, () => exportOrgKey(org, 'carry this to laptop two'));
    const file = parseOrgKeyFile(content);
    expect(file.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 20, r: 8, p: 1 });
    const opened = await openOrgKeyFile(file, 'carry this to laptop two', '2026-12-07T08:00:00Z');
    expect(opened.boxPrivateKey).toBe(org.boxPrivateKey);
  });

  it('only the test variable set to "1" lowers the cost, and the app says so', () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => void errors.push(line);
    try {
      setKdfCostForTests(productionKdfCost);
      lowerKdfCostIfTesting({ [lowKdfCostVariable]: 'yes' });
      lowerKdfCostIfTesting({});
      expect(kdfCost()).toBe(productionKdfCost);
      expect(errors).toEqual([]);
      lowerKdfCostIfTesting({ [lowKdfCostVariable]: '1' });
      expect(kdfCost()).toBe(lowTestKdfCost);
      expect(errors[0]).toContain('never use this for real records');
    } finally {
      console.error = original;
      setKdfCostForTests(lowTestKdfCost);
    }
  });
});
