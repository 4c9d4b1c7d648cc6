import type { ProjectorMap } from './types';
import { personCorrected, personRegistered } from './persons';

/** Every event type has exactly one projector (the type checker refuses a missing one). */
export const projectors: ProjectorMap = {
  'person.registered': personRegistered,
  'person.corrected': personCorrected,
};

/** State tables that projections own; a rebuild empties them and replays the log. */
export const projectedTables = ['persons'] as const;
