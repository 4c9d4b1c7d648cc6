import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal, type SealFormat } from '../../db/x25519-seal';

const format: SealFormat = { info: 'qeyd-test-seal', epk: 'raw', aad: (epk) => Buffer.concat([Buffer.from('bound|'), epk]) };

describe('sealing to an X25519 key', () => {
  it('opens with the recipient’s private key and with no other', () => {
    const me = generateKeyPairSync('x25519');
    const other = generateKeyPairSync('x25519');
    const box = seal(me.publicKey, Buffer.from('Amina, room 4'), format);
    expect(open(me.privateKey, box, format)?.toString()).toBe('Amina, room 4');
    expect(open(other.privateKey, box, format)).toBeNull();
  });

  it('refuses a tag of any length but 16 bytes, a changed format and a changed byte', () => {
    const me = generateKeyPairSync('x25519');
    const box = seal(me.publicKey, Buffer.from('Amina, room 4'), format);
    for (const tag of [box.tag.subarray(0, 4), box.tag.subarray(0, 12), Buffer.concat([box.tag, Buffer.from([0])])]) expect(open(me.privateKey, { ...box, tag }, format)).toBeNull();
    expect(open(me.privateKey, box, { ...format, info: 'qeyd-other-seal' })).toBeNull();
    expect(open(me.privateKey, box, { ...format, aad: undefined })).toBeNull();
    expect(open(me.privateKey, box, { ...format, saltWithRecipient: true })).toBeNull();
    const ct = Buffer.from(box.ct);
    ct[0]! ^= 1;
    expect(open(me.privateKey, { ...box, ct }, format)).toBeNull();
  });

  it('writes the ephemeral key as the format says: 32 raw bytes or DER spki', () => {
    const me = generateKeyPairSync('x25519');
    expect(seal(me.publicKey, Buffer.from('x'), format).epk).toHaveLength(32);
    const spki = { info: 'qeyd-test-seal', epk: 'spki' } as const;
    const box = seal(me.publicKey, Buffer.from('x'), spki);
    expect(box.epk).toHaveLength(44);
    expect(open(me.privateKey, box, spki)?.toString()).toBe('x');
  });
});
