import type { Kysely } from 'kysely';
import { asylumPending, claimEpisode, type AsylumStatus } from '../core/asylum';
import { currentCheck } from '../core/non-refoulement';
import { nextDue, obligations, type EpisodeFacts } from '../core/due-now';
import type { EpisodeState, OutcomeType, Regime } from '../core/episode';
import { pathwayOfOutcome, type DeathFacts, type DeathRecipient, type ExitFacts, type ExitStepKind } from '../core/exits';
import type { Settings } from '../core/settings';
import type { AppealOutcome, ComplaintAddressee } from '../core/complaints';
import { unaccompaniedChildSince, type IdentificationRecord, type ReferralType, type VulnerabilityFlag } from '../core/vulnerability';
import { decodeHlc } from '../core/hlc';
import { inRecordingOrder, recordedAt, recordedEvents } from './recording-order';
import type { ConsularNoticesTable, Database } from './schema';
import { consularDisclosure, consularState, type ConsularFacts, type DisclosureFacts } from '../core/safeguards';
import type { ReadBuilder, ReadQuery, SyncQuery } from './sync-query';
import { loadHealthFacts } from './health-facts';

/**
 * Gathers, for a set of people, everything the deadline rules need (core/due-now.ts) in a handful of
 * queries, so the due-now board and the register's deadline column come from one place.
 */
