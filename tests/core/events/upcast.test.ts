import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { eventCatalog, type EventType } from '../../../core/events';
import { eventKinds, readPayload, upcasters, type EventKinds } from '../../../core/events/upcast';

/**
 * A pretend history for one event type, in no way the application's: version 1 wrote one `name`,
 * version 2 split it into `given` and `family`, version 3 added `languages` (none known before).
 */
const v3 = z.object({ given: z.string(), family: z.string(), languages: z.array(z.string()) }).strict();
const fixture: EventKinds = {
  'pretend.registered': {
    schemaVersion: 3,
    payload: v3,
    upcasters: [
      (p) => {
        const { name } = z.object({ name: z.string() }).strict().parse(p);
        const [given = '', ...family] = name.split(' ');
        return { given, family: family.join(' ') };
      },
      (p) => ({ ...(p as object), languages: [] }),
    ],
  },
};
const event = (schemaVersion: number, payload: unknown) => ({ type: 'pretend.registered', schemaVersion, payload: JSON.stringify(payload) });

describe('reading an event written under an older schema version', () => {
  it('runs the declared upcasters in order, from the version it was written under up to the current one', () => {
    expect(readPayload(event(1, { name: 'Nodira Karimova Saidova' }), fixture)).toEqual({ payload: { given: 'Nodira', family: 'Karimova Saidova', languages: [] } });
    expect(readPayload(event(2, { given: 'Amina', family: 'Rahimi' }), fixture)).toEqual({ payload: { given: 'Amina', family: 'Rahimi', languages: [] } });
    expect(readPayload(event(3, { given: 'Amina', family: 'Rahimi', languages: ['fa'] }), fixture)).toEqual({ payload: { given: 'Amina', family: 'Rahimi', languages: ['fa'] } });
  });

  it('checks the upcast payload against the current schema, so an old payload the upcasters cannot carry is refused, not guessed at', () => {
    expect(readPayload(event(2, { given: 'Amina' }), fixture)).toEqual({ reason: 'invalid_payload' });
    expect(readPayload(event(1, { fullName: 'Amina Rahimi' }), fixture)).toEqual({ reason: 'cannot_upcast' });
  });

  it('refuses an event of a newer version than it knows, an unknown type, and a version with no declared step', () => {
    expect(readPayload(event(4, { given: 'A', family: 'B', languages: [], more: 1 }), fixture)).toEqual({ reason: 'newer_schema' });
    expect(readPayload({ ...event(1, {}), type: 'pretend.unknown' }, fixture)).toEqual({ reason: 'unknown_type' });
    // A type at version 3 that forgot to declare its steps: its old events are refused, never read as if current.
    expect(readPayload(event(1, { name: 'Amina Rahimi' }), { 'pretend.registered': { ...fixture['pretend.registered']!, upcasters: [] } })).toEqual({ reason: 'no_upcaster' });
  });
});

describe("the application's upcaster registry", () => {
  it('declares for every event type exactly the steps from version 1 to its current version', () => {
    const types = Object.keys(eventCatalog) as EventType[];
    expect(Object.keys(upcasters).sort()).toEqual([...types].sort());
    for (const t of types) expect(upcasters[t], t).toHaveLength(eventCatalog[t].schemaVersion - 1);
    expect(Object.keys(eventKinds).sort()).toEqual([...types].sort());
  });

  it('is a mapped type over the catalog: leaving an event type out does not compile', () => {
    // @ts-expect-error every event type must have an entry
    const partial: typeof upcasters = { 'person.registered': [] };
    expect(Object.keys(partial)).toHaveLength(1);
  });
});
