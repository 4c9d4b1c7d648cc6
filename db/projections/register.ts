import { screeningFlags } from '../../core/vulnerability';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';
import { applyVersions } from './conflicts';
import { indexNames } from './persons';
import { takeNumber } from './register-numbers';
import type { Projector, Touched } from './types';

/** Projections of the detention register: one small function per event type. */

const json = (v: unknown) => JSON.stringify(v ?? null);

const personOfEpisode: (ctx: Parameters<Projector<'episode.extended'>>[0]) => Touched = ({ event, qb, q }) => ({
  personId: q.first(qb.selectFrom('episodes').select('person_id').where('episode_id', '=', event.entityId))?.person_id ?? null,
  refresh: true,
});

export const documentRecorded: Projector<'document.recorded'> = ({ event, payload, at, qb, q }) => {
  const d = payload.document;
  q.run(
    qb.insertInto('documents').values({
      document_id: event.entityId,
      person_id: payload.personId,
      type: d.type,
      series: d.series ?? null,
      number: d.number ?? null,
      issuing_state: d.issuingState ?? null,
      valid_until: d.validUntil ?? null,
      verification: d.verification,
      held_receipt: d.heldReceipt ?? null,
      recorded_at: at,
      last_event_id: event.eventId,
    }),
  );
  // The number is searchable (persons.search): the person's keys include their documents' numbers.
  indexNames(q, qb, payload.personId);
  return { personId: payload.personId, refresh: false };
};

const documentColumns: Record<string, string> = {
  type: 'type',
  series: 'series',
  number: 'number',
  issuingState: 'issuing_state',
  validUntil: 'valid_until',
  verification: 'verification',
  heldReceipt: 'held_receipt',
};

export const documentCorrected: Projector<'document.corrected'> = ({ event, payload, qb, q }) => {
  const set: Record<string, unknown> = { last_event_id: event.eventId };
  for (const [field, value] of Object.entries(payload.changes)) {
    const column = documentColumns[field];
    if (column) set[column] = value ?? null;
  }
  q.run(qb.updateTable('documents').set(set).where('document_id', '=', event.entityId));
  const personId = q.first(qb.selectFrom('documents').select('person_id').where('document_id', '=', event.entityId))?.person_id ?? null;
  if (personId) indexNames(q, qb, personId);
  return { personId, refresh: false };
};

export const episodeApprehended: Projector<'episode.apprehended'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb.insertInto('episodes').values({
      episode_id: event.entityId,
      person_id: payload.personId,
      facility_id: payload.facilityId,
      facility_name: payload.facilityName,
      regime: null,
      state: 'DECISION_PENDING',
      apprehension: json(payload.apprehension),
      apprehended_at: payload.apprehension.at,
      property: '[]',
      extensions: '[]',
      transfers: '[]',
      status_changed_at: null,
      created_at: at,
      updated_at: at,
      last_event_id: event.eventId,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const episodeAdmitted: Projector<'episode.admitted'> = ({ event, payload, at, qb, q }) => {
  const columns = {
    person_id: payload.personId,
    facility_id: payload.facilityId,
    facility_name: payload.facilityName,
    regime: payload.regime,
    state: 'ACTIVE',
    decision: json(payload.decision),
    term_end: payload.decision.termEnd,
    apprehension: json(payload.apprehension),
    apprehended_at: payload.apprehension.at,
    admitted_at: payload.admittedAt,
    handover: json(payload.handover),
    medical: payload.medical ? json(payload.medical) : null,
    medical_at: payload.medical?.at ?? null,
    property: json(payload.property),
    updated_at: at,
    last_event_id: event.eventId,
  };
  // Each admission is the next line of its device's book. An episode admitted on two devices at once
  // keeps the earlier admission's line (by clock, then event id), whichever arrived first here.
  const line = takeNumber(q, 'book', event.deviceId);
  const held = q.prepared('SELECT ev.hlc, ev.event_id FROM episodes e JOIN events ev ON ev.event_id = e.book_event WHERE e.episode_id = ?').get(event.entityId) as
    { hlc: string; event_id: string } | undefined;
  const keepHeld = held !== undefined && (held.hlc < event.hlc || (held.hlc === event.hlc && held.event_id < event.eventId));
  const withLine = keepHeld ? columns : { ...columns, book_device: event.deviceId, book_no: line, book_event: event.eventId };
  // Admission either completes an episode opened at apprehension or opens one directly.
  const exists = q.first(qb.selectFrom('episodes').select('episode_id').where('episode_id', '=', event.entityId));
  if (exists) q.run(qb.updateTable('episodes').set(withLine).where('episode_id', '=', event.entityId));
  else q.run(qb.insertInto('episodes').values({ episode_id: event.entityId, extensions: '[]', transfers: '[]', created_at: at, ...withLine }));
  return { personId: payload.personId, refresh: true };
};

export const episodeMedicalChecked: Projector<'episode.medicalChecked'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  q.run(
    qb
      .updateTable('episodes')
      .set({ medical: json(payload.medical), medical_at: payload.medical.at, updated_at: at, last_event_id: event.eventId })
      .where('episode_id', '=', event.entityId),
  );
  return personOfEpisode(ctx as never);
};

export const episodeExtensionRequested: Projector<'episode.extensionRequested'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  q.run(qb.updateTable('episodes').set({ state: 'EXTENSION_PENDING', extension_requested_at: payload.at, updated_at: at, last_event_id: event.eventId }).where('episode_id', '=', event.entityId));
  return personOfEpisode(ctx as never);
};

