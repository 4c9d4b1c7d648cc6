import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReportResult, ReportTable } from '../../core/reports/model';
import { refusal, useCentre } from '../helpers/centre';
import { readyToLeave } from '../helpers/exits';
import { leavesWithoutExamination } from '../helpers/health';
import { analystOn, browserOn, consolePassword, enrolledCentre, setUpHqConsole } from '../helpers/hq-console';
import { useHq } from '../helpers/hq';
import { hour, intakeAt } from '../helpers/intake';
import { propertyReturned } from '../helpers/property';
import { dialects } from './harness';

/**
 * Issue #16 §1, §5: HQ's national reports count every centre's records as the console's feed ingests
 * them (the per-episode facts table), filter by facility, nationality, sex, age band and regime, and name
 * the people behind a figure, audited. Two centres and an HQ, real clients and roles, HQ on both engines.
 */
const centre = useCentre();
const hqs = useHq();
const iso = (ms: number) => new Date(ms).toISOString();

function person(latin: string, nationality: string, sex: 'male' | 'female', birth = '1990-05-01') {
  return { names: { original: latin, latin, aliases: [] }, nationalities: [nationality], sex, birth: { date: birth, estimated: false } };
}

/** The count in a table's cell, by row and column key. */
function cell(result: ReportResult, tableId: string, row: string, column: string): number | null | undefined {
  const t: ReportTable | undefined = result.tables.find((x) => x.id === tableId);
  const i = t?.rows.findIndex((r) => r.key === row) ?? -1;
  const j = t?.columns.findIndex((c) => c.key === column) ?? -1;
  return i < 0 || j < 0 ? undefined : t!.cells[i]![j];
}

async function twoCentres(dialect: (typeof dialects)[number]) {
  const hq = await hqs.startWithConsole(dialect);
  await setUpHqConsole(hq);
  const { centre: baku, desk: bakuDesk } = await enrolledCentre(centre, hq, 'Baku centre');
  const { centre: ganja, desk: ganjaDesk } = await enrolledCentre(centre, hq, 'Ganja centre');
  const at = baku.clock.now - 2 * hour;
  const afghans = [];
  for (const name of ['Rahim Jafari', 'Omid Karimi', 'Javid Noori']) afghans.push(await bakuDesk.intake.submit(intakeAt(at, {}, person(name, 'AFG', 'male'))));
  const girl = await bakuDesk.intake.submit(intakeAt(at, {}, person('Mariam Sadat', 'AFG', 'female', '2011-02-01')));
  await bakuDesk.intake.submit(intakeAt(at, {}, person('Ivan Petrov', 'RUS', 'male')));
  for (const name of ['Reza Tehrani', 'Ali Moradi']) await ganjaDesk.intake.submit(intakeAt(ganja.clock.now - 2 * hour, {}, person(name, 'IRN', 'male')));
  await bakuDesk.sync.run();
  await ganjaDesk.sync.run();
  const today = iso(baku.clock.now).slice(0, 10);
  const facilities = (await bakuDesk.transfers.facilities({})).facilities;
  const bakuId = (await ganjaDesk.transfers.facilities({})).facilities.find((f) => f.name === 'Baku centre')!.facilityId;
  const ganjaId = facilities.find((f) => f.name === 'Ganja centre')!.facilityId;
  return { hq, baku, bakuDesk, ganjaDesk, afghans, girl, today, bakuId, ganjaId };
}

const period = (today: string) => ({ from: today, to: today });

