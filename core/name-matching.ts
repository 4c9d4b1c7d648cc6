import anyAscii from 'any-ascii';
import { arabicConsonants } from './transliterate';

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

/**
 * Arabic script (Arabic, Persian, Urdu, Pashto) read for matching, not for display: the consonants by the
 * table core/transliterate.ts suggests names with; alef, waw and yeh inside a word as the vowels they
 * usually are (Yusuf یوسف, Nuri نوری), at the start as a vowel, v or y; final heh and teh marbuta dropped
 * (Fatemeh / Fatima فاطمه); ayn as the vowel it is written with in Latin (Abbas عباس, Umar عمر). Words
 * joined by a zero-width non-joiner (ذبیح‌الله) are two words, as Latin often writes them.
 */
const joinedFirstNames = ['محمد', 'علی', 'غلام', 'امیر', 'نور'];
const arabicScript = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/u;
function arabicForMatching(word: string): string {
  const w = word
    .replace(/[\u064b-\u065f\u0670\u0640]/gu, '')
    .replace(/[أإآٱ]/gu, 'ا')
    .replace(/[يىئېۍےێ]/gu, 'ی')
    .replace(/ك/gu, 'ک')
    .replace(/[ۀہھ]/gu, 'ه')
    .replace(/ؤ/gu, 'و');
  if (w === 'الله' || w === 'اله') return 'allah';
  // Two names Persian often writes as one word (محمدحسین, علیرضا, غلامرسول): Latin writes them as two as often as one.
  for (const first of joinedFirstNames) if (w.startsWith(first) && w.length > first.length + 1) return `${arabicForMatching(first)} ${arabicForMatching(w.slice(first.length))}`;
  // Servant-of names (عبدالرحمن) and the article (الحسن, الدین) as Latin words: Abd Rahman, Hasan, Din.
  if (w.startsWith('عبد') && w.length > 3) return `abd ${arabicForMatching(w.slice(3))}`;
  if (w.startsWith('ال') && w.length > 3) return arabicForMatching(w.slice(2));
  for (const [suffix, latin] of [
    ['الله', 'allah'],
    ['الدین', 'din'],
    ['زاده', 'zade'],
  ] as const) {
    if (w.endsWith(suffix) && w.length > suffix.length + 1) return `${arabicForMatching(w.slice(0, -suffix.length))} ${latin}`;
  }
  const chars = [...w];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const first = i === 0;
    const last = i === chars.length - 1;
    const consonant = arabicConsonants[c];
    // A consonant then ح or ه is two sounds, not a Latin digraph (الزهراء: z-h, Zahra, not zh).
    if (consonant !== undefined) out += consonant === 'h' && /[zsktdcpg]$/.test(out) ? `a${consonant}` : consonant;
    else if (c === 'ا') out += 'a';
    else if (c === 'ع') out += first ? 'a' : '';
    else if (c === 'و') out += first ? 'v' : 'u';
    else if (c === 'ی') out += first ? 'y' : 'i';
    else if (c === 'ه' || c === 'ة' || c === 'ۃ') out += last && !first ? '' : /[zsktdcpg]$/.test(out) ? 'ah' : 'h';
    else if (c === 'ّ') out += out.slice(-1);
    // hamza and anything else: nothing (any-ascii would write a mark, and Latin spellings omit it)
  }
  return out;
}

