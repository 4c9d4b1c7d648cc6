import { ar } from './ar';
import { az } from './az';
import { bn } from './bn';
import { en } from './en';
import { fa } from './fa';
import { hi } from './hi';
import { ky } from './ky';
import { ru } from './ru';
import { tg } from './tg';
import { tr } from './tr';
import { ur } from './ur';
import { uz } from './uz';
import { letterTemplateSchema, type LetterTemplate } from './schema';

/**
 * Every letter of rights the app can print. The three approved languages come first, then the drafts
 * (printed with their "needs legal review" warning). A new wording is a new template with a new
 * version; an old version stays here so a letter handed out under it can still be shown and verified.
 */

/** The placeholders an intro carries, each exactly once; nothing else in braces anywhere. */
export const introPlaceholders = ['name', 'facility', 'date'] as const;
export type IntroValues = Record<(typeof introPlaceholders)[number], string>;

function textsOf(t: LetterTemplate): string[] {
  return [t.endonym, t.title, t.intro, ...Object.values(t.items), t.closing, ...Object.values(t.labels)];
}

/** Parses a template and checks what the schema cannot express; throws at module load if it is broken. */
function checked(t: LetterTemplate): LetterTemplate {
  const parsed = letterTemplateSchema.parse(t);
  const where = `rights letter ${parsed.language} ${parsed.version}`;
  for (const p of introPlaceholders) {
    const count = parsed.intro.split(`{${p}}`).length - 1;
    if (count !== 1) throw new Error(`${where}: intro must contain {${p}} exactly once (found ${count})`);
  }
  const leftover = introPlaceholders.reduce((s, p) => s.replace(`{${p}}`, ''), parsed.intro);
  for (const s of [leftover, ...textsOf(parsed).filter((s) => s !== parsed.intro)]) {
    if (/[{}]/.test(s)) throw new Error(`${where}: unexpected brace in "${s}"`);
  }
  return Object.freeze(parsed);
}

function build(list: readonly LetterTemplate[]): readonly LetterTemplate[] {
  const seen = new Set<string>();
  return Object.freeze(
    list.map((t) => {
      const c = checked(t);
      const key = `${c.language}@${c.version}`;
      if (seen.has(key)) throw new Error(`rights letter ${key} is defined twice`);
      seen.add(key);
      return c;
    }),
  );
}

export const letterTemplates: readonly LetterTemplate[] = build([az, en, ru, fa, ar, ur, uz, tg, ky, tr, hi, bn]);

/** Orders versions "YYYY-MM-DD" and "YYYY-MM-DD.N" (a same-day revision; no suffix counts as 0). */
export function compareVersions(a: string, b: string): number {
  const [da = '', na = '0'] = a.split('.');
  const [db = '', nb = '0'] = b.split('.');
  if (da !== db) return da < db ? -1 : 1;
  return Number(na) - Number(nb);
}

/** The template for a language: the given version exactly, or the latest when version is omitted. */
export function pickTemplate(templates: readonly LetterTemplate[], language: string, version?: string): LetterTemplate | undefined {
  const forLanguage = templates.filter((t) => t.language === language);
  if (version !== undefined) return forLanguage.find((t) => t.version === version);
  return forLanguage.reduce<LetterTemplate | undefined>((latest, t) => (latest === undefined || compareVersions(t.version, latest.version) > 0 ? t : latest), undefined);
}

export function findTemplate(language: string, version?: string): LetterTemplate | undefined {
  return pickTemplate(letterTemplates, language, version);
}

/** The languages a letter exists in, in display order, each once. */
export function templateLanguages(): string[] {
  return [...new Set(letterTemplates.map((t) => t.language))];
}

/**
 * The intro with {name}, {facility} and {date} filled in. Values are inserted literally (a "$" or a
 * brace in a name is not interpreted). With `isolate`, each value is wrapped in Unicode bidi isolates
 * (FSI…PDI) so a Latin name or a date keeps its own direction inside a right-to-left letter.
 */
export function fillIntro(template: Pick<LetterTemplate, 'intro'>, values: IntroValues, options: { isolate?: boolean } = {}): string {
  return template.intro.replace(/\{(name|facility|date)\}/g, (_, key: keyof IntroValues) => {
    const v = values[key];
    return options.isolate ? `\u2068${v}\u2069` : v;
  });
}

/** Whether a letter's wording was legally reviewed; what a notification records about the letter handed over. */
export type LetterStatus = 'reviewed' | 'draft';

/** The review status of a letter version, or null when there is no such letter (an oral notification). */
export function letterStatusOf(language: string, version: string | undefined): LetterStatus | null {
  if (version === undefined) return null;
  const t = findTemplate(language, version);
  return t === undefined ? null : t.status === 'approved' ? 'reviewed' : 'draft';
}
