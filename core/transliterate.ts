/**
 * Names in Latin letters (issue #11 §5): registers, lists and letters to other authorities carry the Latin
 * form of a name, so a name pasted there in another script (Arabic, Cyrillic…) is refused, and the officer
 * is offered a transliteration to accept or correct. The suggestion is never saved on its own: the officer
 * checks it against the person's document, whose spelling (its machine-readable zone) always wins.
 */

/** Apostrophes a Latin name may hold: ASCII, typographic, and the Uzbek ʻ (U+02BB) and ʼ (U+02BC). */
const apostrophes = "'’‘ʻʼ";

/**
 * A Latin letter (with any combining marks after it), or a separator names use: space, hyphen, apostrophe,
 * period, comma. Digits are not a question of script and are left alone here (test fixtures number their
 * people); this rule is about letters of another script becoming a person's Latin name.
 */
const latinName = new RegExp(`^(?:\\p{Script=Latin}\\p{M}*|[\\s0-9.,\\-‐${apostrophes}])+$`, 'u');
const latinLetter = /\p{Script=Latin}/u;

/** True when the text is written in Latin script (Azerbaijani ə ç ş ğ ı ö ü, Turkish, Uzbek…), with at least one letter. */
export function isLatinScript(text: string): boolean {
  const t = text.normalize('NFC');
  return latinLetter.test(t) && latinName.test(t);
}

/** The messageKey of the refusal, shared by the contract and the renderer. */
export const latinOnlyMessage = 'error.name.latinOnly';

// ---------------------------------------------------------------------------------------------------
// Cyrillic: ICAO Doc 9303 (Machine Readable Travel Documents, 8th ed. 2021), Part 3, §6 "Transliteration
// of multinational Cyrillic characters" — the table passports of Russia, Ukraine and Central Asia use in
// their machine-readable zone, so the suggestion matches the document an officer compares it with.
// ---------------------------------------------------------------------------------------------------
const icaoCyrillic: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Ukrainian and Belarusian
  ґ: 'g',
  є: 'ie',
  і: 'i',
  ї: 'i',
  ў: 'u',
  // Serbian and Macedonian
  ђ: 'd',
  ѓ: 'g',
  ѕ: 'dz',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ќ: 'k',
  ћ: 'c',
  џ: 'dz',
  // Kazakh, Kyrgyz, Tajik, Uzbek Cyrillic (ICAO 9303 Part 3 table)
  қ: 'q',
  ң: 'ng',
  ұ: 'u',
  ӣ: 'i',
  ӯ: 'u',
  ҳ: 'h',
  ҷ: 'j',
};

/**
 * Azerbaijani Cyrillic (documents issued before 1991): the letters of today's Azerbaijani Latin alphabet
 * (Law of 25 December 1991 on restoring the Latin alphabet), which Azerbaijani passports use. Applied to a
 * word that holds one of the letters only Azerbaijani Cyrillic has (ә ғ һ ҹ ү ө ҝ ј).
 */
const azerbaijaniCyrillic: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'q',
  ғ: 'ğ',
  д: 'd',
  е: 'e',
  ә: 'ə',
  ж: 'j',
  з: 'z',
  и: 'i',
  ы: 'ı',
  ј: 'y',
  к: 'k',
  ҝ: 'g',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  ө: 'ö',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ү: 'ü',
  ф: 'f',
  х: 'x',
  һ: 'h',
  ч: 'ç',
  ҹ: 'c',
  ш: 'ş',
  й: 'y',
  ё: 'yo',
  ю: 'yu',
  я: 'ya',
  ц: 's',
  щ: 'ş',
  ъ: '',
  ь: '',
  э: 'e',
};
const azerbaijaniOnly = /[әғһҹүөҝј]/iu;

// ---------------------------------------------------------------------------------------------------
// Georgian: the national romanisation of 2002 (Georgian State Department of Geodesy and Cartography and
// the Institute of Linguistics), as Georgian passports print it: without the ejective apostrophes.
// ---------------------------------------------------------------------------------------------------
const georgian: Record<string, string> = {
  ა: 'a',
  ბ: 'b',
  გ: 'g',
  დ: 'd',
  ე: 'e',
  ვ: 'v',
  ზ: 'z',
  თ: 't',
  ი: 'i',
  კ: 'k',
  ლ: 'l',
  მ: 'm',
  ნ: 'n',
  ო: 'o',
  პ: 'p',
  ჟ: 'zh',
  რ: 'r',
  ს: 's',
  ტ: 't',
  უ: 'u',
  ფ: 'p',
  ქ: 'k',
  ღ: 'gh',
  ყ: 'q',
  შ: 'sh',
  ჩ: 'ch',
  ც: 'ts',
  ძ: 'dz',
  წ: 'ts',
  ჭ: 'ch',
  ხ: 'kh',
  ჯ: 'j',
  ჰ: 'h',
};

