import { describe, expect, it } from 'vitest';
import { everyRow, fillEveryTable, migrateTo, withColumns } from './data';
import { databaseAt } from './helpers';

describe('migration 0010: the review of a consular disclosure conflict', () => {
  it('keeps every row written at version 9; a consular notice sent before it has no review on record', () => {
    const db = databaseAt(9);
    const before = fillEveryTable(db);
    migrateTo(db, 10);
    expect(everyRow(db)).toEqual({ ...before, consular_notices: withColumns(before.consular_notices!, { disclosure_review: null }) });
  });
});
