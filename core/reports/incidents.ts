import { answerDueAt, complaintAddressees, complaintStatus, type ComplaintFacts } from '../complaints';
import type { DisciplineFact } from '../discipline';
import { deathRecipients } from '../exits';
import { bucketOf, countTable, facilityRows, inPeriod, keyed, periodBuckets, type ComputedTable, type FactRow, type ReportContext } from './table';

/**
 * Incidents (docs/domain.md §6 "Admission injuries, complaints, discipline, deaths", issue #16 §1), as far
 * as the stay's records hold them (EpisodeFacts): complaints and their answers, breaches of the rules and
 * their decisions, injuries found in custody, deaths. Each is a period figure by the local day of the
 * record counted. Records are counted, not people: a cell opens the episode of each record counted in it.
 *
 * Not in EpisodeFacts, so not here: the type of a disciplinary measure (only whether one was decided),
 * injuries seen at the admission examination (only those not seen then), and a complaint's category.
 */

export function incidentsReport(ctx: ReportContext): ComputedTable[] {
  const { filter: f, settings: s } = ctx;
  const buckets = periodBuckets(f);
  const inP = (instant: string) => inPeriod(f, ctx.dayOf(instant));

  // An answer on the due day's last instant is in time (complaintStatus reads "within" the same way).
  const complaintCell = (c: ComplaintFacts) => {
    if (c.answeredAt) return Date.parse(c.answeredAt) <= answerDueAt(c, s) ? 'answered_in_time' : 'answered_late';
    return complaintStatus(c, s, ctx.now);
  };
  const complaints = countTable(
    { id: 'incidents_complaints', titleKey: 'report.incidents_complaints.title', descriptionKey: 'report.incidents_complaints.desc', rowHeaderKey: 'report.dim.addressee', chart: 'stacked' },
    keyed('complaint.addressee', complaintAddressees),
    keyed('complaint.answer', ['answered_in_time', 'answered_late', 'escalated', 'open', 'overdue']),
    ctx.rows,
    (r) => (r.facts.complaints ?? []).filter((c) => inP(c.receivedAt)).map((c) => [c.addressee, complaintCell(c)] as const),
  );

  const breach = (b: DisciplineFact) => (b.dropped ? 'no_measure' : b.decidedAt === null ? 'pending' : b.noticeAt === null ? 'decided_no_notice' : 'decided_notice');
  const discipline = countTable(
    { id: 'incidents_discipline', titleKey: 'report.incidents_discipline.title', descriptionKey: 'report.incidents_discipline.desc', rowHeaderKey: 'report.dim.period', chart: 'stacked' },
    buckets,
    keyed('discipline', ['decided_notice', 'decided_no_notice', 'no_measure', 'pending']),
    ctx.rows,
    (r) => (r.facts.discipline ?? []).filter((b) => inP(b.detectedAt)).map((b) => [bucketOf(buckets, ctx.dayOf(b.detectedAt)), breach(b)] as const),
  );

  // An injury not seen at admission is owed a report to the prosecutor and to the ombudsman (core/health.ts).
  const injuryCell = (reported: readonly string[]) => (reported.includes('prosecutor') && reported.includes('ombudsman') ? 'reported_both' : reported.length > 0 ? 'reported_one' : 'not_reported');
  const injuries = countTable(
    { id: 'incidents_injuries', titleKey: 'report.incidents_injuries.title', descriptionKey: 'report.incidents_injuries.desc', rowHeaderKey: 'report.dim.period', chart: 'stacked' },
    buckets,
    keyed('injury', ['reported_both', 'reported_one', 'not_reported']),
    ctx.rows,
    (r) => (r.facts.health?.injuriesNotSeen ?? []).filter((i) => inP(i.examinedAt)).map((i) => [bucketOf(buckets, ctx.dayOf(i.examinedAt)), injuryCell(i.reported)] as const),
  );

  // A person dies once: these count people. Who was told is counted beside the deaths, so columns overlap.
  const died = (r: FactRow) => (r.facts.death ? inP(r.facts.death.diedAt) : false);
  const deaths = countTable(
    { id: 'incidents_deaths', titleKey: 'report.incidents_deaths.title', descriptionKey: 'report.incidents_deaths.desc', rowHeaderKey: 'report.dim.facility', chart: 'none' },
    facilityRows(ctx),
    keyed('death', ['died', ...deathRecipients.map((x) => `notified_${x}`), 'body_claimed', 'state_burial']),
    ctx.rows.filter(died),
    (r) => {
      const d = r.facts.death!;
      const at = r.currentFacility;
      if (at === null) return [];
      return [
        [at, 'died'],
        ...d.notified.map((x) => [at, `notified_${x}`] as const),
        ...(d.body === 'claimed' ? [[at, 'body_claimed'] as const] : d.body === 'state_burial' ? [[at, 'state_burial'] as const] : []),
      ];
    },
    { totals: false },
  );

  return [complaints, discipline, injuries, deaths];
}
