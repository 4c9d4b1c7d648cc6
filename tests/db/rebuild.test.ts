import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectedTables } from '../../db/projections';
import type { Store } from '../../db/store';
import { keepTracingRequests } from '../../main/sync/tracing-requests';
import { tableKind, unprojectedTables } from '../../db/table-kinds';
import { seed } from '../../scripts/seed/run';
import type { SeedInstallation } from '../../scripts/seed/installation';
import { tempDir } from '../helpers/backend';
import { completeFirstHour } from '../helpers/safeguards';
import { days, interview, introduce, useCentre, useOffice, visitOnSite } from '../main/npm/helpers';

const now = Date.parse('2026-11-23T06:00:00Z');
const office = useOffice();
const centre = useCentre();
let dir: { path: string; remove(): void };
let inst: SeedInstallation;
let store: Store;
/** Projected tables that held rows in some case below: an empty table compared with an empty table proves nothing. */
const exercised = new Set<string>();

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
  // Legal aid with a defender and a contact, an interpreter, and a correction (field heads, superseded events).
  const held = store.sqlite.prepare("SELECT episode_id, person_id FROM episodes WHERE state != 'CLOSED' ORDER BY episode_id DESC LIMIT 1").get() as { episode_id: string; person_id: string };
  const at = new Date(now - 1_800_000).toISOString();
  const { requestId } = await inst.clients.lawyer.safeguards.requestLegalAid({ episodeId: held.episode_id, request: { requestedAt: at, requestedBy: 'detainee', funding: 'state' } });
  await inst.clients.lawyer.safeguards.assignDefender({ requestId, defender: { at, name: 'Adv. L. Hüseynova', barNumber: 'B-1021' } });
  await inst.clients.lawyer.safeguards.recordLegalContact({ requestId, contact: { at, mode: 'in_person', durationMinutes: 45, confidential: true } });
  await inst.clients.registrar.safeguards.recordInterpreter({
    personId: held.person_id,
    episodeId: held.episode_id,
    use: { at, language: 'fa', interpreterName: 'S. Qureshi', kind: 'contract', purpose: 'rights', genderPreferenceMet: true, affiliationChecked: true, affiliatedWithOriginState: false },
  });
  // Discipline and property (issue #15 §3, §5): a breach heard through an interpreter, a warning, its notice and
  // appeal; money added, the inventory acknowledged, the money returned.
  const spoken = (JSON.parse((store.sqlite.prepare('SELECT languages FROM persons WHERE person_id = ?').get(held.person_id) as { languages: string }).languages) as string[])[0] ?? 'ru';
  const { caseId } = await inst.clients.registrar.discipline.recordBreach({
    episodeId: held.episode_id,
    breach: { what: 'Shouted at the night guard', rule: '3.1', occurredAt: at, detectedAt: at, place: 'Corridor B', inquiry: false },
  });
  await inst.clients.registrar.discipline.recordHearing({ caseId, hearing: { at, language: 'az', interpreterName: 'S. Qureshi', interpreterLanguage: spoken, statement: 'He was frightened.' } });
  await inst.clients.head.discipline.decide({
    caseId,
    decision: { measureType: 'warning', decisionNo: 'W-7', decidedAt: at, startsOn: at.slice(0, 10), endsOn: at.slice(0, 10), reasons: 'First breach.' },
    officerName: 'R. Həsənov',
  });
  await inst.clients.registrar.discipline.recordNotice({ caseId, notice: { copyHandedAt: at, appealExplainedAt: at, language: spoken } });
  await inst.clients.registrar.discipline.recordAppeal({ caseId, appeal: { filedAt: at, to: 'Administrative court' } });
  const { itemIds } = await inst.clients.registrar.property.recordItems({
    episodeId: held.episode_id,
    record: { takenAt: at, source: 'admission', items: [{ kind: 'money', description: 'Cash', quantity: 1, amount: '35', currency: 'AZN' }] },
  });
  await inst.clients.registrar.property.acknowledge({ episodeId: held.episode_id, acknowledgement: { at, acknowledgement: { kind: 'mark' }, language: spoken, interpreterName: 'S. Qureshi' } });
  await inst.clients.registrar.property.release({ episodeId: held.episode_id, itemIds, release: { at, kind: 'returned', acknowledgement: { kind: 'signature' } } });
  // A transfer to another centre (issue #15 §6), as a device enrolled at HQ records it with the facility
  // list HQ's last answer left in its meta (main/sync/transfers.ts).
  store.setMeta('sync_facility_id', 'baku-centre');
  store.setMeta(
    'transfer_facilities',
    JSON.stringify([
      { facilityId: 'baku-centre', name: 'Baku centre', kind: 'detention_centre', devices: [] },
      { facilityId: 'ganja-centre', name: 'Ganja centre', kind: 'detention_centre', devices: [] },
    ]),
  );
  const moving = store.sqlite.prepare("SELECT episode_id FROM episodes WHERE state = 'ACTIVE' AND episode_id != ? AND in_hospital_since IS NULL ORDER BY episode_id LIMIT 1").get(held.episode_id) as {
    episode_id: string;
  };
  await inst.clients.registrar.transfers.dispatch({
    episodeId: moving.episode_id,
    toFacilityId: 'ganja-centre',
    at,
    reason: 'Hearing at Ganja court',
    handover: { escort: { names: 'Sgt. R. Əliyev', service: 'Convoy unit 3' }, documents: ['Passport'], property: [] },
  });
  const basedOn = (await inst.clients.registrar.persons.view({ personId: held.person_id })).lastEventId;
  await inst.clients.registrar.persons.correct({ personId: held.person_id, basedOn, changes: { 'names.latin': 'Corrected Name' }, reason: 'passport seen' });
  // The same person at two other centres, found through HQ (issue #14 §2): one link kept, one undone.
  store.command({ userId: 'registrar' }, 'test', (tx) => {
    const hqRef = (personId: string) => ({ facilityId: 'ganja-centre', personId });
    tx.append({
      type: 'person.nationalLinked',
      entityId: held.person_id,
      payload: { hqRef: hqRef('7f304152-6c7d-4e8f-a091-b23c4d5e6f70'), facilityName: 'Ganja centre', registerNo: '1A2B-7', reason: 'Same passport' },
    });
    tx.append({
      type: 'person.nationalLinked',
      entityId: held.person_id,
      payload: { hqRef: hqRef('80415263-7d8e-4f90-b1a2-c34d5e6f7081'), facilityName: 'Ganja centre', registerNo: '1A2B-9', reason: 'Same photo' },
    });
    tx.append({ type: 'person.nationalUnlinked', entityId: held.person_id, payload: { hqRef: hqRef('80415263-7d8e-4f90-b1a2-c34d5e6f7081'), reason: 'A namesake' } });
  });
  // HQ's tracing request as a pull delivers it, and the person's answer through the registrar's client (issue #14 §3).
  const tracingRequestId = '0b0c3d4e-5f60-4a71-8b92-a3b4c5d6e7f8';
  const notAskedRequestId = '0b0c3d4e-5f60-4a71-8b92-a3b4c5d6e7f9';
  keepTracingRequests(store, {
    tracingRequests: [
      { requestId: tracingRequestId, personId: held.person_id, kinds: ['contact_notice'], requesterCategory: 'family', askedAt: at },
      { requestId: notAskedRequestId, personId: held.person_id, kinds: ['consent_to_disclose'], requesterCategory: 'consulate', askedAt: at },
    ],
    tracingCursor: 1,
    serverTime: at,
  });
  await inst.clients.registrar.tracingCentre.answer({ requestId: tracingRequestId, personId: held.person_id, answers: { contact: 'refused' }, note: 'asked in private' });
  // A request the centre could not put to the person (person.tracingNotAsked).
  await inst.clients.registrar.tracingCentre.notAsked({ requestId: notAskedRequestId, personId: held.person_id, reason: 'unable_to_understand', note: 'No interpreter found after trying' });
  // HQ's own tracing records (issue #14 §3): an inquiry reviewed and answered, another closed, a record of an unidentified man.
  store.command({ userId: 'analyst' }, 'test', (tx) => {
    const inquiry = (entityId: string) =>
      tx.append({
        type: 'tracing.inquiryOpened',
        entityId,
        payload: {
          requester: { category: 'family', name: 'Zahra Rahimi', contact: '+994 50 000 00 00' },
          subject: { names: ['Мухаммад Рахими'], sex: 'male', age: 34 },
          legalBasis: 'Request of the next of kin',
          consent: 'next_of_kin',
          receivedOn: '2026-11-20',
          dueOn: '2026-12-04',
        },
      });
    inquiry('5d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e');
    inquiry('6e2f3041-5b6c-4d7e-9f80-a12b3c4d5e6f');
    tx.append({
      type: 'tracing.recordCreated',
      entityId: '7f304152-6c7d-4e8f-a091-b23c4d5e6f70',
      payload: { record: { kind: 'unidentified', names: [], sex: 'male', ageMin: 30, ageMax: 40, description: 'Anchor tattoo', foundPlace: 'Astara', foundOn: '2026-11-01' } },
    });
    tx.append({
      type: 'tracing.candidateReviewed',
      entityId: '5d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e',
      payload: { kind: 'person', candidateId: held.person_id, decision: 'confirmed', note: 'Birth date agrees' },
    });
    tx.append({
      type: 'tracing.inquiryAnswered',
      entityId: '5d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e',
      payload: { outcome: 'located', candidateId: held.person_id, toldTo: 'Zahra Rahimi', toldAt: '2026-11-22T10:00:00Z', channel: 'phone', summary: 'Held', disclosure: 'may_disclose' },
    });
    tx.append({ type: 'tracing.inquiryClosed', entityId: '6e2f3041-5b6c-4d7e-9f80-a12b3c4d5e6f', payload: { reason: 'Withdrawn' } });
  });
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

