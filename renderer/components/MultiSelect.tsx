import { forwardRef, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../core/i18n';
import { useListFormat } from '../i18n';
import type { Option } from '../places';
import { describedBy, ErrorText } from './fields';

/** Case- and accent-blind text for matching what an officer types against option names. */
function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/ə/g, 'e');
}

const shownAtOnce = 60;

/**
 * A searchable choice of several values (nationalities, languages): an ARIA 1.2 combobox whose listbox
 * filters as you type, with the chosen values above it as removable chips. Arrow keys move, Enter picks
 * (and does not submit the form while the list is open), Escape closes the list, Backspace in an empty
 * box removes the last choice.
 */
export const MultiSelect = forwardRef<
  HTMLInputElement,
  {
    label: MessageKey;
    hint?: ReactNode;
    error?: FieldError | undefined;
    value: readonly string[];
    onChange(next: string[]): void;
    onBlur?(): void;
    options: readonly Option[];
    /** Values not in the list may be added as typed (a language with no code here). */
    allowCustom?: boolean;
    max?: number;
    labelOf?(value: string): string;
  }
>(function MultiSelect({ label, hint, error, value, onChange, onBlur, options, allowCustom = false, max, labelOf }, ref) {
  const intl = useIntl();
  const list = useListFormat();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const byValue = useMemo(() => new Map(options.map((o) => [o.value, o.label])), [options]);
  const nameOf = (v: string) => labelOf?.(v) ?? byValue.get(v) ?? v;

  const filtered = useMemo(() => {
    const q = fold(text.trim());
    if (!q) return options.slice(0, shownAtOnce);
    const starts: Option[] = [];
    const contains: Option[] = [];
    for (const o of options) {
      const l = fold(o.label);
      if (l.startsWith(q) || o.value.toLowerCase() === q) starts.push(o);
      else if (l.includes(q) || l.split(/[\s(),-]+/).some((w) => w.startsWith(q))) contains.push(o);
    }
    return [...starts, ...contains].slice(0, shownAtOnce);
  }, [options, text]);

  const custom = allowCustom && text.trim().length > 0 && !filtered.some((o) => fold(o.label) === fold(text.trim())) ? text.trim() : null;
  const items: { value: string; label: string; custom?: boolean }[] = [...filtered, ...(custom ? [{ value: custom, label: custom, custom: true }] : [])];
  const full = max !== undefined && value.length >= max;

  // The list closes after a pick so the form stays in view; typing or the down arrow opens it again.
  const toggle = (v: string) => {
    if (value.includes(v)) onChange(value.filter((x) => x !== v));
    else if (!full) onChange([...value, v]);
    setText('');
    setActive(0);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      // Enter picks while the list is showing; otherwise it is the form's (move on to the next step).
      if (open && items[active]) {
        e.preventDefault();
        toggle(items[active].value);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        // Closing the list is all Escape does here; it must not also close the surrounding form.
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      }
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  const activeId = open && items[active] ? `${id}-opt-${active}` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const chosenId = `${id}-chosen`;

  return (
    <div className={`field multiselect${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        <FormattedMessage id={label} />
      </label>
      <p id={chosenId} className="visually-hidden">
        {value.length ? <FormattedMessage id="combo.selected" values={{ list: list(value.map(nameOf)) }} /> : <FormattedMessage id="combo.noneSelected" />}
      </p>
      {value.length ? (
        <ul className="chips">
          {value.map((v) => (
            <li key={v} className="chip">
              <span dir="auto">{nameOf(v)}</span>
              <button type="button" className="chip__remove" aria-label={intl.formatMessage({ id: 'combo.removeItem' }, { name: nameOf(v) })} onClick={() => onChange(value.filter((x) => x !== v))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="multiselect__box">
        <input
          ref={ref}
          id={id}
          className="input"
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(chosenId, errorId, hintId)}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            onBlur?.();
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-multiselectable="true" className="multiselect__list" hidden={!open}>
          {open && items.length === 0 ? (
            <li className="multiselect__empty" role="presentation">
              <FormattedMessage id="combo.noMatch" values={{ text: text.trim() }} />
            </li>
          ) : null}
          {open
            ? items.map((o, i) => (
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- the keys work in the combobox input (aria-activedescendant); the click is the mouse's way
                <li
                  key={`${o.custom ? 'custom:' : ''}${o.value}`}
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={value.includes(o.value)}
                  className={`multiselect__option${i === active ? ' multiselect__option--active' : ''}`}
                  // Keeps the focus in the box, so the list does not close before the click lands.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => toggle(o.value)}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className="multiselect__check" aria-hidden="true">
                    {value.includes(o.value) ? '✓' : ''}
                  </span>
                  {o.custom ? <FormattedMessage id="combo.addCustom" values={{ text: o.label }} /> : <span dir="auto">{o.label}</span>}
                </li>
              ))
            : null}
        </ul>
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          <ErrorText error={error} />
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
});
