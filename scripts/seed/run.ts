import type { Store } from '../../db/store';
import { openInstallation, type DemoUser, type SeedInstallation } from './installation';
import { newRefs, playThroughApi } from './play-api';
import { IdMaker, Prng } from './prng';
import { profile, story, type Story } from './stories';
import { writeRegistrations, writeStories } from './write-events';

export interface SeedOptions {
  dataDir: string;
  /** How many person records to add (on top of any already there). */
  persons: number;
  seed: number;
  /** The instant the stories are written for; the backend runs on this clock while seeding. */
  now: number;
  /** At most this many people go through the backend's handlers; the rest are written as events. */
  apiLimit: number;
  /** Only this many of the new people get a detention history; the rest are registrations only. */
  histories: number;
  adminPassword: string;
  /** People per batch of stories on the event path (steps are played in time order within a batch). */
  chunk?: number;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Leave the installation open and return it (benchmarks keep using it). */
  keepOpen?: boolean;
  /** Seed into an installation already open in this process (one store, one chain head). */
  installation?: SeedInstallation;
}

export interface SeedResult {
  firstIndex: number;
  viaApi: number;
  viaEvents: number;
  registrationsOnly: number;
  duplicates: number;
  seconds: { api: number; events: number; registrations: number; total: number };
  users: DemoUser[];
  recoveryKey: string | null;
  installation: SeedInstallation | null;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** The app's page cache (64 MiB) is sized for a desk; a bulk load touches every index at once. */
const bulkCacheKiB = 1024 * 1024;

export async function seed(o: SeedOptions): Promise<SeedResult> {
  const log = o.log ?? (() => {});
  const t0 = performance.now();
  const inst = o.installation ?? (await openInstallation(o.dataDir, o.now, o.adminPassword));
  try {
    const store = inst.backend.installation.requireStore();
    const firstIndex = count(store, 'persons');
    const withHistory = Math.min(o.persons, o.histories);
    const viaApi = Math.min(withHistory, o.apiLimit);
    const refs = newRefs();
    let duplicates = 0;
    const storyOf = (i: number): Story => {
      const s = story(o.seed, i, o.now, firstIndex);
      if (s.profile.duplicateOf !== null) duplicates++;
      return s;
    };

    const tApi = performance.now();
    if (viaApi > 0) {
      const stories = Array.from({ length: viaApi }, (_, k) => storyOf(firstIndex + k));
      log(`[seed] ${viaApi} people through the backend's handlers…`);
      await playThroughApi(inst, stories, refs, (done, total) => log(`[seed]   ${done}/${total} calls (${seconds(tApi).toFixed(0)} s)`));
    }
    const apiSeconds = seconds(tApi);

    const tEvents = performance.now();
    const ids = new IdMaker(o.now, count(store, 'events') + 1, new Prng(o.seed, firstIndex, 0x1d));
    const bulk = withHistory - viaApi;
    const lean = o.persons - withHistory;
    const previousCache = store.sqlite.pragma('cache_size', { simple: true }) as number;
    let eventsSeconds = 0;
    let leanSeconds = 0;
    if (bulk + lean > 0) store.sqlite.pragma(`cache_size = -${bulkCacheKiB}`);
    try {
      const chunk = o.chunk ?? 5000;
      for (let from = viaApi; from < withHistory; from += chunk) {
        const to = Math.min(withHistory, from + chunk);
        const stories = Array.from({ length: to - from }, (_, k) => storyOf(firstIndex + from + k));
        writeStories(store, stories, refs, ids);
        // Stories refer to their own episodes, claims and referrals, and to people at most a few
        // hundred records back (duplicates); older references are never needed again.
        refs.episodes.clear();
        refs.referrals.clear();
        refs.claims.clear();
        refs.records.clear();
        for (const k of refs.persons.keys()) if (k < firstIndex + to - 250) refs.persons.delete(k);
        log(progressLine('histories as events', to - viaApi, bulk, tEvents));
      }
      eventsSeconds = seconds(tEvents);
      const tLean = performance.now();
      for (let from = withHistory; from < o.persons; from += 20_000) {
        const to = Math.min(o.persons, from + 20_000);
        const profiles = Array.from({ length: to - from }, (_, k) => profile(o.seed, firstIndex + from + k, o.now, firstIndex));
        duplicates += profiles.filter((p) => p.duplicateOf !== null).length;
        writeRegistrations(store, profiles, ids);
        log(progressLine('registrations', to - withHistory, lean, tLean));
      }
      leanSeconds = seconds(tLean);
    } finally {
      store.sqlite.pragma(`cache_size = ${previousCache}`);
    }
    const result: SeedResult = {
      firstIndex,
      viaApi,
      viaEvents: bulk,
      registrationsOnly: lean,
      duplicates,
      seconds: { api: apiSeconds, events: eventsSeconds, registrations: leanSeconds, total: seconds(t0) },
      users: inst.users,
      recoveryKey: inst.recoveryKey,
      installation: o.keepOpen ? inst : null,
    };
    if (!o.keepOpen && !o.installation) await inst.close();
    return result;
  } catch (e) {
    if (!o.installation) await inst.close();
    throw e;
  }
}

function progressLine(what: string, done: number, total: number, t0: number): string {
  const s = seconds(t0);
  const rate = done / Math.max(s, 1e-9);
  const eta = (total - done) / Math.max(rate, 1e-9);
  return `[seed]   ${what}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s, ${s.toFixed(0)} s, about ${Math.ceil(eta)} s left)`;
}

function count(store: Store, table: 'persons' | 'events'): number {
  return (store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** What is in the store now, for the summary. */
export function summarize(store: Store, now: number) {
  const nowIso = new Date(now).toISOString();
  const all = <T>(sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => store.sqlite.prepare(sql).get(...params) as T;
  const childCutoff = new Date(now - 18 * 365.25 * 86_400_000).toISOString().slice(0, 10);
  const scripts: Record<string, number> = {};
  for (const r of all<{ name_original: string }>('SELECT name_original FROM persons')) {
    const s = scriptOf(r.name_original);
    scripts[s] = (scripts[s] ?? 0) + 1;
  }
  return {
    persons: one<{ n: number }>('SELECT count(*) AS n FROM persons').n,
    scripts,
    children: one<{ n: number }>('SELECT count(*) AS n FROM persons WHERE birth_date > ?', childCutoff).n,
    stateless: one<{ n: number }>('SELECT count(*) AS n FROM persons WHERE stateless = 1').n,
    merged: one<{ n: number }>('SELECT count(*) AS n FROM persons WHERE merged_into IS NOT NULL').n,
    episodes: Object.fromEntries(
      all<{ state: string; n: number }>(
        `SELECT CASE WHEN state IN ('ACTIVE', 'EXTENSION_PENDING') AND term_end <= ? THEN 'RELEASE_DUE' ELSE state END AS state, count(*) AS n
         FROM episodes GROUP BY 1 ORDER BY 2 DESC`,
        nowIso,
      ).map((r) => [r.state, r.n]),
    ),
    outcomes: Object.fromEntries(all<{ outcome: string; n: number }>("SELECT outcome, count(*) AS n FROM episodes WHERE state = 'CLOSED' GROUP BY 1 ORDER BY 2 DESC").map((r) => [r.outcome, r.n])),
    screenings: one<{ n: number }>('SELECT count(*) AS n FROM screenings').n,
    flags: Object.fromEntries(
      ['child', 'unaccompanied', 'age_in_doubt', 'trafficking', 'asylum', 'refugee', 'torture', 'disability', 'pregnancy', 'illness', 'older', 'sogi'].map((f) => [
        f,
        one<{ n: number }>('SELECT count(*) AS n FROM persons WHERE flags LIKE ?', `%"${f}"%`).n,
      ]),
    ),
    referrals: Object.fromEntries(all<{ type: string; n: number }>('SELECT type, count(*) AS n FROM referrals GROUP BY 1 ORDER BY 2 DESC').map((r) => [r.type, r.n])),
    asylumClaims: Object.fromEntries(all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM asylum_claims GROUP BY 1 ORDER BY 2 DESC').map((r) => [r.status, r.n])),
    ageAssessments: one<{ n: number }>('SELECT count(*) AS n FROM age_assessments').n,
    guardians: one<{ n: number }>('SELECT count(*) AS n FROM guardians').n,
    nonRefoulementChecks: one<{ n: number }>('SELECT count(*) AS n FROM nr_checks').n,
    stay: stayCounts(store, nowIso),
    events: one<{ n: number }>('SELECT count(*) AS n FROM events').n,
  };
}

/** The stay's records (issue #15) by kind, for the summary and the seed's own test. */
function stayCounts(store: Store, nowIso: string) {
  const by = (sql: string, ...params: unknown[]) =>
    Object.fromEntries((store.sqlite.prepare(sql).all(...params) as { k: string | number | null; n: number }[]).map((r) => [String(r.k), r.n])) as Record<string, number>;
  const n = (sql: string, ...params: unknown[]) => (store.sqlite.prepare(sql).get(...params) as { n: number }).n;
  return {
    contacts: by("SELECT kind || CASE WHEN kind = 'visit' THEN ':' || coalesce(category, '') ELSE '' END AS k, count(*) AS n FROM contacts GROUP BY 1 ORDER BY 2 DESC"),
    contactsRefused: by("SELECT coalesce(category, '') AS k, count(*) AS n FROM contacts WHERE outcome = 'refused' GROUP BY 1"),
    refusalsReviewed: n("SELECT count(*) AS n FROM contacts WHERE outcome = 'refused' AND review IS NOT NULL"),
    complaints: by('SELECT addressee AS k, count(*) AS n FROM complaints GROUP BY 1 ORDER BY 2 DESC'),
    complaintsAnswered: n('SELECT count(*) AS n FROM complaints WHERE answered_at IS NOT NULL'),
    complaintsForwarded: n('SELECT count(*) AS n FROM complaints WHERE forwarded_at IS NOT NULL'),
    complaintsEscalated: n('SELECT count(*) AS n FROM complaints WHERE escalated_from IS NOT NULL'),
    complaintsAboutStaff: n('SELECT count(*) AS n FROM complaints WHERE about_staff = 1'),
    appeals: by("SELECT coalesce(outcome, 'pending') AS k, count(*) AS n FROM appeals GROUP BY 1"),
    appealHearings: n('SELECT coalesce(sum(json_array_length(hearings)), 0) AS n FROM appeals'),
    discipline: by("SELECT coalesce(measure_type, CASE WHEN dropped IS NOT NULL THEN 'dropped' ELSE 'pending' END) AS k, count(*) AS n FROM discipline_cases GROUP BY 1"),
    disciplineNoticed: n('SELECT count(*) AS n FROM discipline_cases WHERE notice IS NOT NULL'),
    disciplineAppealed: n('SELECT count(*) AS n FROM discipline_cases WHERE appeal IS NOT NULL'),
    propertyItems: by("SELECT kind || ':' || state AS k, count(*) AS n FROM property_items GROUP BY 1 ORDER BY 2 DESC"),
    propertyAcknowledgements: n('SELECT count(*) AS n FROM property_acknowledgements'),
    healthVisits: by('SELECT kind AS k, count(*) AS n FROM health_visits GROUP BY 1'),
    exitExamsNotDone: n('SELECT count(*) AS n FROM episodes WHERE exit_exam_not_done IS NOT NULL'),
    hospitalStays: n('SELECT count(*) AS n FROM hospital_stays'),
    inHospitalNow: n('SELECT count(*) AS n FROM hospital_stays WHERE returned_at IS NULL'),
    injuries: by("SELECT CASE seen_at_admission WHEN 1 THEN 'seen' WHEN 0 THEN 'not_seen' ELSE seen_at_admission END AS k, count(*) AS n FROM injuries GROUP BY 1"),
    injuryReports: by('SELECT addressee AS k, count(*) AS n FROM injury_reports GROUP BY 1'),
    exitSteps: by('SELECT step AS k, count(*) AS n FROM exit_steps GROUP BY 1 ORDER BY 2 DESC'),
    deaths: n('SELECT count(*) AS n FROM deaths'),
    deathNotifications: by('SELECT recipient AS k, count(*) AS n FROM death_notifications GROUP BY 1'),
    bodies: n('SELECT count(*) AS n FROM deaths WHERE body IS NOT NULL'),
    asOf: nowIso,
  };
}

/** The writing system of a name, by its first letter outside Latin punctuation. */
export function scriptOf(name: string): string {
  if (/[\u0600-\u06ff\ufb50-\ufdff]/.test(name)) return 'arabic';
  if (/[\u0400-\u04ff]/.test(name)) return 'cyrillic';
  if (/[\u10a0-\u10ff]/.test(name)) return 'georgian';
  if (/[\u0900-\u097f]/.test(name)) return 'devanagari';
  if (/[\u0980-\u09ff]/.test(name)) return 'bengali';
  return 'latin';
}