export function loadEpisodeFacts(q: ReadQuery, qb: ReadBuilder, personIds: readonly string[], settings: Settings, opts: { openOnly?: boolean } = {}): EpisodeFacts[] {
  if (personIds.length === 0) return [];
  const ids = [...new Set(personIds)];
  let episodesQuery = qb.selectFrom('episodes').selectAll().where('person_id', 'in', ids);
  // A death in custody closes the episode but not what is owed after it (issue #15 §6): those episodes stay in.
  if (opts.openOnly) episodesQuery = episodesQuery.where((eb) => eb.or([eb('state', '!=', 'CLOSED'), eb('episode_id', 'in', eb.selectFrom('deaths').select('episode_id'))]));
  const episodes = q.all(episodesQuery);
  if (episodes.length === 0) return [];
  const flags = personFlags(q, qb, ids);
  // Screenings and age assessments in the order they were made (issue #11 §2): the latest recorded stands.
  const screenings = inRecordingOrder(
    q,
    qb,
    q.all(qb.selectFrom('screenings').select(['screening_id', 'person_id', 'episode_id', 'at', 'flags']).where('person_id', 'in', ids)),
    (s) => s.screening_id,
    ['screening.recorded'],
  );
  const ages = inRecordingOrder(q, qb, q.all(qb.selectFrom('age_assessments').select(['assessment_id', 'person_id', 'at', 'max_age']).where('person_id', 'in', ids)), (a) => a.assessment_id, [
    'age.assessed',
  ]);
  // The first appointment: a guardian replaced later does not move the time the child first had one.
  const guardians = new Map<string, string>();
  for (const g of q.all(qb.selectFrom('guardians').select(['person_id', 'appointed_at']).where('person_id', 'in', ids))) {
    const had = guardians.get(g.person_id);
    if (had === undefined || g.appointed_at < had) guardians.set(g.person_id, g.appointed_at);
  }
  const referrals = q.all(qb.selectFrom('referrals').select(['person_id', 'type', 'stage']).where('person_id', 'in', ids));
  const claims = q.all(
    qb.selectFrom('asylum_claims').select(['claim_id', 'person_id', 'episode_id', 'expressed_at', 'forwarded_at', 'status', 'decision', 'updated_at']).where('person_id', 'in', ids),
  );
  const checks = removalChecks(q, qb, ids, claims, screenings);
  const claimRecorded = recordedAt(
    q,
    qb,
    claims.map((c) => c.claim_id),
    ['asylum.expressed'],
  );
  const births = new Map(q.all(qb.selectFrom('persons').select(['person_id', 'birth_date']).where('person_id', 'in', ids)).map((p) => [p.person_id, p.birth_date]));
  const episodeIds = episodes.map((e) => e.episode_id);
  const rights = q.all(qb.selectFrom('rights_notifications').select(['notification_id', 'episode_id', 'at', 'mode', 'language', 'letter_status']).where('episode_id', 'in', episodeIds));
  const rightsRecorded = recordedAt(
    q,
    qb,
    rights.map((r) => r.notification_id),
    ['rights.notified'],
  );
  const extensions = recordedEvents(q, qb, episodeIds, ['episode.extended']);
  const notices = q.all(qb.selectFrom('consular_notices').selectAll().where('episode_id', 'in', episodeIds).orderBy('created_at'));
  const orders = disclosureOrders(
    q,
    qb,
    notices.map((n) => n.notice_id),
  );
  const aid = q.all(qb.selectFrom('legal_aid_requests').select(['episode_id', 'first_contact_at']).where('episode_id', 'in', episodeIds));
  const breaches = q.all(
    qb
      .selectFrom('discipline_cases')
      .select(['episode_id', 'occurred_at', 'detected_at', 'inquiry', 'decided_at', 'dropped', 'copy_handed_at', 'appeal_notice_at'])
      .where('episode_id', 'in', episodeIds),
  );
  const complaintRows = q.all(
    qb.selectFrom('complaints').select(['complaint_id', 'episode_id', 'addressee', 'received_at', 'forwarded_at', 'answered_at', 'escalated_to', 'about_staff']).where('episode_id', 'in', episodeIds),
  );
  const appealRows = q.all(qb.selectFrom('appeals').select(['episode_id', 'outcome', 'outcome_at']).where('episode_id', 'in', episodeIds));
  const waivers = new Set(q.all(qb.selectFrom('legal_aid_waivers').select('episode_id').where('episode_id', 'in', episodeIds)).map((w) => w.episode_id));
  // Issue #15 §1: a lawyer who came and met the person is a defender contact too (Constitution Art. 61(2):
  // a lawyer of the person's choosing counts as much as one of legal aid); a refused lawyer or ombudsman
  // is owed the head's review (core/contacts.ts).
  const contactRows = q.all(
    qb
      .selectFrom('contacts')
      .select(['contact_id', 'episode_id', 'kind', 'category', 'at', 'outcome', 'review'])
      .where('episode_id', 'in', episodeIds)
      .where('category', 'in', ['lawyer', 'ombudsman']),
  );
  const health = loadHealthFacts(q, qb, episodes);
  const exits = exitFacts(q, qb, episodeIds);
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
      guardianAppointedAt: guardians.get(e.person_id) ?? null,
      referrals: referrals.filter((r) => r.person_id === e.person_id).map((r) => ({ type: r.type as ReferralType, stage: r.stage })),
      asylum: claims
        .filter((c) => c.person_id === e.person_id)
        .map((c) => ({
          expressedAt: c.expressed_at,
          forwardedAt: c.forwarded_at,
          episodeId: claimEpisode(
            { episodeId: c.episode_id, expressedAt: c.expressed_at },
            episodes.filter((x) => x.person_id === e.person_id).map((x) => ({ episodeId: x.episode_id, apprehendedAt: x.apprehended_at })),
          ),
          pending: asylumPending(c.status as AsylumStatus, c.decision as 'granted' | 'refused' | null),
        })),
      removalCheck: checks.get(e.person_id) ?? null,
      rights: rights
        .filter((r) => r.episode_id === e.episode_id)
        .map((r) => ({
          at: r.at,
          mode: r.mode as 'written' | 'oral',
          language: r.language,
          recorded: rightsRecorded.get(r.notification_id) ?? '',
          letterStatus: r.letter_status === 'draft' ? 'draft' : r.letter_status === 'reviewed' ? 'reviewed' : null,
        })),
      // Any claim of the person counts: one recorded before this episode's first notice is answered by it.
      statusChanges: [
        ...extensions.filter((x) => x.entityId === e.episode_id).map((x) => ({ at: new Date(decodeHlc(x.hlc).millis).toISOString(), recorded: x.hlc })),
        ...claims.filter((c) => c.person_id === e.person_id).map((c) => ({ at: c.expressed_at, recorded: claimRecorded.get(c.claim_id) ?? '' })),
      ],
      unaccompaniedChildSince: unaccompaniedChildSince({
        childFromBirth: childAtStart,
        records: identificationRecords(
          screenings.filter((s) => s.person_id === e.person_id),
          ages.filter((a) => a.person_id === e.person_id),
        ),
      }),
      consular: consularFacts(notices.filter((n) => n.episode_id === e.episode_id).at(-1), episodeFlags, settings, orders, [
        ...claims.filter((c) => c.person_id === e.person_id).map((c) => c.expressed_at),
        ...screenings.filter((s) => s.person_id === e.person_id).map((s) => s.at),
      ]),
      legalAid: {
        firstContactAt: earliest([
          ...aid.filter((a) => a.episode_id === e.episode_id).map((a) => a.first_contact_at),
          ...contactRows.filter((c) => c.episode_id === e.episode_id && c.category === 'lawyer' && (c.kind === 'visit' || c.kind === 'call') && c.outcome === 'took_place').map((c) => c.at),
        ]),
        waived: waivers.has(e.episode_id),
      },
      contactRefusals: contactRows
        .filter((c) => c.episode_id === e.episode_id && c.outcome === 'refused')
        .map((c) => ({ contactId: c.contact_id, at: c.at, category: c.category as 'lawyer' | 'ombudsman', reviewed: c.review !== null })),
      health: health.get(e.episode_id),
      discipline: breaches
        .filter((b) => b.episode_id === e.episode_id)
        .map((b) => ({
          occurredAt: b.occurred_at,
          detectedAt: b.detected_at,
          inquiry: b.inquiry === 1,
          decidedAt: b.decided_at,
          dropped: b.dropped !== null,
          noticeAt: b.copy_handed_at !== null && b.appeal_notice_at !== null ? (b.copy_handed_at > b.appeal_notice_at ? b.copy_handed_at : b.appeal_notice_at) : null,
        })),
      exit: plannedExitFacts(e.planned_exit, exits.get(e.episode_id)?.steps ?? {}),
      death: exits.get(e.episode_id)?.death ?? null,
      complaints: complaintRows
        .filter((c) => c.episode_id === e.episode_id)
        .map((c) => ({
          complaintId: c.complaint_id,
          addressee: c.addressee as ComplaintAddressee,
          receivedAt: c.received_at,
          forwardedAt: c.forwarded_at,
          answeredAt: c.answered_at,
          escalated: c.escalated_to !== null,
          aboutStaff: c.about_staff === 1,
        })),
      appeals: appealRows.filter((a) => a.episode_id === e.episode_id).map((a) => ({ outcome: a.outcome as AppealOutcome | null, outcomeAt: a.outcome_at })),
    };
  });
}

