import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { locales, type Locale } from '../../core/fields';
import type { MessageKey } from '../../core/i18n';
import { useLocale } from '../i18n';

const languageName: Record<Locale, MessageKey> = { az: 'language.az', en: 'language.en', ru: 'language.ru' };

/** Each language is named in itself, so a person who cannot read the current one still finds theirs. */
export function LanguageSwitcher() {
  const { locale, setLocale } = useLocale();
  const id = useId();
  const intl = useIntl();
  return (
    <div className="language">
      <label htmlFor={id} className="language__label">
        <FormattedMessage id="language.label" />
      </label>
      <select id={id} className="input select language__select" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {intl.formatMessage({ id: languageName[l] })}
          </option>
        ))}
      </select>
    </div>
  );
}
