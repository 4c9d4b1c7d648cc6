import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventDraft, EventRecord } from '../../core/events';
import type { PersonDetails } from '../../core/person';
import { rowToEvent, Store, type EventRow } from '../../db/store';

export function benchDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'qeyd-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

const given = ['Ali', 'Zarmina', 'Ivan', 'Nodira', 'Ahmad', 'Fatima', 'Samir', 'Olga', 'Rustam', 'Leyla', 'Hassan', 'Maryam'];
const family = ['Rahimi', 'Petrov', 'Karimova', 'Hosseini', 'Aliyev', 'Nazarova', 'Qasimov', 'Sidorova', 'Haidari', 'Yusupov'];
const nations = ['AFG', 'IRN', 'RUS', 'UZB', 'TJK', 'IND', 'PAK', 'GEO', 'TUR', 'SYR'];

export function syntheticDetails(i: number): PersonDetails {
  const latin = `${given[i % given.length]} ${family[(i * 7) % family.length]}`;
  return {
    names: { original: latin, latin, aliases: [] },
    sex: i % 3 === 0 ? 'female' : 'male',
    birth: { date: `${1960 + (i % 45)}-0${1 + (i % 9)}-1${i % 10}`, estimated: false },
    nationalities: [nations[i % nations.length]!],
    stateless: false,
    languages: ['ru'],
  };
}

export function registration(i: number): EventDraft<'person.registered'> {
  return { type: 'person.registered', entityId: randomUUID(), payload: { details: syntheticDetails(i) } };
}

/** A store holding `n` registrations, appended in large transactions (seeding speed is not the point). */
export function storeWithEvents(path: string, n: number, key = randomBytes(32)): { store: Store; key: Buffer } {
  const store = Store.create(path, key, 'Bench desk', { facility_name: 'Bench centre', idle_lock_minutes: '15' });
  const batch = 2000;
  for (let done = 0; done < n; done += batch) {
    store.command({ userId: 'bench' }, 'bench.seed', (tx) => {
      for (let i = done; i < Math.min(n, done + batch); i++) tx.append(registration(i));
    });
  }
  return { store, key };
}

export function allEvents(store: Store): EventRecord[] {
  return (store.sqlite.prepare('SELECT * FROM events ORDER BY local_seq').all() as EventRow[]).map(rowToEvent);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function report(name: string, value: number, unit: string): void {
  console.log(`BENCH ${name} ${Number.isInteger(value) ? value : value.toFixed(3)} ${unit}`);
}
