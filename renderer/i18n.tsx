import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { MessageRef } from '../core/contract/errors';
import { locales, type Locale } from '../core/fields';
import { catalogs, defaultLocale, type MessageKey } from '../core/i18n';
import { browserLanguages, localeFromLanguages } from './first-locale';

declare global {
  namespace FormatjsIntl {
    // Every <FormattedMessage id> and formatMessage({id}) is checked against the English catalog,
    // which the az and ru catalogs must match key for key.
    interface Message {
      ids: MessageKey;
    }
  }
}

const storageKey = 'qeyd.locale';

/**
 * Before sign-in nothing says which zone the facility keeps; Azerbaijan's is the fallback. Once signed
 * in, the session's zone (a setting) governs every instant on screen, whatever the computer's clock says.
 */
export const fallbackTimeZone = 'Asia/Baku';

/**
 * The language a screen opens in: the one the user chose before (remembered on this computer), else
 * the first of the browser's or system's languages the app speaks, else Azerbaijani (issue #11 §8).
 * Only a choice is remembered, so a computer whose language changes is followed until someone chooses.
 */
function initialLocale(): Locale {
  try {
    const v = window.localStorage.getItem(storageKey);
    if (v && (locales as readonly string[]).includes(v)) return v as Locale;
  } catch {
    // Storage may be unavailable (privacy settings); the browser's language still works.
  }
  return localeFromLanguages(browserLanguages(typeof navigator === 'undefined' ? undefined : navigator)) ?? defaultLocale;
}

interface LocaleState {
  locale: Locale;
  setLocale(l: Locale): void;
  timeZone: string;
  setTimeZone(tz: string): void;
}

const LocaleContext = createContext<LocaleState>({
  locale: defaultLocale,
  setLocale: () => undefined,
  timeZone: fallbackTimeZone,
  setTimeZone: () => undefined,
});

export function useLocale() {
  return useContext(LocaleContext);
}

export function LocaleProvider({ children, timeZone: initialZone = fallbackTimeZone }: { children: ReactNode; timeZone?: string }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [timeZone, setTimeZone] = useState(initialZone);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      window.localStorage.setItem(storageKey, l);
    } catch {
      // Not remembered across restarts, but the switch still applies now.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = catalogs[locale]['app.title'] ?? 'Qeyd';
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, timeZone, setTimeZone }), [locale, setLocale, timeZone]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={catalogs[locale]} defaultLocale={defaultLocale} timeZone={timeZone} onError={reportIntlError}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

function reportIntlError(err: Error): void {
  // A missing message is a bug the catalog test should have caught; say so loudly in development only.
  if (import.meta.env?.DEV) console.error(err);
}

/** The facility's zone, for code that formats or converts instants outside <Instant>. */
export function useTimeZone(): string {
  return useContext(LocaleContext).timeZone;
}

/**
 * "A, B and C" in the interface language. Chromium has no Azerbaijani list patterns (it writes "and"),
 * so the last joint comes from the catalogs.
 */
export function useListFormat() {
  const intl = useIntl();
  return useCallback(
    (items: readonly string[]): string => {
      if (items.length <= 1) return items[0] ?? '';
      return intl.formatMessage({ id: 'list.last' }, { rest: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
    },
    [intl],
  );
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(catalogs.en, key);
}

/**
 * Server-sent keys are plain strings; an unknown one (a newer backend) shows a generic sentence
 * rather than a raw key.
 */
export function useTranslateRef() {
  const intl = useIntl();
  return useCallback(
    (ref: MessageRef | { key: string; params?: Record<string, string | number> | undefined }) =>
      isMessageKey(ref.key) ? intl.formatMessage({ id: ref.key }, ref.params ?? {}) : intl.formatMessage({ id: 'app.unexpectedError' }),
    [intl],
  );
}
