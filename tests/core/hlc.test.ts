import { describe, expect, it } from 'vitest';
import { ClockDriftError, decodeHlc, encodeHlc, receive, tick } from '../../core/hlc';

const node = 'device-a';

describe('hybrid logical clock', () => {
  it('orders events in the same millisecond by their counter', () => {
    const a = tick({ millis: 1000, counter: 0, node }, 1000);
    const b = tick(a, 1000);
    expect(encodeHlc(b) > encodeHlc(a)).toBe(true);
    expect(b.counter).toBe(a.counter + 1);
  });

  it('never goes backwards when the wall clock does', () => {
    const a = tick({ millis: 5000, counter: 3, node }, 5000);
    const b = tick(a, 1000);
    expect(encodeHlc(b) > encodeHlc(a)).toBe(true);
  });

  it('sorts after a received remote timestamp', () => {
    const local = { millis: 1000, counter: 0, node };
    const remote = { millis: 2000, counter: 7, node: 'device-b' };
    const merged = receive(local, remote, 1500);
    expect(merged.millis).toBe(2000);
    expect(merged.counter).toBe(8);
    expect(merged.node).toBe(node);
  });

  it('refuses a remote clock more than the allowed drift ahead', () => {
    const local = { millis: 0, counter: 0, node };
    expect(() => receive(local, { millis: 10 * 24 * 3600_000, counter: 0, node: 'x' }, 0)).toThrow(ClockDriftError);
  });

  it('round-trips through its text form, which sorts like the clock', () => {
    const h = { millis: Date.parse('2026-11-23T10:00:00.000Z'), counter: 42, node: 'abc-def' };
    expect(decodeHlc(encodeHlc(h))).toEqual(h);
    expect(encodeHlc({ ...h, counter: 41 }) < encodeHlc(h)).toBe(true);
  });
});
