import { describe, expect, it } from 'vitest';
import { refusal } from '../../helpers/centre';
import { days, interview, introduce, minutes, plan, useCentre, useOffice, visitOnSite } from './helpers';

const office = useOffice();
const centre = useCentre();

describe('reprisal checks (OPCAT Art. 21(1), SPT on reprisals)', () => {
  it('every interview owes a check at the next visit to that facility, shown there until it is recorded', async () => {
    const o = await office();
    const baku = await introduce(o, await (await centre()).as('registrar'));
    const yevlakh = await introduce(o, await (await centre()).as('registrar'));
    const first = await visitOnSite(o, baku);
    const a = await o.monitor.npmVisits.recordInterview({ visitId: first, interview: interview(o.iso(), { reprisalRisk: 'high' }) });
    const b = await o.monitor.npmVisits.recordInterview({ visitId: first, interview: interview(o.iso(), { reprisalRisk: 'low', pseudonym: 'Cedar' }) });
    // owed at the NEXT visit, not this one
    expect((await o.monitor.npmVisits.get({ visitId: first })).visit.reprisalChecksDue).toEqual([]);
    const same = await refusal(o.monitor.npmVisits.checkReprisal({ visitId: first, check: { interviewId: a.interviewId, at: o.iso(), outcome: 'no_reprisal' } }));
    expect(same).toMatchObject({ messageKey: 'error.visit.reprisalNotDue', fields: { 'check.interviewId': { key: 'error.visit.reprisalNotDue' } } });
    await o.monitor.npmVisits.move({ visitId: first, to: 'DEBRIEF', at: o.iso() });

    await o.advance(days(60));
    const { visitId: second } = await o.monitor.npmVisits.plan({ plan: plan(baku, { plannedFor: o.iso().slice(0, 10) }) });
    const elsewhere = await visitOnSite(o, yevlakh);
    const due = (await o.monitor.npmVisits.get({ visitId: second })).visit.reprisalChecksDue;
    expect(due).toEqual([
      { interviewId: a.interviewId, pseudonym: 'P-01', fromVisitId: first, interviewedAt: expect.any(String), reprisalRisk: 'high' },
      { interviewId: b.interviewId, pseudonym: 'Cedar', fromVisitId: first, interviewedAt: expect.any(String), reprisalRisk: 'low' },
    ]);
    const listed = (await o.monitor.npmVisits.list({})).visits;
    expect(listed.find((v) => v.visitId === second)?.reprisalChecksDue).toBe(2);
    expect(listed.find((v) => v.visitId === elsewhere)?.reprisalChecksDue).toBe(0);
    expect(listed.find((v) => v.visitId === first)?.reprisalChecksDue).toBe(0);
    // a person interviewed in Baku is not checked on in Yevlakh
    expect((await refusal(o.monitor.npmVisits.checkReprisal({ visitId: elsewhere, check: { interviewId: a.interviewId, at: o.iso(), outcome: 'no_reprisal' } }))).messageKey).toBe(
      'error.visit.reprisalNotDue',
    );

    // checked on site at the second visit: it leaves the list, with its sealed note opened for the team
    const check = { interviewId: a.interviewId, at: o.iso(), outcome: 'reprisal_alleged' as const, note: 'Moved to an isolation cell the day after our visit' };
    expect((await refusal(o.monitor.npmVisits.checkReprisal({ visitId: second, check }))).messageKey).toBe('error.visit.notOnSite');
    await o.monitor.npmVisits.move({ visitId: second, to: 'ON_SITE', at: o.iso(-minutes(5)) });
    await o.monitor.npmVisits.checkReprisal({ visitId: second, check });
    const afterCheck = (await o.monitor.npmVisits.get({ visitId: second })).visit;
    expect(afterCheck.reprisalChecksDue.map((d) => d.pseudonym)).toEqual(['Cedar']);
    expect(afterCheck.reprisalChecks).toEqual([{ interviewId: a.interviewId, pseudonym: 'P-01', at: check.at, outcome: 'reprisal_alleged', note: check.note }]);
    const stored = JSON.stringify(o.backend.installation.requireStore().sqlite.prepare('SELECT * FROM visit_reprisal_checks').all());
    expect(stored).not.toContain('isolation cell');

    // still owed at the third visit for the one not yet checked
    await o.monitor.npmVisits.move({ visitId: second, to: 'DEBRIEF', at: o.iso() });
    await o.advance(days(90));
    const third = await visitOnSite(o, baku);
    expect((await o.monitor.npmVisits.get({ visitId: third })).visit.reprisalChecksDue.map((d) => d.interviewId)).toEqual([b.interviewId]);
    await o.monitor.npmVisits.checkReprisal({ visitId: third, check: { interviewId: b.interviewId, at: o.iso(), outcome: 'transferred_or_released' } });
    expect((await o.monitor.npmVisits.get({ visitId: third })).visit.reprisalChecksDue).toEqual([]);
    // the earlier visit's own view keeps what was said there, not what came due later
    expect((await o.monitor.npmVisits.get({ visitId: second })).visit.reprisalChecksDue).toEqual([]);
  });
});
