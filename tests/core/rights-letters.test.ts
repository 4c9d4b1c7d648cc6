import { describe, expect, it } from 'vitest';
import { compareVersions, fillIntro, findTemplate, letterTemplates, pickTemplate, templateLanguages } from '../../core/rights-letters';
import { letterTemplateSchema, type LetterTemplate } from '../../core/rights-letters/schema';
import { rightsItems } from '../../core/safeguards';

/**
 * The letter of rights is the first thing a detained person is handed. A missing right, a placeholder
 * printed raw, a draft passed off as approved or a letter in the wrong script fails that person; these
 * tests catch it before a letter is printed.
 */

const approved = ['az', 'en', 'ru'];
const rtl = ['fa', 'ar', 'ur'];
const all = ['az', 'en', 'ru', 'fa', 'ar', 'ur', 'uz', 'tg', 'ky', 'tr', 'hi', 'bn'];
const endonyms: Record<string, string> = {
  az: 'Azərbaycanca',
  en: 'English',
  ru: 'Русский',
  fa: 'فارسی',
  ar: 'العربية',
  ur: 'اردو',
  uz: 'Oʻzbekcha',
  tg: 'Тоҷикӣ',
  ky: 'Кыргызча',
  tr: 'Türkçe',
  hi: 'हिन्दी',
  bn: 'বাংলা',
};

/** Every visible string of a template, with the intro placeholders taken out. */
function texts(t: LetterTemplate): string[] {
  return [t.title, t.intro, ...Object.values(t.items), t.closing, ...Object.values(t.labels)].map((s) => s.replace(/\{(name|facility|date)\}/g, ''));
}
const joined = (t: LetterTemplate) => texts(t).join('\n');
const template = (language: string): LetterTemplate => {
  const t = findTemplate(language);
  if (!t) throw new Error(`no template for ${language}`);
  return t;
};

describe('rights letter templates', () => {
  it('has exactly the twelve languages, each once, with its endonym', () => {
    expect(templateLanguages().sort()).toEqual([...all].sort());
    expect(letterTemplates).toHaveLength(all.length);
    for (const lang of all) expect(template(lang).endonym).toBe(endonyms[lang]);
  });

  it.each(all)('%s parses against the schema and is the rights letter of version 2026-11-01', (lang) => {
    const t = template(lang);
    expect(() => letterTemplateSchema.parse(t)).not.toThrow();
    expect(t.id).toBe('rights-letter');
    expect(t.language).toBe(lang);
    expect(t.version).toBe('2026-11-01');
  });

  it.each(all)('%s has text for every right and nothing else', (lang) => {
    const t = template(lang);
    expect(Object.keys(t.items).sort()).toEqual([...rightsItems].sort());
    for (const item of rightsItems) expect(t.items[item].trim().length).toBeGreaterThan(10);
  });

  it.each(all)('%s: az, en and ru are approved; every other language is a draft with its own warning', (lang) => {
    const t = template(lang);
    expect(t.status).toBe(approved.includes(lang) ? 'approved' : 'needs_legal_review');
    expect(t.labels.draftWarning.trim()).not.toBe('');
    // The warning is in the letter's own language, not the English sentence copied over.
    if (lang !== 'en') expect(t.labels.draftWarning).not.toBe(template('en').labels.draftWarning);
  });

  it.each(all)('%s is right-to-left exactly when it is Persian, Arabic or Urdu', (lang) => {
    expect(template(lang).direction).toBe(rtl.includes(lang) ? 'rtl' : 'ltr');
  });

  it.each(all)('%s: the intro has {name}, {facility} and {date} once each, and nothing else is in braces', (lang) => {
    const t = template(lang);
    for (const p of ['{name}', '{facility}', '{date}']) expect(t.intro.split(p).length - 1).toBe(1);
    for (const s of texts(t)) expect(s).not.toMatch(/[{}]/);
  });

  it.each(all)('%s: no two rights share the same wording and no text is left in English', (lang) => {
    const t = template(lang);
    expect(new Set(Object.values(t.items)).size).toBe(rightsItems.length);
    if (lang === 'en') return;
    const en = template('en');
    for (const item of rightsItems) expect(t.items[item]).not.toBe(en.items[item]);
    expect(t.title).not.toBe(en.title);
    expect(t.closing).not.toBe(en.closing);
  });
});

