import { describe, expect, it } from 'vitest';
import { generateSealingKeyPair, open, seal, SealedOpenError, sealingKeyId } from '../../db/sealed';

const secret = { notes: 'Beaten in the corridor by the night shift', intervieweeName: 'Farid Aliyev', allegations: ['kicked'] };

function reason(fn: () => unknown): string {
  try {
    fn();
    return 'opened';
  } catch (e) {
    return e instanceof SealedOpenError ? e.reason : String(e);
  }
}

describe('sealed content', () => {
  it('opens with the organisation private key and names the key it was sealed to', () => {
    const org = generateSealingKeyPair();
    const sealed = seal(org.publicKey, secret);
    expect(sealed.kid).toBe(sealingKeyId(org.publicKey));
    expect(sealed.kid).toMatch(/^[0-9a-f]{16}$/);
    expect(open(org.privateKey, sealed)).toEqual(secret);
  });

  it('never carries the plaintext, and two seals of the same content differ', () => {
    const org = generateSealingKeyPair();
    const a = JSON.stringify(seal(org.publicKey, secret));
    const b = JSON.stringify(seal(org.publicKey, secret));
    expect(a).not.toBe(b);
    for (const text of [a, Buffer.from(a).toString('base64')]) {
      expect(text).not.toContain('Farid');
      expect(text).not.toContain('corridor');
    }
  });

  it('refuses another key and any altered part', () => {
    const org = generateSealingKeyPair();
    const other = generateSealingKeyPair();
    const sealed = seal(org.publicKey, secret);
    expect(reason(() => open(other.privateKey, sealed))).toBe('other_key');
    // the same kid claimed by a message sealed to someone else still does not open
    expect(reason(() => open(org.privateKey, { ...seal(other.publicKey, secret), kid: sealed.kid }))).toBe('tampered');
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] = buf[0]! ^ 1;
      return buf.toString('base64');
    };
    for (const part of ['ct', 'tag', 'iv', 'epk'] as const) {
      expect(reason(() => open(org.privateKey, { ...sealed, [part]: flip(sealed[part]) }))).toBe('tampered');
    }
  });
});