/**
 * Each person's non-refoulement check that still speaks to their situation: the latest, unless a claim
 * changed or a screening came after it (core/non-refoulement.ts currentCheck).
 */
function removalChecks(
  q: ReadQuery,
  qb: ReadBuilder,
  ids: readonly string[],
  claims: readonly { person_id: string; updated_at: string }[],
  screenings: readonly { person_id: string; at: string }[],
): Map<string, { result: 'cleared' | 'not_cleared'; at: string } | null> {
  const latest = new Map<string, { result: 'cleared' | 'not_cleared'; at: string }>();
  for (const c of q.all(qb.selectFrom('nr_checks').select(['person_id', 'result', 'at']).where('person_id', 'in', ids).orderBy('at'))) {
    latest.set(c.person_id, { result: c.result === 'cleared' ? 'cleared' : 'not_cleared', at: c.at });
  }
  const lastFact = new Map<string, string>();
  for (const f of [...claims.map((c) => ({ p: c.person_id, t: c.updated_at })), ...screenings.map((s) => ({ p: s.person_id, t: s.at }))]) {
    const cur = lastFact.get(f.p);
    if (cur === undefined || f.t > cur) lastFact.set(f.p, f.t);
  }
  return new Map(ids.map((p) => [p, currentCheck(latest.get(p) ?? null, lastFact.get(p) ?? null)]));
}

