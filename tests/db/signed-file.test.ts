import { describe, expect, it } from 'vitest';
import { generateDeviceKeyPair } from '../../db/chain';
import { parseSignedFile, readSignedFile, signFile, signedFileText, verifyFile, type FileSigner } from '../../db/signed-file';
import { facilityIdentityBody } from '../../core/npm/files';
import { ApiError } from '../../core/contract/errors';

const pair = generateDeviceKeyPair();
const signer: FileSigner = { kind: 'device', id: 'device-1', ...pair };
const body = {
  installationId: 'inst-1',
  facilityName: 'Centre',
  deviceId: 'device-1',
  deviceName: 'Laptop',
  publicKey: pair.publicKey,
  issuedAt: '2025-01-01T00:00:00.000Z',
};

function keyOf(error: unknown): string {
  return error instanceof ApiError ? error.messageKey : String(error);
}
function refusal(fn: () => unknown): string {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    return keyOf(e);
  }
}

describe('signed files', () => {
  it('round-trips through the file text and verifies with the trusted key', () => {
    const file = signFile('qeyd-facility-identity', body, signer);
    expect(verifyFile(file, pair.publicKey)).toBe(true);
    const read = readSignedFile(signedFileText(file), 'qeyd-facility-identity', facilityIdentityBody, () => pair.publicKey);
    expect(read.body).toEqual(body);
    // canonical JSON: key order of the input does not change the signed text
    const reordered = signFile('qeyd-facility-identity', Object.fromEntries(Object.entries(body).reverse()), signer);
    expect(reordered.body).toBe(file.body);
  });

  it('refuses a tampered body, another key, an unknown signer, another format and garbage with distinct reasons', () => {
    const file = signFile('qeyd-facility-identity', body, signer);
    const tampered = signedFileText({ ...file, body: file.body.replace('Centre', 'Centrx') });
    expect(refusal(() => readSignedFile(tampered, 'qeyd-facility-identity', facilityIdentityBody, () => pair.publicKey))).toBe('error.npm.badSignature');
    const other = generateDeviceKeyPair();
    expect(refusal(() => readSignedFile(signedFileText(file), 'qeyd-facility-identity', facilityIdentityBody, () => other.publicKey))).toBe('error.npm.badSignature');
    expect(refusal(() => readSignedFile(signedFileText(file), 'qeyd-facility-identity', facilityIdentityBody, () => null))).toBe('error.npm.unknownSigner');
    expect(refusal(() => parseSignedFile(signedFileText(file), 'qeyd-npm-identity'))).toBe('error.npm.badFile');
    expect(refusal(() => parseSignedFile('not json', 'qeyd-facility-identity'))).toBe('error.npm.badFile');
    // a valid signature over a body of the wrong shape is still not our file
    const wrongShape = signFile('qeyd-facility-identity', { hello: 'world' }, signer);
    expect(refusal(() => readSignedFile(signedFileText(wrongShape), 'qeyd-facility-identity', facilityIdentityBody, () => pair.publicKey))).toBe('error.npm.badFile');
  });

  it('binds the signature to the format: the same body under another format does not verify', () => {
    const file = signFile('qeyd-facility-identity', body, signer);
    expect(verifyFile({ ...file, format: 'qeyd-npm-identity' }, pair.publicKey)).toBe(false);
  });
});
