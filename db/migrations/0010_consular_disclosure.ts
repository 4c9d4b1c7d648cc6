import type { Migration } from './types';

/**
 * The review of a consular disclosure conflict (docs/domain.md §5 rule 3, issue #11): a notice that reached
 * a consulate before the person became a protection case. A projection of consular.disclosureReviewed.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'consular_disclosure',
  up: `
    ALTER TABLE consular_notices ADD COLUMN disclosure_review TEXT;
  `,
};
