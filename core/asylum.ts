import { z } from 'zod';
import { isoInstant, optionalText, text } from './fields';

/** docs/domain.md §2 AsylumExpression; §5 rule 9: recordable by any staff role, forwarded the same day. */
export const asylumExpressionSchema = z
  .object({
    at: isoInstant,
    place: z.enum(['border', 'centre', 'other']),
    words: text(4000),
    language: text(60),
  })
  .strict();

export const asylumStatuses = ['EXPRESSED', 'FORWARDED', 'REGISTERED', 'DECIDED', 'APPEAL', 'FINAL'] as const;
export type AsylumStatus = (typeof asylumStatuses)[number];

export const asylumForwardSchema = z.object({ at: isoInstant, reference: text(200) }).strict();

export const asylumStatusChangeSchema = z
  .object({
    status: z.enum(['REGISTERED', 'DECIDED', 'APPEAL', 'FINAL']),
    at: isoInstant,
    decision: z.enum(['granted', 'refused']).optional(),
    reference: optionalText(200),
  })
  .strict()
  .refine((s) => !(s.status === 'DECIDED' || s.status === 'FINAL') || s.decision !== undefined, { message: 'error.asylum.decisionRequired', path: ['decision'] });

const order: Record<AsylumStatus, number> = { EXPRESSED: 0, FORWARDED: 1, REGISTERED: 2, DECIDED: 3, APPEAL: 4, FINAL: 5 };

/** The claim moves forward only (an appeal follows a decision; a final decision ends it). */
export function canMoveAsylum(from: AsylumStatus, to: AsylumStatus): boolean {
  if (from === 'FINAL') return false;
  if (to === 'APPEAL') return from === 'DECIDED';
  return order[to] > order[from];
}

/**
 * The detention episode a claim belongs to, for the figures that count claims per facility (docs/domain.md
 * §6): the episode it was recorded in, else the latest one that had begun when the person asked, else
 * the first (a claim recorded before any episode is answered by the first).
 */
export function claimEpisode(claim: { episodeId: string | null; expressedAt: string }, episodes: readonly { episodeId: string; apprehendedAt: string | null }[]): string | null {
  if (claim.episodeId !== null) return claim.episodeId;
  const begun = episodes.filter((e) => e.apprehendedAt !== null).sort((a, b) => (a.apprehendedAt! < b.apprehendedAt! ? -1 : 1));
  return (begun.filter((e) => e.apprehendedAt! <= claim.expressedAt).at(-1) ?? begun[0])?.episodeId ?? null;
}

/** Pending until a final refusal; a grant makes the person a refugee (§3 Asylum). */
export function asylumPending(status: AsylumStatus, decision: 'granted' | 'refused' | null): boolean {
  return !(status === 'FINAL' && decision === 'refused') && !(status === 'FINAL' && decision === 'granted');
}
