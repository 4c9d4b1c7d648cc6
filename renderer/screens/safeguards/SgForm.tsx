import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormProvider, get, useForm, useFormContext, type DefaultValues, type FieldError, type FieldValues, type Resolver } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { z } from 'zod';
import type { MessageRef } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { describedBy, ErrorText, FieldNotes } from '../../components/fields';
import { firstFieldSelector } from '../../components/focus';
import { FormProblems, useFieldError } from '../../components/form-fields';
import { contractResolver, placeServerErrors } from '../../contract-form';

/**
 * One small safeguards form, opened inside its card: checked in the browser with the method's own
 * schema, sent, closed. The first field takes the focus; Enter submits; Escape closes it while nothing
 * has been typed. A refusal keeps what was typed and puts the translated reason beside its field (or
 * above the buttons when it is about the whole record, such as a blocked consular notice).
 */
export function SgForm<TForm extends FieldValues, TOut>({
  title,
  intro,
  schema,
  defaults,
  toInput,
  toFormPath,
  check,
  send,
  onDone,
  onCancel,
  submitLabel,
  danger = false,
  testId,
  children,
}: {
  title: MessageKey;
  intro?: ReactNode;
  schema: z.ZodType<TOut>;
  defaults: DefaultValues<TForm>;
  toInput(values: TForm): unknown;
  /** Contract (and server) path to this form's field name, or null when no field holds it. */
  toFormPath?(path: string): string | null;
  /** Checks on the form's own values that the contract cannot see (a question left unanswered). */
  check?(values: TForm): { field: string; key: string }[];
  send(input: TOut): Promise<unknown>;
  onDone(): void;
  onCancel(): void;
  submitLabel: MessageKey;
  danger?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[] } | null>(null);
  const mapPath = (p: string) => (toFormPath ? toFormPath(p) : p);
  const base = contractResolver<TForm, TOut>(schema, toInput, { toFormPath: (p) => mapPath(p) ?? 'root' });
  const resolver: Resolver<TForm, unknown, TOut> = async (values, context, options) => {
    const result = await base(values, context, options);
    const more = check?.(values) ?? [];
    if (!more.length) return result;
    const errors: Record<string, FieldError> = { ...(result.errors as Record<string, FieldError>) };
    for (const m of more) errors[m.field] ??= { type: 'custom', message: m.key };
    return { values: {}, errors: errors as never };
  };
  const form = useForm<TForm, unknown, TOut>({ resolver, defaultValues: defaults });
  const {
    handleSubmit,
    setError,
    getValues,
    formState: { isSubmitting, isDirty, errors },
  } = form;

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>(firstFieldSelector)?.focus();
  }, []);

  const submit = handleSubmit(
    async (input) => {
      setProblem(null);
      try {
        await send(input);
        onDone();
      } catch (e) {
        const placed = placeServerErrors(e, setError, (serverPath) => {
          const path = mapPath(serverPath);
          return path !== null && get(getValues(), path) !== undefined ? path : null;
        });
        setProblem({ alert: placed.alert, extra: placed.unplaced });
      }
    },
    () => setProblem({ alert: { key: 'error.validation' }, extra: [] }),
  );
  const rootError = (errors as { root?: { message?: string } }).root?.message;

  return (
    <section
      className={`sg-form${danger ? ' sg-form--danger' : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !isDirty && !e.defaultPrevented) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h4 className="sg-form__title" id={titleId}>
        <FormattedMessage id={title} />
      </h4>
      {intro ? <div className="sg-form__intro">{intro}</div> : null}
      <FormProvider {...form}>
        <form ref={formRef} onSubmit={submit} noValidate className="form sg-form__body">
          {children}
          {problem ? <FormProblems alert={rootError && problem.alert.key === 'error.validation' ? { key: rootError } : problem.alert} extra={problem.extra} /> : null}
          <div className="actions">
            <button type="button" className="button" onClick={onCancel}>
              <FormattedMessage id="common.cancel" />
            </button>
            <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={isSubmitting}>
              <FormattedMessage id={isSubmitting ? 'sg.saving' : submitLabel} />
            </button>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}

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
