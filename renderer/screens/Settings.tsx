import { useId, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, FormProvider, useForm, useFormContext } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import { contract } from '../../core/contract';
import type { MessageRef } from '../../core/contract/errors';
import type { MessageKey } from '../../core/i18n';
import type { FacilityKind } from '../../core/fields';
import type { Settings as SettingsValues } from '../../core/settings';
import { api } from '../api';
import { DateTimeField } from '../components/DateTimeField';
import { FCheckbox, FNumber, FormProblems, FText } from '../components/form-fields';
import { ErrorText } from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { QueryError } from '../components/QueryError';
import { contractResolver, placeServerErrors } from '../contract-form';
import { formatDate } from '../datetime';
import { isMessageKey, useLocale } from '../i18n';

type Kind = 'hours' | 'days' | 'workingDays' | 'months' | 'minutes' | 'bool' | 'text' | 'maxDays' | 'count';

/**
 * Every threshold that law does not fix, with what it means. Keys are strings rather than `keyof
 * Settings` so that a setting added by another feature shows up here once it has a label, and a test
 * checks that every setting has one.
 */
export const settingGroups: { title: MessageKey; fields: { setting: string; kind: Kind }[]; only?: FacilityKind }[] = [
  {
    title: 'set.group.facility',
    fields: [
      { setting: 'facilityTypeLabel', kind: 'text' },
      { setting: 'timeZone', kind: 'text' },
      { setting: 'idleLockMinutes', kind: 'minutes' },
      { setting: 'signInMaxFailures', kind: 'count' },
      { setting: 'signInLockMinutes', kind: 'minutes' },
    ],
  },
  {
    title: 'set.group.firstHours',
    fields: [
      { setting: 'rightsNotificationHours', kind: 'hours' },
      { setting: 'writtenLetterHours', kind: 'hours' },
      { setting: 'consularSendHours', kind: 'hours' },
      { setting: 'defenderContactHours', kind: 'hours' },
      { setting: 'medicalExamHours', kind: 'hours' },
      { setting: 'injuryReportHours', kind: 'hours' },
      { setting: 'childMedicalExamDays', kind: 'days' },
      { setting: 'screeningHours', kind: 'hours' },
      { setting: 'guardianHours', kind: 'hours' },
      { setting: 'decisionMissingHours', kind: 'hours' },
    ],
  },
  {
    title: 'set.group.term',
    fields: [
      { setting: 'preExpiryWorkingDays', kind: 'workingDays' },
      { setting: 'periodicReviewDays', kind: 'days' },
      { setting: 'reviewWarningDays', kind: 'days' },
      { setting: 'voluntaryProtectionMaxMonths', kind: 'months' },
      { setting: 'maxDetentionDays', kind: 'maxDays' },
      { setting: 'limitWarningDays', kind: 'days' },
    ],
  },
  {
    title: 'set.group.discipline',
    fields: [
      { setting: 'disciplineNoticeHours', kind: 'hours' },
      { setting: 'disciplineIsolationMaxDays', kind: 'days' },
      { setting: 'disciplineRestrictionMaxDays', kind: 'days' },
    ],
  },
  {
    title: 'set.group.protection',
    fields: [
      { setting: 'consularBlockForTrafficking', kind: 'bool' },
      { setting: 'nationalConsularReporting', kind: 'bool' },
    ],
  },
  {
    title: 'set.group.sync',
    fields: [
      { setting: 'autoSync', kind: 'bool' },
      { setting: 'syncIntervalMinutes', kind: 'minutes' },
    ],
  },
  {
    // Read only by the HQ console's Facilities screen: shown there only.
    title: 'set.group.fleet',
    only: 'headquarters',
    fields: [
      { setting: 'fleetStaleAmberHours', kind: 'hours' },
      { setting: 'fleetStaleRedHours', kind: 'hours' },
    ],
  },
  {
    // Read only by HQ's exports and statistical annex: shown there only.
    title: 'set.group.publishing',
    only: 'headquarters',
    fields: [{ setting: 'smallCellThreshold', kind: 'count' }],
  },
  {
    title: 'set.group.npm',
    fields: [{ setting: 'npmResponseDays', kind: 'days' }],
  },
  {
    title: 'set.group.tracing',
    fields: [{ setting: 'tracingAnswerWorkingDays', kind: 'workingDays' }],
  },
  {
    title: 'set.group.exits',
    fields: [
      { setting: 'removalLeaveHours', kind: 'hours' },
      { setting: 'deathFamilyNotifyHours', kind: 'hours' },
      { setting: 'deathConsulNotifyHours', kind: 'hours' },
      { setting: 'deathProsecutorNotifyHours', kind: 'hours' },
      { setting: 'deathOmbudsmanNotifyHours', kind: 'hours' },
    ],
  },
  {
    title: 'set.group.complaints',
    fields: [
      { setting: 'complaintForwardHours', kind: 'hours' },
      { setting: 'complaintDaysCentreHead', kind: 'workingDays' },
      { setting: 'complaintDaysSms', kind: 'workingDays' },
      { setting: 'complaintDaysOmbudsman', kind: 'workingDays' },
      { setting: 'complaintDaysCourt', kind: 'workingDays' },
      { setting: 'complaintDaysProsecutor', kind: 'workingDays' },
      { setting: 'complaintWarningWorkingDays', kind: 'workingDays' },
    ],
  },
];

