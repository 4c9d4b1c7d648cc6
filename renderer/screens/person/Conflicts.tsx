import { useId } from 'react';
import { useFormContext } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PersonView } from '../../../core/contract/register-views';
import { ContractForm } from '../../components/ContractForm';
import { FTextArea } from '../../components/form-fields';
import { ErrorText, describedBy } from '../../components/fields';
import { Instant } from '../../components/Instant';
import { opt } from '../../contract-form';
import { useLocale, useTimeZone } from '../../i18n';
import { fieldKey } from '../../register-labels';
import { describe } from './Timeline';

type Conflict = PersonView['conflicts'][number];

/**
 * Two devices corrected the same field without seeing each other's change. Neither value is shown as
 * the truth: both stay on screen, with who and when, until a centre head records which is right and why.
 */
export function Conflicts({ conflicts, mayResolve, onDone }: { conflicts: PersonView['conflicts']; mayResolve: boolean; onDone(): void }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const zone = useTimeZone();
  const titleId = useId();
  if (conflicts.length === 0) return null;
  return (
    <section className="card conflicts" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="pp.conflicts.title" values={{ count: conflicts.length }} />
      </h2>
      <p className="field__hint">
        <FormattedMessage id={mayResolve ? 'pp.conflicts.intro' : 'pp.conflicts.introOthers'} />
      </p>
      <ul className="item-list">
        {conflicts.map((c) => {
          const label = fieldKey(c.field);
          return (
            <li key={`${c.entityId}-${c.field}`} className="conflict">
              <p className="conflict__field">{label ? intl.formatMessage({ id: label }) : c.field}</p>
              <ul className="conflict__values">
                {c.candidates.map((v) => (
                  <li key={v.eventId}>
                    <strong dir="auto">{describe(c.field, v.value, intl, locale, zone)}</strong>
                    <span className="muted small">
                      {' — '}
                      {v.actorName ?? intl.formatMessage({ id: 'audit.actor.unknown' })}, <Instant value={v.at} />
                    </span>
                  </li>
                ))}
              </ul>
              {mayResolve ? <ResolveForm conflict={c} onDone={onDone} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ResolveForm({ conflict, onDone }: { conflict: Conflict; onDone(): void }) {
  return (
    <ContractForm
      title="pp.conflicts.resolve"
      method="conflicts.resolve"
      defaults={{ choice: '', reason: '' }}
      toInput={(v: { choice: string; reason: string }) => ({
        entityType: conflict.entityType,
        entityId: conflict.entityId,
        field: conflict.field,
        value: v.choice === '' ? undefined : conflict.candidates[Number(v.choice)]?.value,
        reason: opt(v.reason),
      })}
      // The contract takes any value; which one is a choice the form must insist on.
      check={(v) => (v.choice === '' || conflict.candidates[Number(v.choice)]?.value === undefined ? [{ field: 'choice', key: 'error.field.required' }] : [])}
      toFormPath={(p) => (p === 'value' ? 'choice' : p)}
      onDone={onDone}
      onCancel={() => undefined}
      submitLabel="pp.conflicts.submit"
      focusFirst={false}
      cancellable={false}
    >
      <Choices conflict={conflict} />
      <FTextArea name="reason" label="lbl.reason" rows={2} />
    </ContractForm>
  );
}

function Choices({ conflict }: { conflict: Conflict }) {
  const { register, formState } = useFormContext<{ choice: string }>();
  const intl = useIntl();
  const { locale } = useLocale();
  const zone = useTimeZone();
  const id = useId();
  const error = formState.errors.choice;
  return (
    <fieldset className={`field radios${error ? ' field--invalid' : ''}`} aria-describedby={describedBy(error && `${id}-error`)}>
      <legend className="field__label">
        <FormattedMessage id="pp.conflicts.choose" />
      </legend>
      <div className="radios__options">
        {conflict.candidates.map((v, i) => (
          <label key={v.eventId} className="checkbox radio">
            <input type="radio" value={String(i)} {...register('choice')} />
            <span dir="auto">{describe(conflict.field, v.value, intl, locale, zone)}</span>
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
