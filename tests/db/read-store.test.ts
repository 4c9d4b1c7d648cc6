import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, type ReadStore, type ServiceStore } from '../../db/store';
import { tempDir } from '../helpers/backend';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function newStore(): Store {
  const dir = tempDir();
  dirs.push(dir);
  return Store.create(join(dir.path, 'qeyd.db'), randomBytes(32), 'Desk 1', { facility_name: 'Centre' });
}

/**
 * Services write only through `command` and the store's own bookkeeping (issue #12): a read takes a
 * ReadStore, a service a ServiceStore, and neither offers raw SQL that writes. The type check holds
 * the lines marked below to be errors; the tests hold what the types cannot.
 */
export function refusedAtCompileTime(read: ReadStore, service: ServiceStore): void {
  // @ts-expect-error a read has no `run`
  read.q.run(read.qb.selectFrom('users').selectAll());
  // @ts-expect-error a read builds no insert
  read.qb.insertInto('users');
  // @ts-expect-error a read has no command
  read.command({ userId: 'u' }, 'm', () => null);
  // @ts-expect-error a raw statement of a read has no `run`
  read.q.prepared('DELETE FROM users').run();
  // @ts-expect-error a service has no `run`
  service.q.run(service.qb.selectFrom('users').selectAll());
  // @ts-expect-error a service builds no update
  service.qb.updateTable('users');
  // @ts-expect-error a service has no handle on SQLite itself
  void service.sqlite;
}

describe('the read-only store', () => {
  it('is the store itself, narrowed: its raw statements refuse to write', () => {
    const store = newStore();
    const read: ReadStore = store;
    expect(read.q.first(read.qb.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')))?.n).toBe(0);
    // better-sqlite3 runs `get`/`all` only on statements that return rows.
    expect(() => read.q.prepared("DELETE FROM meta WHERE key = 'facility_name'").get()).toThrow(/does not return data/);
    expect(read.meta('facility_name')).toBe('Centre');
    store.close();
  });

  it('keeps bookkeeping that lands together in one transaction', () => {
    const store = newStore();
    expect(() =>
      store.atomically(() => {
        store.setMeta('a', '1');
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.meta('a')).toBeUndefined();
    store.atomically(() => store.setMeta('a', '2'));
    expect(store.meta('a')).toBe('2');
    store.close();
  });
});