/** A person's screenings and age assessments, each already in recording order, merged in that order. */
function identificationRecords(screenings: readonly { at: string; flags: string; recorded: string }[], ages: readonly { at: string; max_age: number; recorded: string }[]): IdentificationRecord[] {
  return [
    ...screenings.map((s) => ({ recorded: s.recorded, r: { kind: 'screening' as const, at: s.at, flags: JSON.parse(s.flags) as VulnerabilityFlag[] } })),
    ...ages.map((a) => ({ recorded: a.recorded, r: { kind: 'age' as const, at: a.at, maxAge: a.max_age } })),
  ]
    .sort((a, b) => (a.recorded < b.recorded ? -1 : a.recorded > b.recorded ? 1 : 0))
    .map((x) => x.r);
}

/** Each episode's recorded exit steps and death in custody (core/exits.ts), in two queries. */
function exitFacts(q: ReadQuery, qb: ReadBuilder, episodeIds: readonly string[]): Map<string, { steps: ExitFacts['steps']; death: DeathFacts | null }> {
  const out = new Map<string, { steps: ExitFacts['steps']; death: DeathFacts | null }>();
  const of = (id: string) => out.get(id) ?? out.set(id, { steps: {}, death: null }).get(id)!;
  for (const s of q.all(qb.selectFrom('exit_steps').select(['episode_id', 'step', 'done_at']).where('episode_id', 'in', episodeIds))) of(s.episode_id).steps[s.step as ExitStepKind] = s.done_at;
  const deaths = q.all(qb.selectFrom('deaths').select(['episode_id', 'died_at', 'family_known', 'body']).where('episode_id', 'in', episodeIds));
  if (deaths.length > 0) {
    const notified = q.all(
      qb
        .selectFrom('death_notifications')
        .select(['episode_id', 'recipient'])
        .where(
          'episode_id',
          'in',
          deaths.map((d) => d.episode_id),
        ),
    );
    for (const d of deaths) {
      of(d.episode_id).death = {
        diedAt: d.died_at,
        familyKnown: d.family_known === 1,
        notified: notified.filter((n) => n.episode_id === d.episode_id).map((n) => n.recipient as DeathRecipient),
        body: d.body ? (JSON.parse(d.body) as { kind: 'claimed' | 'state_burial' }).kind : null,
      };
    }
  }
  return out;
}

/** The pathway opened by scheduling the exit (its planned outcome), with the steps recorded so far. */
function plannedExitFacts(planned: string | null, steps: ExitFacts['steps']): ExitFacts {
  const p = planned ? (JSON.parse(planned) as { plannedAt: string; plannedOutcome: OutcomeType }) : null;
  return { plannedAt: p?.plannedAt ?? null, pathway: p ? (pathwayOfOutcome[p.plannedOutcome] ?? null) : null, steps };
}

function earliest(xs: readonly (string | null)[]): string | null {
  return xs.reduce<string | null>((m, x) => (x !== null && (m === null || x < m) ? x : m), null);
}

/** Whether the person's situation blocks consular contact without consent (docs/domain.md §5 rule 3). */
export function isProtectionCase(flags: readonly VulnerabilityFlag[], settings: Pick<Settings, 'consularBlockForTrafficking'>): boolean {
  return flags.includes('asylum') || flags.includes('refugee') || (settings.consularBlockForTrafficking && flags.includes('trafficking'));
}

