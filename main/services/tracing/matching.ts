import type { z } from 'zod';
import type { candidateState, personCandidate, tracingRecordView } from '../../../core/contract/tracing';
import { outcomeTypes, type OutcomeType } from '../../../core/episode';
import { scoreRecord, type CandidateReason, type InquirySubjectFacts, type ProtectionReason } from '../../../core/tracing';
import type { VulnerabilityFlag } from '../../../core/vulnerability';
import type { EpisodesTable, TracingRecordsTable } from '../../../db/schema';
import type { ReadStore } from '../../../db/store';
import { findMatches, minimumMatchScore } from '../name-search';

type CandidateState = z.infer<typeof candidateState>;
type PersonMatch = Pick<z.infer<typeof personCandidate>, 'person' | 'score' | 'reasons' | 'state' | 'facilityName' | 'since'> & { recordIds: string[]; protection: ProtectionReason[] };

/** How many people an inquiry shows: more than an analyst can compare is noise. */
const personLimit = 20;
/** Records of unidentified persons and deaths are few (hundreds a year); each is scored. */
const recordLimit = 5000;

const released: readonly OutcomeType[] = ['released_term_expired', 'released_decision', 'refugee_status'];
const removed: readonly OutcomeType[] = ['expelled', 'deported_readmission', 'avr_iom'];

/** Where a person stands now, from their latest episode: held, or how they left. */
export function stateOf(latest: Pick<EpisodesTable, 'state' | 'outcome' | 'facility_name' | 'exit_at'> | undefined): { state: CandidateState; facilityName: string | null; since: string | null } {
  if (!latest) return { state: 'registered', facilityName: null, since: null };
  if (latest.state !== 'CLOSED') return { state: 'held', facilityName: latest.facility_name, since: null };
  const outcome = (outcomeTypes as readonly string[]).includes(latest.outcome ?? '') ? (latest.outcome as OutcomeType) : null;
  const state: CandidateState =
    outcome === 'died'
      ? 'deceased'
      : outcome === 'escaped'
        ? 'escaped'
        : outcome && removed.includes(outcome)
          ? 'removed'
          : outcome && released.includes(outcome)
            ? 'released'
            : outcome?.startsWith('transferred_')
              ? 'transferred'
              : 'released';
  return { state, facilityName: latest.facility_name, since: latest.exit_at };
}

/**
 * The protection facts behind "nothing to the consulate without consent" (docs/domain.md §5 rule 3):
 * a pending asylum claim, refugee status, a presumed victim of trafficking (when the setting applies the
 * block to them, as the consular notice does). A reader without protection.read sees `restricted`.
 */
export function protectionOf(flags: readonly VulnerabilityFlag[], settings: ReadStore['settings'], mayReadProtection: boolean): ProtectionReason[] {
  const out: ProtectionReason[] = [];
  if (flags.includes('asylum')) out.push('asylum');
  if (flags.includes('refugee')) out.push('refugee');
  if (settings.consularBlockForTrafficking && flags.includes('trafficking')) out.push(mayReadProtection ? 'trafficking' : 'restricted');
  return out;
}

/**
 * Everyone in the console's store whose record may be the person sought, whatever became of them: held,
 * released, transferred, removed or dead. `findMatches` (main/services/name-search.ts) reads every
 * person ever registered at any facility and represents a merged record by the one it was merged into;
 * the records merged into a survivor count with it here (their episodes, their flags).
 */
export function personCandidates(store: ReadStore, subject: InquirySubjectFacts, mayReadProtection: boolean, facilityOfDevice: ReadonlyMap<string, string>): PersonMatch[] {
  const matches = findMatches(store, { names: subject.names, birthDate: subject.birthDate, nationalities: subject.nationality ? [subject.nationality] : [] }, personLimit);
  return matches.map((m) => {
    const ids = [m.person.personId, ...(store.q.prepared('SELECT person_id FROM persons WHERE merged_into = ?').all(m.person.personId) as { person_id: string }[]).map((r) => r.person_id)];
    const latest = store.q.prepared('SELECT e.* FROM json_each(?) j JOIN episodes e ON e.person_id = j.value ORDER BY e.apprehended_at DESC LIMIT 1').get(JSON.stringify(ids)) as
      EpisodesTable | undefined;
    const flags = new Set<VulnerabilityFlag>();
    for (const r of store.q.prepared('SELECT p.flags FROM json_each(?) j JOIN persons p ON p.person_id = j.value').all(JSON.stringify(ids)) as { flags: string }[]) {
      for (const f of JSON.parse(r.flags) as VulnerabilityFlag[]) flags.add(f);
    }
    const where = stateOf(latest);
    return {
      person: m.person,
      score: m.score,
      reasons: m.reasons,
      ...where,
      facilityName: latest ? facilityName(store, latest, facilityOfDevice) : where.facilityName,
      recordIds: ids,
      protection: protectionOf([...flags], store.settings, mayReadProtection),
    };
  });
}

/**
 * The facility as HQ enrolled it (the facility of the device that opened the episode, as hq.cases
 * names it), since a centre's own name for itself is whatever its set-up said; after a transfer, the
 * place the episode was transferred to, as the centre wrote it.
 */
function facilityName(store: ReadStore, e: EpisodesTable, facilityOfDevice: ReadonlyMap<string, string>): string {
  if ((JSON.parse(e.transfers) as unknown[]).length > 0) return e.facility_name;
  const first = store.q.prepared('SELECT device_id FROM events WHERE entity_id = ? ORDER BY local_seq LIMIT 1').get(e.episode_id) as { device_id: string } | undefined;
  return (first && facilityOfDevice.get(first.device_id)) ?? e.facility_name;
}

export function recordView(r: TracingRecordsTable): z.infer<typeof tracingRecordView> {
  return {
    recordId: r.record_id,
    kind: r.kind as 'unidentified' | 'death',
    names: JSON.parse(r.names) as string[],
    sex: r.sex as z.infer<typeof tracingRecordView>['sex'],
    ageMin: r.age_min,
    ageMax: r.age_max,
    nationality: r.nationality,
    description: r.description,
    photoRef: r.photo_ref,
    foundPlace: r.found_place,
    foundOn: r.found_on,
    circumstance: r.circumstance as z.infer<typeof tracingRecordView>['circumstance'],
    facilityName: r.facility_name,
    recordedAt: r.recorded_at,
  };
}

/** Records of unidentified persons and deaths that fit the inquiry (core/tracing.ts `scoreRecord`), best first. */
export function recordCandidates(store: ReadStore, subject: InquirySubjectFacts): { record: TracingRecordsTable; score: number; reasons: CandidateReason[] }[] {
  const rows = store.q.all(store.qb.selectFrom('tracing_records').selectAll().orderBy('recorded_at', 'desc').limit(recordLimit));
  const out: { record: TracingRecordsTable; score: number; reasons: CandidateReason[] }[] = [];
  for (const record of rows) {
    const s = scoreRecord(
      subject,
      {
        names: JSON.parse(record.names) as string[],
        sex: record.sex,
        ageMin: record.age_min,
        ageMax: record.age_max,
        nationality: record.nationality,
        description: record.description,
        foundPlace: record.found_place,
        foundOn: record.found_on,
      },
      minimumMatchScore,
    );
    if (s) out.push({ record, ...s });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, personLimit);
}
