import { median } from '../../../core/compliance';
import { consularDisclosure } from '../../../core/safeguards';
import { disclosureOrders, isProtectionCase, personFlags } from '../../../db/episode-facts';
import type { ServiceStore } from '../../../db/store';
import { noticeState } from './consular';
import { hoursBetween } from './panel';

/** The people behind the disclosure figure, by name, each a link to their record. */
function disclosurePeople(store: ServiceStore, disclosed: ReadonlyMap<string, boolean>) {
  if (disclosed.size === 0) return [];
  const rows = store.q.all(
    store.qb
      .selectFrom('persons')
      .select(['person_id', 'name_latin'])
      .where('person_id', 'in', [...disclosed.keys()])
      .orderBy('name_latin'),
  );
  return rows.map((p) => ({ personId: p.person_id, nameLatin: p.name_latin, reviewed: disclosed.get(p.person_id) ?? false }));
}

/** Facility figures: rights within the limit, consular notices sent or blocked, time to a defender. */
export function safeguardStats(store: ServiceStore) {
  const s = store.settings;
  const episodes = store.q.all(store.qb.selectFrom('episodes').select(['episode_id', 'person_id', 'apprehended_at']));
  const firstRights = new Map<string, string>();
  for (const r of store.q.all(store.qb.selectFrom('rights_notifications').select(['episode_id', 'at']).orderBy('at'))) {
    if (!firstRights.has(r.episode_id)) firstRights.set(r.episode_id, r.at);
  }
  let within = 0;
  let late = 0;
  let missing = 0;
  for (const e of episodes) {
    const at = firstRights.get(e.episode_id);
    if (!at) missing++;
    else if (Date.parse(at) - Date.parse(e.apprehended_at) <= s.rightsNotificationHours * 3_600_000) within++;
    else late++;
  }
  const flagsByPerson = personFlags(store.q, store.qb, [...new Set(episodes.map((e) => e.person_id))]);
  let sent = 0;
  let blocked = 0;
  let conflicts = 0;
  const allNotices = store.q.all(store.qb.selectFrom('consular_notices').selectAll());
  const orders = disclosureOrders(
    store.q,
    store.qb,
    allNotices.filter((n) => n.sent_at).map((n) => n.notice_id),
  );
  const disclosed = new Map<string, boolean>();
  for (const n of allNotices) {
    const flags = flagsByPerson.get(n.person_id) ?? [];
    const { state } = noticeState(n, flags, s);
    const o = orders.get(n.notice_id);
    const disclosure = o ? consularDisclosure({ protectionCase: isProtectionCase(flags, s), ...o }) : 'none';
    if (disclosure !== 'none') disclosed.set(n.person_id, (disclosed.get(n.person_id) ?? true) && disclosure === 'reviewed');
    if (n.sent_at) sent++;
    else if (state === 'BLOCKED_PROTECTION' || state === 'BLOCKED_OPPOSED') {
      blocked++;
      if (s.nationalConsularReporting) conflicts++;
    }
  }
  const apprehended = new Map(episodes.map((e) => [e.episode_id, e.apprehended_at]));
  const firstContact = new Map<string, string>();
  for (const a of store.q.all(store.qb.selectFrom('legal_aid_requests').select(['episode_id', 'first_contact_at']))) {
    if (!a.first_contact_at) continue;
    const cur = firstContact.get(a.episode_id);
    if (!cur || a.first_contact_at < cur) firstContact.set(a.episode_id, a.first_contact_at);
  }
  const hours = [...firstContact].map(([ep, at]) => hoursBetween(apprehended.get(ep)!, at)).sort((a, b) => a - b);
  const languages = store.q.all(
    store.qb
      .selectFrom('rights_notifications')
      .select((eb) => ['language', eb.fn.countAll<number>().as('count')])
      .groupBy('language')
      .orderBy('count', 'desc'),
  );
  return {
    episodes: episodes.length,
    rightsWithinLimit: within,
    rightsLate: late,
    rightsMissing: missing,
    consularSent: sent,
    consularBlocked: blocked,
    policyConflicts: conflicts,
    disclosureConflicts: disclosed.size,
    disclosureUnreviewed: [...disclosed.values()].filter((reviewed) => !reviewed).length,
    disclosurePeople: disclosurePeople(store, disclosed),
    medianHoursToDefender: median(hours),
    withoutDefender: episodes.length - firstContact.size,
    languages: languages.map((l) => ({ language: l.language, count: Number(l.count) })),
  };
}
