import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm, useWatch, type Control, type FieldErrors } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { contract } from '../../../core/contract';
import { ApiError, type MessageRef } from '../../../core/contract/errors';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { FormProblems } from '../../components/form-fields';
import { contractResolver, placeServerErrors } from '../../contract-form';
import { callMethod, methodSchema } from '../../contract-method';
import { nowLocalInput } from '../../datetime';
import { setFlash } from '../../flash';
import { useTimeZone } from '../../i18n';
import { href, navigate, replaceAddress } from '../../routes';
import { formatInstant } from '../../time';
import { blankIntake, dateIssues, intakeFormPath, stepOf, steps, toIntakeInput, type DuplicateMatchView, type IntakeValues, type Mode, type Step } from './model';
import { AdmissionStep, ApprehensionStep, DocumentsStep, PersonStep, ReviewStep } from './steps';

const stepLabel: Record<Step, MessageKey> = {
  person: 'intake.step.person',
  documents: 'intake.step.documents',
  apprehension: 'intake.step.apprehension',
  admission: 'intake.step.admission',
  review: 'intake.step.review',
};

interface DraftData {
  version: 1;
  step: Step;
  reached: number;
  values: IntakeValues;
}

function isDraftData(d: Record<string, unknown>): d is Record<string, unknown> & DraftData {
  return d.version === 1 && typeof d.values === 'object' && d.values !== null && steps.includes(d.step as Step);
}

/** A new intake, or a draft being continued (its address names it, so a reload comes back to it). */
export function IntakeWizard({ draftId }: { draftId: string | null }) {
  const zone = useTimeZone();
  const draft = useQuery({
    queryKey: ['draft', draftId],
    queryFn: () => api.drafts.get({ draftId: draftId! }),
    enabled: draftId !== null,
    staleTime: Infinity,
    gcTime: 0,
  });
  if (draftId === null) return <WizardForm initial={{ version: 1, step: 'person', reached: 0, values: blankIntake(nowLocalInput(zone)) }} draftId={null} savedAt={null} />;
  if (draft.isError) {
    return (
      <>
        <h1 className="page-title">
          <FormattedMessage id="intake.title" />
        </h1>
        <div className="alert alert--error" role="alert">
          <FormattedMessage id="intake.draftMissing" />
        </div>
        <p className="actions actions--start">
          <a className="button" href={href({ name: 'intake' })}>
            <FormattedMessage id="intake.backToStart" />
          </a>
        </p>
      </>
    );
  }
  if (!draft.data) {
    return (
      <p className="muted" role="status">
        <FormattedMessage id="app.loading" />
      </p>
    );
  }
  const data = draft.data.data;
  // Values saved by an older form are merged over a blank one, so a field added since is never undefined.
  const blank = blankIntake(nowLocalInput(zone));
  const initial: DraftData = isDraftData(data)
    ? { ...data, values: { ...blank, ...data.values, person: { ...blank.person, ...data.values.person }, admission: { ...blank.admission, ...data.values.admission } } }
    : { version: 1, step: 'person', reached: 0, values: blank };
  return <WizardForm initial={initial} draftId={draft.data.draftId} savedAt={draft.data.updatedAt} />;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; error: MessageRef };

