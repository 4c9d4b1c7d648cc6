import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { canonicalJson } from '../../../core/canonical-json';
import { ApiError, ruleError } from '../../../core/contract/errors';
import { retiredKeyAccepts } from '../../../core/npm/key-rotation';
import { retiredDeviceKeys } from './facilities';
import { discrepancies, type InterviewForCheck } from '../../../core/npm/discrepancies';
import { registerExtractBody, responsesBody, type Discrepancy, type SignedFile } from '../../../core/npm/files';
import { sealedSchema, type Sealed } from '../../../core/npm/sealed';
import type { ExtractStayRow } from '../../../core/contract/npm';
import { authorityResponseSchema, interviewConfidentialSchema, visitAcceptsFieldwork, type VisitState } from '../../../core/npm/visit';
import type { VisitInterviewsTable } from '../../../db/schema';
import { readSignedFile, type SignedFileKind } from '../../../db/signed-file';
import type { Actor, ReadStore, ServiceStore } from '../../../db/store';
import { notFound } from '../common';

/**
 * The ombudsman office's side of the files a centre sends: its signed register extract for a visit,
 * and its responses to the office's recommendations. A file is believed only when a device key the
 * office already holds for that very facility (from its identity file, npmFacilities.add) signed it;
 * a refused file leaves nothing behind, and the same file taken in twice changes nothing.
 */

export type Opener = (sealed: Sealed) => unknown;

export interface FileCommand {
  actor: Actor;
  /** The contract method on whose behalf the events are recorded (for the audit line). */
  method?: string;
}

const visitFacts = (store: ReadStore, visitId: string) => store.q.first(store.qb.selectFrom('visits').select(['visit_id', 'facility_id', 'state']).where('visit_id', '=', visitId));

function visitRow(store: ReadStore, visitId: string) {
  const v = visitFacts(store, visitId);
  if (!v) throw notFound();
  return v;
}

function installationOf(store: ReadStore, facilityId: string): string | null {
  return store.q.first(store.qb.selectFrom('npm_facilities').select('installation_id').where('facility_id', '=', facilityId))?.installation_id ?? null;
}

/**
 * Reads a centre's file: signed by a device key the office holds (whichever facility it belongs to),
 * then for the facility the caller expects. A key of another known centre is a file for another
 * facility, not an unknown signer: the office knows who made it, just not for this.
 */
function readCentreFile<S extends z.ZodType>(
  store: ReadStore,
  content: string,
  format: SignedFileKind,
  body: S,
  madeAt: (body: z.infer<S>) => string,
): { file: SignedFile; body: z.infer<S>; facilityId: string } {
  let facilityId: string | null = null;
  let retiredAt: string | null = null;
  const read = readSignedFile(content, format, body, (signer) => {
    if (signer.kind !== 'device') return null;
    const key = store.q.first(store.qb.selectFrom('npm_facility_keys').select(['facility_id', 'public_key']).where('device_id', '=', signer.id));
    facilityId = key?.facility_id ?? null;
    if (!key) return null;
    // A key the device replaced (docs/npm.md#key-rotation) still reads what was made before the replacement.
    if (signer.publicKey === key.public_key) return key.public_key;
    const retired = retiredDeviceKeys(store, signer.id).find((r) => r.key === signer.publicKey && r.facilityId === key.facility_id);
    if (!retired) throw ruleError('error.npm.unknownKey');
    retiredAt = retired.retiredAt;
    return retired.key;
  });
  if (retiredAt !== null && !retiredKeyAccepts(madeAt(read.body), retiredAt)) throw new ApiError({ code: 'rule', messageKey: 'error.npm.retiredKey', params: { date: retiredAt } });
  return { ...read, facilityId: facilityId! };
}

// ---------------------------------------------------------------------------------------------------
// The register extract (OPCAT Art. 20(a,b)).

/** Opens one interview's confidential part in memory; anything unreadable counts as not opened. */
function openedConfidential(row: Pick<Selectable<VisitInterviewsTable>, 'sealed'>, openSealed: Opener | null): InterviewForCheck['confidential'] {
  if (!openSealed) return null;
  const sealed = sealedSchema.safeParse(JSON.parse(row.sealed));
  if (!sealed.success) return null;
  const opened = interviewConfidentialSchema.safeParse(openSealed(sealed.data));
  return opened.success ? opened.data : null;
}

/**
 * The visit's discrepancies: the latest extract imported for it laid beside its interviews, opened in
 * memory where this installation holds the organisation key. Without the key, only what the extract
 * says by itself (overdue deadlines, people held past their term) can be found.
 */
export function discrepanciesFor(store: ReadStore, visitId: string, openSealed: Opener | null): Discrepancy[] {
  const latest = store.q.first(store.qb.selectFrom('visit_extracts').select('body').where('visit_id', '=', visitId).orderBy('local_seq', 'desc').limit(1));
  if (!latest) return [];
  const extract = registerExtractBody.parse(JSON.parse(latest.body));
  const interviews = store.q
    .all(store.qb.selectFrom('visit_interviews').select(['interview_id', 'pseudonym', 'sealed']).where('visit_id', '=', visitId).orderBy('at').orderBy('interview_id'))
    .map((row): InterviewForCheck => ({ interviewId: row.interview_id, pseudonym: row.pseudonym, confidential: openedConfidential(row, openSealed) }));
  return discrepancies(extract, interviews);
}

