import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { installationFileSchema, type InstallationFile } from './keyslots';

export const installationFileName = 'installation.json';

export function installationPath(dataDir: string): string {
  return join(dataDir, installationFileName);
}

export function readInstallation(dataDir: string): InstallationFile | null {
  const path = installationPath(dataDir);
  if (!existsSync(path)) return null;
  return installationFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * Written to a temporary file, flushed, then renamed over the old one: a crash mid-write leaves either
 * the old slots or the new ones, never a torn file that would lock everyone out.
 */
export function writeInstallation(dataDir: string, file: InstallationFile): void {
  const path = installationPath(dataDir);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(file, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dirFd = openSync(dataDir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  }
}
