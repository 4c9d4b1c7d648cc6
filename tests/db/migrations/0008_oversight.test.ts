import { describe, expect, it } from 'vitest';
import { everyRow, fillEveryTable, migrateTo } from './data';
import { databaseAt, tableNames } from './helpers';

describe('migration 0008: oversight (a centre answering the ombudsman)', () => {
  it('adds the trusted office, received recommendations and files, and responses', () => {
    const db = databaseAt(8);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['npm_trust', 'received_recommendations', 'received_recommendation_files', 'recommendation_responses']));
  });

  it('holds a received file once and every response in the order recorded', () => {
    const db = databaseAt(8);
    const file = db.prepare("INSERT INTO received_recommendation_files (body_hash, visit_id, received_at, event_id) VALUES ('h1', 'v1', 't', 'e1')");
    file.run();
    expect(() => file.run()).toThrow(/UNIQUE|PRIMARY/);
    const respond = db.prepare("INSERT INTO recommendation_responses (event_id, recommendation_id, visit_id, at, response, local_seq) VALUES (?, 'r1', 'v1', 't', '{}', ?)");
    respond.run('e2', 2);
    respond.run('e3', 3);
    expect(db.prepare("SELECT event_id FROM recommendation_responses WHERE visit_id = 'v1' ORDER BY local_seq").all()).toEqual([{ event_id: 'e2' }, { event_id: 'e3' }]);
  });

  it('keeps every row written at version 7 and trusts no ombudsman office until one is recorded', () => {
    const db = databaseAt(7);
    const before = fillEveryTable(db);
    migrateTo(db, 8);
    expect(everyRow(db)).toEqual({ ...before, npm_trust: [], received_recommendations: [], received_recommendation_files: [], recommendation_responses: [] });
  });
});
