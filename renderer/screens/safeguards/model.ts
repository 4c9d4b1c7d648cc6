import type { SafeguardsPanel } from '../../../core/contract/safeguards';
import type { LetterTemplate } from '../../../core/rights-letters/schema';

/**
 * What the safeguards panel shows, worked out from the panel answer and the person's open obligations,
 * without React: which card is urgent, which is done, and in what order they stand. Kept pure so the
 * ordering rule ("overdue first and red, done things recede") is tested on its own.
 */

export type PanelEpisode = SafeguardsPanel['episodes'][number];
export type CardKind = 'rights' | 'consular' | 'legalAid' | 'interpreters';
/** overdue > due > attention (blocked, waiting) > open (nothing owed yet) > done. */
export type CardTone = 'overdue' | 'due' | 'attention' | 'open' | 'done';

export interface Obligation {
  kind: string;
  dueAt: string;
  status: 'overdue' | 'due' | 'upcoming';
}

export const obligationsOfCard: Record<CardKind, readonly string[]> = {
  rights: ['rights_notification', 'rights_renotify', 'written_rights_letter'],
  consular: ['consular_inform', 'consular_send', 'consular_disclosure_review'],
  legalAid: ['defender_contact'],
  interpreters: [],
};

export interface Card {
  kind: CardKind;
  tone: CardTone;
  /** The card's own obligations, most pressing first. */
  obligations: Obligation[];
}

const statusRank = { overdue: 0, due: 1, upcoming: 2 } as const;
const toneRank: Record<CardTone, number> = { overdue: 0, due: 1, attention: 2, open: 3, done: 4 };

export function rightsTone(ep: PanelEpisode, own: readonly Obligation[]): CardTone {
  const worst = own[0]?.status;
  if (worst === 'overdue') return 'overdue';
  if (worst === 'due') return 'due';
  if (own.length) return 'open';
  return ep.rights.length ? 'done' : 'open';
}

export function consularTone(ep: PanelEpisode, own: readonly Obligation[]): CardTone {
  const worst = own[0]?.status;
  if (worst === 'overdue') return 'overdue';
  if (worst === 'due') return 'due';
  const notice = currentNotice(ep);
  if (!notice) return 'open';
  // A consulate told before the person became a protection case is never "done" (docs/domain.md §5 rule 3):
  // unreviewed it is owed now; reviewed it still needs attention before any further step.
  if (notice.disclosure === 'conflict') return 'due';
  if (notice.disclosure === 'reviewed') return 'attention';
  switch (notice.state) {
    case 'BLOCKED_PROTECTION':
    case 'BLOCKED_OPPOSED':
    case 'PROTECTION_CHECK':
      return 'attention';
    case 'READY':
      return 'open';
    default:
      // Sent, answered, or withdrawn on the person's wish: nothing more is owed.
      return 'done';
  }
}

export function legalAidTone(ep: PanelEpisode, own: readonly Obligation[]): CardTone {
  const worst = own[0]?.status;
  if (worst === 'overdue') return 'overdue';
  if (worst === 'due') return 'due';
  if (ep.legalAidWaivers.length || ep.legalAid.some((a) => a.firstContactAt) || ep.lawyerContacts.length) return 'done';
  if (ep.legalAid.some((a) => a.issues.length && !a.firstContactAt)) return 'attention';
  return 'open';
}

export function interpretersTone(ep: PanelEpisode): CardTone {
  return ep.interpreters.length ? 'done' : 'open';
}

/** The notice that counts now: the latest one not withdrawn, or else the latest. */
export function currentNotice(ep: PanelEpisode): PanelEpisode['consular'][number] | null {
  const live = ep.consular.filter((n) => n.state !== 'WITHDRAWN');
  return live.at(-1) ?? ep.consular.at(-1) ?? null;
}

export function buildCards(ep: PanelEpisode, obligations: readonly Obligation[]): Card[] {
  const own = (kind: CardKind) => obligations.filter((o) => obligationsOfCard[kind].includes(o.kind)).sort((a, b) => statusRank[a.status] - statusRank[b.status] || a.dueAt.localeCompare(b.dueAt));
  const cards: Card[] = [
    { kind: 'rights', tone: rightsTone(ep, own('rights')), obligations: own('rights') },
    { kind: 'consular', tone: consularTone(ep, own('consular')), obligations: own('consular') },
    { kind: 'legalAid', tone: legalAidTone(ep, own('legalAid')), obligations: own('legalAid') },
    { kind: 'interpreters', tone: interpretersTone(ep), obligations: [] },
  ];
  // Stable: cards of the same tone keep the domain's order (rights, consul, lawyer, interpreter).
  return cards
    .map((c, i) => ({ c, i }))
    .sort((a, b) => toneRank[a.c.tone] - toneRank[b.c.tone] || a.i - b.i)
    .map(({ c }) => c);
}

/** The largest two units of a span: 2 d 4 h, 3 h 20 min, 5 min. */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const total = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = days ? 0 : total % 60;
  return { days, hours, minutes };
}

/** Letter templates for a choice list: the person's own languages first, then the approved ones, then drafts. */
export function orderTemplates<T extends Pick<LetterTemplate, 'language' | 'status'>>(templates: readonly T[], spoken: readonly string[]): T[] {
  const rank = (t: T) => (spoken.includes(t.language) ? 0 : t.status === 'approved' ? 1 : 2);
  return templates
    .map((t, i) => ({ t, i }))
    .sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i)
    .map(({ t }) => t);
}

/**
 * An intro's text split around its placeholders, so each value can be set apart (<bdi>) in the letter:
 * a Latin name or a date keeps its own direction inside a right-to-left sentence.
 */
export function introParts(intro: string): ({ text: string } | { slot: 'name' | 'facility' | 'date' })[] {
  const out: ({ text: string } | { slot: 'name' | 'facility' | 'date' })[] = [];
  for (const piece of intro.split(/(\{(?:name|facility|date)\})/)) {
    if (!piece) continue;
    const m = /^\{(name|facility|date)\}$/.exec(piece);
    out.push(m ? { slot: m[1] as 'name' | 'facility' | 'date' } : { text: piece });
  }
  return out;
}