/** Autosave: a second after the last keystroke the draft goes to the encrypted store. */
function useDraftAutosave(getData: () => DraftData, initialId: string | null, savedAt: string | null, onFirstSave: (draftId: string) => void) {
  const idRef = useRef<string | null>(initialId);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const stopped = useRef(false);
  const [state, setState] = useState<SaveState>(savedAt ? { kind: 'saved', at: savedAt } : { kind: 'idle' });

  const save = useCallback(async (): Promise<void> => {
    if (stopped.current) return;
    if (inFlight.current) {
      // One save at a time, so the first one's new draft id is used by the next (no twin drafts).
      again.current = true;
      return inFlight.current;
    }
    const data = getData();
    const names = data.values.existingPerson ? data.values.existingPerson.nameLatin : data.values.person.names.latin.trim() || data.values.person.names.original.trim();
    setState({ kind: 'saving' });
    inFlight.current = (async () => {
      try {
        const res = await api.drafts.save({
          ...(idRef.current ? { draftId: idRef.current } : {}),
          kind: 'intake',
          title: names.slice(0, 200),
          data: data as unknown as Record<string, unknown>,
        });
        const first = idRef.current === null;
        idRef.current = res.draftId;
        if (first) onFirstSave(res.draftId);
        setState({ kind: 'saved', at: res.updatedAt });
      } catch (e) {
        setState({ kind: 'failed', error: e instanceof ApiError ? { key: e.messageKey } : { key: 'app.unexpectedError' } });
      } finally {
        inFlight.current = null;
      }
      if (again.current && !stopped.current) {
        again.current = false;
        await save();
      }
    })();
    return inFlight.current;
  }, [getData, onFirstSave]);

  const schedule = useCallback(() => {
    if (stopped.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void save();
    }, 1000);
  }, [save]);

  /** Saves what is pending now (leaving the page, or before the intake itself is sent). */
  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
      await save();
    } else if (inFlight.current) await inFlight.current;
  }, [save]);

  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      // Leaving the wizard inside the app (another menu item) keeps what was typed.
      void flush();
    };
  }, [flush]);

  return { state, schedule, flush, stop, idRef, save };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The duplicate check runs as names and the birth date are typed, and again on the review step, where
 * the documents typed since also find a person holding the same number (docs/name-matching.md).
 */
function useDuplicateCheck(control: Control<IntakeValues, unknown, unknown>) {
  const [original, latin, aliases, birthMode, birthDate, nationalities, existing, documents] = useWatch({
    control,
    name: ['person.names.original', 'person.names.latin', 'person.names.aliases', 'person.birthMode', 'person.birth.date', 'person.nationalities', 'existingPersonId', 'documents'],
  });
  const documentNumbers = useMemo(
    () =>
      (documents ?? [])
        .map((d) => `${d.series ?? ''}${d.number ?? ''}`.trim())
        .filter((n) => n.length > 0 && n.length <= 80)
        .slice(0, 5),
    [documents],
  );
  const query = useMemo(() => {
    const o = (original ?? '').trim();
    const l = (latin ?? '').trim();
    if (!o || !l || existing) return null;
    return {
      names: { original: o, latin: l, aliases: (aliases ?? []).map((a) => a.value.trim()).filter(Boolean) },
      ...(birthMode !== 'unknown' && /^\d{4}-\d{2}-\d{2}$/.test(birthDate ?? '') ? { birthDate } : {}),
      nationalities: nationalities ?? [],
    };
  }, [original, latin, aliases, birthMode, birthDate, nationalities, existing]);
  const debounced = useDebounced(query, 600);
  const key = debounced ? JSON.stringify(debounced) : null;
  const numbers = useDebounced(documentNumbers, 600);
  const local = useQuery({
    queryKey: ['duplicates', key, numbers.join('\n')],
    queryFn: () => api.intake.checkDuplicates({ ...debounced!, documentNumbers: numbers }),
    enabled: debounced !== null,
    staleTime: 0,
  });
  // HQ across every facility, beside the local check: answers within seconds or says "not checked nationally".
  const national = useQuery({
    queryKey: ['national', key],
    queryFn: () => api.national.check(debounced!),
    enabled: debounced !== null,
    staleTime: 60_000,
  });
  return [local, national] as const;
}

function firstErrorPath(errors: FieldErrors, prefix = ''): string | null {
  for (const [k, v] of Object.entries(errors)) {
    if (!v || typeof v !== 'object' || k === 'ref') continue;
    const path = prefix ? `${prefix}.${k}` : k;
    const leaf = v as { type?: unknown; message?: unknown };
    if (typeof leaf.type === 'string' && 'message' in leaf) return path;
    const inner = firstErrorPath(v as FieldErrors, path);
    if (inner) return inner;
  }
  return null;
}