for (const dialect of dialects) {
  describe(`HQ national reports on ${dialect}`, () => {
    it('admissions count every centre’s people by nationality, sex and age, and a filter narrows them', async () => {
      const c = await twoCentres(dialect);
      const { api } = await analystOn(c.hq);
      const all = await api.hqReports.report({ reportId: 'admissions', filter: period(c.today) });
      expect(all.internal).toBe(true);
      expect(cell(all, 'admissions_nationality', 'AFG', 'male')).toBe(3);
      expect(cell(all, 'admissions_nationality', 'AFG', 'female')).toBe(1);
      expect(cell(all, 'admissions_nationality', 'IRN', 'male')).toBe(2);
      expect(cell(all, 'admissions_nationality', 'RUS', 'male')).toBe(1);
      // Most frequent first.
      expect(all.tables.find((t) => t.id === 'admissions_nationality')!.rows.map((r) => r.key)).toEqual(['AFG', 'IRN', 'RUS']);
      expect(cell(all, 'admissions_age', 'under_14', 'female')).toBe(0);
      expect(cell(all, 'admissions_age', '14_17', 'female')).toBe(1);
      expect(cell(all, 'admissions_flow', c.today, 'admitted')).toBe(7);

      const atBaku = await api.hqReports.report({ reportId: 'admissions', filter: { ...period(c.today), facilityId: c.bakuId } });
      expect(cell(atBaku, 'admissions_nationality', 'IRN', 'male')).toBeUndefined();
      expect(cell(atBaku, 'admissions_flow', c.today, 'admitted')).toBe(5);
      const women = await api.hqReports.report({ reportId: 'admissions', filter: { ...period(c.today), sex: 'female' } });
      expect(women.tables.find((t) => t.id === 'admissions_nationality')!.rows.map((r) => r.key)).toEqual(['AFG']);
      const children = await api.hqReports.report({ reportId: 'admissions', filter: { ...period(c.today), ageBand: '14_17' } });
      expect(cell(children, 'admissions_flow', c.today, 'admitted')).toBe(1);
      // Another period holds none of them.
      const lastYear = await api.hqReports.report({ reportId: 'admissions', filter: { from: '2025-01-01', to: '2025-01-31' } });
      expect(lastYear.tables.find((t) => t.id === 'admissions_nationality')!.rows).toEqual([]);
    });

    it('the people behind a figure are named, and opening them is in the audit log', async () => {
      const c = await twoCentres(dialect);
      const { api } = await analystOn(c.hq);
      const people = await api.hqReports.people({ reportId: 'admissions', filter: period(c.today), tableId: 'admissions_nationality', rowKey: 'AFG', columnKey: 'male' });
      expect(people.items.map((p) => p.nameLatin).sort()).toEqual(['Javid Noori', 'Omid Karimi', 'Rahim Jafari']);
      expect(people).toMatchObject({ total: 3, truncated: false });
      expect(people.items.every((p) => p.facilityName === 'Baku centre')).toBe(true);
      const limited = await api.hqReports.people({ reportId: 'admissions', filter: period(c.today), tableId: 'admissions_nationality', rowKey: 'AFG', columnKey: 'male', limit: 2 });
      expect(limited).toMatchObject({ total: 3, truncated: true });
      expect(limited.items).toHaveLength(2);
      // A figure that is not there, or that counts no people, is refused plainly.
      expect((await refusal(api.hqReports.people({ reportId: 'admissions', filter: period(c.today), tableId: 'no_such_table', rowKey: 'AFG', columnKey: 'male' }))).messageKey).toBe(
        'error.report.noSuchFigure',
      );
      const admin = browserOn(c.hq.url).api;
      await admin.auth.login({ username: 'hqadmin', password: consolePassword });
      const { entries } = await admin.audit.list({ limit: 50 });
      expect(entries.find((e) => e.method === 'hqReports.people' && e.entityId === 'admissions:admissions_nationality:AFG:male')).toBeTruthy();
    });

    it('occupancy counts who is held now against the places HQ sets, and only an administrator sets them', async () => {
      const c = await twoCentres(dialect);
      const { api } = await analystOn(c.hq);
      const before = await api.hqReports.report({ reportId: 'occupancy', filter: period(c.today) });
      expect(cell(before, 'occupancy_now', c.bakuId, 'held')).toBe(5);
      expect(cell(before, 'occupancy_now', c.bakuId, 'children')).toBe(1);
      expect(cell(before, 'occupancy_now', c.ganjaId, 'held')).toBe(2);
      expect(cell(before, 'occupancy_rate', c.bakuId, 'rate')).toBeNull();
      expect((await refusal(api.hqReports.setCapacity({ facilityId: c.bakuId, capacity: 10 }))).code).toBe('forbidden');

      const admin = browserOn(c.hq.url).api;
      await admin.auth.login({ username: 'hqadmin', password: consolePassword });
      await admin.hqReports.setCapacity({ facilityId: c.bakuId, capacity: 10 });
      expect((await refusal(admin.hqReports.setCapacity({ facilityId: 'no-such-facility', capacity: 10 }))).messageKey).toBe('error.report.unknownFacility');
      const after = await api.hqReports.report({ reportId: 'occupancy', filter: period(c.today) });
      expect(cell(after, 'occupancy_rate', c.bakuId, 'rate')).toBe(50);
      expect((await api.hqReports.capacities({})).capacities).toEqual([{ facilityId: c.bakuId, capacity: 10 }]);
      const { entries } = await admin.audit.list({ limit: 50 });
      expect(entries.find((e) => e.method === 'hqReports.setCapacity' && e.entityId === c.bakuId)).toBeTruthy();
    });

    it('a stay closed at the centre reaches the reports with the next sync: one exit, one fewer held', async () => {
      const c = await twoCentres(dialect);
      const { api } = await analystOn(c.hq);
      const head = await c.baku.as('centre_head');
      const gone = c.afghans[0]!;
      await leavesWithoutExamination(head, gone.episodeId, c.baku.clock.now);
      await readyToLeave(head, gone.episodeId, 'released_decision', c.baku.clock.now);
      await propertyReturned(head, gone.personId, gone.episodeId, c.baku.clock.now);
      await head.episodes.close({ episodeId: gone.episodeId, exit: { type: 'released_decision', at: iso(c.baku.clock.now), basis: 'Court order to release' } });
      await c.bakuDesk.sync.run();
      const flow = await api.hqReports.report({ reportId: 'admissions', filter: period(c.today) });
      expect(cell(flow, 'admissions_flow', c.today, 'exited')).toBe(1);
      const occupancy = await api.hqReports.report({ reportId: 'occupancy', filter: period(c.today) });
      expect(cell(occupancy, 'occupancy_now', c.bakuId, 'held')).toBe(4);
      const stay = await api.hqReports.report({ reportId: 'stay', filter: period(c.today) });
      // Each stay in one band of its length: the one that ended, and the six still running.
      const lengths = stay.tables.find((t) => t.id === 'stay_length')!;
      const column = (key: string) => lengths.cells.reduce((n, row) => n + (row[lengths.columns.findIndex((x) => x.key === key)] ?? 0), 0);
      expect([column('ended'), column('running')]).toEqual([1, 6]);
    });

    it('an export leaves the console suppressed and watermarked, as does the annex, and both are in the audit log', async () => {
      const c = await twoCentres(dialect);
      const { api } = await analystOn(c.hq);
      const file = await api.hqReports.export({ reportId: 'admissions', filter: period(c.today), tableId: 'admissions_nationality', format: 'xlsx', language: 'en' });
      expect(file.fileName).toMatch(/\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const numbers: number[] = [];
      const texts: string[] = [];
      book.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cellValue) => {
            if (typeof cellValue.value === 'number') numbers.push(cellValue.value);
            else texts.push(String(cellValue.value));
          }),
        ),
      );
      // Every count here is below 5: none is published as it is, and the file says who took it.
      expect(numbers.filter((n) => n >= 1 && n <= 4)).toEqual([]);
      expect(texts).toContain('<5');
      expect(texts.some((t) => t.includes('Leyla Analyst'))).toBe(true);
      expect(book.creator).toContain('Leyla Analyst');

      const csv = await api.hqReports.export({ reportId: 'admissions', filter: period(c.today), tableId: null, format: 'csv', language: 'ru' });
      expect(Buffer.from(csv.base64, 'base64').toString('utf8')).not.toMatch(/(^|[,;])[1-4](?=[,;\r\n]|$)/m);
      const annex = await api.hqReports.annex({ filter: period(c.today), language: 'az' });
      expect(Buffer.from(annex.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const admin = browserOn(c.hq.url).api;
      await admin.auth.login({ username: 'hqadmin', password: consolePassword });
      const { entries } = await admin.audit.list({ limit: 50 });
      const methods = entries.map((e) => `${e.method} ${e.entityId}`);
      expect(methods).toEqual(expect.arrayContaining(['hqReports.export admissions:admissions_nationality:xlsx', 'hqReports.export admissions:all:csv', `hqReports.annex ${c.today}:${c.today}:az`]));
    });

    it('a device has no national reports, and a period that ends before it starts is refused', async () => {
      const c = await twoCentres(dialect);
      // The centre head reads the centre's own reports; the national ones exist only at HQ.
      const head = await c.baku.as('centre_head');
      expect((await refusal(head.hqReports.report({ reportId: 'admissions', filter: period(c.today) }))).messageKey).toBe('error.hq.only');
      const { api } = await analystOn(c.hq);
      const wrong = await refusal(api.hqReports.report({ reportId: 'admissions', filter: { from: '2026-02-01', to: '2026-01-01' } }));
      expect(wrong.code).toBe('validation');
    });
  });
}
