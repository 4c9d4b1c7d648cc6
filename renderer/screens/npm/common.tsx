import { useId, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { VisitView } from '../../../core/contract/npm';
import type { MessageKey } from '../../../core/i18n';
import { visitsKey } from './Visits';

export type Visit = VisitView;

export const visitKey = (visitId: string) => ['visit', visitId] as const;

/** After any change on the visit page: the page itself and the list's counts. */
export function useRefreshVisit(visitId: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: visitKey(visitId) }), queryClient.invalidateQueries({ queryKey: visitsKey })]);
}

/**
 * One part of the visit page: its heading, an optional button that opens its form in place, and its
 * own status line, so "Recorded" is read out where the monitor is working.
 */
export function VisitSection({
  title,
  count,
  openLabel,
  canOpen = false,
  testId,
  children,
  form,
}: {
  title: MessageKey;
  count?: number;
  openLabel?: MessageKey;
  canOpen?: boolean;
  testId: string;
  children: ReactNode;
  form?(close: (notice: MessageKey | null) => void): ReactNode;
}) {
  const titleId = useId();
  const formId = useId();
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  return (
    <section className="card npm-section" aria-labelledby={titleId} data-testid={testId}>
      <div className="npm-section__head">
        <h2 className="card__title" id={titleId}>
          <FormattedMessage id={title} />
          {count !== undefined ? <span className="npm-count">{intl.formatNumber(count)}</span> : null}
        </h2>
        {openLabel && canOpen && form ? (
          <button
            type="button"
            className={`button button--small${open ? ' button--pressed' : ''}`}
            aria-expanded={open}
            aria-controls={open ? formId : undefined}
            onClick={() => {
              setNotice(null);
              setOpen((o) => !o);
            }}
          >
            <FormattedMessage id={openLabel} />
          </button>
        ) : null}
      </div>
      <StatusNotice notice={notice} />
      {open && form ? (
        <div id={formId} className="action-slot">
          {form((n) => {
            setOpen(false);
            setNotice(n);
          })}
        </div>
      ) : null}
      {children}
    </section>
  );
}

/** "Not yet" in a table cell, quieter than a value. */
export function Nothing({ id = 'vis.none' }: { id?: MessageKey }) {
  return (
    <span className="muted">
      <FormattedMessage id={id} />
    </span>
  );
}

/** The live line where a screen says what it just did; it stays in the page so the reader hears each change. */
export function StatusNotice({ notice, values }: { notice: MessageKey | null; values?: Record<string, string | number> | undefined }) {
  return (
    <div role="status" className="status-line">
      {notice ? (
        <p className="alert alert--success">
          <FormattedMessage id={notice} values={values} />
        </p>
      ) : null}
    </div>
  );
}

/** The small button in a row that opens (and closes) that row's form below the table. */
export function RowToggle({ pressed, label, ariaLabel, onClick }: { pressed: boolean; label: MessageKey; ariaLabel: string; onClick(): void }) {
  return (
    <button type="button" className={`button button--small${pressed ? ' button--pressed' : ''}`} aria-expanded={pressed} aria-label={ariaLabel} onClick={onClick}>
      <FormattedMessage id={label} />
    </button>
  );
}

/**
 * Which row's form is open, and what was last recorded. A form that finishes saving closes only if it
 * is still the open one: another row may have been opened while it saved.
 */
export function useRowForm<T>(same: (a: T, b: T) => boolean = Object.is) {
  const [picked, setPicked] = useState<T | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  return {
    picked,
    notice,
    isPicked: (item: T) => picked !== null && same(picked, item),
    toggle: (item: T) => {
      setNotice(null);
      setPicked((p) => (p !== null && same(p, item) ? null : item));
    },
    done: (item: T, said: MessageKey) => {
      setPicked((p) => (p !== null && same(p, item) ? null : p));
      setNotice(said);
    },
    cancel: () => setPicked(null),
    /** something else on the same line: the section's other actions */
    say: setNotice,
  };
}
