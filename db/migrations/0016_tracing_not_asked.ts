import type { Migration } from './types';

/**
 * A tracing request the centre could not put to the person (issue #14 §3, person.tracingNotAsked): the
 * reason beside the answer columns of `tracing_answers`, which stay empty then. One row per request
 * still, so an answer and a "could not ask" recorded on two devices settle by the later clock.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'tracing_not_asked',
  up: `
    ALTER TABLE tracing_answers ADD COLUMN could_not_ask TEXT;
  `,
};
