import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { rowToEvent, type EventRow, type Store } from '../../../db/store';
import { buildVisitView } from '../../../main/services/npm/visits-views';
import { openerFor } from '../../../main/services/npm/org';
import { refusal } from '../../helpers/centre';
import { useHq } from '../../helpers/hq';
import { dialects } from '../../hq/harness';
import { days, interview, introduce, secrets, useCentre, useOffice, visitOnSite, type Office } from './helpers';

const office = useOffice();
const centre = useCentre();

const hqs = useHq();

const reprisalNote = 'Guard Mammadli threatened him after our last visit';
/** Every phrase that must stay sealed, and the forms a careless encoder might leave it in. */
const needles = [...Object.values(secrets), reprisalNote].flatMap((s) => [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('hex')]);

function leaks(text: string): string[] {
  return needles.filter((n) => text.includes(n));
}

/** Every value of every column of every table, as text. */
function everyCell(store: Store): string {
  const tables = (store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  expect(tables).toEqual(expect.arrayContaining(['events', 'visit_interviews', 'visit_reprisal_checks', 'audit_log']));
  const parts: string[] = [];
  for (const t of tables) {
    for (const row of store.sqlite.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
      for (const v of Object.values(row)) parts.push(Buffer.isBuffer(v) ? v.toString('latin1') : String(v));
    }
  }
  return parts.join('\n');
}

/** A first visit with a confidential interview, and a second on which the reprisal check is recorded. */
async function recordConfidential(o: Office, facilityId: string): Promise<{ visitId: string; second: string; interviewId: string }> {
  const visitId = await visitOnSite(o, facilityId);
  const { interviewId } = await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso()) });
  await o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: o.iso() });
  await o.advance(days(40));
  const second = await visitOnSite(o, facilityId);
  await o.monitor.npmVisits.checkReprisal({ visitId: second, check: { interviewId, at: o.iso(), outcome: 'reprisal_alleged', note: reprisalNote } });
  // the test would see a leak: the office itself reads all of it
  const seen = JSON.stringify([await o.monitor.npmVisits.get({ visitId }), await o.monitor.npmVisits.get({ visitId: second })]);
  expect(leaks(seen)).toEqual(expect.arrayContaining([...Object.values(secrets), reprisalNote]));
  return { visitId, second, interviewId };
}

describe('confidential interview content — check the bytes', () => {
  it('is nowhere in the office store: not in events, visit tables, audit or any other column', async () => {
    const o = await office();
    const c = await centre();
    await recordConfidential(o, await introduce(o, await c.as('registrar')));
    const store = o.backend.installation.requireStore();
    expect(leaks(everyCell(store))).toEqual([]);
    // and the file on disk is encrypted besides
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const path = o.backend.installation.storePath;
    const raw = Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]).toString('latin1');
    expect(leaks(raw)).toEqual([]);
  });

  it('a centre that ingests the same events cannot open them: refused, and it cannot even make itself a monitor account', async () => {
    const o = await office();
    const c = await centre();
    const { visitId, second } = await recordConfidential(o, await introduce(o, await c.as('registrar')));
    const officeStore = o.backend.installation.requireStore();
    const centreStore = c.inst.backend.installation.requireStore();
    const events = (officeStore.sqlite.prepare('SELECT * FROM events ORDER BY local_seq').all() as EventRow[]).map(rowToEvent);
    expect(centreStore.ingest(events)).toMatchObject({ quarantined: 0 });

    expect((await refusal((await c.as('registrar')).npmVisits.get({ visitId }))).code).toBe('forbidden');
    expect((await refusal((await c.as('centre_head')).npmVisits.get({ visitId }))).code).toBe('forbidden');
    // The centre cannot even make itself a monitor account (issue #10 §4: roles by installation kind),
    // and holds no key that would open the sealed text for one.
    const curious = await refusal(c.inst.admin.users.create({ username: 'curious', displayName: 'Curious', roles: ['ombudsman_monitor'], password: 'password-of-curious' }));
    expect(curious.fields?.roles?.key).toBe('error.users.roleNotHere');
    expect(second).toBeTruthy();
    expect(openerFor(centreStore)).toBeNull();
    expect(leaks(JSON.stringify(buildVisitView(centreStore, visitId, c.clock.now)))).toEqual([]);
    expect(leaks(everyCell(centreStore))).toEqual([]);
  });

  for (const dialect of dialects) {
    it(`never reaches HQ (${dialect}): the office laptop syncs, and HQ's stored events hold only sealed text`, async () => {
      const { hq, tdb, url, code: enrollmentCode } = await hqs.start(dialect);
      const o = await office();
      const c = await centre();
      await recordConfidential(o, await introduce(o, await c.as('registrar')));
      const code = await enrollmentCode('Ombudsman NPM team', 'ombudsman_office');
      await o.admin.sync.enroll({ hqUrl: url, code });
      await o.admin.sync.run({});
      expect((await o.admin.sync.status({})).pending).toBe(0);

      const stored = await hq.db.selectFrom('events').selectAll().execute();
      expect(stored.length).toBe(o.count('events'));
      expect(stored.some((e) => e.type === 'visit.interviewed')).toBe(true);
      expect(leaks(JSON.stringify(stored))).toEqual([]);
      // every other table HQ keeps, too
      const tables = (await hq.db.introspection.getTables()).filter((t) => (tdb.schema ? t.schema === tdb.schema : true)).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['events', 'devices']));
      for (const t of tables) {
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(hq.db)).rows;
        expect(leaks(JSON.stringify(rows)), t).toEqual([]);
      }
      if (dialect === 'sqlite' && tdb.config.database.kind === 'sqlite') {
        const file = tdb.config.database.file;
        const raw = [file, `${file}-wal`]
          .filter((f) => existsSync(f))
          .map((f) => readFileSync(f).toString('latin1'))
          .join('');
        expect(raw.length).toBeGreaterThan(0);
        expect(leaks(raw)).toEqual([]);
      }
    });
  }
});
