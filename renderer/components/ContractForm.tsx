import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormProvider, get, useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { MethodName } from '../../core/contract';
import { ApiError, type MessageRef } from '../../core/contract/errors';
import type { MessageKey } from '../../core/i18n';
import { contractResolver, placeServerErrors, type ContractResolverOptions, type DraftOf, type UnknownKeys } from '../contract-form';
import { callMethod, methodSchema, type MethodInput, type MethodOutput, type MethodParsedInput } from '../contract-method';
import { firstFieldSelector } from './focus';
import { FormProblems } from './form-fields';

/** How the frame sits on its page: a card of the person page, or a box inside a card (safeguards). */
const looks = {
  panel: { section: 'card panel action-panel', danger: ' action-panel--danger', title: 'h3', titleClass: 'card__title', intro: 'action-panel__intro', form: 'form', saving: 'form.saving' },
  inset: { section: 'sg-form', danger: ' sg-form--danger', title: 'h4', titleClass: 'sg-form__title', intro: 'sg-form__intro', form: 'form sg-form__body', saving: 'sg.saving' },
} as const;

export interface ContractFormProps<TForm extends FieldValues, K extends MethodName, R extends DraftOf<MethodInput<K>> = DraftOf<MethodInput<K>>> {
  /** The contract method this form calls: its schema checks the form, its types shape `toInput` and `onDone`. */
  method: K;
  title: MessageKey;
  intro?: ReactNode;
  defaults: NoInfer<DefaultValues<TForm>>;
  /** The form's values as the method's input (a key the method does not have does not compile); the method's schema checks the result. */
  toInput(values: TForm): [UnknownKeys<R, MethodInput<K>>] extends [never] ? R : { notInTheContract: UnknownKeys<R, MethodInput<K>> };
  /** Which contract paths are checked now, and checks the server makes that the schema does not. */
  resolverOptions?: Omit<ContractResolverOptions, 'toFormPath' | 'check'>;
  /** Contract (and server) path to this form's field name where they differ; null: no field holds it. */
  toFormPath?(path: string): string | null;
  /** Checks on the form's own values that the contract cannot see (a question left unanswered). */
  check?(values: TForm): { field: string; key: string }[];
  /** After the method answered; a promise (reloading the page) keeps the form busy until it settles. */
  onDone(output: MethodOutput<K>): void | Promise<unknown>;
  onCancel(): void;
  /** A stale-version refusal offers to load the record again (corrections). */
  onReload?(): void;
  submitLabel: MessageKey;
  danger?: boolean;
  /** A form the officer opened takes the focus; one that is always on the page does not. */
  focusFirst?: boolean;
  cancellable?: boolean;
  look?: keyof typeof looks;
  /** true: the children are laid out in the usual field grid. */
  grid?: boolean;
  testId?: string;
  children: ReactNode;
}

/**
 * One small form that calls one contract method: checked in the browser with the method's own schema,
 * sent, and closed. The first field takes the focus; Enter submits; Escape closes it while nothing has
 * been typed. A refusal leaves everything typed in place with the reason beside its field, or in the
 * banner above the buttons when no field of this form holds it (a blocked notice, a stale version).
 */
export function ContractForm<TForm extends FieldValues, K extends MethodName, R extends DraftOf<MethodInput<K>> = DraftOf<MethodInput<K>>>({
  method,
  title,
  intro,
  defaults,
  toInput,
  resolverOptions,
  toFormPath,
  check,
  onDone,
  onCancel,
  onReload,
  submitLabel,
  danger = false,
  focusFirst = true,
  cancellable = true,
  look = 'panel',
  grid = false,
  testId,
  children,
}: ContractFormProps<TForm, K, R>) {
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[]; conflict: boolean } | null>(null);
  const resolver = contractResolver<TForm, MethodParsedInput<K>>(methodSchema(method), toInput, {
    ...resolverOptions,
    ...(toFormPath ? { toFormPath: (p: string) => toFormPath(p) ?? 'root' } : {}),
    ...(check ? { check } : {}),
  });
  const form = useForm<TForm, unknown, MethodParsedInput<K>>({ resolver, defaultValues: defaults });
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
        const output = await callMethod(method, input);
        await onDone(output);
      } catch (e) {
        // Server paths are the contract's; they are this form's paths where the form has that value.
        const placed = placeServerErrors(e, setError, (serverPath) => {
          const path = toFormPath ? toFormPath(serverPath) : serverPath;
          return path !== null && get(getValues(), path) !== undefined ? path : null;
        });
        setProblem({ alert: placed.alert, extra: placed.unplaced, conflict: e instanceof ApiError && e.code === 'conflict' });
      }
    },
    () => setProblem({ alert: { key: 'error.validation' }, extra: [], conflict: false }),
  );

  const rootError = (errors as { root?: { message?: string } }).root?.message;
  // "Check the fields" goes once the fields it named are put right.
  const shown = problem && !(problem.alert.key === 'error.validation' && Object.keys(errors).length === 0) ? problem : null;
  const l = looks[look];
  const Title = l.title;

  return (
    <section
      className={`${l.section}${danger ? l.danger : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !isDirty && !e.defaultPrevented) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <Title className={l.titleClass} id={titleId}>
        <FormattedMessage id={title} />
      </Title>
      {intro ? <div className={l.intro}>{intro}</div> : null}
      <FormProvider {...form}>
        <form ref={formRef} onSubmit={submit} noValidate className={l.form}>
          {grid ? <div className="form-grid">{children}</div> : children}
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
              <FormattedMessage id={isSubmitting ? l.saving : submitLabel} />
            </button>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}
