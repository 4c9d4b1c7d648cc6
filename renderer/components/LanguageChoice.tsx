import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import { locales, type Locale } from '../../core/fields';
import { catalogs } from '../../core/i18n';
import { useLocale } from '../i18n';
import '../styles/language-choice.css';

/**
 * The language, chosen first and in plain sight on the setup screen (issue #11 §8): whoever installs
 * the app may not read the language it guessed. Each choice is named in its own language, and the
 * question is asked in all three, so nobody has to read the current one to find theirs.
 */
export function LanguageChoice() {
  const { locale, setLocale } = useLocale();
  const hintId = useId();
  return (
    <fieldset className="language-choice" aria-describedby={hintId}>
      <legend className="language-choice__legend">
        {locales.map((l, i) => (
          <span key={l} lang={l}>
            {i > 0 ? <span aria-hidden="true"> · </span> : null}
            {catalogs[l]['setup.language']}
          </span>
        ))}
      </legend>
      <div className="language-choice__options">
        {locales.map((l: Locale) => (
          <label key={l} className="language-choice__option" lang={l}>
            <input type="radio" name="app-language" value={l} checked={locale === l} onChange={() => setLocale(l)} />
            <span>{catalogs[l][`language.${l}`]}</span>
          </label>
        ))}
      </div>
      <p className="muted small" id={hintId}>
        <FormattedMessage id="setup.languageHint" />
      </p>
    </fieldset>
  );
}
