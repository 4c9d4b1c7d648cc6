import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../db/store';
import { tempDir } from '../helpers/backend';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const marker = 'QEYD-SPILL-MARKER';

/**
 * SQLite's temp files (sort runs, temp tables) are unlinked as soon as they are opened, so listing a
 * directory never shows them; while the statement runs they are still open in this process, and
 * /proc/self/fd reaches them. Returns every open file outside `dataDir` whose bytes hold the marker.
 */
function openFilesHoldingMarker(dataDir: string): string[] {
  const found: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    const path = `/proc/self/fd/${fd}`;
    let target: string;
    try {
      target = readlinkSync(path);
      if (!target.startsWith('/') || target.startsWith(dataDir) || !statSync(path).isFile()) continue;
    } catch {
      continue;
    }
    if (readFileSync(path).includes(marker)) found.push(target);
  }
  return found;
}

/** Fills a table with ~8 MB of unindexed text, then sorts it with a page cache of 16 pages. */
function sortOverflowingTheCache(sqlite: BetterSqlite3.Database, dataDir: string): string[] {
  sqlite.pragma('cache_size = 16');
  sqlite.exec('CREATE TABLE spill_probe (x TEXT)');
  const insert = sqlite.prepare('INSERT INTO spill_probe (x) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(`${marker} ${(i * 7919) % 20_000} ${'Zarmina Rahimi '.repeat(25)}`);
  })();
  const rows = sqlite.prepare('SELECT x FROM spill_probe ORDER BY x').iterate();
  try {
    // The first row of a sort comes only once every row has been sorted: the sort runs exist now.
    expect(rows.next().done).toBe(false);
    return openFilesHoldingMarker(dataDir);
  } finally {
    rows.return?.();
  }
}

describe.runIf(process.platform === 'linux')('the encrypted store and temporary files', () => {
  it('a sort larger than the page cache writes no plaintext to a temporary file', () => {
    const dir = tempDir();
    dirs.push(dir);
    const key = randomBytes(32);
    const path = join(dir.path, 'qeyd.db');
    Store.create(path, key, 'Desk 1', { facility_name: 'Centre' }).close();
    const store = Store.open(path, key);
    try {
      expect(store.sqlite.pragma('temp_store', { simple: true })).toBe(2);
      expect(sortOverflowingTheCache(store.sqlite, dir.path)).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('(the probe itself) finds the plaintext a default connection spills, so finding none above means something', () => {
    const dir = tempDir();
    dirs.push(dir);
    const sqlite = new BetterSqlite3(join(dir.path, 'plain.db'));
    try {
      expect(sortOverflowingTheCache(sqlite, dir.path).length).toBeGreaterThan(0);
    } finally {
      sqlite.close();
    }
  });
});
