import { z } from 'zod';
import { text } from '../fields';
import { personDetails } from '../person';

/**
 * Every kind of event, with the zod schema of its payload and the payload's schema version. Payloads are
 * validated when an event is made and again when one arrives from another device or HQ.
 */
export const eventCatalog = {
  'person.registered': {
    schemaVersion: 1,
    payload: z.object({ details: personDetails }).strict(),
  },
  'person.corrected': {
    schemaVersion: 1,
    payload: z
      .object({
        /** Only the fields that change; the previous values are kept by the events before this one. */
        changes: z.record(z.string().max(100), z.unknown()),
        reason: text(1000),
      })
      .strict(),
  },
} as const;

export type EventType = keyof typeof eventCatalog;
export type EventPayload<T extends EventType> = z.output<(typeof eventCatalog)[T]['payload']>;

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(eventCatalog, type);
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The stored and synced form of an event (architecture §3). `payload` is canonical JSON text. */
export const eventRecord = z.object({
  eventId: z.uuid(),
  deviceId: z.uuid(),
  deviceSeq: z.number().int().min(1),
  hlc: z.string().min(30).max(100),
  actor: z.string().min(1).max(100),
  type: z.string().min(1).max(100),
  entityId: z.string().min(1).max(100),
  payload: z.string().max(256 * 1024),
  schemaVersion: z.number().int().min(1),
  supersedes: z.array(z.string().max(100)).max(100),
  prevHash: z.union([hex64, z.literal('')]),
  hash: hex64,
});
export type EventRecord = z.infer<typeof eventRecord>;

/** What a command asks to append; the store adds identity, sequence, clock and hashes. */
export interface EventDraft<T extends EventType = EventType> {
  type: T;
  entityId: string;
  payload: EventPayload<T>;
  supersedes?: string[];
}
