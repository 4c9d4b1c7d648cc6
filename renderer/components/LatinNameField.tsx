import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import { isLatinScript, transliterate } from '../../core/transliterate';
import { FText } from './form-fields';
import '../styles/latin-name.css';

/**
 * "Name in Latin letters" (issue #11 §5): another script pasted here is refused by the contract, so the
 * field shows its error at once, with a transliteration the officer may take (and must check against the
 * document). Text in another script is the person's own name: when "Name in the original script" is still
 * empty, taking the suggestion keeps the pasted text there, and says so beforehand.
 */
export function LatinNameField({ name, originalName, hint }: { name: string; originalName: string; hint?: ReactNode }) {
  const { control, setValue, trigger, setFocus, clearErrors } = useFormContext();
  const value = (useWatch({ control, name }) as string | undefined) ?? '';
  const original = (useWatch({ control, name: originalName }) as string | undefined) ?? '';
  const foreign = value.trim() !== '' && !isLatinScript(value);
  const suggestion = useMemo(() => (foreign ? transliterate(value) : null), [foreign, value]);
  const keepOriginal = foreign && original.trim() === '';
  const labelId = useId();

  // The error appears as soon as the text turns foreign, and goes once it is Latin again, not at "Next".
  const shown = useRef(false);
  useEffect(() => {
    if (foreign || shown.current) void trigger(name);
    shown.current = foreign;
  }, [foreign, name, trigger]);

  const use = () => {
    if (suggestion === null) return;
    if (keepOriginal) setValue(originalName, value.trim(), { shouldDirty: true, shouldValidate: true });
    setValue(name, suggestion, { shouldDirty: true, shouldValidate: true });
    setFocus(name);
  };
  const move = () => {
    setValue(originalName, value.trim(), { shouldDirty: true, shouldValidate: true });
    setValue(name, '', { shouldDirty: true });
    clearErrors(name);
    setFocus(name);
  };

  return (
    <div className="latin-name">
      <FText name={name} label="lbl.person.latin" hint={hint} />
      <div className="latin-suggestion" aria-live="polite">
        {foreign && suggestion !== null ? (
          <>
            <p id={labelId} className="latin-suggestion__value">
              <FormattedMessage id="lbl.person.latinSuggested" />:{' '}
              <strong dir="ltr" translate="no">
                {suggestion}
              </strong>
            </p>
            <p className="field__hint">
              <FormattedMessage id="lbl.person.latinSuggestionCheck" />
              {keepOriginal ? (
                <>
                  {' '}
                  <FormattedMessage id="lbl.person.latinKeepOriginal" />
                </>
              ) : null}
            </p>
            <button type="button" className="button button--small" onClick={use} aria-describedby={labelId}>
              <FormattedMessage id="lbl.person.latinUse" />
            </button>
          </>
        ) : null}
        {foreign && suggestion === null ? (
          <>
            <p className="field__hint">
              <FormattedMessage id="lbl.person.latinNoSuggestion" />
            </p>
            {keepOriginal ? (
              <button type="button" className="button button--small" onClick={move}>
                <FormattedMessage id="lbl.person.latinMoveToOriginal" />
              </button>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