export const episodeExtended: Projector<'episode.extended'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  const row = q.first(qb.selectFrom('episodes').select(['extensions']).where('episode_id', '=', event.entityId));
  const extensions = [...(JSON.parse(row?.extensions ?? '[]') as unknown[]), payload.decision];
  // EXTENDED → ACTIVE at once: the new decision carries the new term end.
  q.run(
    qb
      .updateTable('episodes')
      .set({ state: 'ACTIVE', term_end: payload.decision.termEnd, extensions: json(extensions), extension_requested_at: null, status_changed_at: at, updated_at: at, last_event_id: event.eventId })
      .where('episode_id', '=', event.entityId),
  );
  return personOfEpisode(ctx);
};

export const episodeReviewed: Projector<'episode.reviewed'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  q.run(qb.updateTable('episodes').set({ last_review_at: payload.at, updated_at: at, last_event_id: event.eventId }).where('episode_id', '=', event.entityId));
  return personOfEpisode(ctx as never);
};

export const episodeTransferred: Projector<'episode.transferred'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  const row = q.first(qb.selectFrom('episodes').select(['transfers', 'facility_name']).where('episode_id', '=', event.entityId));
  const transfers = [...(JSON.parse(row?.transfers ?? '[]') as unknown[]), { ...payload, fromFacilityName: row?.facility_name ?? null }];
  q.run(
    qb
      .updateTable('episodes')
      .set({ facility_name: payload.toFacilityName, transfers: json(transfers), updated_at: at, last_event_id: event.eventId })
      .where('episode_id', '=', event.entityId),
  );
  return personOfEpisode(ctx as never);
};

export const episodeExitScheduled: Projector<'episode.exitScheduled'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  q.run(
    qb
      .updateTable('episodes')
      .set({ state: 'EXIT_PENDING', planned_exit: json(payload), updated_at: at, last_event_id: event.eventId })
      .where('episode_id', '=', event.entityId),
  );
  return personOfEpisode(ctx as never);
};

export const episodeClosed: Projector<'episode.closed'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  q.run(
    qb
      .updateTable('episodes')
      .set({
        state: 'CLOSED',
        exit: json(payload.exit),
        exit_at: payload.exit.at,
        outcome: payload.exit.type,
        override: payload.override ? json(payload.override) : null,
        next_due_at: null,
        next_due_kind: null,
        next_warn_at: null,
        updated_at: at,
        last_event_id: event.eventId,
      })
      .where('episode_id', '=', event.entityId),
  );
  return personOfEpisode(ctx as never);
};

/** Corrections of an episode's recorded facts (decision details, apprehension, admission time). */
const episodeCorrectable: Record<string, (row: Record<string, unknown>, v: unknown) => Record<string, unknown>> = {
  admittedAt: (_r, v) => ({ admitted_at: v }),
  regime: (_r, v) => ({ regime: v }),
  decision: (_r, v) => ({ decision: json(v), term_end: (v as { termEnd?: string } | null)?.termEnd ?? null }),
  apprehension: (_r, v) => ({ apprehension: json(v), apprehended_at: (v as { at?: string } | null)?.at ?? null }),
  handover: (_r, v) => ({ handover: json(v) }),
  property: (_r, v) => ({ property: json(v ?? []) }),
};
export const correctableEpisodeFields = Object.keys(episodeCorrectable);

