import { useCallback, useId, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { DateField, DateInput, DateSegment, I18nProvider, Label } from 'react-aria-components';
import type { FieldError } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Locale } from '../../core/fields';
import type { MessageKey } from '../../core/i18n';
import { dateInputLocale, fromDateValue, toDateValue, type DateInputKind } from '../date-input';
import { useLocale } from '../i18n';
import { describedBy, FieldNotes } from './fields';

/**
 * The one date and time box of the app (issue #11 §5): segments laid out in the app's language, a
 * 24-hour clock, whatever the browser's locale. It takes and gives the strings a native input did
 * ("2026-12-07T08:30", "2026-12-07"), so forms and the contract are unchanged; the facility's zone is
 * applied where it always was (datetime.ts). The label names the group of segments, so a screen reader
 * (and getByRole('group', { name })) finds the box by its label.
 */
export function DateTimeField({
  label,
  labelValues,
  kind,
  value,
  onChange,
  onBlur,
  error,
  hint,
  wide,
  isDisabled,
  focusRef,
  className,
  locale: shownIn,
  max,
  invalid,
  describedBy: moreDescription,
  onKeyDown,
}: {
  label: MessageKey;
  labelValues?: Record<string, string | number>;
  kind: DateInputKind;
  value: string | null | undefined;
  onChange(value: string): void;
  onBlur?(): void;
  error?: FieldError | { message?: string } | undefined;
  hint?: ReactNode;
  wide?: boolean;
  isDisabled?: boolean;
  /** Gets something to focus the first segment with (react-hook-form focuses the first wrong field). */
  focusRef?(target: { focus(): void } | null): void;
  className?: string;
  /** The language to lay the segments out in; the app's own unless given. */
  locale?: Locale;
  /** The latest value offered, in the form's string ("2026-12-07"). */
  max?: string;
  /** Wrong for a reason said elsewhere (a period whose end comes before its start). */
  invalid?: boolean;
  /** The id of a sentence outside the field that describes it. */
  describedBy?: string;
  /** A key pressed in any segment (a plain DOM key event: react-aria's continuePropagation is not there). */
  onKeyDown?(e: ReactKeyboardEvent<Element>): void;
}) {
  const id = useId();
  const app = useLocale();
  const locale = shownIn ?? app.locale;
  const intl = useIntl();
  // The empty day, month and year say so in the app's language, whichever locale lays the box out.
  const placeholder = {
    year: intl.formatMessage({ id: 'form.date.placeholder.year' }),
    month: intl.formatMessage({ id: 'form.date.placeholder.month' }),
    day: intl.formatMessage({ id: 'form.date.placeholder.day' }),
  };
  const root = useRef<HTMLDivElement | null>(null);
  const setRoot = useCallback(
    (el: HTMLDivElement | null) => {
      root.current = el;
      focusRef?.(el ? { focus: () => el.querySelector<HTMLElement>('[role=spinbutton]')?.focus() } : null);
    },
    [focusRef],
  );
  return (
    <I18nProvider locale={dateInputLocale(locale)}>
      <DateField
        ref={setRoot}
        className={`field date-field${error ? ' field--invalid' : ''}${wide ? ' field--wide' : ''}${className ? ` ${className}` : ''}`}
        value={toDateValue(value, kind)}
        onChange={(v) => onChange(fromDateValue(v, kind))}
        onBlur={onBlur}
        granularity={kind === 'datetime' ? 'minute' : 'day'}
        hourCycle={24}
        shouldForceLeadingZeros
        isDisabled={isDisabled}
        maxValue={max ? toDateValue(max, kind) : undefined}
        isInvalid={Boolean(error) || Boolean(invalid)}
        onKeyDown={onKeyDown}
        validationBehavior="aria"
        aria-describedby={describedBy(error && `${id}-error`, hint !== undefined && `${id}-hint`, moreDescription)}
      >
        <Label className="field__label">
          <FormattedMessage id={label} values={labelValues} />
        </Label>
        <DateInput className="input date-input">
          {(segment) => (
            <DateSegment segment={segment} className="date-input__segment">
              {({ isPlaceholder, type, text }) => (isPlaceholder && type in placeholder ? placeholder[type as keyof typeof placeholder] : text)}
            </DateSegment>
          )}
        </DateInput>
        <FieldNotes id={id} error={error} hint={hint} />
      </DateField>
    </I18nProvider>
  );
}
