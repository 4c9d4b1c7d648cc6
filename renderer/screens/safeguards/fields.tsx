import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';
import { describedBy, ErrorText, FieldNotes } from '../../components/fields';
import { useFieldError } from '../../components/form-fields';

/* The safeguards forms' own fields: a few choices as radio buttons, and a checklist with an "all" switch. */

/** One choice among a few, as radio buttons under a legend (arrow keys move between them). */
export function FRadios({ name, legend, options, hint }: { name: string; legend: MessageKey; options: readonly { value: string; label: MessageKey }[]; hint?: ReactNode }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = useId();
  return (
    <fieldset className={`field sg-radios${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`)}>
      <legend className="field__label">
        <FormattedMessage id={legend} />
      </legend>
      <div className="sg-radios__options">
        {options.map((o, i) => (
          <label key={o.value} className="checkbox">
            <input type="radio" value={o.value} {...register(name)} aria-describedby={i === 0 ? describedBy(error && `${id}-error`) : undefined} />
            <span>
              <FormattedMessage id={o.label} />
            </span>
          </label>
        ))}
      </div>
      <FieldNotes id={id} error={error} hint={hint} />
    </fieldset>
  );
}

/** A checklist of values with one "all" switch; the group's error is read from its first box. */
export function FChecklist({ name, legend, allLabel, options }: { name: string; legend: MessageKey; allLabel: MessageKey; options: readonly { value: string; label: MessageKey }[] }) {
  const { register, setValue, watch } = useFormContext();
  const error = useFieldError(name);
  const id = useId();
  const chosen = (watch(name) as string[] | undefined) ?? [];
  const all = options.every((o) => chosen.includes(o.value));
  const some = !all && chosen.length > 0;
  const allRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);
  return (
    <fieldset className={`field sg-checklist${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(error && `${id}-error`)}>
      <legend className="field__label">
        <FormattedMessage id={legend} />
      </legend>
      <label className="checkbox sg-checklist__all">
        <input ref={allRef} type="checkbox" checked={all} onChange={(e) => setValue(name, e.target.checked ? options.map((o) => o.value) : [], { shouldDirty: true, shouldValidate: !!error })} />
        <span>
          <FormattedMessage id={allLabel} />
        </span>
      </label>
      <div className="sg-checklist__options">
        {options.map((o, i) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" value={o.value} {...register(name)} aria-invalid={error ? true : undefined} aria-describedby={i === 0 ? describedBy(error && `${id}-error`) : undefined} />
            <span>
              <FormattedMessage id={o.label} />
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <ErrorText error={error} />
        </p>
      ) : null}
    </fieldset>
  );
}
