import { ApiError } from '../../core/contract/errors';
import type { HistoryEntry, PersonView, EpisodeView } from '../../core/contract/register-views';
import { maskObligationKind, obligations, statusAt } from '../../core/due-now';
import { effectiveState, type EpisodeState } from '../../core/episode';
import type { EventRecord } from '../../core/events';
import { readPayload } from '../../core/events/upcast';
import { currentCheck, maskRemovalLocks, removalLocks } from '../../core/non-refoulement';
import { episodeAdmission } from './admission';
import { maskComplaintHistory, type ComplaintViewer } from './complaints';
import { notFound } from './common';
import type { PersonSummary } from '../../core/person';
import { formatRegisterNo } from '../../core/register-number';
import { daysHeld } from '../../core/time';
import { vulnerabilityState, type VulnerabilityFlag } from '../../core/vulnerability';
import { loadEpisodeFacts } from '../../db/episode-facts';
import { fieldHeads, isConflicted } from '../../db/projections/conflicts';
import type { EpisodesTable, PersonsTable } from '../../db/schema';
import { rowToEvent, type EventRow, type ReadStore } from '../../db/store';

export function toSummary(r: PersonsTable): PersonSummary {
  return {
    personId: r.person_id,
    registerNo: formatRegisterNo(r.register_device, r.register_no),
    nameOriginal: r.name_original,
    nameLatin: r.name_latin,
    sex: r.sex as PersonSummary['sex'],
    birthDate: r.birth_date,
    birthEstimated: r.birth_estimated === 1,
    nationalities: JSON.parse(r.nationalities) as string[],
    stateless: r.stateless === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function personRow(store: ReadStore, personId: string): PersonsTable {
  const row = store.q.first(store.qb.selectFrom('persons').selectAll().where('person_id', '=', personId));
  if (!row) throw notFound();
  return row;
}

/** Whole years of age on a date, or null with no birth date. */
export function ageOn(birthDate: string | null, instant: number): number | null {
  if (!birthDate) return null;
  const b = new Date(`${birthDate}T00:00:00Z`);
  const d = new Date(instant);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** Stored flags plus "child" from the birth date today (the stored ones cannot know the calendar). */
export function currentFlags(row: Pick<PersonsTable, 'flags' | 'birth_date'>, now: number): VulnerabilityFlag[] {
  const flags = new Set(JSON.parse(row.flags) as VulnerabilityFlag[]);
  const age = ageOn(row.birth_date, now);
  if (age !== null && age < 18) flags.add('child');
  return [...flags].sort();
}

/** Flattens details into "names.latin"-style fields, the unit in which corrections are recorded. */
function flattenDetails(details: Record<string, unknown>): Record<string, unknown> {
  const d = details as { names: Record<string, unknown>; birth?: Record<string, unknown> } & Record<string, unknown>;
  return {
    'names.original': d.names.original,
    'names.latin': d.names.latin,
    'names.patronymic': d.names.patronymic ?? null,
    'names.aliases': d.names.aliases ?? [],
    sex: d.sex,
    'birth.date': d.birth?.date ?? null,
    'birth.estimated': d.birth?.estimated ?? false,
    'birth.basis': d.birth?.basis ?? null,
    nationalities: d.nationalities ?? [],
    stateless: d.stateless ?? false,
    languages: d.languages ?? [],
  };
}

/**
 * A person's timeline: every event about them, oldest first, where each correction shows the value it
 * replaced, who made it and why.
 */
export function buildHistory(events: readonly EventRecord[], actorName: (id: string) => string | null): HistoryEntry[] {
  const current = new Map<string, Record<string, unknown>>();
  return events.map((e) => {
    // Read through the upcasters (core/events/upcast.ts): a timeline of old events survives a payload change.
    const read = readPayload(e);
    const payload = ('payload' in read ? read.payload : {}) as Record<string, unknown>;
    let changes: HistoryEntry['changes'] = [];
    let reason: string | null = null;
    const before = current.get(e.entityId) ?? {};
    if (e.type === 'person.registered') {
      const flat = flattenDetails(payload.details as Record<string, unknown>);
      current.set(e.entityId, flat);
      changes = Object.entries(flat).map(([field, to]) => ({ field, from: null, to }));
    } else if (e.type.endsWith('.corrected')) {
      const p = payload as { changes: Record<string, unknown>; reason: string };
      reason = p.reason;
      changes = Object.entries(p.changes).map(([field, to]) => ({ field, from: before[field] ?? null, to }));
      current.set(e.entityId, { ...before, ...p.changes });
    } else if (e.type === 'episode.admitted') {
      const p = payload;
      current.set(e.entityId, { admittedAt: p.admittedAt, regime: p.regime, decision: p.decision, apprehension: p.apprehension, handover: p.handover, property: p.property });
    } else if (e.type === 'person.merged' || e.type === 'person.unmerged') {
      reason = (payload as { reason: string }).reason;
    }
    return { eventId: e.eventId, type: e.type, entityId: e.entityId, at: e.hlc.slice(0, 24), actor: e.actor, actorName: actorName(e.actor), reason, changes };
  });
}

/**
 * At HQ's console, the centres' users named "<display name> (<facility>)": their devices report them and
 * the console's feed keeps them here (hq/console/feed.ts, issue #16 §6). Absent everywhere else.
 */
export const deviceUserNamesKey = 'hq_device_user_names';

/** Who an actor id is: the installation's own user, else (at HQ's console) a centre's user. */
export function actorNames(store: ReadStore): (id: string) => string | null {
  const names = new Map(store.q.all(store.qb.selectFrom('users').select(['user_id', 'display_name'])).map((u) => [u.user_id, u.display_name]));
  const reported = store.meta(deviceUserNamesKey);
  const devices = new Map(reported ? Object.entries(JSON.parse(reported) as Record<string, string>) : []);
  return (id) => names.get(id) ?? devices.get(id) ?? null;
}

function parse<T>(s: string | null): T | null {
  return s === null ? null : (JSON.parse(s) as T);
}

/** The lock on removal for one episode of a person, from what is recorded now. */
export function episodeRemovalLocks(store: ReadStore, personId: string, flags: readonly VulnerabilityFlag[]) {
  const latest = store.q.first(store.qb.selectFrom('nr_checks').select(['result', 'at']).where('person_id', '=', personId).orderBy('at', 'desc').limit(1));
  // A check made before the latest protection fact (a claim's new status, a new screening) no longer
  // speaks to the person's situation: a fresh check is needed.
  const facts = store.q
    .prepared(
      `SELECT max(t) AS t FROM (
         SELECT max(updated_at) AS t FROM asylum_claims WHERE person_id = ?
         UNION ALL SELECT max(at) FROM screenings WHERE person_id = ?)`,
    )
    .get(personId, personId) as { t: string | null };
  const current = currentCheck(latest ?? null, facts.t);
  return removalLocks({
    asylumPending: flags.includes('asylum'),
    refugee: flags.includes('refugee'),
    traffickingPresumed: flags.includes('trafficking'),
    latestCheck: current ? { result: current.result as 'cleared' | 'not_cleared', at: current.at } : null,
  });
}

/**
 * One episode for the person page. Without `protection.read`, obligations and locks that would name
 * a protection fact are masked (a THB referral, a trafficking lock): still there, without the why.
 */
export function toEpisodeView(store: ReadStore, e: EpisodesTable, flags: readonly VulnerabilityFlag[], now: number, mayReadProtection: boolean, mayReadMedical = false): EpisodeView {
  const tz = store.settings.timeZone;
  const facts = loadEpisodeFacts(store.q, store.qb, [e.person_id], store.settings).find((f) => f.episodeId === e.episode_id);
  const recorded = e.state as EpisodeState;
  const list = facts ? obligations(facts, store.settings) : [];
  const start = e.admitted_at ?? e.apprehended_at;
  return {
    episodeId: e.episode_id,
    facilityName: e.facility_name,
    regime: e.regime as EpisodeView['regime'],
    recordedState: recorded,
    state: effectiveState(recorded, e.term_end, now),
    admission: episodeAdmission(effectiveState(recorded, e.term_end, now), (facts?.rights.length ?? 0) > 0, e.rights_delay),
    decision: parse(e.decision),
    extensions: parse<EpisodeView['extensions']>(e.extensions) ?? [],
    apprehension: JSON.parse(e.apprehension) as EpisodeView['apprehension'],
    admittedAt: e.admitted_at,
    handover: parse(e.handover),
    medical: parse(e.medical),
    property: JSON.parse(e.property) as EpisodeView['property'],
    transfers: (JSON.parse(e.transfers) as EpisodeView['transfers']).map((t) => ({ at: t.at, toFacilityName: t.toFacilityName, fromFacilityName: t.fromFacilityName ?? null, reason: t.reason })),
    lastReviewAt: e.last_review_at,
    plannedExit: parse(e.planned_exit),
    exit: parse(e.exit),
    override: parse(e.override),
    daysHeld: start ? daysHeld(Date.parse(start), e.exit_at ? Date.parse(e.exit_at) : now, tz) : null,
    obligations: list.flatMap((o) => {
      const status = statusAt(o, now, recorded, e.term_end);
      return status
        ? [{ kind: maskObligationKind(o.kind, mayReadProtection, flags.includes('trafficking'), mayReadMedical), personId: o.personId, episodeId: o.episodeId, dueAt: o.dueAt, status }]
        : [];
    }),
    removalLocks: recorded === 'CLOSED' ? [] : maskRemovalLocks(episodeRemovalLocks(store, e.person_id, flags), mayReadProtection),
    inHospitalSince: recorded === 'CLOSED' ? null : e.in_hospital_since,
    lastEventId: e.last_event_id,
  };
}

export function personEvents(store: ReadStore, personIds: readonly string[]): EventRecord[] {
  const rows = store.q
    .prepared(
      `SELECT e.* FROM person_events pe JOIN events e ON e.local_seq = pe.local_seq
       WHERE pe.person_id IN (${personIds.map(() => '?').join(',')}) ORDER BY e.local_seq`,
    )
    .all(...personIds) as EventRow[];
  return rows.map(rowToEvent);
}

/** Everything about a person for their page; protection details are withheld from roles without the right. */
export function buildPersonView(
  store: ReadStore,
  personId: string,
  now: number,
  mayReadProtection: boolean,
  viewer: ComplaintViewer = { userId: '', mayReadStaffComplaints: false },
  mayReadMedical = false,
): PersonView {
  const row = personRow(store, personId);
  const merged = store.q.all(store.qb.selectFrom('persons').select('person_id').where('merged_into', '=', personId)).map((r) => r.person_id);
  const ids = [personId, ...merged];
  const flags = currentFlags(row, now);
  const restricted = row.restricted === 1;
  const redacted = restricted && !mayReadProtection;
  const qb = store.qb;
  const episodes = store.q.all(qb.selectFrom('episodes').selectAll().where('person_id', 'in', ids).orderBy('apprehended_at', 'desc'));
  const screened = store.q.first(qb.selectFrom('screenings').select('screening_id').where('person_id', 'in', ids));
  const referralStages = store.q.all(qb.selectFrom('referrals').select('stage').where('person_id', 'in', ids));
  return {
    person: toSummary(row),
    patronymic: row.patronymic,
    aliases: JSON.parse(row.aliases) as string[],
    languages: JSON.parse(row.languages) as string[],
    birthBasis: row.birth_basis,
    flags: redacted ? flags.filter((f) => f !== 'trafficking') : flags,
    vulnerabilityState: vulnerabilityState({ screened: screened !== undefined, flags, referrals: referralStages }),
    restricted,
    redacted,
    mergedInto: row.merged_into,
    mergedRecords: merged,
    lastEventId: row.last_event_id,
    documents: store.q.all(qb.selectFrom('documents').selectAll().where('person_id', 'in', ids).orderBy('recorded_at')).map((d) => ({
      documentId: d.document_id,
      document: {
        type: d.type as PersonView['documents'][number]['document']['type'],
        series: d.series ?? undefined,
        number: d.number ?? undefined,
        issuingState: d.issuing_state ?? undefined,
        validUntil: d.valid_until ?? undefined,
        verification: d.verification as PersonView['documents'][number]['document']['verification'],
        heldReceipt: d.held_receipt ?? undefined,
      },
      recordedAt: d.recorded_at,
      lastEventId: d.last_event_id,
    })),
    episodes: episodes.map((e) => toEpisodeView(store, e, flags, now, mayReadProtection, mayReadMedical)),
    screenings: store.q.all(qb.selectFrom('screenings').selectAll().where('person_id', 'in', ids).orderBy('at', 'desc')).map((s) => {
      const sFlags = JSON.parse(s.flags) as VulnerabilityFlag[];
      return {
        screeningId: s.screening_id,
        episodeId: s.episode_id,
        at: s.at,
        screening: redacted ? null : (JSON.parse(s.items) as PersonView['screenings'][number]['screening']),
        flags: redacted ? sFlags.filter((f) => f !== 'trafficking') : sFlags,
      };
    }),
    referrals: store.q.all(qb.selectFrom('referrals').selectAll().where('person_id', 'in', ids).orderBy('created_at')).flatMap((r) =>
      redacted && r.type === 'thb_nrm'
        ? []
        : [
            {
              referralId: r.referral_id,
              episodeId: r.episode_id,
              type: r.type as PersonView['referrals'][number]['type'],
              reason: redacted ? null : r.reason,
              createdAt: r.created_at,
              stage: r.stage as PersonView['referrals'][number]['stage'],
              sentAt: r.sent_at,
              acceptedAt: r.accepted_at,
              declinedAt: r.declined_at,
              outcomeAt: r.outcome_at,
            },
          ],
    ),
    asylumClaims: store.q.all(qb.selectFrom('asylum_claims').selectAll().where('person_id', 'in', ids).orderBy('expressed_at')).map((c) => ({
      claimId: c.claim_id,
      episodeId: c.episode_id,
      expressedAt: c.expressed_at,
      place: c.place,
      words: c.words,
      language: c.language,
      forwardedAt: c.forwarded_at,
      reference: c.reference,
      status: c.status as PersonView['asylumClaims'][number]['status'],
      decision: c.decision as PersonView['asylumClaims'][number]['decision'],
    })),
    ageAssessments: store.q
      .all(qb.selectFrom('age_assessments').selectAll().where('person_id', 'in', ids).orderBy('at'))
      .map((a) => ({ at: a.at, method: a.method, assessor: a.assessor, minAge: a.min_age, maxAge: a.max_age })),
    guardians: store.q
      .all(qb.selectFrom('guardians').selectAll().where('person_id', 'in', ids).orderBy('appointed_at'))
      .map((g) => ({ appointedAt: g.appointed_at, authority: g.authority, name: g.name, contact: g.contact })),
    nonRefoulementChecks: store.q
      .all(qb.selectFrom('nr_checks').selectAll().where('person_id', 'in', ids).orderBy('at'))
      .map((c) => ({ checkId: c.check_id, episodeId: c.episode_id, at: c.at, result: c.result as 'cleared' | 'not_cleared', basis: c.basis })),
    // A complaint about staff shows only as 'restricted' to whoever may not read it (issue #15 §2).
    history: withholdMedical(
      maskComplaintHistory(
        store,
        ids,
        redacted ? buildHistory(personEvents(store, ids), actorNames(store)).filter((h) => !isProtectionEvent(h.type)) : buildHistory(personEvents(store, ids), actorNames(store)),
        viewer,
      ),
      mayReadMedical,
    ),
    conflicts: openConflicts(store, [...ids, ...episodes.map((e) => e.episode_id)]),
  };
}

/** Open conflicts on any of these records, each with every standing value and who wrote it. */
export function openConflicts(store: ReadStore, entityIds: readonly string[]): PersonView['conflicts'] {
  if (entityIds.length === 0) return [];
  const names = actorNames(store);
  const rows = store.q.all(
    store.qb
      .selectFrom('field_heads')
      .selectAll()
      .where('entity_id', 'in', [...entityIds])
      .orderBy('entity_id')
      .orderBy('field')
      .orderBy('hlc'),
  );
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.entity_id}|${r.field}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()]
    .filter((heads) => isConflicted(heads.map((h) => ({ eventId: h.event_id, value: JSON.parse(h.value), actor: h.actor, hlc: h.hlc }))))
    .map((heads) => ({
      entityType: heads[0]!.entity_type as 'person' | 'episode',
      entityId: heads[0]!.entity_id,
      field: heads[0]!.field,
      // When the last of the competing versions was written: the same on every device.
      openedAt: heads[heads.length - 1]!.hlc.slice(0, 24),
      candidates: heads.map((h) => ({ eventId: h.event_id, value: JSON.parse(h.value) as unknown, actor: h.actor, actorName: names(h.actor), at: h.hlc.slice(0, 24) })),
    }));
}

/**
 * The versions a correction of these fields replaces: each field's standing version, or the record's
 * first event where the field was never corrected. Carried in the event's `supersedes`.
 */
export function versionsOf(store: ReadStore, entityId: string, fields: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const field of fields) {
    const heads = fieldHeads(store.q, store.qb, entityId, field);
    if (heads.length) for (const h of heads) ids.add(h.eventId);
    else {
      const first = store.q.prepared('SELECT event_id FROM events WHERE entity_id = ? ORDER BY local_seq LIMIT 1').get(entityId) as { event_id: string } | undefined;
      if (first) ids.add(first.event_id);
    }
  }
  return [...ids];
}

