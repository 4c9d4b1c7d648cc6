import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { obligations, type EpisodeFacts, type Obligation } from '../../../core/due-now';
import type { OutcomeType, Regime } from '../../../core/episode';
import { ageBandAt, type AgeBand } from '../../../core/reports/model';
import type { FactRow } from '../../../core/reports/table';
import type { Settings } from '../../../core/settings';
import { localDate } from '../../../core/time';
import { loadEpisodeFacts } from '../../../db/episode-facts';
import type { Database, ReportFactsTable } from '../../../db/schema';
import type { ReadQuery, SyncQuery } from '../../../db/sync-query';

/**
 * HQ's per-episode facts table (issue #16 §5): the national reports read one row per episode instead of
 * gathering every episode's facts on each call. The console feed refreshes the rows of the people a batch
 * touched in the same transaction as it ingests the batch (hq/console/feed.ts), so a report never sees
 * events without their facts or facts ahead of their events.
 */

/** The facts are written by this code and these settings; either changing means the table is rebuilt. */
const factsCodeVersion = 1;
export const reportFactsVersionKey = 'report_facts_version';

export function reportFactsVersion(settings: Settings): string {
  return `${factsCodeVersion}:${createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16)}`;
}

/** People per batch: each batch loads every fact of their episodes at once. */
const chunk = 500;

interface Writer {
  q: SyncQuery;
  qb: Kysely<Database>;
  settings: Settings;
}

/**
 * Rewrites the facts rows of these people's episodes. `deviceFacility` maps each device to HQ's facility
 * id: an episode belongs to the facility whose device recorded its first event, and is held now by the
 * centre that last received the person by transfer.
 */
export function refreshReportFacts(w: Writer, personIds: readonly string[], deviceFacility: ReadonlyMap<string, string>): number {
  const ids = [...new Set(personIds)];
  let written = 0;
  const del = w.q.prepared('DELETE FROM report_facts WHERE person_id = ?');
  const insert = w.q.prepared(
    `INSERT INTO report_facts (episode_id, person_id, admitted_facility, current_facility, nationality, sex, age_band, regime, apprehended_at,
       apprehended_day, closed_at, closed_day, outcome, destination, open, interpreters, facts, obligations, seq)
     VALUES (@episode_id, @person_id, @admitted_facility, @current_facility, @nationality, @sex, @age_band, @regime, @apprehended_at,
       @apprehended_day, @closed_at, @closed_day, @outcome, @destination, @open, @interpreters, @facts, @obligations, @seq)
     ON CONFLICT (episode_id) DO UPDATE SET person_id = excluded.person_id, admitted_facility = excluded.admitted_facility,
       current_facility = excluded.current_facility, nationality = excluded.nationality, sex = excluded.sex, age_band = excluded.age_band,
       regime = excluded.regime, apprehended_at = excluded.apprehended_at, apprehended_day = excluded.apprehended_day,
       closed_at = excluded.closed_at, closed_day = excluded.closed_day, outcome = excluded.outcome, destination = excluded.destination,
       open = excluded.open, interpreters = excluded.interpreters, facts = excluded.facts, obligations = excluded.obligations, seq = excluded.seq`,
  );
  const seq = lastLocalSeq(w.q);
  for (let i = 0; i < ids.length; i += chunk) {
    const some = ids.slice(i, i + chunk);
    for (const id of some) del.run(id);
    for (const row of factRowsOf(w, some, deviceFacility, seq)) {
      insert.run(row);
      written++;
    }
  }
  return written;
}

/** Rebuilds the whole table when it was written by other code or settings (an upgrade, a settings change). */
export function ensureReportFacts(w: Writer & { meta(key: string): string | undefined; setMeta(key: string, value: string): void }, deviceFacility: ReadonlyMap<string, string>): boolean {
  const version = reportFactsVersion(w.settings);
  if (w.meta(reportFactsVersionKey) === version) return false;
  w.q.prepared('DELETE FROM report_facts').run();
  const people = (w.q.prepared('SELECT DISTINCT person_id FROM episodes').all() as { person_id: string }[]).map((p) => p.person_id);
  refreshReportFacts(w, people, deviceFacility);
  w.setMeta(reportFactsVersionKey, version);
  return true;
}

/** The people whose events were appended after `localSeq`: those a batch touched. */
export function peopleTouchedSince(q: ReadQuery, localSeq: number): string[] {
  return (q.prepared('SELECT DISTINCT person_id FROM person_events WHERE local_seq > ?').all(localSeq) as { person_id: string }[]).map((r) => r.person_id);
}

export function lastLocalSeq(q: ReadQuery): number {
  return (q.prepared('SELECT COALESCE(MAX(local_seq), 0) AS seq FROM events').get() as { seq: number }).seq;
}