describe('rights letter scripts', () => {
  const latin = /\p{Script=Latin}/u;
  const cyrillic = /\p{Script=Cyrillic}/u;
  const arabic = /\p{Script=Arabic}/u;
  const devanagari = /\p{Script=Devanagari}/u;
  const bengali = /\p{Script=Bengali}/u;
  const scriptOf: Record<string, RegExp> = {
    az: latin,
    en: latin,
    tr: latin,
    uz: latin,
    ru: cyrillic,
    tg: cyrillic,
    ky: cyrillic,
    fa: arabic,
    ar: arabic,
    ur: arabic,
    hi: devanagari,
    bn: bengali,
  };
  const others = [latin, cyrillic, arabic, devanagari, bengali];

  it.each(all)('%s: every string is written in its script and in no other', (lang) => {
    const own = scriptOf[lang]!;
    for (const s of texts(template(lang))) {
      expect(s, s).toMatch(own);
      for (const other of others) if (other !== own) expect(s, `${lang}: ${s}`).not.toMatch(other);
    }
  });

  it('Arabic-script letters carry no Latin words outside the placeholders', () => {
    for (const lang of rtl) {
      const intro = template(lang).intro;
      expect(intro.match(/\p{Script=Latin}+/gu)?.sort()).toEqual(['date', 'facility', 'name']);
      expect(joined(template(lang))).not.toMatch(/[A-Za-z]/);
    }
  });

  it('each language uses the letters that tell it apart from its neighbours', () => {
    // Azerbaijani schwa; Turkish dotless i without Azerbaijani schwa.
    expect(joined(template('az'))).toMatch(/ə/);
    expect(joined(template('az'))).toMatch(/[ğış]/);
    expect(joined(template('tr'))).toMatch(/ı/);
    expect(joined(template('tr'))).not.toMatch(/[əƏ]/);
    // Uzbek oʻ and gʻ with the modifier letter turned comma, not a quote or backtick.
    expect(joined(template('uz'))).toMatch(/[oOgG]\u02BB/);
    expect(joined(template('uz'))).not.toMatch(/[oOgG]['`‘’]/);
    // Tajik and Kyrgyz letters that Russian lacks; Russian has none of them.
    expect(joined(template('tg'))).toMatch(/[ҳҷӣӯқғ]/);
    expect(joined(template('ky'))).toMatch(/[ңөү]/);
    expect(joined(template('ru'))).not.toMatch(/[ҳҷӣӯқғңөүә]/);
    // Persian and Urdu letters that Arabic lacks; Urdu's own letters.
    expect(joined(template('fa'))).toMatch(/[پچژگ]/);
    expect(joined(template('ur'))).toMatch(/[ےںٹڈڑھ]/);
    expect(joined(template('ar'))).not.toMatch(/[پچژگےںٹڈڑ]/);
  });

  it('the approved letters cite the law in its own terms', () => {
    expect(template('az').intro).toContain('Azərbaycan Respublikasının Miqrasiya Məcəlləsinin 74.5-ci maddəsi');
    expect(template('az').items.legal_aid).toContain('Konstitusiyanın 61-ci maddəsi');
    expect(template('az').items.ombudsman).toContain('İnsan hüquqları üzrə müvəkkil (Ombudsman)');
    expect(template('ru').intro).toContain('74.5 Миграционного кодекса Азербайджанской Республики');
    expect(template('ru').items.legal_aid).toContain('статья 61 Конституции');
    expect(template('ru').items.ombudsman).toContain('Уполномоченный по правам человека (омбудсман)');
    expect(template('en').intro).toContain('Article 74.5 of the Migration Code');
  });
});

describe('findTemplate', () => {
  it('finds a language at its version, and the latest when no version is given', () => {
    expect(findTemplate('az', '2026-11-01')?.language).toBe('az');
    expect(findTemplate('ru')?.version).toBe('2026-11-01');
  });

  it('returns undefined for an unknown language or version', () => {
    expect(findTemplate('xx')).toBeUndefined();
    expect(findTemplate('')).toBeUndefined();
    expect(findTemplate('EN')).toBeUndefined();
    expect(findTemplate('en', '1999-01-01')).toBeUndefined();
    expect(findTemplate('en', '2026-11-01.1')).toBeUndefined();
    expect(findTemplate('xx', '2026-11-01')).toBeUndefined();
  });

  it('orders same-day revisions numerically and picks the latest', () => {
    expect(compareVersions('2026-11-01', '2026-11-01.1')).toBeLessThan(0);
    expect(compareVersions('2026-11-01.2', '2026-11-01.10')).toBeLessThan(0);
    expect(compareVersions('2027-01-01', '2026-12-31.9')).toBeGreaterThan(0);
    expect(compareVersions('2026-11-01', '2026-11-01')).toBe(0);
    const en = template('en');
    const versions = ['2026-11-01.2', '2027-01-01', '2026-11-01.10', '2026-11-01'];
    const list = versions.map((version) => ({ ...en, version }));
    expect(pickTemplate(list, 'en')?.version).toBe('2027-01-01');
    expect(pickTemplate(list.slice(0, 1).concat(list.slice(2)), 'en')?.version).toBe('2026-11-01.10');
    expect(pickTemplate(list, 'en', '2026-11-01.2')?.version).toBe('2026-11-01.2');
    expect(pickTemplate(list, 'ru')).toBeUndefined();
  });
});

describe('fillIntro', () => {
  const values = { name: 'Ali Rezaei', facility: 'Yevlax Centre', date: '2026-11-23' };

  it.each(all)('%s: fills every placeholder and leaves no braces', (lang) => {
    const out = fillIntro(template(lang), values);
    expect(out).not.toMatch(/[{}]/);
    for (const v of Object.values(values)) expect(out).toContain(v);
  });

  it('fills the English intro word for word', () => {
    expect(fillIntro(template('en'), values)).toBe(
      'Ali Rezaei, you have been placed in Yevlax Centre on 2026-11-23. Under Article 74.5 of the Migration Code of the Republic of Azerbaijan you must be told at once why you are held and what your rights are. This letter is yours to keep.',
    );
  });

  it('inserts values literally, never as replacement patterns or further placeholders', () => {
    const out = fillIntro({ intro: '{name} / {facility} / {date}' }, { name: "$& $1 $$ $'", facility: '{date}', date: '{name}' });
    expect(out).toBe("$& $1 $$ $' / {date} / {name}");
  });

  it('can isolate values for a right-to-left letter', () => {
    const out = fillIntro(template('ar'), values, { isolate: true });
    expect(out).toContain('\u2068Ali Rezaei\u2069');
    expect(out).toContain('\u20682026-11-23\u2069');
  });
});
