import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../core/contract/errors';
import { readInstallation, writeInstallation } from '../../db/installation-file';
import { randomBytes } from 'node:crypto';
import { promotedRekey, withoutPendingRekey, withPendingRekey, type InstallationFile, type SlotOpening } from '../../db/keyslots';
import { StoreTooNewError } from '../../db/migrate';
import { rekeyedCopy, Store, WrongKeyError, type ReadStore, type ServiceStore } from '../../db/store';
import { syncDir } from '../../db/sync-dir';

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

  private slotTurn: Promise<unknown> = Promise.resolve();

  /**
   * Slot-file changes one at a time, each applied to the file as it is when its turn comes: a slot
   * written from a copy read before a slow scrypt must never bring back a slot a re-key removed.
   */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.slotTurn.then(fn);
    this.slotTurn = run.catch(() => undefined);
    return run;
  }

  mutateSlots(fn: (file: InstallationFile) => Promise<InstallationFile>): Promise<void> {
    return this.exclusive(async () => this.saveFile(await fn(this.requireFile())));
  }

  get isOpen(): boolean {
    return this.store !== null;
  }

  requireStore(): Store {
    this.requireFile();
    if (!this.store) throw new ApiError({ code: 'store_locked', messageKey: 'error.storeLocked' });
    return this.store;
  }

  /** The open store for a read: no way to write through it (db/store.ts ReadStore). */
  readStore(): ReadStore {
    return this.requireStore();
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

  /**
   * Opens the store with whichever key a slot yielded that opens the database (two while a re-key is
   * pending; the current one is tried first, because after a crash in the middle of the re-key it is
   * the one the database's rollback journal restores). A re-key interrupted by a crash is settled here:
   * promoted if the database already changed keys, otherwise started again, so no copy of an older
   * slot file opens the database for longer than it takes the next person to sign in.
   */
  async unlockWith(opening: SlotOpening): Promise<Store> {
    if (this.store) {
      if (!opening.keys.some((k) => k.equals(this.key!))) throw new ApiError({ code: 'rule', messageKey: 'error.auth.badCredentials' });
      return this.store;
    }
    let opened: Buffer | null = null;
    for (const key of opening.keys) {
      try {
        this.unlock(key);
        opened = key;
        break;
      } catch (e) {
        if (!(e instanceof ApiError && e.messageKey === 'error.auth.badCredentials')) throw e;
      }
    }
    if (!opened) throw new ApiError({ code: 'rule', messageKey: 'error.auth.badCredentials' });
    const file = this.requireFile();
    if (file.rekey) {
      if (opened === opening.next) {
        // The crash came after the database's commit: it has the new key already.
        this.saveFile(promotedRekey(file));
      } else {
        this.saveFile(withoutPendingRekey(file));
        await this.rekey();
      }
    }
    return this.store!;
  }

  /**
   * A new random database key (issue #10 §4, after a user is disabled): sealed to every remaining slot
   * beside the current key, then the database re-encrypted, then the new slot list made the only one.
   * Returns what the administrator must act on (see `withPendingRekey`).
   */
  rekey(dropping: (file: InstallationFile) => InstallationFile = (file) => file): Promise<{ droppedUserTags: string[]; recoveryKey: string | null }> {
    return this.exclusive(() => this.rekeyNow(dropping));
  }

  /**
   * `dropping` takes slots out in the same write that marks the re-key pending: were they removed in a
   * write of their own, a crash between the two would leave a disabled user with no slot (so nothing to
   * settle at the next sign-in) and the database still under the key their old slot opens.
   */
  private async rekeyNow(dropping: (file: InstallationFile) => InstallationFile): Promise<{ droppedUserTags: string[]; recoveryKey: string | null }> {
    const store = this.requireStore();
    const newKey = randomBytes(32);
    const pending = await withPendingRekey(dropping(this.requireFile()), newKey);
    this.saveFile(pending.file);
    // From here to the reopen nothing awaits, so no other call can write between the copy and the rename.
    const next = `${this.storePath}.rekey`;
    store.checkpoint();
    rekeyedCopy(this.storePath, next, this.key!, newKey);
    store.close();
    for (const suffix of ['-wal', '-shm']) rmSync(this.storePath + suffix, { force: true });
    renameSync(next, this.storePath);
    syncDir(this.dataDir);
    this.store = Store.open(this.storePath, newKey, this.now);
    this.key!.fill(0);
    this.key = newKey;
    this.saveFile(promotedRekey(pending.file));
    return { droppedUserTags: pending.droppedUserTags, recoveryKey: pending.recoveryKey };
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

/**
 * The installation as a service holds it: every store it hands out has no raw SQL (db/store.ts
 * ServiceStore), so a service records only through `command` and the store's own bookkeeping.
 */
export interface ServiceInstallation extends Omit<Installation, 'requireStore' | 'unlock' | 'unlockWith' | 'create'> {
  requireStore(): ServiceStore;
  unlock(key: Buffer): ServiceStore;
  unlockWith(opening: SlotOpening): Promise<ServiceStore>;
  create(file: InstallationFile, key: Buffer, deviceName: string, meta: Record<string, string>): ServiceStore;
}
