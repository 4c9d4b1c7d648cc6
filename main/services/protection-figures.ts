import { summarizeCompliance } from '../../core/compliance';
import { maskRemovalLocks } from '../../core/non-refoulement';
import { asylumPeople, holdPeople } from '../../core/protection-figures';
import type { ReadStore } from '../../db/store';
import { allCompliance } from './compliance-reads';

/**
 * The facility's protection figures (docs/domain.md §6, issue #11 §8): asylum claims on record and those
 * awaiting a decision for people held now; people whose removal a non-refoulement lock holds now. The
 * same per-episode logic as HQ compliance (core/compliance.ts), over the facility's own store; every
 * figure names its people, each a link to their record (opening one is audited there).
 */
export function protectionFigures(store: ReadStore, now: number, mayReadProtection: boolean) {
  const all = allCompliance(store, now);
  // The facility's figures have no period: everything on record counts.
  const summary = summarizeCompliance(
    all,
    () => true,
    () => true,
  );
  const asylum = asylumPeople(all);
  const holds = holdPeople(all);
  const ids = [...new Set([...asylum.map((p) => p.personId), ...holds.map((p) => p.personId)])];
  const names = new Map(ids.length ? store.q.all(store.qb.selectFrom('persons').select(['person_id', 'name_latin']).where('person_id', 'in', ids)).map((p) => [p.person_id, p.name_latin]) : []);
  const byName = <T extends { nameLatin: string }>(a: T, b: T) => a.nameLatin.localeCompare(b.nameLatin);
  return {
    asylumRequests: summary.asylumRequests,
    asylumPendingNow: summary.asylumPendingNow,
    asylumPeople: asylum.map((p) => ({ ...p, nameLatin: names.get(p.personId) ?? '' })).sort(byName),
    nonRefoulementHoldsNow: summary.nonRefoulementHoldsNow,
    // A trafficking lock shows as `restricted` to a reader without protection.read (§5 rule 6).
    holdPeople: holds.map((p) => ({ personId: p.personId, nameLatin: names.get(p.personId) ?? '', reasons: maskRemovalLocks(p.reasons, mayReadProtection) })).sort(byName),
  };
}