/** Settings shown in their own widgets rather than in the groups above. */
export const calendarSettings = ['weekendDays', 'holidays'] as const;

const unitKey: Partial<Record<Kind, MessageKey>> = {
  hours: 'set.unit.hours',
  days: 'set.unit.days',
  workingDays: 'set.unit.workingDays',
  months: 'set.unit.months',
  minutes: 'set.unit.minutes',
  maxDays: 'set.unit.days',
};

type FormValues = Record<string, unknown> & { weekendDays: string[]; holidays: string[]; noMaximum: boolean };

function toForm(s: SettingsValues): FormValues {
  const r = s as unknown as Record<string, unknown>;
  return {
    ...r,
    weekendDays: s.weekendDays.map(String),
    holidays: [...s.holidays].sort(),
    noMaximum: s.maxDetentionDays === null,
    maxDetentionDays: s.maxDetentionDays ?? undefined,
  };
}

/** Only what changed is sent (the change is audited with the old and new values). */
function changesOf(before: SettingsValues, v: FormValues): Record<string, unknown> {
  const after: Record<string, unknown> = {
    ...v,
    weekendDays: v.weekendDays.map(Number).sort(),
    maxDetentionDays: v.noMaximum ? null : v.maxDetentionDays,
  };
  delete after.noMaximum;
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(after)) {
    if (!(k in before)) continue;
    const old = (before as unknown as Record<string, unknown>)[k];
    const same = JSON.stringify(k === 'weekendDays' ? [...(old as number[])].sort() : old) === JSON.stringify(value);
    if (!same) out[k] = value;
  }
  return out;
}

export function Settings({ facilityKind }: { facilityKind: FacilityKind }) {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.settings.get() });
  return (
    <>
      <PageTitle id="set.title" />
      <p className="lead">
        <FormattedMessage id="set.lead" />
      </p>
      {settings.isError ? <QueryError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {settings.data ? <SettingsForm settings={settings.data.settings} facilityKind={facilityKind} /> : null}
    </>
  );
}

