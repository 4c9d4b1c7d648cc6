import { locales, type Locale } from '../core/fields';

/**
 * The app's language for a browser's (or the system's) preferred languages: the first that the app
 * speaks, by primary subtag ("en-GB" → en, "ru-RU" → ru, "az-Latn-AZ" → az), or null when none is.
 *
 * In Electron the system's languages reach the renderer the same way: Chromium fills
 * navigator.languages from the operating system's locale, so one rule serves the desktop app and the
 * web preview (issue #11 §8).
 */
export function localeFromLanguages(languages: readonly string[]): Locale | null {
  for (const tag of languages) {
    const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
    if ((locales as readonly string[]).includes(primary)) return primary as Locale;
  }
  return null;
}

/** What the browser asks for, as far as it says; an old or odd environment may only give navigator.language. */
export function browserLanguages(nav: Pick<Navigator, 'languages' | 'language'> | undefined): readonly string[] {
  if (!nav) return [];
  if (Array.isArray(nav.languages) && nav.languages.length > 0) return nav.languages as readonly string[];
  return nav.language ? [nav.language] : [];
}
