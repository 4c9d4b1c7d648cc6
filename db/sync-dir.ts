import { closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * A rename (or a new file) is durable only once its directory is synced: without it a power cut can
 * bring back the old name, or none.
 */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}
