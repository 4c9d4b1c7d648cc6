import type { Kysely } from 'kysely';
import { asylumPending, type AsylumStatus } from '../core/asylum';
import { nextDue, obligations, type EpisodeFacts } from '../core/due-now';
import type { EpisodeState, Regime } from '../core/episode';
import type { Settings } from '../core/settings';
import type { ReferralType, VulnerabilityFlag } from '../core/vulnerability';
import type { ConsularNoticesTable, Database } from './schema';
import { consularState, type ConsularFacts } from '../core/safeguards';
import type { SyncQuery } from './sync-query';

/**
 * Gathers, for a set of people, everything the deadline rules need (core/due-now.ts) in a handful of
 * queries, so the due-now board and the register's deadline column come from one place.
 */
export function loadEpisodeFacts(
  q: SyncQuery,
  qb: Kysely<Database>,
  personIds: readonly string[],
  settings: Settings,
  opts: { openOnly?: boolean } = {},
): EpisodeFacts[] {
  if (personIds.length === 0) return [];
  const ids = [...new Set(personIds)];
  let episodesQuery = qb.selectFrom('episodes').selectAll().where('person_id', 'in', ids);
  if (opts.openOnly) episodesQuery = episodesQuery.where('state', '!=', 'CLOSED');
  const episodes = q.all(episodesQuery);
  if (episodes.length === 0) return [];
  const flags = personFlags(q, qb, ids);
  const screenings = q.all(qb.selectFrom('screenings').select(['person_id', 'episode_id', 'at']).where('person_id', 'in', ids).orderBy('at'));
  const guardians = new Set(q.all(qb.selectFrom('guardians').select('person_id').where('person_id', 'in', ids)).map((g) => g.person_id));
  const referrals = q.all(qb.selectFrom('referrals').select(['person_id', 'type', 'stage']).where('person_id', 'in', ids));
  const claims = q.all(qb.selectFrom('asylum_claims').select(['person_id', 'expressed_at', 'forwarded_at']).where('person_id', 'in', ids));
  const births = new Map(q.all(qb.selectFrom('persons').select(['person_id', 'birth_date']).where('person_id', 'in', ids)).map((p) => [p.person_id, p.birth_date]));
  const episodeIds = episodes.map((e) => e.episode_id);
  const rights = q.all(qb.selectFrom('rights_notifications').select(['episode_id', 'at', 'mode', 'language']).where('episode_id', 'in', episodeIds));
  const notices = q.all(qb.selectFrom('consular_notices').selectAll().where('episode_id', 'in', episodeIds).orderBy('created_at'));
  const aid = q.all(qb.selectFrom('legal_aid_requests').select(['episode_id', 'first_contact_at']).where('episode_id', 'in', episodeIds));
  const waivers = new Set(q.all(qb.selectFrom('legal_aid_waivers').select('episode_id').where('episode_id', 'in', episodeIds)).map((w) => w.episode_id));
  return episodes.map((e) => {
    const screened = screenings.filter((s) => s.episode_id === e.episode_id).at(-1)?.at ?? null;
    // A child when detained is a child for this episode's safeguards, whatever the calendar says later.
    const personFlagList = flags.get(e.person_id) ?? [];
    const childAtStart = isMinorAt(births.get(e.person_id) ?? null, e.apprehended_at);
    const episodeFlags = childAtStart && !personFlagList.includes('child') ? [...personFlagList, 'child' as const] : personFlagList;
    return {
      personId: e.person_id,
      episodeId: e.episode_id,
      state: e.state as EpisodeState,
      regime: e.regime as Regime | null,
      apprehendedAt: e.apprehended_at,
      admittedAt: e.admitted_at,
      termEnd: e.term_end,
      lastReviewAt: e.last_review_at,
      medicalCheckAt: e.medical_at,
      screenedAt: screened,
      flags: episodeFlags,
      guardianAppointed: guardians.has(e.person_id),
      referrals: referrals.filter((r) => r.person_id === e.person_id).map((r) => ({ type: r.type as ReferralType, stage: r.stage })),
      asylum: claims.filter((c) => c.person_id === e.person_id).map((c) => ({ expressedAt: c.expressed_at, forwardedAt: c.forwarded_at })),
      rights: rights.filter((r) => r.episode_id === e.episode_id).map((r) => ({ at: r.at, mode: r.mode as 'written' | 'oral', language: r.language })),
      statusChangedAt: latest([
        e.status_changed_at,
        ...claims.filter((c) => c.person_id === e.person_id && c.expressed_at >= e.apprehended_at).map((c) => c.expressed_at),
      ]),
      consular: consularFacts(notices.filter((n) => n.episode_id === e.episode_id).at(-1), episodeFlags, settings),
      legalAid: {
        firstContactAt: earliest(aid.filter((a) => a.episode_id === e.episode_id).map((a) => a.first_contact_at)),
        waived: waivers.has(e.episode_id),
      },
    };
  });
}

