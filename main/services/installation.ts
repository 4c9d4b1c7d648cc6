import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../core/contract/errors';
import { readInstallation, writeInstallation } from '../../db/installation-file';
import type { InstallationFile } from '../../db/keyslots';
import { StoreTooNewError } from '../../db/migrate';
import { Store, WrongKeyError } from '../../db/store';

export const storeFileName = 'qeyd.db';

/**
 * The installation on this machine: its key-slot file, and the encrypted store while someone is signed
 * in. The database key lives in memory only while the store is open.
 */
export class Installation {
  private file: InstallationFile | null;
  private store: Store | null = null;
  private key: Buffer | null = null;

  constructor(
    readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.file = readInstallation(dataDir);
  }

  get storePath(): string {
    return join(this.dataDir, storeFileName);
  }

  /**
   * Read again while absent: the HQ console is set up from the shell by another process while the
   * server runs, and must not need a restart to notice.
   */
  get info(): InstallationFile | null {
    if (!this.file) this.file = readInstallation(this.dataDir);
    return this.file;
  }

  requireFile(): InstallationFile {
    if (!this.info || !this.file) throw new ApiError({ code: 'not_initialized', messageKey: 'error.notInitialized' });
    return this.file;
  }

  saveFile(file: InstallationFile): void {
    writeInstallation(this.dataDir, file);
    this.file = file;
  }

  get isOpen(): boolean {
    return this.store !== null;
  }

  requireStore(): Store {
    this.requireFile();
    if (!this.store) throw new ApiError({ code: 'store_locked', messageKey: 'error.storeLocked' });
    return this.store;
  }

  requireKey(): Buffer {
    this.requireStore();
    return this.key!;
  }

  /** Opens the store with an unwrapped key (or checks the key matches the open one). */
  unlock(key: Buffer): Store {
    if (this.store) {
      if (!this.key!.equals(key)) throw new ApiError({ code: 'rule', messageKey: 'error.auth.badCredentials' });
      return this.store;
    }
    try {
      this.store = Store.open(this.storePath, key, this.now);
    } catch (e) {
      if (e instanceof StoreTooNewError) {
        throw new ApiError({ code: 'store_too_new', messageKey: 'error.storeTooNew', params: { found: e.found, known: e.known } });
      }
      if (e instanceof WrongKeyError) throw new ApiError({ code: 'rule', messageKey: 'error.auth.badCredentials' });
      throw e;
    }
    this.key = Buffer.from(key);
    return this.store;
  }

  /** Sets up a new store; a database left without its key file by an interrupted setup is moved aside. */
  create(file: InstallationFile, key: Buffer, deviceName: string, meta: Record<string, string>): Store {
    if (existsSync(this.storePath)) renameSync(this.storePath, `${this.storePath}.orphaned-${this.now()}`);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(this.storePath + suffix)) renameSync(this.storePath + suffix, `${this.storePath}${suffix}.orphaned-${this.now()}`);
    }
    this.store = Store.create(this.storePath, key, deviceName, meta, this.now);
    this.key = Buffer.from(key);
    return this.store;
  }

  /** Closes the store and forgets the key (the last user signed out). */
  lock(): void {
    this.store?.close();
    this.store = null;
    this.key?.fill(0);
    this.key = null;
  }
}
