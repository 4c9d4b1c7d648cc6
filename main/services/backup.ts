import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import type { backupProgress, backupStatus } from '../../core/contract/backup';
import { BackupError, backupFileName, extractStore, openBackup, partialName, readBackupHeader, removePartials, syncDirectory, writeBackupFile, writeDurably, type BackupPart } from '../../db/backup';
import { installationFileName, installationPath } from '../../db/installation-file';
import { installationFileSchema, openRecoverySlot, openUserSlot } from '../../db/keyslots';
import { guardLogFileName, guardStateFileName } from '../../db/sign-in-log';
import { Store, WrongKeyError } from '../../db/store';
import type { Handlers } from '../api/router';
import { rule } from './common';
import { storeFileName, type ServiceInstallation } from './installation';
import { findUserByName } from './users-repo';

type Progress = z.infer<typeof backupProgress>;

/** A backup is due when none was taken in the last 24 hours (issue #13 §4: a daily reminder). */
export const backupReminderMs = 24 * 60 * 60 * 1000;

/** What a restored store keeps until it has reconciled with HQ (main/sync/restore.ts reads it). */
export interface RestoreReport {
  restoreId: string;
  backupSeq: number;
  backupCreatedAt: string;
  restoredAt: string;
}

interface LastBackup {
  at: string;
  folder: string;
  file: string;
  headSeq: number;
  bytes: number;
}

function lastBackup(raw: string | undefined): LastBackup | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LastBackup;
  } catch {
    return null;
  }
}

const backupRefusal = (e: BackupError, field = 'path') => rule(`error.backup.${e.reason}`, field);

/** Why a write to the chosen folder failed, in words an administrator can act on. */
function writeFailure(e: unknown): ApiError {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return rule('error.backup.noSpace', 'folder');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return rule('error.backup.notWritable', 'folder');
  return rule('error.backup.failed', 'folder');
}

/**
 * Backup of the whole installation to a chosen folder, and its restore at first start on another
 * laptop (issue #13 §4, docs/backup.md). The database is copied under its own key; the key-slot file
 * and the sign-in side log go beside it as they are on disk; the device's signing key is inside the
 * database. Restoring keeps the device's identity; an enrolled device then holds every new record until
 * it has fetched from HQ whatever of its own chain HQ received after the backup (main/sync/restore.ts).
 */
