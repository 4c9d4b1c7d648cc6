import type { StaySection } from '../../../core/contract/stay';
import { catalogs, type MessageKey } from '../../../core/i18n';

/**
 * Which catalog names the kinds a figure is counted by: a figure by addressee uses the complaints
 * register's addressee labels, one by measure the discipline card's, so a kind reads the same on the
 * record and in the figures. Kinds without such a label (owed, done, on time…) are in the stay catalog.
 */
const kindPrefixes: Partial<Record<StaySection, Record<string, string>>> = {
  contacts: { byKind: 'contacts.kind.', visitsByCategory: 'contacts.category.' },
  complaints: { byAddressee: 'complaints.addressee.', appealsByOutcome: 'appeals.outcome.' },
  discipline: { measuresByType: 'disc.measure.', appealOutcomes: 'disc.outcome.' },
  property: { itemsNotReturnedByReason: 'prop.retain.' },
  exits: { byOutcome: 'outcome.', byPathway: 'exits.pathway.' },
};

const isKey = (k: string): k is MessageKey => k in catalogs.en;

export function figureLabel(section: StaySection, figure: string): MessageKey | null {
  const key = `stay.fig.${section}.${figure}`;
  return isKey(key) ? key : null;
}

/** The label of one kind of a figure counted by kind; null when no catalog has one (a test keeps it so). */
export function kindLabel(section: StaySection, figure: string, kind: string): MessageKey | null {
  const prefix = kindPrefixes[section]?.[figure];
  const own = prefix ? `${prefix}${kind}` : null;
  if (own && isKey(own)) return own;
  const generic = `stay.sub.${kind}`;
  return isKey(generic) ? generic : null;
}

/** A record type's label: the timeline's (`event.<type>`), so the table says what the person's page says. */
export function recordLabel(type: string): MessageKey | null {
  const key = `event.${type}`;
  return isKey(key) ? key : null;
}

/** Figures a head should not miss when they are not zero: a safeguard refused, an answer late, a death. */
const warnings: Partial<Record<StaySection, readonly string[]>> = {
  contacts: ['refusedLawyer', 'refusedOmbudsman', 'refusalsUnreviewedNow'],
  complaints: ['answeredLate', 'openOverdueNow'],
  property: ['exitsWithPropertyNotReturned'],
  exits: ['deaths', 'unclaimedNow'],
  transfers: ['withDiscrepancies'],
};

export const isWarning = (section: StaySection, figure: string, n: number) => n > 0 && (warnings[section]?.includes(figure) ?? false);
