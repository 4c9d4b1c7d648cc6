import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/canonical-json';

describe('canonical JSON', () => {
  it('gives the same text whatever order the fields were set in', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(canonicalJson({ a: { c: 'x', d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('drops undefined members and refuses values JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});
