import anyAscii from 'any-ascii';

/**
 * Likely-same-person detection across scripts and spellings. Names are brought to Latin with any-ascii
 * (Cyrillic, Arabic and Persian script, Azerbaijani letters), then reduced to a consonant skeleton that
 * survives the usual transliteration variants (Mohammad / Muhammed / Мухаммад / محمد all give "mhmd").
 * The skeleton finds candidates through an index; a similarity score over the Latin forms ranks them.
 */

/** Lower-case ASCII letters of a name, words separated by single spaces. */
export function latinize(name: string): string {
  return anyAscii(name.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z\s'-]/g, ' ')
    .replace(/['-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const digraphs: [RegExp, string][] = [
  [/dzh|dj|zh|ch|c|j/g, 'j'],
  [/kh|gh|x/g, 'h'],
  [/sh|ş/g, 's'],
  [/ts/g, 's'],
  [/th/g, 't'],
  [/ph/g, 'f'],
  [/ck|q/g, 'k'],
  [/w/g, 'v'],
];

/** The consonant skeleton of one word (the index key). Empty for words with no consonant. */
export function skeleton(word: string): string {
  let w = word;
  for (const [re, to] of digraphs) w = w.replace(re, to);
  const first = w[0] ?? '';
  const rest = w.slice(1).replace(/[aeiouy]/g, '');
  let out = (/[aeiouy]/.test(first) ? 'a' : first) + rest;
  out = out.replace(/(.)\1+/g, '$1');
  // A final -h is often only a written vowel (Persian ه, "Zarminah" vs "Zarmina").
  if (out.length > 2 && out.endsWith('h')) out = out.slice(0, -1);
  return out.length >= 2 ? out : '';
}

/** Index keys for a set of names (original, Latin, aliases): one per distinct word skeleton. */
export function nameKeys(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const n of names) for (const word of latinize(n).split(' ')) {
    const k = skeleton(word);
    if (k) keys.add(k);
  }
  return [...keys];
}

/** Jaro-Winkler similarity (0..1) of two strings. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aHit = new Array<boolean>(a.length).fill(false);
  const bHit = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(b.length - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (bHit[j] || a[i] !== b[j]) continue;
      aHit[i] = bHit[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aHit[i]) continue;
    while (!bHit[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export interface NameCandidate {
  names: readonly string[];
  aliases: readonly string[];
  birthDate: string | null;
  nationalities: readonly string[];
}

export interface NameQuery {
  names: readonly string[];
  aliases?: readonly string[];
  birthDate?: string | null;
  nationalities?: readonly string[];
}

export type MatchReason = 'same_name' | 'other_script' | 'spelling_variant' | 'alias' | 'birth_within_year' | 'birth_differs' | 'same_nationality';

export interface MatchScore {
  score: number;
  reasons: MatchReason[];
}

/** Equal skeletons are strong evidence when long (mhmd) and weak when short (al, hsn). */
function skeletonAgreement(a: string, b: string): number {
  const k = skeleton(a);
  if (!k || k !== skeleton(b)) return 0;
  return k.length >= 4 ? 0.95 : k.length === 3 ? 0.88 : 0.8;
}

/** Best similarity of each query word to any candidate word, averaged over the query's words. */
function wordSetSimilarity(query: string, candidate: string): number {
  const qs = query.split(' ').filter(Boolean);
  const cs = candidate.split(' ').filter(Boolean);
  if (!qs.length || !cs.length) return 0;
  let total = 0;
  for (const q of qs) {
    let best = 0;
    for (const c of cs) {
      const sim = Math.max(jaroWinkler(q, c), skeletonAgreement(q, c));
      if (sim > best) best = sim;
    }
    total += best;
  }
  return total / qs.length;
}

/** Greek, Cyrillic, Hebrew, Arabic-script (incl. Persian, Urdu) letters: a name written in another script. */
const hasNonLatin = (s: string) => /[\u0370-\u052f\u0590-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/.test(s);

/**
 * How likely the query and the candidate are the same person (0..1), with the reasons a registrar can
 * check. Names weigh most; a birth date within a year raises the score, a clearly different one lowers it.
 */
export function scoreMatch(q: NameQuery, c: NameCandidate): MatchScore {
  const reasons = new Set<MatchReason>();
  let best = 0;
  let bestPair: [string, string] = ['', ''];
  for (const qn of q.names) {
    for (const cn of c.names) {
      const s = wordSetSimilarity(latinize(qn), latinize(cn));
      if (s > best) {
        best = s;
        bestPair = [qn, cn];
      }
    }
  }
  let aliasBest = 0;
  for (const qn of [...q.names, ...(q.aliases ?? [])]) {
    for (const ca of c.aliases) aliasBest = Math.max(aliasBest, wordSetSimilarity(latinize(qn), latinize(ca)));
  }
  for (const qa of q.aliases ?? []) for (const cn of c.names) aliasBest = Math.max(aliasBest, wordSetSimilarity(latinize(qa), latinize(cn)));
  if (aliasBest > best) {
    best = aliasBest;
    reasons.add('alias');
  } else if (best > 0) {
    const [qn, cn] = bestPair;
    if (hasNonLatin(qn) !== hasNonLatin(cn)) reasons.add('other_script');
    else if (latinize(qn) === latinize(cn)) reasons.add('same_name');
    else reasons.add('spelling_variant');
  }
  // Names weigh most; birth date and nationality confirm or weaken (unknown counts half).
  let birth = 0.5;
  if (q.birthDate && c.birthDate) {
    const days = Math.abs(Date.parse(q.birthDate) - Date.parse(c.birthDate)) / 86_400_000;
    birth = days <= 366 ? 1 : 0;
    reasons.add(days <= 366 ? 'birth_within_year' : 'birth_differs');
  }
  let nationality = 0.5;
  if (q.nationalities?.length && c.nationalities.length) {
    nationality = q.nationalities.some((n) => c.nationalities.includes(n)) ? 1 : 0;
    if (nationality === 1) reasons.add('same_nationality');
  }
  const score = 0.85 * best + 0.1 * birth + 0.05 * nationality;
  return { score: Math.max(0, Math.round(score * 1000) / 1000), reasons: [...reasons] };
}
