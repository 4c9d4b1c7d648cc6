import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Controller, get, useFormContext, useFormState, type FieldError } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../core/i18n';
import type { Option } from '../places';
import { DateTimeField } from './DateTimeField';
import { CheckboxField, describedBy, ErrorText, FieldNotes, SelectField, TextAreaField, TextField } from './fields';
import { MultiSelect } from './MultiSelect';

/**
 * Fields that find their form through react-hook-form's context: a register form names each input by
 * its contract path and nothing else, so the many small forms of the person page stay short.
 */
/** The field's error in the form's state, wherever in the form the field sits. */
export function useFieldError(name: string): FieldError | undefined {
  const { errors } = useFormState({ name });
  const error: FieldError | undefined = get(errors, name);
  return error;
}

interface Common {
  name: string;
  label: MessageKey;
  hint?: ReactNode;
  wide?: boolean;
}

export function FText({
  name,
  label,
  hint,
  wide,
  labelValues,
  ...rest
}: Common & {
  labelValues?: Record<string, string | number>;
  autoComplete?: string;
  dir?: string;
  lang?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
  autoFocus?: boolean;
}) {
  const { register } = useFormContext();
  return <TextField label={label} labelValues={labelValues} hint={hint} wide={wide} error={useFieldError(name)} registration={register(name)} autoComplete="off" {...rest} />;
}

export function FTextArea({ name, label, hint, wide, dir, rows }: Common & { dir?: string; rows?: number }) {
  const { register } = useFormContext();
  return <TextAreaField label={label} hint={hint} wide={wide ?? true} error={useFieldError(name)} registration={register(name)} dir={dir} rows={rows} />;
}

/** A facility wall-clock time ("2026-12-07T08:30"), shown in the app's language on a 24-hour clock. */
export function FDateTime({ name, label, hint, wide }: Common) {
  return <FDateBox name={name} label={label} hint={hint} wide={wide} kind="datetime" />;
}

/** A calendar date ("2026-12-07"), shown in the app's language. */
export function FDate({ name, label, hint, wide }: Common) {
  return <FDateBox name={name} label={label} hint={hint} wide={wide} kind="date" />;
}

function FDateBox({ name, label, hint, wide, kind }: Common & { kind: 'datetime' | 'date' }) {
  const { control } = useFormContext();
  const error = useFieldError(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <DateTimeField
          label={label}
          hint={hint}
          wide={wide}
          kind={kind}
          error={error}
          value={field.value as string | undefined}
          onChange={field.onChange}
          onBlur={field.onBlur}
          focusRef={field.ref}
          isDisabled={field.disabled}
        />
      )}
    />
  );
}

export function FNumber({ name, label, hint, min, max, step }: Common & { min?: number; max?: number; step?: number | 'any' }) {
  const { register } = useFormContext();
  return (
    <TextField
      label={label}
      hint={hint}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      step={step}
      error={useFieldError(name)}
      registration={register(name, { setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? undefined : Number(v)) })}
    />
  );
}

export function FCheckbox({ name, label, hint }: Omit<Common, 'wide'>) {
  const { register } = useFormContext();
  return <CheckboxField label={label} hint={hint} error={useFieldError(name)} registration={register(name)} />;
}

/** A choice among labelled values; `keys` are catalog keys, `options` already-translated names. */
export function FSelect({
  name,
  label,
  hint,
  keys,
  options,
  placeholder = true,
}: Common & { keys?: readonly { value: string; label: MessageKey }[]; options?: readonly Option[]; placeholder?: boolean }) {
  const { register } = useFormContext();
  const intl = useIntl();
  return (
    <SelectField label={label} hint={hint} error={useFieldError(name)} registration={register(name)}>
      {placeholder ? <option value="">{intl.formatMessage({ id: 'form.choose' })}</option> : null}
      {keys?.map((k) => (
        <option key={k.value} value={k.value}>
          {intl.formatMessage({ id: k.label })}
        </option>
      ))}
      {options?.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}

export function FMulti({ name, label, hint, options, allowCustom, max, labelOf }: Common & { options: readonly Option[]; allowCustom?: boolean; max?: number; labelOf?(v: string): string }) {
  const { control } = useFormContext();
  const error = useFieldError(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <MultiSelect
          ref={field.ref}
          label={label}
          hint={hint}
          error={error}
          value={(field.value as string[] | undefined) ?? []}
          onChange={field.onChange}
          onBlur={field.onBlur}
          options={options}
          allowCustom={allowCustom}
          max={max}
          labelOf={labelOf}
        />
      )}
    />
  );
}

/** A titled group of fields inside a form (a fieldset, so its legend names every field in it). */
export function Section({ title, children, columns = true, hint }: { title: MessageKey; children: ReactNode; columns?: boolean; hint?: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend className="form-section__title">
        <FormattedMessage id={title} />
      </legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {columns ? <div className="form-grid">{children}</div> : children}
    </fieldset>
  );
}

/** The form-level message, naming the fields that need attention (FormProblems.tsx). */
export { FormProblems } from './FormProblems';

/** One choice among a few, as radio buttons under a legend (arrow keys move between them). */
export function FRadios({
  name,
  legend,
  options,
  hint,
  stacked = false,
}: {
  name: string;
  legend: MessageKey;
  options: readonly { value: string; label: MessageKey; hint?: MessageKey }[];
  hint?: ReactNode;
  /** One under another, each with room for its own hint (the intake's longer choices); otherwise in a row. */
  stacked?: boolean;
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = useId();
  return (
    <fieldset className={`field radios${stacked ? '' : ' radios--inline'}${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`)}>
      <legend className="field__label">
        <FormattedMessage id={legend} />
      </legend>
      <div className="radios__options">
        {options.map((o, i) => (
          <label key={o.value} className="checkbox radio">
            <input type="radio" value={o.value} {...register(name)} aria-describedby={i === 0 ? describedBy(error && `${id}-error`) : undefined} />
            <span>
              <FormattedMessage id={o.label} />
              {o.hint ? (
                <span className="radio__hint">
                  <FormattedMessage id={o.hint} />
                </span>
              ) : null}
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
