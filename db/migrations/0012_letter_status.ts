import type { Migration } from './types';

/**
 * Whether the letter of rights handed over was legally reviewed or a draft translation, and whether the
 * interpreter checked a draft with the person (issue #11 §7). A projection of rights.notified.
 * Notifications recorded before this step get the status their letter had then: the az, en and ru
 * letters were the reviewed ones, every other language a draft; an oral notification has no letter.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'letter_status',
  up: `
    ALTER TABLE rights_notifications ADD COLUMN letter_status TEXT;
    ALTER TABLE rights_notifications ADD COLUMN interpreter_checked_letter INTEGER NOT NULL DEFAULT 0;
    UPDATE rights_notifications
       SET letter_status = CASE WHEN language IN ('az', 'en', 'ru') THEN 'reviewed' ELSE 'draft' END
     WHERE mode = 'written' AND template_version IS NOT NULL;
  `,
};