/** Refuses a local correction of a field that is conflicted: the conflict is resolved first. */
export function assertNotConflicted(store: ReadStore, entityId: string, fields: readonly string[]): void {
  if (fields.length === 0) return;
  const hit = fields.find((f) => isConflicted(fieldHeads(store.q, store.qb, entityId, f)));
  if (hit) throw new ApiError({ code: 'conflict', messageKey: 'error.correction.fieldConflicted', fields: { [`changes.${hit}`]: { key: 'error.correction.fieldConflicted' } } });
}

/**
 * Without medical.read a health record shows in the timeline as one that was made, never what kind (an
 * injury, a visit): the kind itself is medical content (docs/health.md). The hospital stay stays named:
 * the register shows it to everyone, for safety.
 */
function withholdMedical(history: HistoryEntry[], mayReadMedical: boolean): HistoryEntry[] {
  if (mayReadMedical) return history;
  return history.map((h) => (h.type.startsWith('health.') && !h.type.startsWith('health.hospital') ? { ...h, type: 'health.restricted', changes: [], reason: null } : h));
}

/** Event types whose content is protection data (withheld from a restricted record's timeline). */
function isProtectionEvent(type: string): boolean {
  // A disclosure review may name why the person is a protection case (trafficking): issue #11.
  return type === 'screening.recorded' || type.startsWith('referral.') || type === 'consular.disclosureReviewed';
}