/** Apostrophes written inside names (O'tkir, Oʻtkir, Il'in, Georgian ejectives): they join, never split. */
const apostrophes = /['’‘ʻʼ`´]/gu;

/** Lower-case ASCII letters of a name, words separated by single spaces (a hyphen separates words). */
export const latinize = remembered(50_000, (name: string): string => {
  const nfc = name.normalize('NFC');
  const pre = arabicScript.test(nfc)
    ? nfc
        .split(/[\s\u200c]+/u)
        .map((w) => (arabicScript.test(w) ? arabicForMatching(w) : w))
        .join(' ')
    : nfc;
  return anyAscii(pre.replace(apostrophes, ''))
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
});

/** Markers of a patronymic: Azerbaijani oğlu / qızı, Uzbek o'g'li / qizi, Kyrgyz uulu / kyzy, and their Russian spellings. */
const patronymicMarkers = new Set(['oglu', 'ogli', 'ogly', 'ugli', 'uly', 'uulu', 'qizi', 'kizi', 'gizi', 'kyzy', 'kyzi', 'qyzy', 'kizy', 'gyzy']);
/** A Russian-style patronymic (-ovich, -evna, -ichna): a third word that is not part of the name sought. */
const russianPatronymic = /(?:ovich|evich|ovych|ich|ovna|evna|ichna|ovic)$/;
/** "Son of" between a name and the father's: dropped, as many documents do. */
const connectors = new Set(['bin', 'ibn', 'ben', 'bint', 'binti']);
/** The Arabic article standing as a word (El Sayed, al-Hasan) or assimilated to a sun letter (as-Sayyid, ud-Din, Ash-Sharif). */
const articles = new Set(['al', 'el', 'ul', 'il', 'ol']);
const assimilatedArticle = /^[aeiu](sh|[tdrzsn])$/;

/**
 * One written word as the words of the name it stands for. Compounds are cut where conventions cut them
 * differently: Abdurrahman / Abdul Rahman / Abd al-Rahman / عبدالرحمن are all "abd rahman"; Nuruddin /
 * Nour el-Din / Noureddine "nur din"; Najibullah / Najib Ullah "najib allah"; Walizada / ولی‌زاده "vali zade".
 * A joined article doubled by its sun letter (Attamimi, Ezzahra) loses the article.
 */
function canonicalWords(word: string): string[] {
  let w = word;
  const allah = /^(.{3,}?)[aou]ll(?:ah?|oh?)$/.exec(w);
  if (allah) return [...canonicalWords(allah[1]!), 'allah'];
  if (/^[aou]ll(?:ah?|oh?)$/.test(w)) return ['allah'];
  // -ud-din is written with dd or ld (Nuruddin, Noureddine, Alaeldin): Borodin and Kudin are not compounds.
  const din = /^(.{3,}?)[aeiou][ld]d(?:in|ine|een)$/.exec(w);
  if (din) return [...canonicalWords(din[1]!), 'din'];
  const zade = /^(.{3,}?)(?:zadeh|zade|zada|zoda|zodah)$/.exec(w);
  if (zade) return [...canonicalWords(zade[1]!), 'zade'];
  if (/^abd[aeiou]?l?$/.test(w)) return ['abd'];
  const abd = /^abd[aeiou]?(.{3,})$/.exec(w);
  if (abd) {
    let rest = abd[1]!;
    if (rest[0] === 'l' || rest[0] === rest[1]) rest = rest.slice(1);
    return ['abd', ...canonicalWords(rest)];
  }
  const joined = /^[aeiu]([tdrzsn])\1(.{3,})$/.exec(w);
  if (joined) w = joined[1]! + joined[2]!;
  return [w];
}

/**
 * The words of a latinized name that identify the person, in the order written: patronymics (with their
 * markers), articles and "son of" left out; compounds cut (canonicalWords). A patronymic is only
 * recognised in a name of three words or more, so a two-word name is never cut to one.
 */
export const nameWords = remembered(50_000, (latin: string): readonly string[] => {
  const raw = latin.split(' ').filter(Boolean);
  const keep: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    const next = raw[i + 1];
    if (raw.length >= 3 && next !== undefined && patronymicMarkers.has(next)) {
      i++; // the father's name and its marker
      continue;
    }
    if (raw.length >= 3 && (patronymicMarkers.has(w) || connectors.has(w) || russianPatronymic.test(w))) continue;
    if (raw.length >= 2 && articles.has(w)) continue;
    if (next !== undefined && assimilatedArticle.test(w) && next.startsWith(w.slice(1))) continue;
    keep.push(...canonicalWords(w));
  }
  return keep.length ? keep : raw;
});

/**
 * Consonant classes the conventions exchange. Russian writes Azerbaijani h, q and ğ as г and x as х;
 * Russian-route Latin writes г as g and х as kh or h; Uzbek q is Russian к, Persian ق is gh or q,
 * Levantine Arabic says k: so g, q, k, x, h, kh, gh are one sound here. Azerbaijani and Turkish c is
 * дж (dzh, dj, j), ç and ч are ch, Kyrgyz ж is j and Russian zh: one class. ш, ş, sh, s, ц, ts: one.
 * Arabic ث is th in Arabic spellings and s in Persian, Urdu and Turkish ones (Haitham / Haysam, Othman /
 * Usman / Osman): th is s.
 */
