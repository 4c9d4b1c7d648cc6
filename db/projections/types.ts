import type { Kysely } from 'kysely';
import type { EventRecord, EventType, EventPayload } from '../../core/events';
import type { Settings } from '../../core/settings';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';

/** What a projection sees: the event, its parsed payload, a typed query builder and a sync runner. */
export interface ProjectionContext<T extends EventType> {
  event: EventRecord;
  payload: EventPayload<T>;
  /** When the event was made (from its clock), for created_at / updated_at columns. */
  at: string;
  qb: Kysely<Database>;
  q: SyncQuery;
  settings: Settings;
  /** The event's position in this device's log (replays see the same order). */
  localSeq: number;
}

/**
 * Which person the event concerns (for the timeline) and whether the person's derived state — flags,
 * restriction, each open episode's next deadline — must be recomputed.
 */
export interface Touched {
  personId: string | null;
  refresh: boolean;
}

export type Projector<T extends EventType> = (ctx: ProjectionContext<T>) => Touched;

export type ProjectorMap = { [T in EventType]: Projector<T> };