/**
 * What the visit's latest extract says happened during the stay (issue #15 §7), a row per item with the
 * register number it belongs to, in time order: refused contacts, complaints, appeals, discipline, injuries.
 */
export function extractStayRows(store: ReadStore, visitId: string): ExtractStayRow[] {
  const latest = store.q.first(store.qb.selectFrom('visit_extracts').select('body').where('visit_id', '=', visitId).orderBy('local_seq', 'desc').limit(1));
  if (!latest) return [];
  const rows: ExtractStayRow[] = [];
  for (const p of registerExtractBody.parse(JSON.parse(latest.body)).persons) {
    const s = p.stay;
    if (!s) continue;
    const row = (kind: ExtractStayRow['kind'], at: string, facts: ExtractStayRow['facts']) => rows.push({ registerNo: p.registerNo, kind, at, facts });
    for (const c of s.contactsRefused) row('contact_refused', c.at, { kind: c.kind, category: c.category, basis: c.basis, reason: c.reason });
    for (const c of s.complaints) row('complaint', c.receivedAt, { kind: c.kind, addressee: c.addressee, subject: c.subject, aboutStaff: c.aboutStaff ? 'yes' : 'no', answeredAt: c.answeredAt });
    for (const a of s.appeals) row('appeal', a.filedAt, { decision: a.decision, court: a.court, outcome: a.outcome });
    for (const d of s.discipline) row('discipline', d.decidedAt ?? d.detectedAt, { measure: d.measure, breach: d.breach, heard: d.heard ? 'yes' : 'no', endsOn: d.endsOn, status: d.status });
    for (const i of s.injuries) row('injury', i.examinedAt, { region: i.region, seenAtAdmission: i.seenAtAdmission ? 'yes' : 'no', reportedTo: i.reportedTo.join(',') || null });
  }
  return rows.sort((a, b) => a.at.localeCompare(b.at) || a.registerNo.localeCompare(b.registerNo));
}

export function importExtractFile(
  store: ServiceStore,
  visitId: string,
  content: string,
  now: number,
  cmd: FileCommand & { openSealed: Opener | null },
): { persons: number; discrepancies: Discrepancy[] } {
  const visit = visitRow(store, visitId);
  const { file, body, facilityId } = readCentreFile(store, content, 'qeyd-register-extract', registerExtractBody, (b) => b.generatedAt);
  if (facilityId !== visit.facility_id || body.installationId !== installationOf(store, visit.facility_id)) throw ruleError('error.npm.wrongFacility');
  const held = store.q.first(store.qb.selectFrom('visit_extracts').select('event_id').where('visit_id', '=', visitId).where('extract_id', '=', body.extractId));
  if (!held) {
    if (!visitAcceptsFieldwork(visit.state as VisitState)) throw ruleError('error.visit.notOnSite');
    store.command(cmd.actor, cmd.method ?? 'npmVisits.importExtract', (tx) => {
      tx.append({ type: 'visit.extractImported', entityId: visitId, payload: { file, importedAt: new Date(now).toISOString() } });
    });
  }
  return { persons: body.persons.length, discrepancies: discrepanciesFor(store, visitId, cmd.openSealed) };
}

// ---------------------------------------------------------------------------------------------------
// The centre's responses to the office's recommendations.

export function importResponsesFile(store: ServiceStore, content: string, _now: number, cmd: FileCommand): { visitId: string; recorded: number; alreadyHeld: number } {
  const { body, facilityId } = readCentreFile(store, content, 'qeyd-npm-responses', responsesBody, (b) => b.generatedAt);
  const visit = visitFacts(store, body.visitId);
  if (!visit) throw ruleError('error.npm.unknownRecommendation');
  if (facilityId !== visit.facility_id || body.installationId !== installationOf(store, visit.facility_id)) throw ruleError('error.npm.wrongFacility');
  const issued = new Set(
    store.q.all(store.qb.selectFrom('recommendations').select('recommendation_id').where('visit_id', '=', body.visitId).where('issued_at', 'is not', null)).map((r) => r.recommendation_id),
  );
  // The whole file or nothing: one answer to something this office never sent makes the file suspect.
  if (body.responses.some((r) => !issued.has(r.recommendationId))) throw ruleError('error.npm.unknownRecommendation');
  // Each response is recorded once, however often the centre sends it again (it sends every response
  // it ever recorded for the visit); an answer changed later is a new response.
  const held = new Set(
    store.q.all(store.qb.selectFrom('events').select('payload').where('entity_id', '=', body.visitId).where('type', '=', 'visit.responseRecorded')).map((e) => canonicalJson(JSON.parse(e.payload))),
  );
  const fresh = body.responses.filter((r) => {
    const key = canonicalJson({ recommendationId: r.recommendationId, response: authorityResponseSchema.parse(r.response) });
    if (held.has(key)) return false;
    held.add(key);
    return true;
  });
  if (fresh.length) {
    store.command(cmd.actor, cmd.method ?? 'npmVisits.importResponses', (tx) => {
      for (const r of fresh) tx.append({ type: 'visit.responseRecorded', entityId: body.visitId, payload: { recommendationId: r.recommendationId, response: r.response } });
    });
  }
  return { visitId: body.visitId, recorded: fresh.length, alreadyHeld: body.responses.length - fresh.length };
}
