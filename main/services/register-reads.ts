import { sql, type SqlBool, type ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import type { registerContract } from '../../core/contract/register';
import type { RegisterBookNote, RegisterRow } from '../../core/contract/register-views';
import { maskObligationKind, obligations, statusAt, type ObligationKind } from '../../core/due-now';
import { effectiveState, type EpisodeState, type OutcomeType } from '../../core/episode';
import { formatRegisterNo, parseRegisterNoQuery } from '../../core/register-number';
import { addCalendarDays, daysHeld, localDate, startOfLocalDay } from '../../core/time';
import { loadEpisodeFacts } from '../../db/episode-facts';
import type { Database } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import { currentFlags } from './person-view';
import { episodeAdmission, notifiedEpisodes } from './admission';

type RegisterQuery = z.output<(typeof registerContract)['register']['list']['input']>;

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The number a register row shows is the book line once admitted, else the person's register number
 * (core/register-number.ts). The number sort and search read these same two parts: the device code,
 * then the count, so the list is in exactly the order of what is on screen.
 */
const shownCode = sql<string>`(CASE WHEN e.book_no IS NOT NULL THEN upper(substr(e.book_device, 1, 4)) ELSE upper(substr(p.register_device, 1, 4)) END)`;
const shownNo = sql<number>`coalesce(e.book_no, p.register_no)`;

/**
 * The current register: everyone held (or, on request, everyone ever held), filtered and sorted in SQL
 * so a page of 100 rows out of 100,000 comes back in milliseconds. The deadline column is the earliest
 * open obligation, kept up to date by the projections.
 */
export function listRegister(store: ReadStore, input: RegisterQuery, now: number, mayReadProtection: boolean, mayReadMedical = false): { rows: RegisterRow[]; total: number } {
  const tz = store.settings.timeZone;
  const nowIso = new Date(now).toISOString();
  const today = localDate(now, tz);
  let q = store.qb.selectFrom('episodes as e').innerJoin('persons as p', 'p.person_id', 'e.person_id');
  // Written out, not bound: SQLite uses an index limited to open episodes only when the query
  // repeats the index's condition literally.
  if (!input.includeClosed) q = q.where(sql<SqlBool>`e.state != 'CLOSED'`);
  if (input.state) q = q.where('e.state', '=', input.state);
  if (input.query) {
    const like = likeEscape(input.query);
    const asNumber = parseRegisterNoQuery(input.query);
    q = q.where((eb: ExpressionBuilder<Database & { e: Database['episodes']; p: Database['persons'] }, 'e' | 'p'>) =>
      eb.or([
        eb('p.name_latin', 'like', sql<string>`${like} ESCAPE '\\'`),
        eb('p.name_original', 'like', sql<string>`${like} ESCAPE '\\'`),
        eb('p.aliases', 'like', sql<string>`${like} ESCAPE '\\'`),
        ...(asNumber ? [asNumber.code ? eb.and([eb(shownNo, '=', asNumber.no), eb(shownCode, '=', asNumber.code)]) : eb(shownNo, '=', asNumber.no)] : []),
      ]),
    );
  }
  if (input.nationality) q = q.where('p.nationalities', 'like', `%"${input.nationality}"%`);
  if (input.flag) q = q.where('p.flags', 'like', `%"${input.flag}"%`);
  // Who is flagged for trafficking is itself the protected fact: a caller without the right finds no one.
  if (input.flag === 'trafficking' && !mayReadProtection) q = q.where(sql<SqlBool>`0`);
  // "Held N days" counts the day of arrival as day 1, in the facility's calendar.
  if (input.minDaysHeld !== undefined) {
    const latestStart = startOfLocalDay(addCalendarDays(today, -(input.minDaysHeld - 1) + 1), tz);
    q = q.where(sql<SqlBool>`coalesce(e.admitted_at, e.apprehended_at) < ${new Date(latestStart).toISOString()}`);
  }
  if (input.maxDaysHeld !== undefined) {
    const earliestStart = startOfLocalDay(addCalendarDays(today, -(input.maxDaysHeld - 1)), tz);
    q = q.where(sql<SqlBool>`coalesce(e.admitted_at, e.apprehended_at) >= ${new Date(earliestStart).toISOString()}`);
  }
  // Overdue strictly after the due time, as core/due-now.ts statusAt says.
  if (input.deadline === 'overdue') q = q.where('e.next_due_at', '<', nowIso);
  if (input.deadline === 'due') q = q.where('e.next_due_at', '>=', nowIso).where('e.next_warn_at', '<=', nowIso);
  if (input.deadline === 'ok') q = q.where((eb) => eb.or([eb('e.next_due_at', 'is', null), eb('e.next_warn_at', '>', nowIso)]));

  const total = Number(store.q.first(q.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const dir = input.direction;
  let page = q.select([
    'e.episode_id',
    'e.person_id',
    'e.book_no',
    'e.book_device',
    'e.state',
    'e.term_end',
    'e.admitted_at',
    'e.apprehended_at',
    'e.exit_at',
    'e.next_due_at',
    'e.next_due_kind',
    'e.next_warn_at',
    'e.rights_delay',
    'e.in_hospital_since',
    'p.register_no',
    'p.register_device',
    'p.name_latin',
    'p.name_original',
    'p.sex',
    'p.birth_date',
    'p.nationalities',
    'p.stateless',
    'p.flags',
    'p.restricted',
  ]);
  if (input.sort === 'deadline') {
    // The order is "by deadline, those without one last". Written as ORDER BY (next_due_at IS NULL),
    // it made SQLite read and sort every open episode (half a second at 100k episodes); read as two
    // ranges, the dated episodes come straight off the next_due_at index, the undated after them.
    const dated = store.q.all(page.where('e.next_due_at', 'is not', null).orderBy('e.next_due_at', dir).orderBy('e.episode_id').limit(input.limit).offset(input.offset));
    let rows = dated;
    if (dated.length < input.limit) {
      const datedTotal =
        dated.length > 0 || input.offset === 0 ? input.offset + dated.length : Number(store.q.first(q.where('e.next_due_at', 'is not', null).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
      const undated = store.q.all(
        page
          .where('e.next_due_at', 'is', null)
          .orderBy('e.episode_id')
          .limit(input.limit - dated.length)
          .offset(Math.max(0, input.offset - datedTotal)),
      );
      rows = [...dated, ...undated];
    }
    const notified = notifiedEpisodes(
      store,
      rows.map((r) => r.episode_id),
    );
    return { total, rows: rows.map((r) => toRow(r, notified)) };
  }
  switch (input.sort) {
    case 'admitted':
      page = page.orderBy(sql`coalesce(e.admitted_at, e.apprehended_at)`, dir);
      break;
    case 'daysHeld':
      page = page.orderBy(sql`coalesce(e.admitted_at, e.apprehended_at)`, dir === 'asc' ? 'desc' : 'asc');
      break;
    case 'name':
      page = page.orderBy(sql`p.name_latin COLLATE NOCASE`, dir);
      break;
    case 'registerNo':
      page = page.orderBy(shownCode, dir).orderBy(shownNo, dir);
      break;
  }
  const rows = store.q.all(page.orderBy('e.episode_id').limit(input.limit).offset(input.offset));
  const notified = notifiedEpisodes(
    store,
    rows.map((r) => r.episode_id),
  );
  return { total, rows: rows.map((r) => toRow(r, notified)) };

  function toRow(r: (typeof rows)[number], notified: ReadonlySet<string>): RegisterRow {
    const flags = currentFlags({ flags: r.flags, birth_date: r.birth_date }, now);
    const start = r.admitted_at ?? r.apprehended_at;
    const state = effectiveState(r.state as EpisodeState, r.term_end, now);
    const overdue = (r.next_due_at !== null && r.next_due_at < nowIso) || state === 'RELEASE_DUE';
    return {
      personId: r.person_id,
      episodeId: r.episode_id,
      registerNo: r.book_no !== null ? formatRegisterNo(r.book_device, r.book_no) : formatRegisterNo(r.register_device, r.register_no),
      nameLatin: r.name_latin,
      nameOriginal: r.name_original,
      sex: r.sex as RegisterRow['sex'],
      birthDate: r.birth_date,
      nationalities: JSON.parse(r.nationalities) as string[],
      stateless: r.stateless === 1,
      admittedAt: r.admitted_at,
      apprehendedAt: r.apprehended_at,
      daysHeld: daysHeld(Date.parse(start), r.exit_at ? Date.parse(r.exit_at) : now, tz),
      termEnd: r.term_end,
      state,
      admission: episodeAdmission(state, notified.has(r.episode_id), r.rights_delay),
      nextDueAt: r.next_due_at,
      nextDueKind: r.next_due_kind === null ? null : maskObligationKind(r.next_due_kind as ObligationKind, mayReadProtection, r.restricted === 1, mayReadMedical),
      deadlineStatus: overdue ? 'overdue' : r.next_warn_at !== null && r.next_warn_at <= nowIso ? 'due' : 'ok',
      flags: r.restricted === 1 && !mayReadProtection ? flags.filter((f) => f !== 'trafficking') : flags,
      restricted: r.restricted === 1,
      inHospitalSince: r.in_hospital_since,
    };
  }
}

/**
 * Everything owed now (and, on request, coming), overdue first, computed from the record and the clock.
 * Without `protection.read` a protection item shows as `restricted` (core/due-now.ts).
 */
export function dueNow(store: ReadStore, now: number, includeUpcoming: boolean, mayReadProtection: boolean, mayReadMedical = false) {
  const open = store.q.all(
    store.qb
      .selectFrom('episodes as e')
      .innerJoin('persons as p', 'p.person_id', 'e.person_id')
      .select(['e.person_id', 'e.episode_id', 'e.state', 'e.term_end', 'e.rights_delay', 'p.name_latin', 'p.name_original', 'p.register_no', 'p.register_device', 'e.book_no', 'e.book_device'])
      // A death in custody closes the stay, not what is owed after it (issue #15 §6, core/exits.ts).
      .where((eb) => eb.or([eb('e.state', '!=', 'CLOSED'), eb('e.episode_id', 'in', eb.selectFrom('deaths').select('episode_id'))])),
  );
  const byEpisode = new Map(open.map((o) => [o.episode_id, o]));
  const facts = loadEpisodeFacts(
    store.q,
    store.qb,
    open.map((o) => o.person_id),
    store.settings,
    { openOnly: true },
  );
  const items = facts.flatMap((f) => {
    const ep = byEpisode.get(f.episodeId)!;
    const admission = episodeAdmission(effectiveState(ep.state as EpisodeState, ep.term_end, now), f.rights.length > 0, ep.rights_delay);
    return obligations(f, store.settings).flatMap((o) => {
      const status = statusAt(o, now, ep.state as EpisodeState, ep.term_end);
      if (!status || (status === 'upcoming' && !includeUpcoming)) return [];
      const registerNo = ep.book_no !== null ? formatRegisterNo(ep.book_device, ep.book_no) : formatRegisterNo(ep.register_device, ep.register_no);
      return [
        {
          ...o,
          kind: maskObligationKind(o.kind, mayReadProtection, f.flags.includes('trafficking'), mayReadMedical),
          status,
          nameLatin: ep.name_latin,
          nameOriginal: ep.name_original,
          registerNo,
          admission,
        },
      ];
    });
  });
  const rank = { overdue: 0, due: 1, upcoming: 2 } as const;
  items.sort((a, b) => rank[a.status] - rank[b.status] || a.dueAt.localeCompare(b.dueAt));
  return { items: items.map(({ warnFrom: _w, ...rest }) => rest), now: new Date(now).toISOString() };
}

/**
 * The register book for a period: every admission at this facility held at any time between the two
 * dates, in the book's order, with the columns of the Internal Discipline Rules' Annex 1.
 */
export function registerExtract(store: ReadStore, from: string, to: string, now: number) {
  const tz = store.settings.timeZone;
  const start = new Date(startOfLocalDay(from, tz)).toISOString();
  const end = new Date(startOfLocalDay(addCalendarDays(to, 1), tz)).toISOString();
  const rows = store.q.all(
    store.qb
      .selectFrom('episodes as e')
      .innerJoin('persons as p', 'p.person_id', 'e.person_id')
      .selectAll('e')
      .select(['p.name_latin', 'p.name_original', 'p.birth_date', 'p.nationalities', 'p.stateless'])
      .where('e.admitted_at', 'is not', null)
      .where('e.admitted_at', '<', end)
      .where((eb) => eb.or([eb('e.exit_at', 'is', null), eb('e.exit_at', '>=', start)]))
      .orderBy(sql`upper(substr(e.book_device, 1, 4))`)
      .orderBy('e.book_no'),
  );
  const drafts = rows.length
    ? store.q.all(
        store.qb
          .selectFrom('rights_notifications')
          .select(['episode_id', 'at', 'language', 'interpreter_checked_letter'])
          .where('letter_status', '=', 'draft')
          .where(
            'episode_id',
            'in',
            rows.map((r) => r.episode_id),
          )
          .orderBy('at'),
      )
    : [];
  const docs = rows.length
    ? store.q.all(
        store.qb
          .selectFrom('documents')
          .select(['person_id', 'type', 'series', 'number'])
          .where(
            'person_id',
            'in',
            rows.map((r) => r.person_id),
          ),
      )
    : [];
  return {
    facilityName: store.meta('facility_name') ?? '',
    from,
    to,
    generatedAt: new Date(now).toISOString(),
    lines: rows.map((r) => {
      const transfers = JSON.parse(r.transfers) as { at: string; toFacilityName: string }[];
      const planned = r.planned_exit ? (JSON.parse(r.planned_exit) as { plannedOutcome: OutcomeType; plannedAt: string }) : null;
      const notes: RegisterBookNote[] = [
        ...transfers.map((t) => ({ kind: 'transfer' as const, at: t.at, toFacilityName: t.toFacilityName })),
        ...(planned ? [{ kind: 'plannedExit' as const, at: planned.plannedAt, outcome: planned.plannedOutcome }] : []),
        ...drafts
          .filter((d) => d.episode_id === r.episode_id)
          .map((d) => ({ kind: 'draftRightsLetter' as const, at: d.at, language: d.language, interpreterChecked: d.interpreter_checked_letter === 1 })),
      ];
      return {
        no: formatRegisterNo(r.book_device, r.book_no ?? 0),
        admittedAt: r.admitted_at,
        person: {
          nameLatin: r.name_latin,
          nameOriginal: r.name_original,
          birthDate: r.birth_date,
          nationalities: JSON.parse(r.nationalities) as string[],
          stateless: r.stateless === 1,
        },
        documents: docs.filter((d) => d.person_id === r.person_id).map((d) => ({ type: d.type, series: d.series, number: d.number })),
        decision: r.decision ? JSON.parse(r.decision) : null,
        extensions: JSON.parse(r.extensions),
        handover: r.handover ? JSON.parse(r.handover) : null,
        exit: r.exit ? JSON.parse(r.exit) : null,
        notes,
      };
    }),
  };
}
