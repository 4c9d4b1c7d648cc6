import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { MessageRef } from '../core/contract/errors';
import { locales, type Locale } from '../core/fields';
import { catalogs, defaultLocale, type MessageKey } from '../core/i18n';

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

/** Shown in the facility's zone whatever the computer's clock says (domain: Azerbaijan, UTC+4). */
export const facilityTimeZone = 'Asia/Baku';

function storedLocale(): Locale {
  try {
    const v = window.localStorage.getItem(storageKey);
    if (v && (locales as readonly string[]).includes(v)) return v as Locale;
  } catch {
    // Storage may be unavailable (privacy settings); the default language still works.
  }
  return defaultLocale;
}

const LocaleContext = createContext<{ locale: Locale; setLocale(l: Locale): void }>({
  locale: defaultLocale,
  setLocale: () => undefined,
});

export function useLocale() {
  return useContext(LocaleContext);
}

export function LocaleProvider({ children, timeZone = facilityTimeZone }: { children: ReactNode; timeZone?: string }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
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
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
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
      isMessageKey(ref.key)
        ? intl.formatMessage({ id: ref.key }, ref.params ?? {})
        : intl.formatMessage({ id: 'app.unexpectedError' }),
    [intl],
  );
}
