import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../core/events';
import { eventHash } from '../../db/chain';
import { rowToEvent, Store, type EventRow } from '../../db/store';
import { tempDir } from '../helpers/backend';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function newStore(): Store {
  const dir = tempDir();
  dirs.push(dir);
  return Store.create(join(dir.path, 'qeyd.db'), randomBytes(32), 'Desk 1', { facility_name: 'Centre' });
}

const actor = { userId: 'user-1' };
const register = (store: Store, latin: string) =>
  store.command(actor, 'test', (tx) =>
    tx.append({
      type: 'person.registered',
      entityId: randomUUID(),
      payload: { details: { names: { original: latin, latin, aliases: [] }, sex: 'male', nationalities: ['AFG'], stateless: false, languages: ['fa'] } },
    }),
  );

/** The device's chain re-made with one event claiming another schema version: still intact, as a newer release would write it. */
function rechained(events: EventRecord[], at: number, schemaVersion: number): EventRecord[] {
  let prevHash = '';
  return events.map((e, i) => {
    const { hash: _old, ...rest } = { ...e, prevHash, schemaVersion: i === at ? schemaVersion : e.schemaVersion };
    const next = { ...rest, hash: eventHash(rest) };
    prevHash = next.hash;
    return next;
  });
}

describe('events of a schema version this release does not know', () => {
  it('are kept with their chain but quarantined as newer_schema, never projected, and the rest of the batch applies and rebuilds', () => {
    const a = newStore();
    const b = newStore();
    for (const name of ['First Person', 'From The Future', 'Third Person']) register(a, name);
    const events = rechained((a.sqlite.prepare('SELECT * FROM events ORDER BY device_seq').all() as EventRow[]).map(rowToEvent), 1, 2);
    expect(b.ingest(events)).toEqual({ applied: 2, skipped: 0, quarantined: 1 });
    expect(b.sqlite.prepare('SELECT reason FROM sync_quarantine').all()).toEqual([{ reason: 'newer_schema' }]);
    const names = () => (b.sqlite.prepare('SELECT name_latin FROM persons ORDER BY name_latin').all() as { name_latin: string }[]).map((r) => r.name_latin);
    expect(names()).toEqual(['First Person', 'Third Person']);
    expect(b.verifyEventChains().intact).toBe(true);
    b.rebuildProjections();
    expect(names()).toEqual(['First Person', 'Third Person']);
  });
});
