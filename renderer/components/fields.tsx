import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { MessageRef } from '../../core/contract/errors';
import type { MessageKey } from '../../core/i18n';
import { refFromMessage } from '../forms';
import { FormProblems } from './FormProblems';
import { useTranslateRef } from '../i18n';

/** The translated sentence for a form error, whether it came from the browser check or the server. */
export function ErrorText({ error }: { error: FieldError | { message?: string } | undefined }) {
  const translate = useTranslateRef();
  const ref = refFromMessage(error?.message);
  return ref ? <>{translate(ref)}</> : null;
}

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}

interface FieldShellProps {
  id: string;
  label: MessageKey;
  /** Words the label needs that are not in the catalog (a row number). */
  labelValues?: Record<string, string | number>;
  hint?: ReactNode;
  error?: FieldError | undefined;
  children: ReactNode;
  wide?: boolean;
}

/** Under a field: its error (named by `${id}-error`) and its hint (`${id}-hint`), as aria-describedby expects them. */
export function FieldNotes({ id, error, hint }: { id: string; error?: FieldError | { message?: string }; hint?: ReactNode }) {
  return (
    <>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <ErrorText error={error} />
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </>
  );
}

export function FieldShell({ id, label, labelValues, hint, error, children, wide }: FieldShellProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${wide ? ' field--wide' : ''}`}>
      <label htmlFor={id} className="field__label">
        <FormattedMessage id={label} values={labelValues} />
      </label>
      {children}
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'onChange' | 'onBlur' | 'ref'>;

export function TextField({
  label,
  labelValues,
  hint,
  error,
  registration,
  wide,
  ...input
}: {
  label: MessageKey;
  labelValues?: Record<string, string | number>;
  hint?: ReactNode;
  error?: FieldError | undefined;
  registration: UseFormRegisterReturn;
  wide?: boolean;
} & InputProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} labelValues={labelValues} hint={hint} error={error} wide={wide ?? false}>
      <input
        id={id}
        className="input"
        type="text"
        spellCheck={false}
        {...input}
        {...registration}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`)}
      />
    </FieldShell>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'onChange' | 'onBlur' | 'ref'>;

export function SelectField({
  label,
  hint,
  error,
  registration,
  children,
  ...select
}: { label: MessageKey; hint?: ReactNode; error?: FieldError | undefined; registration: UseFormRegisterReturn; children: ReactNode } & SelectProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className="input select"
        {...select}
        {...registration}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`)}
      >
        {children}
      </select>
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'onChange' | 'onBlur' | 'ref'>;

export function TextAreaField({
  label,
  hint,
  error,
  registration,
  wide,
  ...area
}: { label: MessageKey; hint?: ReactNode; error?: FieldError | undefined; registration: UseFormRegisterReturn; wide?: boolean } & TextAreaProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} wide={wide ?? false}>
      <textarea
        id={id}
        className="input textarea"
        rows={3}
        {...area}
        {...registration}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`)}
      />
    </FieldShell>
  );
}

/** One yes/no question: the box and its label are one click target. */
export function CheckboxField({
  label,
  hint,
  error,
  registration,
  disabled,
}: {
  label: MessageKey;
  hint?: ReactNode;
  error?: FieldError | undefined;
  registration: UseFormRegisterReturn;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field field--checkbox${error ? ' field--invalid' : ''}`}>
      <label className="checkbox" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          disabled={disabled}
          {...registration}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`)}
        />
        <span>
          <FormattedMessage id={label} />
        </span>
      </label>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

/** A group of labelled checkboxes (one value each) under one legend, with one error for the group. */
export function CheckboxGroup({
  legend,
  hint,
  error,
  registration,
  options,
}: {
  legend: MessageKey;
  hint?: ReactNode;
  error?: FieldError | undefined;
  registration: UseFormRegisterReturn;
  options: readonly { value: string; label: MessageKey }[];
}) {
  const id = useId();
  return (
    <fieldset className={`field checkbox-group${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`)}>
      <legend className="field__label">
        <FormattedMessage id={legend} />
      </legend>
      <div className="checkbox-group__options">
        {options.map((o, i) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              value={o.value}
              {...registration}
              // The group's error is read out once, from the first box, not on every one.
              aria-invalid={error ? true : undefined}
              aria-describedby={i === 0 ? describedBy(error && `${id}-error`) : undefined}
            />
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

/** The form-level message: announced at once (role=alert), shown above the submit button. */
export function FormAlert({ message }: { message: MessageRef | null }) {
  const translate = useTranslateRef();
  if (!message) return null;
  // "Some fields need attention" names them and takes the user there (issue #11 §5).
  if (message.key === 'error.validation') return <FormProblems alert={message} />;
  return (
    <div role="alert" className="alert alert--error">
      {translate(message)}
    </div>
  );
}
