import anyAscii from 'any-ascii';

/**
 * Likely-same-person detection across scripts and spellings. Names are brought to Latin with any-ascii
 * (Cyrillic, Arabic and Persian script, Azerbaijani letters), then reduced to a consonant skeleton that
 * survives the usual transliteration variants (Mohammad / Muhammed / Мухаммад / محمد all give "mhmd").
 * Skeletons, and pairs of skeletons written in one name, find candidates through an index; a similarity
 * score over the Latin forms ranks them.
 */

/**
 * Name matching runs over every candidate of every search and every intake, and names repeat endlessly
 * (a million people share a few thousand words), so the pure per-word steps are remembered. The maps
 * are emptied when full rather than evicted one by one: simpler, and a refill costs one search.
 */
function remembered<T>(limit: number, f: (s: string) => T): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = f(s);
      if (seen.size >= limit) seen.clear();
      seen.set(s, v);
    }
    return v;
  };
}

/** Lower-case ASCII letters of a name, words separated by single spaces. */
export const latinize = remembered(50_000, (name: string): string =>
  anyAscii(name.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z\s'-]/g, ' ')
    .replace(/['-]/g, '')
    .replace(/\s+/g, ' ')
    .trim(),
);

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
export const skeleton = remembered(50_000, (word: string): string => {
  let w = word;
  for (const [re, to] of digraphs) w = w.replace(re, to);
  const first = w[0] ?? '';
  const rest = w.slice(1).replace(/[aeiouy]/g, '');
  let out = (/[aeiouy]/.test(first) ? 'a' : first) + rest;
  out = out.replace(/(.)\1+/g, '$1');
  // A final -h is often only a written vowel (Persian ه, "Zarminah" vs "Zarmina").
  if (out.length > 2 && out.endsWith('h')) out = out.slice(0, -1);
  return out.length >= 2 ? out : '';
});

/** Words of a latinized name (shared arrays: never modified). */
const wordsOf = remembered(50_000, (latin: string): readonly string[] => latin.split(' ').filter(Boolean));

/** Pairs are made from at most this many words of one name (a 200-character name has dozens). */
const pairWords = 6;

/** The distinct word skeletons of one name, in the order written. */
function wordSkeletons(name: string): string[] {
  const out: string[] = [];
  for (const word of wordsOf(latinize(name))) {
    const k = skeleton(word);
    if (k && !out.includes(k)) out.push(k);
  }
  return out;
}

/** Two words written in one name, in a fixed order ("mhmd+rhm" for Rahimi Mohammad too). */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}+${b}` : `${b}+${a}`);

function pairsOf(words: readonly string[], into: Set<string>): void {
  const n = Math.min(words.length, pairWords);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) into.add(pairKey(words[i]!, words[j]!));
}

/**
 * Index keys for a set of names (original, Latin, aliases): one per distinct word skeleton, and one per
 * pair of skeletons written together in the same name. A word alone is shared by a tenth of a
 * register (Mohammad, Ali, Karimov); two words of one name are rare, so a search for a full name reads
 * the short list of people holding that pair instead of every Mohammad.
 */
export function nameKeys(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const n of names) {
    const words = wordSkeletons(n);
    for (const w of words) keys.add(w);
    pairsOf(words, keys);
  }
  return [...keys];
}

/** What a search looks up: the pairs of its names' words, and the single words (for one-word names). */
export function searchKeys(names: readonly string[]): { words: string[]; pairs: string[] } {
  const words = new Set<string>();
  const pairs = new Set<string>();
  for (const n of names) {
    const ws = wordSkeletons(n);
    for (const w of ws) words.add(w);
    pairsOf(ws, pairs);
  }
  return { words: [...words], pairs: [...pairs] };
}

// Reused by jaroWinkler: which characters of each string are matched (names are short).
let aHit = new Uint8Array(64);
let bHit = new Uint8Array(64);

/** Jaro-Winkler similarity (0..1) of two strings. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  if (a.length > aHit.length) aHit = new Uint8Array(a.length * 2);
  if (b.length > bHit.length) bHit = new Uint8Array(b.length * 2);
  aHit.fill(0, 0, a.length);
  bHit.fill(0, 0, b.length);
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(b.length - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (bHit[j] || a[i] !== b[j]) continue;
      aHit[i] = bHit[j] = 1;
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
function wordSetSimilarity(qs: readonly string[], cs: readonly string[]): number {
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

interface Form {
  raw: string;
  latin: string;
  words: readonly string[];
}
const formOf = (raw: string): Form => {
  const latin = latinize(raw);
  return { raw, latin, words: wordsOf(latin) };
};

/**
 * scoreMatch with the query's side worked out once, for scoring many candidates against one query
 * (the same figures as scoreMatch, which is this applied to a single candidate).
 */
export function matcherFor(q: NameQuery): (c: NameCandidate) => MatchScore {
  const names = q.names.map(formOf);
  const aliases = (q.aliases ?? []).map(formOf);
  const namesAndAliases = [...names, ...aliases];
  const qBirth = q.birthDate ? Date.parse(q.birthDate) : null;
  return (c) => {
    const reasons = new Set<MatchReason>();
    const cNames = c.names.map(formOf);
    let best = 0;
    let bestPair: [Form, Form] | null = null;
    for (const qn of names) {
      for (const cn of cNames) {
        const s = wordSetSimilarity(qn.words, cn.words);
        if (s > best) {
          best = s;
          bestPair = [qn, cn];
        }
      }
    }
    let aliasBest = 0;
    if (c.aliases.length) {
      const cAliases = c.aliases.map(formOf);
      for (const qn of namesAndAliases) for (const ca of cAliases) aliasBest = Math.max(aliasBest, wordSetSimilarity(qn.words, ca.words));
    }
    for (const qa of aliases) for (const cn of cNames) aliasBest = Math.max(aliasBest, wordSetSimilarity(qa.words, cn.words));
    if (aliasBest > best) {
      best = aliasBest;
      reasons.add('alias');
    } else if (best > 0 && bestPair) {
      const [qn, cn] = bestPair;
      if (hasNonLatin(qn.raw) !== hasNonLatin(cn.raw)) reasons.add('other_script');
      else if (qn.latin === cn.latin) reasons.add('same_name');
      else reasons.add('spelling_variant');
    }
    // Names weigh most; birth date and nationality confirm or weaken (unknown counts half).
    let birth = 0.5;
    if (qBirth !== null && q.birthDate && c.birthDate) {
      const days = Math.abs(qBirth - Date.parse(c.birthDate)) / 86_400_000;
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
  };
}

/**
 * How likely the query and the candidate are the same person (0..1), with the reasons a registrar can
 * check. Names weigh most; a birth date within a year raises the score, a clearly different one lowers it.
 */
export function scoreMatch(q: NameQuery, c: NameCandidate): MatchScore {
  return matcherFor(q)(c);
}
