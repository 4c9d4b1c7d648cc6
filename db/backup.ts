import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { syncDir } from './sync-dir';

/**
 * The backup file of one installation (issue #13 §4, docs/backup.md): one line of header JSON, the
 * parts' bytes one after the other in the order the header lists them, then the SHA-256 (32 bytes) of
 * everything before it. The header holds no person's data; of the parts, the database is encrypted
 * under the installation's data key (the device's signing key is inside it, in `meta`) and the key-slot
 * file is the one on the laptop's disk, whose slots wrap that key for each user and the recovery key.
 */
export const backupFormat = 'qeyd-backup';
export const backupExtension = '.qeyd-backup';
/** A header longer than this is not one we wrote: refused before it is parsed. */
const maxHeaderBytes = 16 * 1024;
const chunkBytes = 1024 * 1024;
const digestBytes = 32;

export const backupPartNames = ['installation.json', 'store.db', 'sign-in-guard.json', 'sign-in-guard.log'] as const;
export type BackupPartName = (typeof backupPartNames)[number];

export const backupHeader = z
  .object({
    format: z.literal(backupFormat),
    version: z.literal(1),
    deviceId: z.uuid(),
    deviceName: z.string().max(100),
    /** The last event of this device's own chain in the copy: what a restore continues from. */
    headSeq: z.number().int().min(0),
    createdAt: z.iso.datetime(),
    parts: z
      .array(z.object({ name: z.enum(backupPartNames), bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict())
      .min(2)
      .max(backupPartNames.length),
  })
  .strict();
export type BackupHeader = z.infer<typeof backupHeader>;

export type BackupErrorReason = 'not_found' | 'not_a_backup' | 'damaged';

export class BackupError extends Error {
  constructor(readonly reason: BackupErrorReason) {
    super(`backup refused: ${reason}`);
    this.name = 'BackupError';
  }
}

export interface BackupPart {
  name: BackupPartName;
  /** a file to copy in, or bytes already in memory */
  from: { path: string } | { bytes: Buffer };
}

/** `qeyd-backup-<device>-<UTC time>.qeyd-backup`: sorts by time in any file manager. */
export function backupFileName(deviceId: string, createdAt: string): string {
  return `qeyd-backup-${deviceId}-${createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}${backupExtension}`;
}

/** Where a backup is written until it is complete: a hidden name beside the final one. */
export function partialName(fileName: string): string {
  return `.${fileName}.partial`;
}

/** Leftovers of backups killed half-way (never a complete backup: those are renamed to their final name). */
export function removePartials(folder: string): void {
  for (const name of readdirSync(folder)) {
    if (name.startsWith('.qeyd-backup-') && name.endsWith('.partial')) rmSync(join(folder, name), { force: true });
  }
}

function sizeOf(part: BackupPart): number {
  if ('bytes' in part.from) return part.from.bytes.length;
  const fd = openSync(part.from.path, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the backup to a hidden temporary name in `folder`, syncs it, renames it to `fileName` and
 * syncs the folder: killed at any point, the folder holds every earlier backup as it was and at most a
 * `.partial` leftover, never a half-written file under a backup's name. Yields between chunks so the
 * screen's progress polls are answered; `onProgress` gets bytes written and the total.
 */
export async function writeBackupFile(
  folder: string,
  fileName: string,
  header: Omit<BackupHeader, 'format' | 'version' | 'parts'>,
  parts: readonly BackupPart[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ path: string; bytes: number }> {
  const sized = parts.map((p) => ({ part: p, bytes: sizeOf(p) }));
  const full: BackupHeader = backupHeader.parse({ format: backupFormat, version: 1, ...header, parts: sized.map((s) => ({ name: s.part.name, bytes: s.bytes })) });
  const headerLine = Buffer.from(`${JSON.stringify(full)}\n`, 'utf8');
  const total = headerLine.length + sized.reduce((n, s) => n + s.bytes, 0) + digestBytes;
  const tmp = join(folder, partialName(fileName));
  const target = join(folder, fileName);
  const hash = createHash('sha256');
  let done = 0;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const put = (buf: Buffer) => {
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      done += buf.length;
    };
    hash.update(headerLine);
    put(headerLine);
    for (const { part, bytes } of sized) {
      if ('bytes' in part.from) {
        hash.update(part.from.bytes);
        put(part.from.bytes);
        continue;
      }
      const src = openSync(part.from.path, 'r');
      try {
        const buf = Buffer.allocUnsafe(chunkBytes);
        let left = bytes;
        while (left > 0) {
          const n = readSync(src, buf, 0, Math.min(chunkBytes, left), null);
          if (n === 0) throw new Error(`${part.from.path} ended early`);
          const chunk = buf.subarray(0, n);
          hash.update(chunk);
          put(chunk);
          left -= n;
          onProgress(done, total);
          await nextTurn();
        }
      } finally {
        closeSync(src);
      }
    }
    put(hash.digest());
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, target);
  syncDir(folder);
  onProgress(total, total);
  return { path: target, bytes: total };
}

interface Located {
  header: BackupHeader;
  /** where each part starts in the file */
  offsets: Map<BackupPartName, { offset: number; bytes: number }>;
}

function readHeaderAt(fd: number, size: number): Located {
  const buf = Buffer.alloc(Math.min(maxHeaderBytes, size));
  const n = readSync(fd, buf, 0, buf.length, 0);
  const end = buf.subarray(0, n).indexOf(0x0a);
  if (end < 0) throw new BackupError('not_a_backup');
  let parsed;
  try {
    parsed = backupHeader.safeParse(JSON.parse(buf.subarray(0, end).toString('utf8')));
  } catch {
    throw new BackupError('not_a_backup');
  }
  if (!parsed.success) throw new BackupError('not_a_backup');
  const offsets = new Map<BackupPartName, { offset: number; bytes: number }>();
  let offset = end + 1;
  for (const p of parsed.data.parts) {
    if (offsets.has(p.name)) throw new BackupError('not_a_backup');
    offsets.set(p.name, { offset, bytes: p.bytes });
    offset += p.bytes;
  }
  if (!offsets.has('installation.json') || !offsets.has('store.db')) throw new BackupError('not_a_backup');
  if (offset + digestBytes !== size) throw new BackupError('damaged');
  return { header: parsed.data, offsets };
}

function withFile<T>(path: string, fn: (fd: number, size: number) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new BackupError('not_found');
  }
  try {
    const size = fstatSync(fd).size;
    if (!fstatSync(fd).isFile()) throw new BackupError('not_found');
    return fn(fd, size);
  } finally {
    closeSync(fd);
  }
}

function hashRange(fd: number, hash: Hash, from: number, to: number, each?: (chunk: Buffer) => void): void {
  const buf = Buffer.allocUnsafe(chunkBytes);
  let pos = from;
  while (pos < to) {
    const n = readSync(fd, buf, 0, Math.min(chunkBytes, to - pos), pos);
    if (n === 0) throw new BackupError('damaged');
    const chunk = buf.subarray(0, n);
    hash.update(chunk);
    each?.(chunk);
    pos += n;
  }
}

/**
 * Reads a backup whole and checks its SHA-256: a file cut short, altered or not ours is refused before
 * anything of it is used. Returns the header and the small parts (the key-slot file, the side log).
 */
export function openBackup(path: string): { header: BackupHeader; small: Map<BackupPartName, Buffer> } {
  return withFile(path, (fd, size) => {
    const located = readHeaderAt(fd, size);
    const hash = createHash('sha256');
    hashRange(fd, hash, 0, size - digestBytes);
    const stored = Buffer.alloc(digestBytes);
    readSync(fd, stored, 0, digestBytes, size - digestBytes);
    if (!hash.digest().equals(stored)) throw new BackupError('damaged');
    const small = new Map<BackupPartName, Buffer>();
    for (const [name, at] of located.offsets) {
      if (name === 'store.db') continue;
      const buf = Buffer.alloc(at.bytes);
      if (at.bytes > 0) readSync(fd, buf, 0, at.bytes, at.offset);
      small.set(name, buf);
    }
    return { header: located.header, small };
  });
}

/** The header only, for the restore screen to say what a file holds before anyone types a password. */
export function readBackupHeader(path: string): BackupHeader {
  return withFile(path, (fd, size) => readHeaderAt(fd, size).header);
}

/** Copies the database part to `dest` (synced), checking the whole file's SHA-256 on the way. */
export function extractStore(path: string, dest: string): void {
  withFile(path, (fd, size) => {
    const located = readHeaderAt(fd, size);
    const at = located.offsets.get('store.db')!;
    const out = openSync(dest, 'w', 0o600);
    try {
      const hash = createHash('sha256');
      hashRange(fd, hash, 0, at.offset);
      hashRange(fd, hash, at.offset, at.offset + at.bytes, (chunk) => {
        let off = 0;
        while (off < chunk.length) off += writeSync(out, chunk, off, chunk.length - off);
      });
      hashRange(fd, hash, at.offset + at.bytes, size - digestBytes);
      const stored = Buffer.alloc(digestBytes);
      readSync(fd, stored, 0, digestBytes, size - digestBytes);
      if (!hash.digest().equals(stored)) throw new BackupError('damaged');
      fsyncSync(out);
    } finally {
      closeSync(out);
    }
  });
}

/** Writes a file durably (temp, fsync, rename, folder fsync), as the key-slot file is written. */
export function writeDurably(dir: string, name: string, bytes: Buffer): void {
  const tmp = join(dir, `${name}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
  syncDir(dir);
}

export { syncDir as syncDirectory };

/** Whether a path names a folder that exists. */
export function folderExists(path: string): boolean {
  try {
    return existsSync(path) && readdirSync(path) !== undefined;
  } catch {
    return false;
  }
}