// ---------------------------------------------------------------------------------------------------
// Armenian: BGN/PCGN 1981, as Armenian passports broadly follow it (ե is "ye" and ո "vo" at the start of
// a word; ու is "u"; և is "ev").
// ---------------------------------------------------------------------------------------------------
const armenian: Record<string, string> = {
  ա: 'a',
  բ: 'b',
  գ: 'g',
  դ: 'd',
  ե: 'e',
  զ: 'z',
  է: 'e',
  ը: 'y',
  թ: 't',
  ժ: 'zh',
  ի: 'i',
  լ: 'l',
  խ: 'kh',
  ծ: 'ts',
  կ: 'k',
  հ: 'h',
  ձ: 'dz',
  ղ: 'gh',
  ճ: 'ch',
  մ: 'm',
  յ: 'y',
  ն: 'n',
  շ: 'sh',
  ո: 'o',
  չ: 'ch',
  պ: 'p',
  ջ: 'j',
  ռ: 'r',
  ս: 's',
  վ: 'v',
  տ: 't',
  ր: 'r',
  ց: 'ts',
  ւ: 'v',
  փ: 'p',
  ք: 'k',
  և: 'ev',
  օ: 'o',
  ֆ: 'f',
};

// ---------------------------------------------------------------------------------------------------
// Arabic script (Arabic, Persian, Urdu, Pashto letters). Written names leave out short vowels, so no table
// can restore them: this is a consonant-skeleton romanisation (consonants after ALA-LC's Persian and Urdu
// tables, simplified to plain letters; ا و ی read as a, u/w, i/y; a final ه as a; vowel signs where the
// text has them). It is a SUGGESTION the officer checks against the document — "محمد" gives "Muhammad"
// only through the short list of very common names below, and "Mhmd" otherwise would be worse than useless.
// ---------------------------------------------------------------------------------------------------
/** Exported for name matching (core/name-matching.ts), which reads Arabic script by the same consonant table. */
export const arabicConsonants: Record<string, string> = {
  ب: 'b',
  پ: 'p',
  ت: 't',
  ٹ: 't',
  ث: 's',
  ج: 'j',
  چ: 'ch',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ڈ: 'd',
  ذ: 'z',
  ر: 'r',
  ڑ: 'r',
  ز: 'z',
  ژ: 'zh',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'z',
  ط: 't',
  ظ: 'z',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ک: 'k',
  ك: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ں: 'n',
  ھ: 'h',
  ښ: 'kh',
  ږ: 'zh',
  څ: 'ts',
  ځ: 'dz',
  ټ: 't',
  ډ: 'd',
  ړ: 'r',
  ڼ: 'n',
  ګ: 'g',
};
const alefs = new Set(['ا', 'آ', 'أ', 'إ', 'ٱ']);
const waws = new Set(['و', 'ؤ']);
const yehs = new Set(['ی', 'ي', 'ى', 'ئ', 'ې', 'ۍ', 'ے', 'ێ']);
const tehMarbuta = new Set(['ة', 'ۃ']);
const heh = new Set(['ه', 'ہ', 'ۀ']);
const vowelSigns: Record<string, string> = { '\u064e': 'a', '\u0650': 'i', '\u064f': 'u', '\u064b': 'an', '\u064d': 'in', '\u064c': 'un', '\u0652': '', '\u0670': 'a' };
const shadda = '\u0651';
const arabicDigits = /[\u0660-\u0669\u06f0-\u06f9]/u;
// eslint-disable-next-line no-misleading-character-class -- the joiners are listed to be dropped one by one, not as a sequence
const ignoredArabic = /[\u0640\u200c\u200d\u200e\u200f]/u; // tatweel, zero-width (non-)joiners, direction marks

/**
 * Very common name words whose conventional Latin spelling no letter-by-letter reading gives (short vowels
 * are not written). Keyed by the letters without vowel signs; alef and yeh forms folded (أ→ا, ي→ی, ك→ک).
 */
const commonArabicNames: Record<string, string> = {
  محمد: 'muhammad',
  احمد: 'ahmad',
  محمود: 'mahmud',
  مصطفی: 'mustafa',
  حسن: 'hasan',
  حسین: 'husain',
  علی: 'ali',
  عمر: 'umar',
  عثمان: 'usman',
  عبدالله: 'abdullah',
  عبد: 'abdul',
  رحمان: 'rahman',
  رحمن: 'rahman',
  اکرم: 'akram',
  اکبر: 'akbar',
  اصغر: 'asghar',
  جعفر: 'jafar',
  فاطمه: 'fatima',
  فاطمة: 'fatima',
  زهرا: 'zahra',
  مریم: 'maryam',
  خدیجه: 'khadija',
  عایشه: 'aisha',
  عائشه: 'aisha',
  یوسف: 'yusuf',
  ابراهیم: 'ibrahim',
  اسماعیل: 'ismail',
  موسی: 'musa',
  عیسی: 'isa',
  کریم: 'karim',
  رحیم: 'rahim',
  نور: 'nur',
  خان: 'khan',
  شاه: 'shah',
  الله: 'allah',
  عمران: 'imran',
  بلال: 'bilal',
  سعید: 'saeed',
  جاوید: 'javed',
  الدین: 'uddin',
  رضا: 'reza',
  مهدی: 'mahdi',
  صالح: 'salih',
  خالد: 'khalid',
};
const foldArabic = (w: string) =>
  w
    .replace(/[\u064b-\u0652\u0670]/gu, '')
    .replace(/[أإآٱ]/gu, 'ا')
    .replace(/[يى]/gu, 'ی')
    .replace(/ك/gu, 'ک')
    .replace(/ۀ/gu, 'ه');

