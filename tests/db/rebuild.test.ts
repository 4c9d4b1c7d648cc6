import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectedTables } from '../../db/projections';
import type { Store } from '../../db/store';
import { tableKind, unprojectedTables } from '../../db/table-kinds';
import { seed } from '../../scripts/seed/run';
import type { SeedInstallation } from '../../scripts/seed/installation';
import { tempDir } from '../helpers/backend';
import { completeFirstHour } from '../helpers/safeguards';

const now = Date.parse('2026-11-23T06:00:00Z');
let dir: { path: string; remove(): void };
let inst: SeedInstallation;
let store: Store;

beforeAll(async () => {
  dir = tempDir('qeyd-rebuild-test-');
  // Some people through the handlers (as staff would), the rest written as events, as the demo seed does.
  const result = await seed({ dataDir: dir.path, persons: 30, seed: 11, now, apiLimit: 6, histories: Number.POSITIVE_INFINITY, adminPassword: 'rebuild test admin', keepOpen: true });
  inst = result.installation!;
  store = inst.backend.installation.requireStore();
  // The seed stories are about the register; the first hour's safeguards come on top for a few open episodes.
  const open = store.sqlite
    .prepare(
      `SELECT e.episode_id, p.nationalities FROM episodes e JOIN persons p ON p.person_id = e.person_id
       WHERE e.state != 'CLOSED' AND p.languages LIKE '%"ru"%' AND p.nationalities != '[]' AND e.episode_id NOT IN (SELECT episode_id FROM rights_notifications)
       ORDER BY e.episode_id LIMIT 3`,
    )
    .all() as { episode_id: string; nationalities: string }[];
  for (const e of open) await completeFirstHour(inst.clients.duty, e.episode_id, now - 3_600_000, (JSON.parse(e.nationalities) as string[]).slice(0, 1));
  // Legal aid with a defender and a contact, and a correction (field heads, superseded events).
  const held = store.sqlite.prepare("SELECT episode_id, person_id FROM episodes WHERE state != 'CLOSED' ORDER BY episode_id DESC LIMIT 1").get() as { episode_id: string; person_id: string };
  const at = new Date(now - 1_800_000).toISOString();
  const { requestId } = await inst.clients.lawyer.safeguards.requestLegalAid({ episodeId: held.episode_id, request: { requestedAt: at, requestedBy: 'detainee', funding: 'state' } });
  await inst.clients.lawyer.safeguards.assignDefender({ requestId, defender: { at, name: 'Adv. L. Hüseynova', barNumber: 'B-1021' } });
  await inst.clients.lawyer.safeguards.recordLegalContact({ requestId, contact: { at, mode: 'in_person', durationMinutes: 45, confidential: true } });
  const basedOn = (await inst.clients.registrar.persons.view({ personId: held.person_id })).lastEventId;
  await inst.clients.registrar.persons.correct({ personId: held.person_id, basedOn, changes: { 'names.latin': 'Corrected Name' }, reason: 'passport seen' });
});

afterAll(async () => {
  await inst?.close();
  dir?.remove();
});

function schemaTables(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

/** Every row of a table in primary-key order (all columns when it has no declared key), so two snapshots compare row by row. */
function snapshot(db: BetterSqlite3.Database, table: string): unknown[] {
  const columns = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as { name: string; pk: number }[];
  const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const order = (key.length ? key : columns).map((c) => `"${c.name}"`).join(', ');
  return db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all();
}

/** Where two snapshots of one table part: counts, and the first row that differs. */
function divergence(table: string, before: unknown[], after: unknown[]): string | null {
  if (JSON.stringify(before) === JSON.stringify(after)) return null;
  const lines = [`${table}: ${before.length} rows before the rebuild, ${after.length} after`];
  const i = before.findIndex((row, k) => JSON.stringify(row) !== JSON.stringify(after[k]));
  const at = i === -1 ? before.length : i;
  lines.push(`  first difference at row ${at}:`, `    before ${JSON.stringify(before[at])}`, `    after  ${JSON.stringify(after[at])}`);
  return lines.join('\n');
}

describe('rebuilding the projections from the log', () => {
  it('gives back every projected table row for row after the seed stories', () => {
    const tables = [...projectedTables];
    const before = new Map(tables.map((t) => [t, snapshot(store.sqlite, t)]));
    const untouched = Object.keys(unprojectedTables).map((t) => [t, snapshot(store.sqlite, t)] as const);
    store.rebuildProjections();
    const differences = tables.map((t) => divergence(t, before.get(t)!, snapshot(store.sqlite, t))).filter((d) => d !== null);
    expect(differences.join('\n\n'), 'tables that differ after rebuildProjections()').toBe('');
    // The tables a rebuild does not own keep exactly what they held.
    for (const [t, rows] of untouched) if (t !== 'audit_log') expect(snapshot(store.sqlite, t), t).toEqual(rows);
    // The stories really reach the register, vulnerability, asylum and first-hour tables (an empty table proves nothing).
    const filled = tables.filter((t) => before.get(t)!.length > 0);
    expect(filled).toEqual(
      expect.arrayContaining(['persons', 'person_events', 'documents', 'episodes', 'screenings', 'referrals', 'asylum_claims', 'nr_checks', 'rights_notifications', 'consular_notices', 'legal_aid_waivers', 'legal_aid_requests', 'field_heads', 'superseded_events', 'register_counters']),
    );
  });

  it('knows every table of the schema as either projected or declared as not, and no table as both', () => {
    const unknown = schemaTables(store.sqlite).filter((t) => tableKind(t) === null);
    expect(unknown, 'tables neither in projectedTables (db/projections/index.ts) nor in unprojectedTables (db/table-kinds.ts)').toEqual([]);
    const both = projectedTables.filter((t) => Object.prototype.hasOwnProperty.call(unprojectedTables, t));
    expect(both).toEqual([]);
    const missing = [...projectedTables, ...Object.keys(unprojectedTables)].filter((t) => !schemaTables(store.sqlite).includes(t));
    expect(missing, 'declared tables that the schema does not have').toEqual([]);
  });
});