const classes: [RegExp, string][] = [
  [/tch|dzh|dj|zh|ch|c|j/g, 'j'],
  [/sh|ts/g, 's'],
  [/th/g, 's'],
  [/dh/g, 'd'],
  [/ph/g, 'f'],
  [/kh|gh|ck|x|q|g|h/g, 'k'],
  [/w/g, 'v'],
];
const fold = (w: string): string => {
  // A final h after a vowel is only a written vowel (Persian ه: Fatemeh / Fatima, Abdullah / Abdulla).
  let out = w.length > 3 ? w.replace(/([aeiouy])h$/, '$1') : w;
  for (const [re, to] of classes) out = out.replace(re, to);
  return out;
};

/**
 * The consonant skeleton of one canonical word (the index key): consonant classes, vowels and y left out
 * (Persian and Arabic script do not write short vowels; y is a vowel in Yusuf / Iusuf / یوسف), v and w
 * inside a word left out too (Arabic-script و is as often u as v: Javad جواد, Nuri نوری — and Russian
 * -ov / -ova / -ev / -yeva then need no rule of their own), a vowel at the start kept as "a". Empty for
 * a word of vowels only.
 */
export const skeleton = remembered(50_000, (word: string): string => {
  const w = fold(word);
  const first = w[0] ?? '';
  const rest = w.slice(1).replace(/[aeiouyv]/g, '');
  const out = ((/[aeiouy]/.test(first) ? 'a' : first) + rest).replace(/(.)\1+/g, '$1');
  // One consonant (Leyla: l) is a key too: too common to read alone, but it makes pairs (l+rkm).
  return out.length >= 2 || (out.length === 1 && out !== 'a') ? out : '';
});

/** Vowel pairs written for one vowel (Hossein / Husain, Nouri / Nuri, Saeed / Said, Rezaei / Rezai). */
const vowelPairs: Record<string, string> = { ou: 'u', oo: 'u', uo: 'u', ee: 'i', ei: 'i', ey: 'i', ai: 'i', ay: 'i', ie: 'i', iy: 'i', ii: 'i', yi: 'i', ae: 'a', ea: 'a', aa: 'a' };

/** A canonical word folded for ranking: consonant classes as in skeleton, vowels in three classes, no doubles. */
const phonetic = remembered(50_000, (word: string): string =>
  fold(word)
    .replace(/ou|oo|uo|ee|ei|ey|ai|ay|ie|iy|ii|yi|ae|ea|aa/g, (p) => vowelPairs[p] ?? p)
    .replace(/[ae]/g, 'a')
    .replace(/[iy]/g, 'i')
    .replace(/[ou]/g, 'u')
    .replace(/(.)\1+/g, '$1'),
);

/**
 * A name as the conventions leave it: its identifying words (nameWords) folded as for ranking, in
 * alphabetical order. Two names with the same form are one name written by two conventions (Rashad
 * Hasanov / Rəşad Həsənov, Hossein Hosseini / Hussain Husaini, Ivan Petrovich Sidorov / Sidorov Ivan).
 */
export function conventionForm(name: string): string {
  return nameWords(latinize(name)).map(phonetic).sort().join(' ');
}

/** Versions of nameKeys: a store whose person_name_keys were written by another version rebuilds them on open. */
export const nameKeysVersion = 3;

/** Pairs are made from at most this many words of one name (a 200-character name has dozens). */
const pairWords = 6;

/**
 * The distinct word skeletons of one name, in the order written; a skeleton written twice (Hossein
 * Hosseini: ksn, ksn) appears twice, so that the name still has a pair.
 */
function wordSkeletons(name: string): string[] {
  const out: string[] = [];
  for (const word of nameWords(latinize(name))) {
    const k = skeleton(word);
    if (!k) continue;
    const times = out.filter((o) => o === k).length;
    if (times < 2) out.push(k);
  }
  return out;
}

/** Two words written in one name, in a fixed order ("mkmd+rkm" for Rahimi Mohammad too). */
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

/**
 * What a search looks up: the pairs of its names' words, and the single words — for one-word names, and
 * as the fallback when no pair finds the person (one word spelled past every convention still leaves the
 * other: docs/name-matching.md).
 */
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

/** Why a candidate was offered; same_document comes from the document-number search (main/services/name-search.ts), not from names. */
export type MatchReason = 'same_name' | 'other_script' | 'spelling_variant' | 'alias' | 'birth_within_year' | 'birth_differs' | 'same_nationality' | 'same_document';

