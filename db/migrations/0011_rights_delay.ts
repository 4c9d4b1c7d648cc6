import type { Migration } from './types';

/**
 * The recorded reason why an episode's rights could not be explained yet (docs/domain.md §5 rule 2, issue
 * #11 §3): JSON of the latest rights.delayed event, with the clock that recorded it. A projection;
 * no backfill, since the event is new.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'rights_delay',
  up: `
    ALTER TABLE episodes ADD COLUMN rights_delay TEXT;
  `,
};
