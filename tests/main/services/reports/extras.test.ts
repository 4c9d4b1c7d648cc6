import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { recommendationsBody } from '../../../../core/npm/files';
import { ombudsmanReport } from '../../../../core/reports/ombudsman';
import { tracingReport } from '../../../../core/reports/tracing';
import { generateDeviceKeyPair } from '../../../../db/chain';
import { signFile } from '../../../../db/signed-file';
import { rowToEvent, Store, type EventRow } from '../../../../db/store';
import { loadReportExtras } from '../../../../main/services/reports/extras';
import { tempDir } from '../../../helpers/backend';
import { cell, reportContext, table } from '../../../helpers/report-facts';

/**
 * The ombudsman's and tracing records as the console's store holds them: two centres record the files
 * they received and their answers as events, the console ingests those events, and records its own
 * tracing inquiries. What the loader gives is what the reports count, and nothing of what was written.
 */

const dir = tempDir();
const stores: Store[] = [];
const open = (name: string, now = '2026-04-15T09:00:00.000Z') => {
  const s = Store.create(join(dir.path, `${name}-${stores.length}.db`), randomBytes(32), name, {}, () => Date.parse(now));
  stores.push(s);
  return s;
};
const office = { kind: 'organisation' as const, id: 'org-npm-az', ...generateDeviceKeyPair() };
const actor = { userId: 'user-1' };

function receive(centre: Store, visitId: string, ids: string[], dueDate: string) {
  const body = recommendationsBody.parse({
    organisationId: office.id,
    organisationName: 'Ombudsman (NPM)',
    visitId,
    installationId: centre.device.deviceId,
    facilityName: centre.device.name,
    visitedFrom: '2026-03-02',
    visitedTo: '2026-03-03',
    issuedAt: '2026-03-09T08:00:00.000Z',
    recommendations: ids.map((recommendationId) => ({
      recommendationId,
      title: 'SECRET-TITLE',
      standard: 'Migration Code Art. 74.5',
      severity: 'high',
      finding: 'SECRET-FINDING',
      recommendation: 'SECRET-RECOMMENDATION',
      addressee: 'facility',
      dueDate,
    })),
  });
  centre.command(actor, 'test', (tx) =>
    tx.append({ type: 'oversight.recommendationsReceived', entityId: visitId, payload: { file: signFile('qeyd-npm-recommendations', body, office), receivedAt: tx.now } }),
  );
}

function respond(centre: Store, visitId: string, recommendationId: string, at: string, status: 'accepted' | 'partially_accepted' | 'rejected') {
  centre.command(actor, 'test', (tx) =>
    tx.append({ type: 'oversight.responded', entityId: recommendationId, payload: { recommendationId, visitId, response: { at, response: 'SECRET-ANSWER', status, responder: 'Head of centre' } } }),
  );
}

const eventsOf = (s: Store) => (s.sqlite.prepare('SELECT * FROM events ORDER BY local_seq').all() as EventRow[]).map(rowToEvent);

describe('loading the records the ombudsman and tracing reports count', () => {
  it('places each recommendation at the facility whose device received it, with its first answer and the latest status', () => {
    const yevlax = open('Yevlax');
    const baku = open('Baku');
    const unknown = open('Unenrolled');
    receive(yevlax, 'visit-yev', ['rec-1', 'rec-2'], '2026-04-08');
    respond(yevlax, 'visit-yev', 'rec-1', '2026-04-01T08:00:00.000Z', 'accepted');
    respond(yevlax, 'visit-yev', 'rec-1', '2026-04-10T08:00:00.000Z', 'partially_accepted');
    receive(baku, 'visit-bak', ['rec-3'], '2026-04-08');
    receive(unknown, 'visit-unknown', ['rec-4'], '2026-04-30');
    const hq = open('Console');
    for (const s of [yevlax, baku, unknown]) hq.ingest(eventsOf(s));

    const extras = loadReportExtras(
      hq,
      new Map([
        [yevlax.device.deviceId, 'fac-yev'],
        [baku.device.deviceId, 'fac-bak'],
      ]),
    );
    const byFacility = (f: string | null) => extras.recommendations.filter((r) => r.facilityId === f);
    expect(byFacility('fac-yev')).toHaveLength(2);
    expect(byFacility('fac-bak')).toHaveLength(1);
    expect(byFacility(null)).toHaveLength(1);
    const rec1 = byFacility('fac-yev').find((r) => r.answeredAt !== null)!;
    expect(rec1).toMatchObject({ visitId: 'visit-yev', visitedFrom: '2026-03-02', dueDate: '2026-04-08', answeredAt: '2026-04-01T08:00:00.000Z', answer: 'partially_accepted' });

    // Nothing the office or the centre wrote leaves the store.
    expect(JSON.stringify(extras)).not.toMatch(/SECRET/);

    // The report reads them: Yevlax answered one in time, one is overdue; Baku's is overdue.
    const report = ombudsmanReport(reportContext([], { extras }));
    const responses = table(report, 'ombudsman_responses');
    expect(cell(responses, 'fac-yev', 'answered_in_time').count).toBe(1);
    expect(cell(responses, 'fac-yev', 'overdue').count).toBe(1);
    expect(cell(responses, 'fac-bak', 'overdue').count).toBe(1);
    expect(cell(responses, 'facility_unknown', 'awaited').count).toBe(1);
  });

  it('gives each tracing inquiry its status, first answer and latest outcome', () => {
    const hq = open('Console');
    const opened = (id: string, receivedOn: string, dueOn: string) =>
      hq.command(actor, 'test', (tx) =>
        tx.append({
          type: 'tracing.inquiryOpened',
          entityId: id,
          payload: {
            requester: { category: 'family', name: 'SECRET-REQUESTER', contact: '+994 50 000 00 00' },
            subject: { names: ['SECRET-SUBJECT'] },
            legalBasis: 'Family request',
            consent: 'none',
            receivedOn,
            dueOn,
          },
        }),
      );
    const answered = (id: string, toldAt: string, outcome: 'located' | 'withheld') =>
      hq.command(actor, 'test', (tx) =>
        tx.append({ type: 'tracing.inquiryAnswered', entityId: id, payload: { outcome, toldTo: 'SECRET-REQUESTER', toldAt, channel: 'letter', summary: 'SECRET-SUMMARY' } }),
      );
    opened('inq-open', '2026-03-02', '2026-03-16');
    opened('inq-answered', '2026-03-03', '2026-03-17');
    answered('inq-answered', '2026-03-10T08:00:00.000Z', 'withheld');
    answered('inq-answered', '2026-03-20T08:00:00.000Z', 'located');

    const extras = loadReportExtras(hq, new Map());
    expect(extras.inquiries).toEqual([
      { receivedOn: '2026-03-02', dueOn: '2026-03-16', status: 'open', answeredAt: null, outcome: null },
      { receivedOn: '2026-03-03', dueOn: '2026-03-17', status: 'answered', answeredAt: '2026-03-10T08:00:00.000Z', outcome: 'located' },
    ]);
    expect(JSON.stringify(extras)).not.toMatch(/SECRET/);

    const report = tracingReport(reportContext([], { extras }));
    expect(cell(table(report, 'tracing_inquiries'), '2026-03-02', 'overdue').count).toBe(1);
    expect(cell(table(report, 'tracing_timeliness'), '2026-03-03', 'answered_in_time').count).toBe(1);
  });
});

afterEach(() => {
  for (const s of stores.splice(0)) s.sqlite.close();
});
afterAll(() => dir.remove());
