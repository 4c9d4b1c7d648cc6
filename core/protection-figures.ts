import type { EpisodeCompliance } from './compliance';
import type { RemovalLockReason } from './non-refoulement';

/**
 * The people behind the protection figures a facility shows (docs/domain.md §6: asylum expressions and
 * non-refoulement holds), one row a person however many episodes or claims they have. Pure, from the
 * episodes' compliance (core/compliance.ts), so the facility and HQ count alike.
 */
export interface AsylumPerson {
  personId: string;
  /** claims on record that belong to the person's episodes */
  requests: number;
  /** held now, with a claim awaiting its final decision */
  pendingNow: boolean;
}

export interface HoldPerson {
  personId: string;
  reasons: RemovalLockReason[];
}

export function asylumPeople(all: readonly EpisodeCompliance[]): AsylumPerson[] {
  const out = new Map<string, AsylumPerson>();
  for (const c of all) {
    if (c.asylumRequests.length === 0 && !c.asylumPending) continue;
    const p = out.get(c.personId) ?? { personId: c.personId, requests: 0, pendingNow: false };
    out.set(c.personId, { personId: c.personId, requests: p.requests + c.asylumRequests.length, pendingNow: p.pendingNow || c.asylumPending });
  }
  return [...out.values()];
}

export function holdPeople(all: readonly EpisodeCompliance[]): HoldPerson[] {
  const out = new Map<string, Set<RemovalLockReason>>();
  for (const c of all) {
    if (c.nonRefoulementHolds.length === 0) continue;
    const s = out.get(c.personId) ?? new Set<RemovalLockReason>();
    for (const r of c.nonRefoulementHolds) s.add(r);
    out.set(c.personId, s);
  }
  return [...out].map(([personId, s]) => ({ personId, reasons: [...s] }));
}
