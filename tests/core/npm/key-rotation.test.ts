import { describe, expect, it } from 'vitest';
import { decideRotation, orgKeyRotationStatement, retiredKeyAccepts } from '../../../core/npm/key-rotation';

/** The rules of key rotation (docs/npm.md#key-rotation), apart from any signature: which statement moves trust where. */
describe('deciding a key rotation', () => {
  const trusted = { current: 'B', retired: ['A'] };

  it('takes a statement from the key trusted now to a fresh key', () => {
    expect(decideRotation({ oldKey: 'B', newKey: 'C' }, trusted)).toEqual({ accept: true, already: false });
  });

  it('recognises a rotation already walked past, the latest or an earlier one', () => {
    expect(decideRotation({ oldKey: 'A', newKey: 'B' }, trusted)).toEqual({ accept: true, already: true });
    expect(decideRotation({ oldKey: 'A', newKey: 'B' }, { current: 'C', retired: ['A', 'B'] })).toEqual({ accept: true, already: true });
  });

  it('refuses a statement from a key that is not the one trusted now, and one for a sender it does not know', () => {
    expect(decideRotation({ oldKey: 'X', newKey: 'C' }, trusted)).toEqual({ accept: false, refusal: 'error.npm.rotationNotTrusted' });
    // Skipping a step: B → C is not what a receiver still at A can take.
    expect(decideRotation({ oldKey: 'B', newKey: 'C' }, { current: 'A', retired: [] })).toEqual({ accept: false, refusal: 'error.npm.rotationNotTrusted' });
    expect(decideRotation({ oldKey: 'A', newKey: 'B' }, { current: null, retired: [] })).toEqual({ accept: false, refusal: 'error.npm.rotationUnknownSender' });
  });

  it('never hands trust back to a key that was replaced', () => {
    expect(decideRotation({ oldKey: 'B', newKey: 'A' }, trusted)).toEqual({ accept: false, refusal: 'error.npm.rotationKeyReused' });
  });
});

describe('files signed with a replaced key', () => {
  it('are read when made up to the replacement, and refused when made after it', () => {
    expect(retiredKeyAccepts('2026-03-02T07:59:59.999Z', '2026-03-02T08:00:00.000Z')).toBe(true);
    expect(retiredKeyAccepts('2026-03-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z')).toBe(true);
    expect(retiredKeyAccepts('2026-03-02T08:00:00.001Z', '2026-03-02T08:00:00.000Z')).toBe(false);
    // offsets are compared as instants, not as text
    expect(retiredKeyAccepts('2026-03-02T11:30:00+04:00', '2026-03-02T08:00:00.000Z')).toBe(true);
    expect(retiredKeyAccepts('2026-03-02T12:30:00+04:00', '2026-03-02T08:00:00.000Z')).toBe(false);
  });
});

describe('a rotation statement', () => {
  const statement = {
    organisationId: 'org-1',
    name: 'Ombudsman',
    oldSigningPublicKey: 'AAAA',
    oldFingerprint: '0123 4567 89AB CDEF 0123',
    newSigningPublicKey: 'BBBB',
    newBoxPublicKey: 'CCCC',
    rotatedAt: '2026-03-02T08:00:00.000Z',
  };

  it('is read as written and refuses one whose new key is its old key, an unknown field or a malformed fingerprint', () => {
    expect(orgKeyRotationStatement.safeParse(statement).success).toBe(true);
    expect(orgKeyRotationStatement.safeParse({ ...statement, newSigningPublicKey: 'AAAA' }).success).toBe(false);
    expect(orgKeyRotationStatement.safeParse({ ...statement, extra: 1 }).success).toBe(false);
    expect(orgKeyRotationStatement.safeParse({ ...statement, oldFingerprint: '0123456789ABCDEF0123' }).success).toBe(false);
  });
});
