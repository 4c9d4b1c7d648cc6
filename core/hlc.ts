/**
 * Hybrid logical clock (Kulkarni et al.), as in Actual Budget's timestamp.ts: wall-clock milliseconds,
 * a counter for events in the same millisecond, and the node (device) id. Encoded so that plain string
 * comparison orders timestamps. It orders display and sync; it never decides legal truth (docs/architecture.md §3).
 */
export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
/** A remote clock this far ahead of ours is refused rather than dragging our clock into the future. */
export const DEFAULT_MAX_DRIFT_MS = 36 * 60 * 60 * 1000;

export class ClockDriftError extends Error {
  constructor(
    readonly remoteMillis: number,
    readonly localMillis: number,
  ) {
    super(`remote clock ${new Date(remoteMillis).toISOString()} is too far ahead of ${new Date(localMillis).toISOString()}`);
  }
}

export function encodeHlc(h: Hlc): string {
  return `${new Date(h.millis).toISOString()}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

const hlcText = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-(.+)$/;

export function decodeHlc(s: string): Hlc {
  const m = hlcText.exec(s);
  const millis = m ? Date.parse(m[1]!) : NaN;
  if (!m || !Number.isFinite(millis)) throw new Error(`not a hybrid logical clock value: ${s}`);
  return { millis, counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** Whether `s` decodes as a clock value: what every device and HQ require of an event's `hlc` (issue #10). */
export function isHlc(s: string): boolean {
  const m = hlcText.exec(s);
  return m !== null && Number.isFinite(Date.parse(m[1]!));
}

/** Advance for a local event. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.millis) return { millis: now, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, node: last.node };
  return { millis: last.millis, counter: last.counter + 1, node: last.node };
}

/** Merge a clock seen on a received event, so our next event sorts after it. */
export function receive(last: Hlc, remote: Hlc, now: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): Hlc {
  if (remote.millis - now > maxDriftMs) throw new ClockDriftError(remote.millis, now);
  const millis = Math.max(last.millis, remote.millis, now);
  let counter: number;
  if (millis === last.millis && millis === remote.millis) counter = Math.max(last.counter, remote.counter) + 1;
  else if (millis === last.millis) counter = last.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, node: last.node };
  return { millis, counter, node: last.node };
}