export interface MatchScore {
  score: number;
  reasons: MatchReason[];
}

/**
 * Similarity of two canonical words (0..1). Equal skeletons are strong evidence when long (mkmd) and weaker
 * when short (al, ksn); among equal skeletons, and for words whose skeletons differ, Jaro-Winkler over the
 * phonetic forms ranks the closer spelling first.
 */
function wordSimilarity(a: string, b: string, vowelless: boolean): number {
  if (a === b) return 1;
  const jw = jaroWinkler(phonetic(a), phonetic(b));
  const k = skeleton(a);
  if (!k || k !== skeleton(b)) return jw * 0.97;
  const floor = k.length >= 4 ? 0.9 : k.length === 3 ? 0.84 : 0.76;
  // Written without short vowels, a word agrees by its skeleton; the long vowels it does write still rank
  // (حسینی is nearer Husseini than Hassan).
  if (vowelless) return k.length >= 2 ? 0.9 + 0.09 * jw : floor;
  return floor + (1 - floor) * jw * 0.95;
}

/**
 * How alike two names' words are: query and candidate words paired one to one, the most alike first (so
 * Hossein Hosseini is not Mustafa Hosseini twice over), averaged over the query's words; each word the
 * candidate has beyond the query's costs a little (Amir Mohammad Rezaei is a little less like Mohammad
 * Rezaei than Mohammad Rezaei is).
 */
function wordSetSimilarity(q: Form, c: Form, similarity: (a: string, b: string, vowelless: boolean) => number = wordSimilarity): number {
  const qs = q.words;
  const cs = c.words;
  if (!qs.length || !cs.length) return 0;
  const vowelless = q.arabic || c.arabic;
  const sims: { i: number; j: number; sim: number }[] = [];
  const n = Math.min(qs.length, pairWords * 2);
  const m = Math.min(cs.length, pairWords * 2);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) sims.push({ i, j, sim: similarity(qs[i]!, cs[j]!, vowelless) });
  sims.sort((a, b) => b.sim - a.sim);
  let usedQ = 0;
  let usedC = 0;
  let total = 0;
  for (const { i, j, sim } of sims) {
    if (usedQ & (1 << i) || usedC & (1 << j)) continue;
    usedQ |= 1 << i;
    usedC |= 1 << j;
    total += sim;
  }
  return Math.max(0, total / qs.length - 0.01 * Math.max(0, cs.length - qs.length));
}

/** Greek, Cyrillic, Hebrew, Arabic-script (incl. Persian, Urdu) letters: a name written in another script. */
const hasNonLatin = (s: string) => /[\u0370-\u052f\u0590-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/.test(s);

interface Form {
  raw: string;
  latin: string;
  words: readonly string[];
  /** Written in Arabic script: short vowels not written. */
  arabic: boolean;
}
const formOf = (raw: string): Form => {
  const latin = latinize(raw);
  return { raw, latin, words: nameWords(latin), arabic: arabicScript.test(raw) };
};

/**
 * scoreMatch with the query's side worked out once, for scoring many candidates against one query
 * (the same figures as scoreMatch, which is this applied to a single candidate).
 */
export function matcherFor(q: NameQuery): (c: NameCandidate) => MatchScore {
  // Candidates of one search share most of their words (a few hundred people, a few dozen names).
  const seen = new Map<string, number>();
  const similarity = (a: string, b: string, vowelless: boolean) => {
    const key = `${a} ${b} ${vowelless ? 1 : 0}`;
    let v = seen.get(key);
    if (v === undefined) {
      v = wordSimilarity(a, b, vowelless);
      seen.set(key, v);
    }
    return v;
  };
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
        const s = wordSetSimilarity(qn, cn, similarity);
        if (s > best) {
          best = s;
          bestPair = [qn, cn];
        }
      }
    }
    let aliasBest = 0;
    if (c.aliases.length) {
      const cAliases = c.aliases.map(formOf);
      for (const qn of namesAndAliases) for (const ca of cAliases) aliasBest = Math.max(aliasBest, wordSetSimilarity(qn, ca, similarity));
    }
    for (const qa of aliases) for (const cn of cNames) aliasBest = Math.max(aliasBest, wordSetSimilarity(qa, cn, similarity));
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