function WizardForm({ initial, draftId, savedAt }: { initial: DraftData; draftId: string | null; savedAt: string | null }) {
  const zone = useTimeZone();
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [step, setStepState] = useState<Step>(initial.step);
  const [reached, setReached] = useState(initial.reached);
  const stepRef = useRef<Step>(initial.step);
  const modeRef = useRef<Mode>('check');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[]; goto: Step | null } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const stepsLabelId = useId();

  const resolver = useMemo(
    () =>
      contractResolver<IntakeValues, unknown>(contract.intake.submit.input, (v) => toIntakeInput(v, zone, modeRef.current), {
        only: (p) => stepRef.current === 'review' || stepOf(intakeFormPath(p)) === stepRef.current,
        toFormPath: intakeFormPath,
        extra: (input) => dateIssues(input, Date.now(), zone),
      }),
    [zone],
  );
  const form = useForm<IntakeValues, unknown, unknown>({ resolver, defaultValues: initial.values, shouldFocusError: true });
  const { handleSubmit, getValues, setValue, setError, setFocus, trigger, control, formState } = form;

  const getData = useCallback((): DraftData => ({ version: 1, step: stepRef.current, reached, values: getValues() }), [getValues, reached]);
  const onFirstSave = useCallback((newId: string) => replaceAddress({ name: 'intakeDraft', draftId: newId }), []);
  const autosave = useDraftAutosave(getData, draftId, savedAt, onFirstSave);

  useEffect(() => {
    const sub = form.watch(() => autosave.schedule());
    return () => sub.unsubscribe();
  }, [form, autosave]);

  const setStep = useCallback(
    (next: Step, focusPath?: string) => {
      stepRef.current = next;
      setStepState(next);
      setReached((r) => Math.max(r, steps.indexOf(next)));
      autosave.schedule();
      // After the new step renders: the field to fix, or else the step's heading.
      setTimeout(() => {
        if (focusPath) setFocus(focusPath as never, { shouldSelect: false });
        else {
          window.scrollTo(0, 0);
          headingRef.current?.focus();
        }
      }, 0);
    },
    [autosave, setFocus],
  );

  const [duplicates, national] = useDuplicateCheck(control);
  const [existingPersonId, dismissed, hasDecision] = useWatch({ control, name: ['existingPersonId', 'dismissedMatches', 'hasDecision'] });
  const matches: DuplicateMatchView[] = existingPersonId ? [] : (duplicates.data?.matches ?? []);
  const nationalOutcome = existingPersonId ? undefined : national.data;
  const unresolved = matches.filter((m) => !(dismissed ?? []).includes(m.person.personId));

  useEffect(() => {
    if (step === 'review' && duplicates.isFetched) void duplicates.refetch();
    // On entering the review step only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step]);

  const index = steps.indexOf(step);
  const goNext = handleSubmit(
    () => {
      setProblem(null);
      setStep(steps[Math.min(index + 1, steps.length - 1)]!);
    },
    () => setProblem({ alert: { key: 'error.validation' }, extra: [], goto: null }),
  );

  const useRecord = (m: DuplicateMatchView) => {
    setValue('existingPersonId', m.person.personId, { shouldDirty: true });
    setValue(
      'existingPerson',
      { personId: m.person.personId, registerNo: m.person.registerNo, nameLatin: m.person.nameLatin, nameOriginal: m.person.nameOriginal, birthDate: m.person.birthDate },
      { shouldDirty: true },
    );
    setProblem(null);
  };
  const createNew = () => {
    setValue('dismissedMatches', [...new Set([...(getValues('dismissedMatches') ?? []), ...matches.map((m) => m.person.personId)])], { shouldDirty: true });
    setProblem(null);
  };
  const useNewInstead = () => {
    setValue('existingPersonId', '', { shouldDirty: true });
    setValue('existingPerson', null, { shouldDirty: true });
  };

  const submit = async (mode: 'admit' | 'hold') => {
    setProblem(null);
    const values = getValues();
    if (mode === 'admit' && values.hasDecision !== 'yes') {
      setProblem({ alert: { key: 'error.episode.noAdmissionWithoutDecision' }, extra: [], goto: 'apprehension' });
      return;
    }
    if (!values.existingPersonId && unresolved.length > 0) {
      setProblem({ alert: { key: 'intake.review.duplicatesUnresolved' }, extra: [], goto: null });
      return;
    }
    modeRef.current = mode;
    stepRef.current = 'review';
    const valid = await trigger();
    if (!valid) {
      const path = firstErrorPath(form.formState.errors);
      const target = path ? stepOf(path) : 'person';
      modeRef.current = 'check';
      setProblem({ alert: { key: 'intake.review.fix' }, extra: [], goto: target });
      return;
    }
    setSubmitting(true);
    try {
      await autosave.flush();
      // What the step checks passed, parsed by the same schema: the typed input the method takes.
      // What HQ answered, if it did: without it the intake is re-checked nationally at the next sync.
      const nationalSeen = nationalOutcome?.status === 'checked' ? { national: { checkedAt: nationalOutcome.checkedAt, candidates: nationalOutcome.candidates } } : {};
      const input = methodSchema('intake.submit').parse({ ...(toIntakeInput(values, zone, mode, autosave.idRef.current ?? undefined) as Record<string, unknown>), ...nationalSeen });
      const { personId } = await callMethod('intake.submit', input);
      autosave.stop();
      await Promise.all(['drafts', 'register', 'dueNow', 'person'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
      setFlash(mode === 'admit' ? 'intake.savedAdmitted' : 'intake.savedHeld');
      navigate({ name: 'person', personId });
    } catch (e) {
      const placed = placeServerErrors(e, setError, (p) => {
        const f = intakeFormPath(p);
        return f === 'root' ? null : f;
      });
      const target = placed.placed[0] ? stepOf(placed.placed[0]) : null;
      setProblem({ alert: placed.alert, extra: placed.unplaced, goto: target });
      setSubmitting(false);
    } finally {
      modeRef.current = 'check';
    }
  };

  // What the person step and the review both show of the duplicate checks, local and national.
  const duplicateCheck = {
    matches,
    unresolved,
    checking: duplicates.isFetching,
    national: nationalOutcome,
    nationalChecking: national.isFetching,
    onUse: useRecord,
    onCreateNew: createNew,
    onUseNewInstead: useNewInstead,
  };
  const rootError = (formState.errors as { root?: { message?: string } }).root?.message;
  // "Some fields need attention" goes away once they no longer do.
  const shownProblem = problem && !(problem.alert.key === 'error.validation' && Object.keys(formState.errors).length === 0) ? problem : null;

  return (
    <div className="wizard">
      <div className="page-head">
        <h1 className="page-title">
          <FormattedMessage id="intake.title" />
        </h1>
        <DraftStatus state={autosave.state} zone={zone} onRetry={() => void autosave.save()} />
      </div>
      <nav className="steps" aria-labelledby={stepsLabelId}>
        <h2 className="visually-hidden" id={stepsLabelId}>
          <FormattedMessage id="intake.steps" />
        </h2>
        <ol>
          {steps.map((s, i) => (
            <li key={s} className={`steps__item${s === step ? ' steps__item--current' : ''}${i < index ? ' steps__item--done' : ''}`} aria-current={s === step ? 'step' : undefined}>
              {i <= reached && s !== step ? (
                <button type="button" className="steps__button" onClick={() => setStep(s)}>
                  <span className="steps__n">{i + 1}</span>
                  <FormattedMessage id={stepLabel[s]} />
                </button>
              ) : (
                <span className="steps__button steps__button--static">
                  <span className="steps__n">{i + 1}</span>
                  <FormattedMessage id={stepLabel[s]} />
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <FormProvider {...form}>
        <form onSubmit={goNext} noValidate className="form wizard__form" aria-labelledby={`${stepsLabelId}-h`}>
          <h2 className="wizard__title" id={`${stepsLabelId}-h`} tabIndex={-1} ref={headingRef}>
            <FormattedMessage id="intake.stepOf" values={{ n: index + 1, total: steps.length, name: intl.formatMessage({ id: stepLabel[step] }) }} />
          </h2>
          {step === 'person' ? <PersonStep {...duplicateCheck} /> : null}
          {step === 'documents' ? <DocumentsStep /> : null}
          {step === 'apprehension' ? <ApprehensionStep /> : null}
          {step === 'admission' ? <AdmissionStep /> : null}
          {step === 'review' ? <ReviewStep {...duplicateCheck} onEdit={(s) => setStep(s)} /> : null}
          {rootError && step === 'person' && !shownProblem ? <FormProblems alert={{ key: rootError }} /> : null}
          {shownProblem ? (
            <div className="wizard__problem">
              <FormProblems alert={shownProblem.alert} extra={shownProblem.extra} />
              {shownProblem.goto && shownProblem.goto !== step ? (
                <button type="button" className="button" onClick={() => setStep(shownProblem.goto!)}>
                  <FormattedMessage id="intake.goToStep" values={{ name: intl.formatMessage({ id: stepLabel[shownProblem.goto] }) }} />
                </button>
              ) : null}
            </div>
          ) : null}
          <div className="actions wizard__actions">
            {index > 0 ? (
              <button type="button" className="button" onClick={() => setStep(steps[index - 1]!)}>
                <FormattedMessage id="form.back" />
              </button>
            ) : null}
            <span className="wizard__spacer" />
            {step === 'review' ? (
              <>
                {/* The expected way out is the primary one: admit with a decision, hold without one. */}
                <button type="button" className={`button${hasDecision === 'yes' ? '' : ' button--primary'}`} onClick={() => void submit('hold')} disabled={submitting}>
                  <FormattedMessage id="intake.saveHold" />
                </button>
                <button type="button" className={`button${hasDecision === 'yes' ? ' button--primary' : ''}`} onClick={() => void submit('admit')} disabled={submitting}>
                  <FormattedMessage id={submitting ? 'form.saving' : 'intake.saveAdmit'} />
                </button>
              </>
            ) : (
              <button type="submit" className="button button--primary">
                <FormattedMessage id="intake.next" values={{ name: intl.formatMessage({ id: stepLabel[steps[index + 1]!] }) }} />
              </button>
            )}
          </div>
          <p className="field__hint wizard__keys">
            <FormattedMessage id="intake.keysHint" />
          </p>
        </form>
      </FormProvider>
    </div>
  );
}

function DraftStatus({ state, zone, onRetry }: { state: SaveState; zone: string; onRetry(): void }) {
  const intl = useIntl();
  return (
    <div className="draft-status" role="status">
      {state.kind === 'saving' ? <span className="muted">{intl.formatMessage({ id: 'intake.draft.saving' })}</span> : null}
      {state.kind === 'saved' ? (
        <span className="draft-status__saved">
          <FormattedMessage id="intake.draft.saved" values={{ time: formatInstant(state.at, zone).slice(-5) }} />
        </span>
      ) : null}
      {state.kind === 'idle' ? <span className="muted">{intl.formatMessage({ id: 'intake.draft.idle' })}</span> : null}
      {state.kind === 'failed' ? (
        <span className="draft-status__failed">
          <FormattedMessage id="intake.draft.failed" />{' '}
          <button type="button" className="button button--small" onClick={onRetry}>
            <FormattedMessage id="app.retry" />
          </button>
        </span>
      ) : null}
    </div>
  );
}