function SettingsForm({ settings, facilityKind }: { settings: SettingsValues; facilityKind: FacilityKind }) {
  const queryClient = useQueryClient();
  // What is saved now: changes are counted against it, and it moves on after each save.
  const saved = useRef(settings);
  const { setTimeZone } = useLocale();
  const [problem, setProblem] = useState<{ alert: MessageRef; extra: MessageRef[] } | null>(null);
  const [status, setStatus] = useState<'saved' | 'nothing' | null>(null);
  const form = useForm<FormValues, unknown, unknown>({
    resolver: contractResolver(contract.settings.update.input, (v) => ({ changes: changesOf(saved.current, v) }), {
      toFormPath: (p) => (p.startsWith('changes.') ? p.slice('changes.'.length) : p),
    }),
    defaultValues: toForm(settings),
  });
  const submit = form.handleSubmit(
    async (input) => {
      setProblem(null);
      const changes = (input as { changes: Record<string, unknown> }).changes;
      if (Object.keys(changes).length === 0) {
        setStatus('nothing');
        return;
      }
      try {
        const res = await api.settings.update({ changes });
        if (res.settings.timeZone !== saved.current.timeZone) setTimeZone(res.settings.timeZone);
        saved.current = res.settings;
        form.reset(toForm(res.settings));
        setStatus('saved');
        queryClient.setQueryData(['settings'], { settings: res.settings });
        // Deadlines depend on these thresholds, the sync plan on its interval: all of it is stale now.
        await Promise.all(['dueNow', 'register', 'person', 'syncStatus', 'hqFacilities'].map((k) => queryClient.invalidateQueries({ queryKey: [k] })));
      } catch (e) {
        const placed = placeServerErrors(e, form.setError, (p) => (p.startsWith('changes.') ? p.slice('changes.'.length) : null));
        setProblem({ alert: placed.alert, extra: placed.unplaced });
      }
    },
    () => {
      setStatus(null);
      setProblem({ alert: { key: 'error.validation' }, extra: [] });
    },
  );
  const present = new Set(Object.keys(settings));
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="form settings">
        <div role="status" className="status-line">
          {status ? (
            <p className={`alert ${status === 'saved' ? 'alert--success' : 'alert--info'}`}>
              <FormattedMessage id={savedKey[status]} />
            </p>
          ) : null}
        </div>
        {settingGroups.map((g) => {
          const fields = g.only && g.only !== facilityKind ? [] : g.fields.filter((f) => present.has(f.setting));
          if (fields.length === 0) return null;
          return (
            <fieldset key={g.title} className="card form-section settings__group">
              <legend className="form-section__title settings__legend">
                <FormattedMessage id={g.title} />
              </legend>
              <div className="form-grid">
                {fields.map((f) => (
                  <SettingField key={f.setting} name={f.setting} kind={f.kind} />
                ))}
              </div>
            </fieldset>
          );
        })}
        <fieldset className="card form-section settings__group">
          <legend className="form-section__title settings__legend">
            <FormattedMessage id="set.group.calendar" />
          </legend>
          <WeekendDays />
          <Holidays />
        </fieldset>
        {problem ? <FormProblems alert={problem.alert} extra={problem.extra} /> : null}
        <div className="actions actions--sticky">
          <button type="button" className="button" onClick={() => form.reset(toForm(saved.current))} disabled={!form.formState.isDirty}>
            <FormattedMessage id="set.reset" />
          </button>
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            <FormattedMessage id={form.formState.isSubmitting ? 'form.saving' : 'set.save'} />
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

const savedKey: Record<'saved' | 'nothing', MessageKey> = { saved: 'set.saved', nothing: 'set.nothingChanged' };

function labelOf(key: string): MessageKey {
  const k = `set.${key}`;
  return isMessageKey(k) ? k : 'set.unknown';
}

function helpOf(key: string): MessageKey | null {
  const k = `set.${key}.help`;
  return isMessageKey(k) ? k : null;
}

function SettingField({ name, kind }: { name: string; kind: Kind }) {
  const { watch } = useFormContext<FormValues>();
  const help = helpOf(name);
  const unit = unitKey[kind];
  const hint = (
    <>
      {help ? <FormattedMessage id={help} /> : null}
      {unit ? (
        <span className="settings__unit">
          {' '}
          <FormattedMessage id={unit} />
        </span>
      ) : null}
    </>
  );
  if (kind === 'bool') return <FCheckbox name={name} label={labelOf(name)} hint={help ? <FormattedMessage id={help} /> : undefined} />;
  if (kind === 'text') return <FText name={name} label={labelOf(name)} hint={hint} />;
  if (kind === 'maxDays') {
    const none = watch('noMaximum');
    return (
      <div className="field-stack">
        <FCheckbox name="noMaximum" label="set.maxDetentionDays.none" />
        {none ? <p className="field__hint">{help ? <FormattedMessage id={help} /> : null}</p> : <FNumber name={name} label={labelOf(name)} hint={hint} min={1} />}
      </div>
    );
  }
  return <FNumber name={name} label={labelOf(name)} hint={hint} min={0} step={kind === 'hours' ? 'any' : 1} />;
}

function WeekendDays() {
  const { register, formState } = useFormContext<FormValues>();
  const intl = useIntl();
  const id = useId();
  // Chromium's Azerbaijani weekday names are English abbreviations; the catalogs have the real ones.
  const name = (n: number) => {
    const key = `weekday.${n}`;
    return isMessageKey(key) ? intl.formatMessage({ id: key }) : String(n);
  };
  const error = formState.errors.weekendDays as { message?: string } | undefined;
  return (
    <fieldset className="field checkbox-group" aria-describedby={`${id}-hint`}>
      <legend className="field__label">
        <FormattedMessage id="set.weekendDays" />
      </legend>
      <div className="checkbox-group__options checkbox-group__options--week">
        {[1, 2, 3, 4, 5, 6, 7].map((n) => (
          <label key={n} className="checkbox">
            <input type="checkbox" value={String(n)} {...register('weekendDays')} />
            <span>{name(n)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p className="field__error">
          <ErrorText error={error} />
        </p>
      ) : null}
      <p id={`${id}-hint`} className="field__hint">
        <FormattedMessage id="set.weekendDays.help" />
      </p>
    </fieldset>
  );
}

function Holidays() {
  const intl = useIntl();
  const { control } = useFormContext<FormValues>();
  const id = useId();
  const [date, setDate] = useState('');
  return (
    <Controller
      control={control}
      name="holidays"
      render={({ field, fieldState }) => {
        const list = field.value ?? [];
        const add = () => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !list.includes(date)) field.onChange([...list, date].sort());
          setDate('');
        };
        return (
          <div className="field holidays">
            <span className="field__label" id={`${id}-label`}>
              <FormattedMessage id="set.holidays" />
            </span>
            <p className="field__hint">
              <FormattedMessage id="set.holidays.help" />
            </p>
            {list.length === 0 ? (
              <p className="muted">
                <FormattedMessage id="set.holidays.none" />
              </p>
            ) : (
              <ul className="chips holidays__list" aria-labelledby={`${id}-label`}>
                {list.map((d) => (
                  <li key={d} className="chip">
                    <span>{formatDate(d)}</span>
                    <button
                      type="button"
                      className="chip__remove"
                      aria-label={intl.formatMessage({ id: 'set.holidays.remove' }, { date: formatDate(d) })}
                      onClick={() => field.onChange(list.filter((x) => x !== d))}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="holidays__add">
              <DateTimeField
                label="set.holidays.date"
                kind="date"
                value={date}
                onChange={setDate}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    // Enter adds the date here; it does not save the whole form.
                    e.preventDefault();
                    add();
                  }
                }}
              />
              <button type="button" className="button" onClick={add}>
                <FormattedMessage id="set.holidays.add" />
              </button>
            </div>
            {fieldState.error ? (
              <p className="field__error">
                <ErrorText error={fieldState.error} />
              </p>
            ) : null}
          </div>
        );
      }}
    />
  );
}
