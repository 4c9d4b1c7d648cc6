import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrate';
import { migrations } from '../../../db/migrations';
import { databaseAt } from './helpers';

describe('migration 0012: the status of the letter of rights (issue #11 §7)', () => {
  it('gives notifications recorded before it the status their letter had: az, en, ru reviewed, others draft, oral none', () => {
    const db = databaseAt(11);
    const insert = db.prepare(
      `INSERT INTO rights_notifications (notification_id, person_id, episode_id, at, mode, language, template_id, template_version, items, acknowledgement, copy_handed, recorded_by, verify_code)
       VALUES (?, 'p', 'e', 't', ?, ?, ?, ?, '[]', '{}', 1, 'u', ?)`,
    );
    insert.run('ru', 'written', 'ru', 'rights-letter', '2026-11-01', 'C-1');
    insert.run('ur', 'written', 'ur', 'rights-letter', '2026-11-01', 'C-2');
    insert.run('oral', 'oral', 'ps', null, null, 'C-3');
    migrate(
      db,
      migrations.filter((m) => m.version <= 12),
    );
    expect(db.prepare('SELECT notification_id, letter_status, interpreter_checked_letter FROM rights_notifications ORDER BY notification_id').all()).toEqual([
      { notification_id: 'oral', letter_status: null, interpreter_checked_letter: 0 },
      { notification_id: 'ru', letter_status: 'reviewed', interpreter_checked_letter: 0 },
      { notification_id: 'ur', letter_status: 'draft', interpreter_checked_letter: 0 },
    ]);
  });
});