/** Writes corrected episode fields into the state table. */
export function applyEpisodeFields(q: SyncQuery, qb: Kysely<Database>, episodeId: string, fields: Record<string, unknown>, at: string, eventId: string): void {
  const row = q.first(qb.selectFrom('episodes').selectAll().where('episode_id', '=', episodeId)) as Record<string, unknown> | undefined;
  if (!row) return;
  let set: Record<string, unknown> = { updated_at: at, last_event_id: eventId };
  for (const [field, value] of Object.entries(fields)) {
    const apply = episodeCorrectable[field];
    if (apply) set = { ...set, ...apply(row, value) };
  }
  q.run(qb.updateTable('episodes').set(set).where('episode_id', '=', episodeId));
}

export const episodeCorrected: Projector<'episode.corrected'> = (ctx) => {
  const { event, payload, at, qb, q } = ctx;
  const fields = applyVersions(q, qb, 'episode', event, payload.changes);
  applyEpisodeFields(q, qb, event.entityId, fields, at, event.eventId);
  return personOfEpisode(ctx as never);
};

export const screeningRecorded: Projector<'screening.recorded'> = ({ event, payload, qb, q }) => {
  q.run(
    qb.insertInto('screenings').values({
      screening_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      at: payload.screening.at,
      items: json(payload.screening),
      flags: json(screeningFlags(payload.screening)),
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const ageAssessed: Projector<'age.assessed'> = ({ event, payload, qb, q }) => {
  const a = payload.assessment;
  q.run(
    qb.insertInto('age_assessments').values({
      assessment_id: event.entityId,
      person_id: payload.personId,
      at: a.at,
      method: a.method,
      assessor: a.assessor,
      min_age: a.minAge,
      max_age: a.maxAge,
      notes: a.notes ?? null,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const guardianAppointed: Projector<'guardian.appointed'> = ({ event, payload, qb, q }) => {
  const g = payload.guardian;
  q.run(qb.insertInto('guardians').values({ guardian_id: event.entityId, person_id: payload.personId, appointed_at: g.appointedAt, authority: g.authority, name: g.name, contact: g.contact }));
  return { personId: payload.personId, refresh: true };
};

export const referralCreated: Projector<'referral.created'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb.insertInto('referrals').values({
      referral_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      type: payload.referral.type,
      reason: payload.referral.reason,
      created_at: at,
      stage: null,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const referralProgressed: Projector<'referral.progressed'> = ({ event, payload, qb, q }) => {
  const p = payload.progress;
  const column = { sent: 'sent_at', accepted: 'accepted_at', declined: 'declined_at', outcome: 'outcome_at' }[p.stage];
  q.run(
    qb
      .updateTable('referrals')
      .set({ stage: p.stage, [column]: p.at, last_note: p.note ?? null })
      .where('referral_id', '=', event.entityId),
  );
  return { personId: q.first(qb.selectFrom('referrals').select('person_id').where('referral_id', '=', event.entityId))?.person_id ?? null, refresh: true };
};

export const asylumExpressed: Projector<'asylum.expressed'> = ({ event, payload, at, qb, q }) => {
  const e = payload.expression;
  q.run(
    qb.insertInto('asylum_claims').values({
      claim_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId ?? null,
      expressed_at: e.at,
      place: e.place,
      words: e.words,
      language: e.language,
      recorded_by: event.actor,
      status: 'EXPRESSED',
      updated_at: at,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

const claimPerson = (q: Parameters<Projector<'asylum.forwarded'>>[0]['q'], qb: Parameters<Projector<'asylum.forwarded'>>[0]['qb'], claimId: string) =>
  q.first(qb.selectFrom('asylum_claims').select('person_id').where('claim_id', '=', claimId))?.person_id ?? null;

export const asylumForwarded: Projector<'asylum.forwarded'> = ({ event, payload, at, qb, q }) => {
  q.run(qb.updateTable('asylum_claims').set({ status: 'FORWARDED', forwarded_at: payload.at, reference: payload.reference, updated_at: at }).where('claim_id', '=', event.entityId));
  return { personId: claimPerson(q, qb, event.entityId), refresh: true };
};

export const asylumStatusChanged: Projector<'asylum.statusChanged'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb
      .updateTable('asylum_claims')
      .set({ status: payload.status, decision: payload.decision ?? null, ...(payload.reference ? { reference: payload.reference } : {}), updated_at: at })
      .where('claim_id', '=', event.entityId),
  );
  return { personId: claimPerson(q, qb, event.entityId), refresh: true };
};

export const nonRefoulementChecked: Projector<'nonRefoulement.checked'> = ({ event, payload, qb, q }) => {
  q.run(
    qb.insertInto('nr_checks').values({
      check_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      at: payload.check.at,
      result: payload.check.result,
      basis: payload.check.basis,
      recorded_by: event.actor,
    }),
  );
  return { personId: payload.personId, refresh: false };
};
