import { z } from 'zod';
import { text, username } from '../fields';
import { needs, publicAccess } from '../permissions';
import { empty } from './common';
import { devicesOnly, method } from './method';

/** A folder or file on this computer, typed in (the preview has no native picker; the desktop shell may fill it). */
const localPath = text(1000);

/** How far a backup under way has got: the database copied, then the file written (bytes). */
export const backupProgress = z.object({
  phase: z.enum(['copying', 'writing', 'done', 'failed']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});

export const backupStatus = z.object({
  lastBackupAt: z.string().nullable(),
  lastFolder: z.string().nullable(),
  lastFile: z.string().nullable(),
  /** No backup in the last 24 hours: the shell's header and this screen remind the administrator. */
  due: z.boolean(),
  /** When the reminder shows again if a backup is taken now-ish: 24 h after the last one. */
  nextReminderAt: z.string().nullable(),
  running: z.boolean(),
  progress: backupProgress.nullable(),
  /** The reason key of the last backup that failed, until one succeeds. */
  lastError: z.string().nullable(),
});

/** What a backup file says of itself before anyone types a password (its header: nothing about a person). */
export const backupSummary = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  headSeq: z.number().int(),
  createdAt: z.string(),
});

/**
 * Backup of a centre laptop and its restore on another (issue #13 §4, docs/backup.md). A backup is
 * taken by the installation's administrator; a restore is offered at first start only, before any
 * installation exists on the machine, and opens with a user's password or the recovery key.
 */
export const backupContract = {
  backup: {
    create: method({
      input: z.object({ folder: localPath }).strict(),
      output: z.object({ file: z.string(), path: z.string(), bytes: z.number().int(), createdAt: z.string(), headSeq: z.number().int() }),
      access: needs('backup.manage'),
      servedAt: devicesOnly,
    }),
    status: method({ input: empty, output: backupStatus, access: needs('backup.manage'), servedAt: devicesOnly }),
  },
  restore: {
    inspect: method({ input: z.object({ path: localPath }).strict(), output: backupSummary, access: publicAccess, servedAt: devicesOnly }),
    apply: method({
      input: z.union([z.object({ path: localPath, username, password: z.string().min(1).max(256) }).strict(), z.object({ path: localPath, recoveryKey: text(200) }).strict()]),
      output: backupSummary.extend({
        /** The device was enrolled with HQ: it must sync once before anything new is recorded. */
        mustSyncFirst: z.boolean(),
      }),
      access: publicAccess,
      servedAt: devicesOnly,
    }),
  },
};