function factRowsOf(w: Writer, personIds: readonly string[], deviceFacility: ReadonlyMap<string, string>, seq: number): ReportFactsTable[] {
  const facts = loadEpisodeFacts(w.q, w.qb, personIds, w.settings);
  if (facts.length === 0) return [];
  const json = JSON.stringify(personIds);
  const persons = new Map(
    (
      w.q.prepared('SELECT person_id, sex, birth_date, nationalities, stateless FROM persons WHERE person_id IN (SELECT value FROM json_each(?))').all(json) as {
        person_id: string;
        sex: string;
        birth_date: string | null;
        nationalities: string;
        stateless: number;
      }[]
    ).map((p) => [p.person_id, p]),
  );
  const episodes = new Map(
    (
      w.q
        .prepared(
          `SELECT ep.episode_id, ep.exit, ep.exit_at, ep.outcome,
             (SELECT ev.device_id FROM events ev WHERE ev.entity_id = ep.episode_id ORDER BY ev.local_seq LIMIT 1) AS device_id,
             (SELECT t.to_facility_id FROM transfers t WHERE t.episode_id = ep.episode_id AND t.status = 'received' ORDER BY t.outcome_at DESC LIMIT 1) AS received_by
           FROM episodes ep WHERE ep.person_id IN (SELECT value FROM json_each(?))`,
        )
        .all(json) as { episode_id: string; exit: string | null; exit_at: string | null; outcome: string | null; device_id: string | null; received_by: string | null }[]
    ).map((e) => [e.episode_id, e]),
  );
  const interpreters = new Map<string, string[]>();
  for (const u of w.q.prepared('SELECT episode_id, language FROM interpreter_uses WHERE person_id IN (SELECT value FROM json_each(?)) AND episode_id IS NOT NULL').all(json) as {
    episode_id: string;
    language: string;
  }[]) {
    interpreters.set(u.episode_id, [...(interpreters.get(u.episode_id) ?? []), u.language]);
  }
  const zone = w.settings.timeZone;
  const out: ReportFactsTable[] = [];
  for (const f of facts) {
    if (f.apprehendedAt === null) continue;
    const p = persons.get(f.personId);
    const e = episodes.get(f.episodeId);
    const admitted = e?.device_id ? (deviceFacility.get(e.device_id) ?? null) : null;
    const nationalities = p ? (JSON.parse(p.nationalities) as string[]) : [];
    const closed = f.state === 'CLOSED';
    const closedAt = closed ? (e?.exit_at ?? null) : null;
    out.push({
      episode_id: f.episodeId,
      person_id: f.personId,
      admitted_facility: admitted,
      current_facility: e?.received_by ?? admitted,
      nationality: nationalities[0] ?? (p?.stateless ? 'STATELESS' : 'UNKNOWN'),
      sex: p?.sex ?? 'unknown',
      age_band: ageBandAt(p?.birth_date ?? null, f.apprehendedAt),
      regime: f.regime,
      apprehended_at: f.apprehendedAt,
      apprehended_day: localDate(Date.parse(f.apprehendedAt), zone),
      closed_at: closedAt,
      closed_day: closedAt ? localDate(Date.parse(closedAt), zone) : null,
      outcome: closed ? (e?.outcome ?? null) : null,
      destination: closed && e?.exit ? ((JSON.parse(e.exit) as { destinationCountry?: string }).destinationCountry ?? null) : null,
      open: closed ? 0 : 1,
      interpreters: JSON.stringify(interpreters.get(f.episodeId) ?? []),
      facts: JSON.stringify(f),
      obligations: JSON.stringify(obligations(f, w.settings)),
      seq,
    });
  }
  return out;
}

/** Facts rows, parsed, for the reports (read-only): all of them, or those written after `afterSeq`. */
export function readFactRows(q: ReadQuery, afterSeq = -1): FactRow[] {
  const rows = q.prepared('SELECT * FROM report_facts WHERE seq > ?').all(afterSeq) as ReportFactsTable[];
  return rows.map(toFactRow);
}

function toFactRow(r: ReportFactsTable): FactRow {
  return {
    episodeId: r.episode_id,
    personId: r.person_id,
    admittedFacility: r.admitted_facility,
    currentFacility: r.current_facility,
    nationality: r.nationality,
    sex: r.sex,
    ageBand: r.age_band as AgeBand,
    regime: r.regime as Regime | null,
    apprehendedAt: r.apprehended_at,
    apprehendedDay: r.apprehended_day,
    closedAt: r.closed_at,
    closedDay: r.closed_day,
    outcome: r.outcome as OutcomeType | null,
    destination: r.destination,
    open: r.open === 1,
    interpreterLanguages: JSON.parse(r.interpreters) as string[],
    facts: JSON.parse(r.facts) as EpisodeFacts,
    obligations: JSON.parse(r.obligations) as Obligation[],
  };
}

/**
 * The facts rows held in memory per store, brought up to date by reading only the rows written since
 * (a batch rewrites the rows of the people it touched, with the batch's newest event as their `seq`), so
 * the console's figures between two batches read memory and after one re-read only what changed (issue
 * #16 §5). Rows are never removed but by a rebuild, which changes the version and reloads everything.
 */
const held = new WeakMap<object, { version: string; seq: number; byEpisode: Map<string, FactRow>; rows: FactRow[] }>();

export function cachedFactRows(store: { q: ReadQuery; meta(key: string): string | undefined }): FactRow[] {
  const version = store.meta(reportFactsVersionKey) ?? '';
  let cache = held.get(store);
  if (!cache || cache.version !== version) {
    const rows = readFactRows(store.q);
    cache = { version, seq: maxSeq(store.q), byEpisode: new Map(rows.map((r) => [r.episodeId, r])), rows };
    held.set(store, cache);
    return cache.rows;
  }
  const seq = maxSeq(store.q);
  if (seq === cache.seq) return cache.rows;
  const fresh = readFactRows(store.q, cache.seq);
  const people = new Set(fresh.map((r) => r.personId));
  for (const [id, r] of cache.byEpisode) if (people.has(r.personId)) cache.byEpisode.delete(id);
  for (const r of fresh) cache.byEpisode.set(r.episodeId, r);
  cache.seq = seq;
  cache.rows = [...cache.byEpisode.values()];
  return cache.rows;
}

function maxSeq(q: ReadQuery): number {
  return (q.prepared('SELECT COALESCE(MAX(seq), 0) AS seq FROM report_facts').get() as { seq: number }).seq;
}