function arabicWord(word: string): string | null {
  const folded = foldArabic(word);
  const known = commonArabicNames[folded];
  if (known) return known;
  // "Servant of …" names are written as one word: عبدالرحمن is Abdul + Rahman.
  if (folded.startsWith('عبدال') && folded.length > 5) {
    const rest = arabicWord(folded.slice(5));
    return rest === null ? null : `abdul${rest}`;
  }
  const chars = [...word].filter((c) => !ignoredArabic.test(c));
  let lastBase = chars.length - 1;
  while (lastBase > 0 && (chars[lastBase]! in vowelSigns || chars[lastBase] === shadda)) lastBase--;
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const first = out === '';
    const next = chars[i + 1];
    const last = i === lastBase;
    if (c in arabicConsonants) out += arabicConsonants[c];
    else if (alefs.has(c)) out += c === 'إ' ? 'i' : 'a';
    else if (waws.has(c)) out += first || next === 'ا' || next === 'آ' ? 'w' : 'u';
    else if (yehs.has(c)) out += c === 'ے' && last ? 'e' : first || next === 'ا' ? 'y' : 'i';
    else if (tehMarbuta.has(c)) out += 'a';
    else if (heh.has(c)) out += last && !first ? 'a' : 'h';
    else if (c === 'ع') out += first ? 'a' : "'";
    else if (c === 'ء') out += "'";
    else if (c in vowelSigns) out += vowelSigns[c];
    else if (c === shadda) out += out.slice(-1);
    else if (arabicDigits.test(c)) out += String((c.codePointAt(0)! - 0x0660) % 0x90);
    else return null;
  }
  // A word-final apostrophe or doubled vowel letter reads badly in a register ("Ali'" → "Ali").
  return out.replace(/'+$/u, '').replace(/^'+/u, '');
}

const isArabicScript = /\p{Script=Arabic}/u;
const isCyrillic = /\p{Script=Cyrillic}/u;

function tableWord(word: string, table: Record<string, string>, rules?: (lower: string, i: number, letters: string[]) => string | undefined): string | null {
  const letters = [...word];
  let out = '';
  for (let i = 0; i < letters.length; i++) {
    const c = letters[i]!;
    const lower = c.toLowerCase();
    const special = rules?.(
      lower,
      i,
      letters.map((l) => l.toLowerCase()),
    );
    const t = special ?? table[lower];
    if (t === undefined) {
      if (latinLetter.test(c) || /[\p{M}0-9]/u.test(c)) out += c;
      else return null;
      continue;
    }
    // An upper-case letter keeps its case on the first Latin letter it becomes: Ж → Zh, Щ → Shch.
    out += c !== lower && t ? t[0]!.toUpperCase() + t.slice(1) : t;
  }
  // A word written all in capitals (as on documents) stays in capitals: ЩУКИН → SHCHUKIN.
  return letters.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase() ? out.toUpperCase() : out;
}

const armenianRules = (c: string, i: number, letters: string[]) => {
  if (c === 'ե' && i === 0) return 'ye';
  if (c === 'ո' && letters[i + 1] === 'ւ') return 'u';
  if (c === 'ւ' && letters[i - 1] === 'ո') return '';
  if (c === 'ո' && i === 0) return 'vo';
  return undefined;
};

const capitalise = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

function word(w: string): string | null {
  if (isArabicScript.test(w)) {
    const r = arabicWord(w);
    return r === null ? null : capitalise(r);
  }
  if (isCyrillic.test(w)) return tableWord(w, azerbaijaniOnly.test(w) ? azerbaijaniCyrillic : icaoCyrillic);
  if (/\p{Script=Georgian}/u.test(w)) {
    const r = tableWord(w, georgian);
    return r === null ? null : capitalise(r); // Georgian has no capitals; names start with one in Latin.
  }
  if (/\p{Script=Armenian}/u.test(w)) return tableWord(w, armenian, armenianRules);
  return tableWord(w, {});
}

/**
 * The Latin form of a name written in Cyrillic, Arabic-script, Georgian or Armenian letters, word by word;
 * Latin letters and separators pass through. Null when any letter is of another script (Devanagari, Han…),
 * or when the result would still not be Latin: nothing is better than a wrong guess.
 */
export function transliterate(text: string): string | null {
  const parts = text
    .normalize('NFC')
    .trim()
    .split(/([\s\-‐.,،'’‘ʻʼ]+)/u);
  let out = '';
  for (const [i, p] of parts.entries()) {
    if (i % 2 === 1) {
      out += p.replace(/،/gu, ',').replace(/\s+/gu, ' ');
      continue;
    }
    if (!p) continue;
    const w = word(p);
    if (w === null) return null;
    out += w;
  }
  out = out.replace(/\s+/gu, ' ').trim();
  return out && isLatinScript(out) ? out : null;
}
