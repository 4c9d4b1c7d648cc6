import type { z } from 'zod';
import { isWellFormedDeep } from '../well-formed';
import { eventCatalog, type EventType } from './index';

/**
 * Turns a payload written under schema version n into the payload of version n + 1. Pure and total on
 * every payload version n ever accepted: it runs on read, never on what is stored (the stored text is
 * hashed into the chain and stays exactly as written), so a payload change later never breaks replay.
 */
export type Upcaster = (payload: unknown) => unknown;

/**
 * For each event type, the steps from version 1 upwards: `steps[0]` takes 1 to 2, `steps[1]` 2 to 3,
 * and so on, so there are `eventCatalog[type].schemaVersion - 1` of them. A mapped type: a new event
 * type without an entry here does not compile. Every type is at version 1 today.
 */
export const upcasters: { readonly [T in EventType]: readonly Upcaster[] } = {
  'person.registered': [],
  'person.corrected': [],
  'person.merged': [],
  'person.unmerged': [],
  'person.nationalLinked': [],
  'person.nationalUnlinked': [],
  'person.tracingAnswered': [],
  'person.tracingNotAsked': [],
  'document.recorded': [],
  'document.corrected': [],
  'episode.apprehended': [],
  'episode.admitted': [],
  'episode.medicalChecked': [],
  'episode.extensionRequested': [],
  'episode.extended': [],
  'episode.reviewed': [],
  'episode.transferred': [],
  'episode.exitScheduled': [],
  'episode.closed': [],
  'episode.corrected': [],
  'exit.stepRecorded': [],
  'death.recorded': [],
  'death.notified': [],
  'death.bodyRecorded': [],
  'health.visitRecorded': [],
  'health.exitExamNotDone': [],
  'health.hospitalAdmitted': [],
  'health.hospitalReturned': [],
  'health.injuryRecorded': [],
  'health.injuryReported': [],
  'screening.recorded': [],
  'age.assessed': [],
  'guardian.appointed': [],
  'referral.created': [],
  'referral.progressed': [],
  'asylum.expressed': [],
  'asylum.forwarded': [],
  'asylum.statusChanged': [],
  'record.conflictResolved': [],
  'nonRefoulement.checked': [],
  'rights.notified': [],
  'rights.delayed': [],
  'interpreter.used': [],
  'consular.opened': [],
  'consular.consentRecorded': [],
  'consular.sent': [],
  'consular.acknowledged': [],
  'consular.visited': [],
  'consular.withdrawn': [],
  'consular.disclosureReviewed': [],
  'legalAid.requested': [],
  'legalAid.defenderAssigned': [],
  'legalAid.contacted': [],
  'legalAid.issue': [],
  'legalAid.waived': [],
  'contact.recorded': [],
  'contact.corrected': [],
  'contact.refusalReviewed': [],
  'npm.facilityAdded': [],
  'npm.facilityKeyRotated': [],
  'visit.planned': [],
  'visit.moved': [],
  'visit.areaObserved': [],
  'visit.registerChecked': [],
  'visit.interviewed': [],
  'visit.reprisalChecked': [],
  'visit.extractImported': [],
  'visit.findingAdded': [],
  'visit.recommendationsIssued': [],
  'visit.responseRecorded': [],
  'visit.recommendationVerified': [],
  'oversight.ombudsmanTrusted': [],
  'oversight.ombudsmanKeyRotated': [],
  'oversight.recommendationsReceived': [],
  'oversight.responded': [],
  'tracing.inquiryOpened': [],
  'tracing.candidateReviewed': [],
  'tracing.inquiryAnswered': [],
  'tracing.inquiryClosed': [],
  'tracing.recordCreated': [],
  'transfer.dispatched': [],
  'transfer.received': [],
  'transfer.refused': [],
  'transfer.confirmed': [],
  'complaint.lodged': [],
  'complaint.forwarded': [],
  'complaint.answered': [],
  'appeal.filed': [],
  'appeal.hearing': [],
  'appeal.decided': [],
  'discipline.breachRecorded': [],
  'discipline.heard': [],
  'discipline.decided': [],
  'discipline.noticeGiven': [],
  'discipline.appealed': [],
  'discipline.appealDecided': [],
  'discipline.dropped': [],
  'property.itemsRecorded': [],
  'property.acknowledged': [],
  'property.released': [],
};

/** What reading needs to know of one event type: its current version and schema, and the way up to it. */
export interface EventKind {
  readonly schemaVersion: number;
  readonly payload: z.ZodType;
  readonly upcasters: readonly Upcaster[];
}
export type EventKinds = Readonly<Record<string, EventKind>>;

/** The application's event kinds: the catalog with its upcasters. */
export const eventKinds: EventKinds = Object.fromEntries(
  (Object.keys(eventCatalog) as EventType[]).map((t) => [t, { schemaVersion: eventCatalog[t].schemaVersion, payload: eventCatalog[t].payload, upcasters: upcasters[t] }]),
);

/** Why a stored or received event cannot be read by this version (kept in the log, listed in quarantine). */
export type UnreadableReason = 'unknown_type' | 'newer_schema' | 'no_upcaster' | 'cannot_upcast' | 'invalid_json' | 'ill_formed_text' | 'invalid_payload';

/**
 * The one way an event's payload is read, on replay (rebuild) and on ingest (device and HQ): parsed,
 * brought up from the version it was written under to the current one by the declared upcasters in
 * order, then validated against the current schema. An event of a version newer than this application
 * knows is refused with a reason, as is an unknown type, never guessed at.
 */
export function readPayload(
  e: { readonly type: string; readonly schemaVersion: number; readonly payload: string },
  kinds: EventKinds = eventKinds,
): { payload: unknown } | { reason: UnreadableReason } {
  const kind = Object.prototype.hasOwnProperty.call(kinds, e.type) ? kinds[e.type]! : null;
  if (!kind) return { reason: 'unknown_type' };
  if (e.schemaVersion > kind.schemaVersion) return { reason: 'newer_schema' };
  let payload: unknown;
  try {
    payload = JSON.parse(e.payload);
  } catch {
    return { reason: 'invalid_json' };
  }
  // Stored as escaped JSON it is intact, but projected it would be altered: kept unapplied instead.
  if (!isWellFormedDeep(payload)) return { reason: 'ill_formed_text' };
  for (let v = e.schemaVersion; v < kind.schemaVersion; v++) {
    const step = kind.upcasters[v - 1];
    if (!step) return { reason: 'no_upcaster' };
    try {
      payload = step(payload);
    } catch {
      return { reason: 'cannot_upcast' };
    }
  }
  const parsed = kind.payload.safeParse(payload);
  return parsed.success ? { payload: parsed.data } : { reason: 'invalid_payload' };
}
