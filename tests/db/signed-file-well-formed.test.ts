import { describe, expect, it } from 'vitest';
import { facilityIdentityBody } from '../../core/npm/files';
import { generateDeviceKeyPair } from '../../db/chain';
import { parseSignedFile, readSignedFile, signFile, signedFileText, type FileSigner } from '../../db/signed-file';
import { refusalOf } from '../helpers/refusal';

const pair = generateDeviceKeyPair();
const signer: FileSigner = { kind: 'device', id: 'device-1', ...pair };
const body = (facilityName: string) => ({
  installationId: 'inst-1',
  facilityName,
  deviceId: 'device-1',
  deviceName: 'Laptop',
  publicKey: pair.publicKey,
  issuedAt: '2025-01-01T00:00:00.000Z',
});

describe('signed files holding text that cannot be stored faithfully', () => {
  it('a correctly signed body with a lone surrogate or a NUL is refused, with the reason', () => {
    for (const name of ['Centre \uD800', '\uDC00', 'Cen\u0000tre']) {
      const file = signFile('qeyd-facility-identity', body(name), signer);
      expect(file.body).toMatch(/\\u(d[89a-f]|0000)/); // escaped in the signed text, a broken string once read
      const e = refusalOf(() => readSignedFile(signedFileText(file), 'qeyd-facility-identity', facilityIdentityBody, () => pair.publicKey));
      expect(e).toMatchObject({ code: 'rule', messageKey: 'error.npm.badFile', fields: { content: { key: 'error.field.illFormedText' } } });
    }
  });

  it('an envelope with a lone surrogate outside the body is refused before any key is looked up', () => {
    const file = signFile('qeyd-facility-identity', body('Centre'), signer);
    const text = signedFileText({ ...file, signer: { ...file.signer, id: 'device-\uD800' } });
    expect(refusalOf(() => parseSignedFile(text, 'qeyd-facility-identity'))).toMatchObject({ messageKey: 'error.npm.badFile', fields: { content: { key: 'error.field.illFormedText' } } });
  });
});