export function backupHandlers(inst: ServiceInstallation, now: () => number): { backup: Handlers['backup']; restore: Handlers['restore'] } {
  let progress: Progress | null = null;
  let running = false;

  const status = (): z.infer<typeof backupStatus> => {
    const store = inst.readStore();
    const last = lastBackup(store.meta('backup_last'));
    const lastAt = last ? Date.parse(last.at) : NaN;
    return {
      lastBackupAt: last?.at ?? null,
      lastFolder: last?.folder ?? null,
      lastFile: last?.file ?? null,
      due: !Number.isFinite(lastAt) || now() - lastAt >= backupReminderMs,
      nextReminderAt: Number.isFinite(lastAt) ? new Date(lastAt + backupReminderMs).toISOString() : null,
      running,
      progress,
      lastError: store.meta('backup_last_error') || null,
    };
  };

  return {
    backup: {
      status: () => status(),
      create: async (input, env) => {
        const store = inst.requireStore();
        const folder = input.folder;
        if (!isAbsolute(folder) || !existsSync(folder) || !statSync(folder).isDirectory()) throw rule('error.backup.noFolder', 'folder');
        if (running) throw new ApiError({ code: 'conflict', messageKey: 'error.backup.running' });
        running = true;
        progress = { phase: 'copying', done: 0, total: 0 };
        const createdAt = new Date(now()).toISOString();
        const file = backupFileName(store.device.deviceId, createdAt);
        const dbCopy = join(folder, partialName(`${file}.db`));
        try {
          let parts: BackupPart[];
          let headSeq: number;
          try {
            removePartials(folder);
            // One synchronous step, so no command and no re-key lands between the copy of the database
            // and the read of the key-slot file and side log that go with it.
            store.copyTo(dbCopy);
            headSeq = store.chainHead.seq;
            parts = [
              { name: 'installation.json', from: { bytes: readFileSync(installationPath(inst.dataDir)) } },
              { name: 'store.db', from: { path: dbCopy } },
            ];
            for (const [name, fileName] of [
              ['sign-in-guard.json', guardStateFileName],
              ['sign-in-guard.log', guardLogFileName],
            ] as const) {
              const p = join(inst.dataDir, fileName);
              if (existsSync(p)) parts.push({ name, from: { bytes: readFileSync(p) } });
            }
            progress = { phase: 'writing', done: 0, total: 0 };
          } catch (e) {
            throw writeFailure(e);
          }
          let written;
          try {
            written = await writeBackupFile(
              folder,
              file,
              { deviceId: store.device.deviceId, deviceName: store.device.name, headSeq, createdAt },
              parts,
              (done, total) => (progress = { phase: 'writing', done, total }),
            );
          } catch (e) {
            throw writeFailure(e);
          }
          progress = { phase: 'done', done: written.bytes, total: written.bytes };
          const last: LastBackup = { at: createdAt, folder, file, headSeq, bytes: written.bytes };
          store.atomically(() => {
            store.setMeta('backup_last', JSON.stringify(last));
            store.setMeta('backup_last_error', '');
          });
          store.audit({
            actor: env.session.userId,
            action: 'backup.created',
            method: env.method,
            entityType: 'device',
            entityId: store.device.deviceId,
            outcome: 'ok',
            detail: JSON.stringify({ folder, file, headSeq, bytes: written.bytes }),
          });
          return { file, path: written.path, bytes: written.bytes, createdAt, headSeq };
        } catch (e) {
          progress = { phase: 'failed', done: 0, total: 0 };
          const reason = e instanceof ApiError ? e.messageKey : 'error.backup.failed';
          if (inst.isOpen) {
            const open = inst.requireStore();
            open.setMeta('backup_last_error', reason);
            open.audit({
              actor: env.session.userId,
              action: 'backup.failed',
              method: env.method,
              entityType: 'device',
              entityId: open.device.deviceId,
              outcome: 'failed',
              detail: JSON.stringify({ folder, reason }),
            });
          }
          throw e instanceof ApiError ? e : writeFailure(e);
        } finally {
          rmSync(dbCopy, { force: true });
          running = false;
        }
      },
    },
    restore: {
      inspect: (input) => {
        if (inst.info) throw new ApiError({ code: 'already_initialized', messageKey: 'error.alreadyInitialized' });
        try {
          const h = readBackupHeader(input.path);
          return { deviceId: h.deviceId, deviceName: h.deviceName, headSeq: h.headSeq, createdAt: h.createdAt };
        } catch (e) {
          if (e instanceof BackupError) throw backupRefusal(e);
          throw e;
        }
      },
      apply: async (input) => {
        if (inst.info) throw new ApiError({ code: 'already_initialized', messageKey: 'error.alreadyInitialized' });
        let opened;
        try {
          opened = openBackup(input.path);
        } catch (e) {
          if (e instanceof BackupError) throw backupRefusal(e);
          throw e;
        }
        const { header, small } = opened;
        const slotFile = installationFileSchema.safeParse(JSONParse(small.get('installation.json')!));
        if (!slotFile.success) throw rule('error.backup.not_a_backup', 'path');
        const file = slotFile.data;
        const opening = 'recoveryKey' in input ? await openRecoverySlot(file, input.recoveryKey) : await openUserSlot(file, input.username, input.password);
        // Another restore (or a set-up) may have finished while the slot was being opened.
        if (inst.info) throw new ApiError({ code: 'already_initialized', messageKey: 'error.alreadyInitialized' });
        const badCredentials = () =>
          new ApiError({
            code: 'rule',
            messageKey: 'error.restore.badCredentials',
            fields: 'recoveryKey' in input ? { recoveryKey: { key: 'error.restore.badCredentials' } } : { password: { key: 'error.restore.badCredentials' } },
          });
        if (!opening) throw badCredentials();
        const target = join(inst.dataDir, storeFileName);
        const staged = `${target}.restore`;
        for (const leftover of [staged, `${staged}-wal`, `${staged}-shm`]) rmSync(leftover, { force: true });
        let store: Store | null = null;
        try {
          try {
            extractStore(input.path, staged);
          } catch (e) {
            if (e instanceof BackupError) throw backupRefusal(e);
            throw e;
          }
          for (const key of opening.keys) {
            try {
              store = Store.open(staged, key, now);
              break;
            } catch (e) {
              if (!(e instanceof WrongKeyError)) throw e;
            }
          }
          if (!store) throw badCredentials();
          // The copy must be this device's and whole: every chain verifies (the check audit.verify makes).
          if (store.device.deviceId !== header.deviceId || !store.verifyEventChains().intact) throw rule('error.backup.damaged', 'path');
          const enrolled = Boolean(store.meta('sync_hq_url'));
          const restoredAt = new Date(now()).toISOString();
          const report: RestoreReport = { restoreId: randomUUID(), backupSeq: store.chainHead.seq, backupCreatedAt: header.createdAt, restoredAt };
          const actorId = 'username' in input ? (findUserByName(store, input.username)?.user_id ?? null) : null;
          store.atomically(() => {
            if (enrolled) store!.setRestoreReport(JSON.stringify(report));
            store!.setMeta('sync_last_error', '');
          });
          store.audit({
            actor: actorId,
            action: 'backup.restored',
            method: 'restore.apply',
            entityType: 'device',
            entityId: store.device.deviceId,
            outcome: 'ok',
            detail: JSON.stringify({ file: basename(input.path), createdAt: header.createdAt, headSeq: report.backupSeq, openedWith: 'recoveryKey' in input ? 'recovery_key' : 'password' }),
          });
          store.checkpoint();
          store.close();
          store = null;
          for (const suffix of ['-wal', '-shm']) {
            rmSync(staged + suffix, { force: true });
            rmSync(target + suffix, { force: true });
          }
          renameSync(staged, target);
          syncDirectory(inst.dataDir);
          const side = [
            ['sign-in-guard.json', guardStateFileName],
            ['sign-in-guard.log', guardLogFileName],
          ] as const;
          for (const [part, name] of side) {
            const bytes = small.get(part);
            if (bytes) writeDurably(inst.dataDir, name, bytes);
          }
          // The key-slot file last, as at set-up: until it exists there is no installation here, so a
          // crash before this line leaves a first start again (the database is moved aside then).
          writeDurably(inst.dataDir, installationFileName, small.get('installation.json')!);
          return { deviceId: header.deviceId, deviceName: header.deviceName, headSeq: report.backupSeq, createdAt: header.createdAt, mustSyncFirst: enrolled };
        } finally {
          store?.close();
          rmSync(staged, { force: true });
          for (const suffix of ['-wal', '-shm']) rmSync(staged + suffix, { force: true });
        }
      },
    },
  };
}

function JSONParse(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return null;
  }
}