/**
 * The recording order (HLC) of each notice's send, consents and disclosure review, read from the event
 * log: whether a consent came before the send must not hang on typed-in times (issue #11).
 */
export function disclosureOrders(q: ReadQuery, qb: ReadBuilder, noticeIds: readonly string[]): Map<string, Omit<DisclosureFacts, 'protectionCase'>> {
  const out = new Map<string, Omit<DisclosureFacts, 'protectionCase'>>();
  if (noticeIds.length === 0) return out;
  for (const id of noticeIds) out.set(id, { sentOrder: null, consentOrders: [], reviewedOrder: null });
  for (const r of recordedEvents(q, qb, noticeIds, ['consular.sent', 'consular.consentRecorded', 'consular.disclosureReviewed'])) {
    const o = out.get(r.entityId)!;
    if (r.type === 'consular.sent') o.sentOrder ??= r.hlc;
    else if (r.type === 'consular.consentRecorded') o.consentOrders = [...o.consentOrders, r.hlc];
    else o.reviewedOrder ??= r.hlc;
  }
  return out;
}

const noOrders: Omit<DisclosureFacts, 'protectionCase'> = { sentOrder: null, consentOrders: [], reviewedOrder: null };

function consularFacts(
  n: ConsularNoticesTable | undefined,
  flags: readonly VulnerabilityFlag[],
  settings: Settings,
  orders: ReadonlyMap<string, Omit<DisclosureFacts, 'protectionCase'>>,
  protectionTimes: readonly string[],
): EpisodeFacts['consular'] {
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
  const disclosure = consularDisclosure({ protectionCase, ...(orders.get(n.notice_id) ?? noOrders) });
  // The conflict arose when the protection fact was recorded after the send (or at the send, when it
  // was already known on another device): the first such time, for the review's clock.
  const sentAt = n.sent_at ?? n.informed_at;
  const disclosureConflictSince = disclosure === 'conflict' ? (earliest(protectionTimes.filter((t) => t >= sentAt)) ?? sentAt) : null;
  return { informedAt: n.informed_at, state, readySince: state === 'READY' ? (protectionCase && consent ? consent.at : n.informed_at) : null, disclosureConflictSince, disclosure };
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
export function personFlags(q: ReadQuery, qb: ReadBuilder, personIds: readonly string[]): Map<string, VulnerabilityFlag[]> {
  const out = new Map<string, Set<VulnerabilityFlag>>();
  const add = (p: string, f: VulnerabilityFlag) => {
    let s = out.get(p);
    if (!s) out.set(p, (s = new Set()));
    s.add(f);
  };
  // The screening and the age assessment recorded last stand, whatever times were typed (issue #11 §2).
  const latest = new Map<string, { flags: string }>();
  const screenings = q.all(qb.selectFrom('screenings').select(['screening_id', 'person_id', 'flags']).where('person_id', 'in', personIds));
  for (const s of inRecordingOrder(q, qb, screenings, (x) => x.screening_id, ['screening.recorded'])) latest.set(s.person_id, s);
  for (const [p, s] of latest) for (const f of JSON.parse(s.flags) as VulnerabilityFlag[]) add(p, f);
  for (const c of q.all(qb.selectFrom('asylum_claims').select(['person_id', 'status', 'decision']).where('person_id', 'in', personIds))) {
    if (c.status === 'FINAL' && c.decision === 'granted') add(c.person_id, 'refugee');
    else if (asylumPending(c.status as AsylumStatus, c.decision as 'granted' | 'refused' | null)) add(c.person_id, 'asylum');
  }
  const ages = new Map<string, { max: number }>();
  const assessments = q.all(qb.selectFrom('age_assessments').select(['assessment_id', 'person_id', 'max_age']).where('person_id', 'in', personIds));
  for (const a of inRecordingOrder(q, qb, assessments, (x) => x.assessment_id, ['age.assessed'])) ages.set(a.person_id, { max: a.max_age });
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