function latest(xs: readonly (string | null)[]): string | null {
  return xs.reduce<string | null>((m, x) => (x !== null && (m === null || x > m) ? x : m), null);
}

function earliest(xs: readonly (string | null)[]): string | null {
  return xs.reduce<string | null>((m, x) => (x !== null && (m === null || x < m) ? x : m), null);
}

/** Whether the person's situation blocks consular contact without consent (domain.md §5 rule 3). */
export function isProtectionCase(flags: readonly VulnerabilityFlag[], settings: Pick<Settings, 'consularBlockForTrafficking'>): boolean {
  return flags.includes('asylum') || flags.includes('refugee') || (settings.consularBlockForTrafficking && flags.includes('trafficking'));
}

function consularFacts(n: ConsularNoticesTable | undefined, flags: readonly VulnerabilityFlag[], settings: Settings): EpisodeFacts['consular'] {
  if (!n) return null;
  const consent = n.consent ? (JSON.parse(n.consent) as { at: string }) : null;
  const protectionCase = isProtectionCase(flags, settings);
  const state = consularState({
    wish: n.wish as ConsularFacts['wish'],
    protectionCase,
    consentRecorded: consent !== null,
    sentAt: n.sent_at,
    acknowledgedAt: n.acknowledged_at,
    visitedAt: n.visited_at,
    withdrawnAt: n.withdrawn_at,
  });
  return { informedAt: n.informed_at, state, readySince: state === 'READY' ? (protectionCase && consent ? consent.at : n.informed_at) : null };
}

function isMinorAt(birthDate: string | null, instant: string): boolean {
  if (!birthDate) return false;
  const b = new Date(`${birthDate}T00:00:00Z`);
  const eighteenth = Date.UTC(b.getUTCFullYear() + 18, b.getUTCMonth(), b.getUTCDate());
  return Date.parse(instant) < eighteenth;
}

/**
 * A person's protection and vulnerability flags from the latest screening, asylum claims and age
 * assessments. "child" from a birth date is added at read time, since it changes with the calendar.
 */
export function personFlags(q: SyncQuery, qb: Kysely<Database>, personIds: readonly string[]): Map<string, VulnerabilityFlag[]> {
  const out = new Map<string, Set<VulnerabilityFlag>>();
  const add = (p: string, f: VulnerabilityFlag) => {
    let s = out.get(p);
    if (!s) out.set(p, (s = new Set()));
    s.add(f);
  };
  const latest = new Map<string, { at: string; flags: string }>();
  for (const s of q.all(qb.selectFrom('screenings').select(['person_id', 'at', 'flags']).where('person_id', 'in', personIds))) {
    const cur = latest.get(s.person_id);
    if (!cur || s.at >= cur.at) latest.set(s.person_id, s);
  }
  for (const [p, s] of latest) for (const f of JSON.parse(s.flags) as VulnerabilityFlag[]) add(p, f);
  for (const c of q.all(qb.selectFrom('asylum_claims').select(['person_id', 'status', 'decision']).where('person_id', 'in', personIds))) {
    if (c.status === 'FINAL' && c.decision === 'granted') add(c.person_id, 'refugee');
    else if (asylumPending(c.status as AsylumStatus, c.decision as 'granted' | 'refused' | null)) add(c.person_id, 'asylum');
  }
  const ages = new Map<string, { at: string; max: number }>();
  for (const a of q.all(qb.selectFrom('age_assessments').select(['person_id', 'at', 'max_age']).where('person_id', 'in', personIds))) {
    const cur = ages.get(a.person_id);
    if (!cur || a.at >= cur.at) ages.set(a.person_id, { at: a.at, max: a.max_age });
  }
  for (const [p, a] of ages) if (a.max < 18) add(p, 'child');
  return new Map([...out].map(([p, s]) => [p, [...s]]));
}

/** Recomputes a person's stored flags and each open episode's next deadline after a change. */
export function refreshPerson(q: SyncQuery, qb: Kysely<Database>, personId: string, settings: Settings): void {
  const flags = personFlags(q, qb, [personId]).get(personId) ?? [];
  q.run(
    qb
      .updateTable('persons')
      .set({ flags: JSON.stringify(flags.sort()), restricted: flags.includes('trafficking') ? 1 : 0 })
      .where('person_id', '=', personId),
  );
  for (const facts of loadEpisodeFacts(q, qb, [personId], settings, { openOnly: true })) {
    const next = nextDue(obligations(facts, settings));
    q.run(
      qb
        .updateTable('episodes')
        .set({ next_due_at: next?.dueAt ?? null, next_due_kind: next?.kind ?? null, next_warn_at: next?.warnFrom ?? null })
        .where('episode_id', '=', facts.episodeId),
    );
  }
}
