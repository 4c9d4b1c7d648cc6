import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormProvider, get, useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { z } from 'zod';
import { ApiError, type MessageRef } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { firstFieldSelector } from '../../components/focus';
import { FormProblems } from '../../components/form-fields';
import { contractResolver, placeServerErrors, type ContractResolverOptions } from '../../contract-form';

/**
 * One small form of the person page: opened by its button, checked with the method's own schema,
 * sent, and closed with "Recorded". Escape closes it only while nothing has been typed; a refusal
 * leaves everything typed in place with the reason beside the field.
 */
export function ActionForm<TForm extends FieldValues, TOut>({
  title,
  intro,
  schema,
  defaults,
  toInput,
  resolverOptions,
  toFormPath,
  send,
  onDone,
  onCancel,
  onReload,
  submitLabel,
  danger = false,
  focusFirst = true,
  cancellable = true,
  children,
}: {
  title: MessageKey;
  intro?: ReactNode;
  schema: z.ZodType<TOut>;
  defaults: DefaultValues<TForm>;
  toInput(values: TForm): unknown;
  resolverOptions?: ContractResolverOptions;
  /** Contract (and server) path to this form's path, where they differ. */
  toFormPath?(path: string): string;
  send(input: TOut): Promise<unknown>;
  onDone(): void;
  onCancel(): void;
  /** A stale-version refusal offers to load the record again (corrections). */
  onReload?(): void;
  submitLabel: MessageKey;
  danger?: boolean;
  /** A form the officer opened takes the focus; one that is always on the page does not. */
  focusFirst?: boolean;
  cancellable?: boolean;
  children: ReactNode;
}) {
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[]; conflict: boolean } | null>(null);
  const form = useForm<TForm, unknown, TOut>({
    resolver: contractResolver(schema, toInput, { ...resolverOptions, ...(toFormPath ? { toFormPath } : {}) }),
    defaultValues: defaults,
  });
  const {
    handleSubmit,
    setError,
    getValues,
    formState: { isSubmitting, isDirty, errors },
  } = form;

  useEffect(() => {
    if (focusFirst) formRef.current?.querySelector<HTMLElement>(firstFieldSelector)?.focus();
  }, [focusFirst]);

  const submit = handleSubmit(
    async (input) => {
      setProblem(null);
      try {
        await send(input);
        onDone();
      } catch (e) {
        // Server paths are the contract's; they are this form's paths where the form has that value.
        const placed = placeServerErrors(e, setError, (serverPath) => {
          const path = toFormPath ? toFormPath(serverPath) : serverPath;
          return get(getValues(), path) !== undefined ? path : null;
        });
        setProblem({ alert: placed.alert, extra: placed.unplaced, conflict: e instanceof ApiError && e.code === 'conflict' });
      }
    },
    () => setProblem({ alert: { key: 'error.validation' }, extra: [], conflict: false }),
  );

  const rootError = (errors as { root?: { message?: string } }).root?.message;
  const shown = problem && !(problem.alert.key === 'error.validation' && Object.keys(errors).length === 0) ? problem : null;

  return (
    <section
      className={`card panel action-panel${danger ? ' action-panel--danger' : ''}`}
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !isDirty && !e.defaultPrevented) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 className="card__title" id={titleId}>
        <FormattedMessage id={title} />
      </h3>
      {intro ? <div className="action-panel__intro">{intro}</div> : null}
      <FormProvider {...form}>
        <form ref={formRef} onSubmit={submit} noValidate className="form">
          {children}
          {rootError && !shown ? <FormProblems alert={{ key: rootError }} /> : null}
          {shown ? <FormProblems alert={rootError && shown.alert.key === 'error.validation' ? { key: rootError } : shown.alert} extra={shown.extra} /> : null}
          {shown?.conflict && onReload ? (
            <div>
              <button type="button" className="button" onClick={onReload}>
                <FormattedMessage id="form.reload" />
              </button>
            </div>
          ) : null}
          <div className="actions">
            {cancellable ? (
              <button type="button" className="button" onClick={onCancel}>
                <FormattedMessage id="common.cancel" />
              </button>
            ) : null}
            <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={isSubmitting}>
              <FormattedMessage id={isSubmitting ? 'form.saving' : submitLabel} />
            </button>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}