/**
 * Snapshots every table, rebuilds the projections from the log, and expects every projected table to
 * come back row for row (naming each table that differs and its first differing row), and every table
 * a rebuild does not own to be left as it was. Returns the projected tables that held rows.
 */
function rebuildsIdentically(store: Store): string[] {
  const tables = [...projectedTables];
  const before = new Map(tables.map((t) => [t, snapshot(store.sqlite, t)]));
  const untouched = Object.keys(unprojectedTables).map((t) => [t, snapshot(store.sqlite, t)] as const);
  store.rebuildProjections();
  const differences = tables.map((t) => divergence(t, before.get(t)!, snapshot(store.sqlite, t))).filter((d) => d !== null);
  expect(differences.join('\n\n'), 'tables that differ after rebuildProjections()').toBe('');
  for (const [t, rows] of untouched) expect(snapshot(store.sqlite, t), t).toEqual(rows);
  const filled = tables.filter((t) => before.get(t)!.length > 0);
  for (const t of filled) exercised.add(t);
  return filled;
}

describe('rebuilding the projections from the log', () => {
  it('gives back every projected table row for row after the seed stories', () => {
    const filled = rebuildsIdentically(store);
    // The stories really reach the register, vulnerability, asylum and first-hour tables (an empty table proves nothing).
    expect(filled).toEqual(
      expect.arrayContaining([
        'persons',
        'person_events',
        'documents',
        'episodes',
        'screenings',
        'referrals',
        'asylum_claims',
        'nr_checks',
        'rights_notifications',
        'consular_notices',
        'legal_aid_waivers',
        'legal_aid_requests',
        'interpreter_uses',
        'field_heads',
        'superseded_events',
        'register_counters',
      ]),
    );
  });

  it('gives back every projected table of an ombudsman office and of the centre it oversees, a visit through to verified recommendations', async () => {
    const start = '2026-11-23T06:00:00Z';
    const o = await office({ start });
    const c = await centre(start);
    const head = await c.as('centre_head');
    await head.npmCentre.trustOmbudsman({ content: (await o.monitor.npmOrg.identity({})).content });
    const facilityId = await introduce(o, head);
    const visitId = await visitOnSite(o, facilityId);
    await o.monitor.npmVisits.recordArea({ visitId, observation: { area: 'hygiene', rating: 'concern', note: 'No hot water in block B', sources: ['observation'] }, at: o.iso() });
    await o.monitor.npmVisits.recordRegisterCheck({ visitId, check: { register: 'detention_register' }, at: o.iso() });
    const { interviewId } = await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso()) });
    const extract = await head.npmCentre.exportExtract({ from: start.slice(0, 10), to: start.slice(0, 10) });
    await o.monitor.npmVisits.importExtract({ visitId, content: extract.content });
    await o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: o.iso() });
    const finding = {
      title: 'Overcrowding',
      standard: 'Migration Code Art. 74.5',
      severity: 'high' as const,
      finding: 'Eight in a cell for four.',
      recommendation: 'Reopen block C.',
      addressee: 'facility' as const,
    };
    const { recommendationId } = await o.monitor.npmVisits.addFinding({ visitId, finding });
    await o.monitor.npmVisits.move({ visitId, to: 'REPORT_DRAFT', at: o.iso() });
    const sent = await o.monitor.npmVisits.exportRecommendations({ visitId });
    await head.npmCentre.importRecommendations({ content: sent.content });
    await head.npmCentre.respond({ recommendationId, response: { at: new Date(c.clock.now).toISOString(), response: 'Block C reopened.', status: 'accepted', responder: 'Centre head' } });
    await o.monitor.npmVisits.importResponses({ content: (await head.npmCentre.exportResponses({ visitId })).content });
    await o.advance(days(40));
    const second = await visitOnSite(o, facilityId);
    await o.monitor.npmVisits.checkReprisal({ visitId: second, check: { interviewId, at: o.iso(), outcome: 'no_reprisal' } });
    await o.monitor.npmVisits.verifyRecommendation({ recommendationId, verification: { visitId: second, at: o.iso(), status: 'IMPLEMENTED' } });

    const officeTables = rebuildsIdentically(o.backend.installation.requireStore());
    expect(officeTables).toEqual(
      expect.arrayContaining([
        'npm_facilities',
        'npm_facility_keys',
        'visits',
        'visit_areas',
        'visit_register_checks',
        'visit_interviews',
        'visit_reprisal_checks',
        'visit_extracts',
        'recommendations',
      ]),
    );
    const centreTables = rebuildsIdentically(c.inst.backend.installation.requireStore());
    expect(centreTables).toEqual(expect.arrayContaining(['npm_trust', 'received_recommendations', 'received_recommendation_files', 'recommendation_responses']));
  });

  it('has compared every projected table with rows in it, in one case or the other', () => {
    expect(
      projectedTables.filter((t) => !exercised.has(t)),
      'projected tables no case above fills: add a step that writes to them',
    ).toEqual([]);
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
