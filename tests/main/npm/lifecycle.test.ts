import { describe, expect, it } from 'vitest';
import { refusal } from '../../helpers/centre';
import { days, interview, introduce, minutes, plan, useCentre, useOffice, visitOnSite } from './helpers';

const office = useOffice();
const centre = useCentre();

const finding = {
  title: 'Cells above capacity',
  standard: 'Nelson Mandela Rule 13',
  severity: 'high' as const,
  area: 'space',
  finding: 'Cell 4 held nine men for six beds.',
  recommendation: 'Hold no more people in a cell than it has beds.',
  addressee: 'facility' as const,
};

describe('visit lifecycle', () => {
  it('moves forward one step at a time, recording arrival and departure', async () => {
    const o = await office();
    const c = await centre();
    const facilityId = await introduce(o, await c.as('registrar'));
    const { visitId } = await o.monitor.npmVisits.plan({ plan: plan(facilityId) });
    expect((await o.monitor.npmVisits.get({ visitId })).visit).toMatchObject({ state: 'PLANNED', arrivedAt: null, leftAt: null, facilityName: 'Baku Temporary Accommodation Centre' });

    const skip = await refusal(o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: o.iso() }));
    expect(skip).toMatchObject({ code: 'rule', messageKey: 'error.visit.oneStepAtATime' });
    expect(skip.fields?.to?.key).toBe('error.visit.oneStepAtATime');

    const arrival = o.iso(-minutes(30));
    await o.monitor.npmVisits.move({ visitId, to: 'ON_SITE', at: arrival });
    expect((await o.monitor.npmVisits.get({ visitId })).visit).toMatchObject({ state: 'ON_SITE', arrivedAt: arrival });
    expect((await refusal(o.monitor.npmVisits.move({ visitId, to: 'ON_SITE', at: o.iso() }))).messageKey).toBe('error.visit.oneStepAtATime');
    expect((await refusal(o.monitor.npmVisits.move({ visitId, to: 'PLANNED', at: o.iso() }))).messageKey).toBe('error.visit.oneStepAtATime');

    const early = await refusal(o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: o.iso(-minutes(45)) }));
    expect(early).toMatchObject({ messageKey: 'error.visit.departureBeforeArrival', fields: { at: { key: 'error.visit.departureBeforeArrival' } } });
    expect((await refusal(o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: arrival }))).messageKey).toBe('error.visit.departureBeforeArrival');
    expect((await refusal(o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: o.iso(days(1)) }))).messageKey).toBe('error.validation');

    const departure = o.iso();
    await o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: departure });
    expect((await o.monitor.npmVisits.get({ visitId })).visit).toMatchObject({ state: 'DEBRIEF', arrivedAt: arrival, leftAt: departure });
    // a finding makes the report worth sending
    await o.monitor.npmVisits.addFinding({ visitId, finding });
    expect((await refusal(o.monitor.npmVisits.move({ visitId, to: 'REPORT_DRAFT', at: o.iso(-minutes(40)) }))).messageKey).toBe('error.visit.movedBeforePrevious');
    await o.advance(days(2));
    await o.monitor.npmVisits.move({ visitId, to: 'REPORT_DRAFT', at: o.iso() });
    await o.monitor.npmVisits.move({ visitId, to: 'SENT', at: o.iso() });
    await o.monitor.npmVisits.move({ visitId, to: 'FOLLOW_UP', at: o.iso() });
    const done = (await o.monitor.npmVisits.get({ visitId })).visit;
    expect(done).toMatchObject({ state: 'FOLLOW_UP', reportDraftedAt: o.iso(), reportSentAt: o.iso(), followUpAt: o.iso() });
    expect((await refusal(o.monitor.npmVisits.move({ visitId, to: 'FOLLOW_UP', at: o.iso() }))).messageKey).toBe('error.visit.oneStepAtATime');
  });

  it('takes fieldwork only on site or at the debrief, and findings only from the debrief to the draft report', async () => {
    const o = await office();
    const c = await centre();
    const facilityId = await introduce(o, await c.as('registrar'));
    const { visitId } = await o.monitor.npmVisits.plan({ plan: plan(facilityId) });
    const area = { visitId, observation: { area: 'hygiene', rating: 'concern' as const, note: 'No hot water in block B', sources: ['observation' as const] }, at: o.iso() };
    const register = { visitId, check: { register: 'detention_register' as const }, at: o.iso() };

    for (const p of [o.monitor.npmVisits.recordArea(area), o.monitor.npmVisits.recordRegisterCheck(register), o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso()) })]) {
      expect(await refusal(p)).toMatchObject({ code: 'rule', messageKey: 'error.visit.notOnSite' });
    }
    expect((await refusal(o.monitor.npmVisits.addFinding({ visitId, finding }))).messageKey).toBe('error.visit.findingsClosed');

    await o.monitor.npmVisits.move({ visitId, to: 'ON_SITE', at: o.iso(-minutes(60)) });
    await o.monitor.npmVisits.recordArea(area);
    await o.monitor.npmVisits.recordRegisterCheck(register);
    expect((await refusal(o.monitor.npmVisits.addFinding({ visitId, finding }))).messageKey).toBe('error.visit.findingsClosed');
    await o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: o.iso() });
    await o.monitor.npmVisits.recordArea({ ...area, observation: { ...area.observation, area: 'food', rating: 'adequate' } });
    await o.monitor.npmVisits.addFinding({ visitId, finding });
    expect((await refusal(o.monitor.npmVisits.exportRecommendations({ visitId }))).messageKey).toBe('error.visit.reportNotDrafted');
    await o.monitor.npmVisits.move({ visitId, to: 'REPORT_DRAFT', at: o.iso() });
    await o.monitor.npmVisits.addFinding({ visitId, finding: { ...finding, title: 'No hot water' } });
    expect((await refusal(o.monitor.npmVisits.recordArea(area))).messageKey).toBe('error.visit.notOnSite');
    await o.monitor.npmVisits.move({ visitId, to: 'SENT', at: o.iso() });
    expect((await refusal(o.monitor.npmVisits.addFinding({ visitId, finding }))).messageKey).toBe('error.visit.findingsClosed');

    const v = (await o.monitor.npmVisits.get({ visitId })).visit;
    expect(v.areas.map((a) => [a.area, a.rating])).toEqual([
      ['hygiene', 'concern'],
      ['food', 'adequate'],
    ]);
    expect(v.registerChecks).toHaveLength(1);
    expect(v.findings.map((f) => f.title)).toEqual(['Cells above capacity', 'No hot water']);
  });

  it('sends recommendations only from a drafted report with at least one finding; the default due date is the departure plus the response period', async () => {
    const o = await office({ start: '2026-03-02T07:00:00Z' });
    const c = await centre();
    const facilityId = await introduce(o, await c.as('registrar'));
    const visitId = await visitOnSite(o, facilityId);
    await o.monitor.npmVisits.move({ visitId, to: 'DEBRIEF', at: o.iso() });
    await o.monitor.npmVisits.move({ visitId, to: 'REPORT_DRAFT', at: o.iso() });
    expect((await refusal(o.monitor.npmVisits.exportRecommendations({ visitId }))).messageKey).toBe('error.visit.noFindings');
    // the draft still takes findings
    const { recommendationId } = await o.monitor.npmVisits.addFinding({ visitId, finding });
    expect((await refusal(o.monitor.npmVisits.addFinding({ visitId, finding: { ...finding, dueDate: '2026-03-01' } }))).fields?.['finding.dueDate']?.key).toBe('error.visit.dueBeforeDeparture');
    const file = await o.monitor.npmVisits.exportRecommendations({ visitId });
    expect(file.fileName).toMatch(/^qeyd-recommendations-.*2026-03-02\.json$/);
    const rec = (await o.monitor.npmVisits.get({ visitId })).visit.findings[0]!;
    expect(rec).toMatchObject({ recommendationId, dueDate: '2026-04-01', state: 'ISSUED', issuedAt: o.iso() });

    // a shorter response period in the settings shortens the next default
    await o.admin.settings.update({ changes: { npmResponseDays: 14 } });
    const visit2 = await visitOnSite(o, facilityId);
    await o.monitor.npmVisits.move({ visitId: visit2, to: 'DEBRIEF', at: o.iso() });
    await o.monitor.npmVisits.addFinding({ visitId: visit2, finding });
    expect((await o.monitor.npmVisits.get({ visitId: visit2 })).visit.findings[0]!.dueDate).toBe('2026-03-16');
  });

  it('a follow-up visit names an earlier visit to the same facility', async () => {
    const o = await office();
    const c1 = await centre();
    const c2 = await centre();
    const baku = await introduce(o, await c1.as('registrar'));
    const other = await introduce(o, await c2.as('registrar'));
    const first = await o.monitor.npmVisits.plan({ plan: plan(baku, { plannedFor: '2026-01-10' }) });
    const elsewhere = await o.monitor.npmVisits.plan({ plan: plan(other, { plannedFor: '2026-01-10' }) });

    const missing = await refusal(o.monitor.npmVisits.plan({ plan: plan(baku, { type: 'follow_up' }) }));
    expect(missing).toMatchObject({ code: 'rule', messageKey: 'error.visit.followUpNeedsEarlierVisit', fields: { 'plan.followsVisitId': { key: 'error.visit.followUpNeedsEarlierVisit' } } });
    expect((await refusal(o.monitor.npmVisits.plan({ plan: plan(baku, { type: 'follow_up', followsVisitId: elsewhere.visitId }) }))).messageKey).toBe('error.visit.followUpNeedsEarlierVisit');
    expect((await refusal(o.monitor.npmVisits.plan({ plan: plan(baku, { type: 'follow_up', followsVisitId: first.visitId, plannedFor: '2025-12-01' }) }))).messageKey).toBe(
      'error.visit.followUpNeedsEarlierVisit',
    );
    const follow = await o.monitor.npmVisits.plan({ plan: plan(baku, { type: 'follow_up', followsVisitId: first.visitId }) });
    expect((await o.monitor.npmVisits.get({ visitId: follow.visitId })).visit).toMatchObject({ type: 'follow_up', followsVisitId: first.visitId });
    expect((await refusal(o.monitor.npmVisits.plan({ plan: plan('no-such-facility') }))).fields?.['plan.facilityId']?.key).toBe('error.npm.unknownFacility');
  });

  it('refuses an interview without a consent scope, with the reason on the field, and saves nothing', async () => {
    const o = await office();
    const c = await centre();
    const visitId = await visitOnSite(o, await introduce(o, await c.as('registrar')));
    const before = o.count('events');
    const e = await refusal(o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso(), { consentScope: [] }) }));
    expect(e).toMatchObject({ code: 'validation', fields: { 'interview.consentScope': { key: 'error.npm.consentScopeRequired' } } });
    const group = await refusal(o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso(), { kind: 'group' }) }));
    expect(group.fields?.['interview.groupSize']?.key).toBe('error.npm.groupSize');
    expect(o.count('events')).toBe(before);
    expect(o.count('visit_interviews')).toBe(0);
  });

  it('gives interviews a pseudonym when none is given, and keeps the one given', async () => {
    const o = await office();
    const c = await centre();
    const visitId = await visitOnSite(o, await introduce(o, await c.as('registrar')));
    const a = await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso()) });
    const b = await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso(), { pseudonym: 'Blue' }) });
    const g = await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso(), { kind: 'group', groupSize: 5, pseudonym: '' }) });
    expect([a.pseudonym, b.pseudonym, g.pseudonym]).toEqual(['P-01', 'Blue', 'P-03']);
    const v = (await o.monitor.npmVisits.get({ visitId })).visit;
    expect(v.interviews.find((i) => i.interviewId === g.interviewId)).toMatchObject({ kind: 'group', groupSize: 5 });
  });

  it('a monitor plans and records; an administrator without the monitor role cannot read visits', async () => {
    const o = await office();
    expect((await refusal(o.admin.npmVisits.list({}))).code).toBe('forbidden');
    expect((await o.monitor.npmVisits.list({})).visits).toEqual([]);
  });
});
