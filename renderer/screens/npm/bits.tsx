import { useId, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';

/** Small marks shared by the ombudsman screens. */

/** A key fingerprint in groups of four, as people compare them aloud over the phone. */
export function Fingerprint({ value }: { value: string | null }) {
  if (!value) return <span className="muted">—</span>;
  const groups = value.replace(/[\s:]/g, '').match(/.{1,4}/g) ?? [value];
  return (
    <code className="npm-fingerprint" data-testid="fingerprint">
      {groups.join(' ')}
    </code>
  );
}

/** A padlock drawn here: emoji fonts are not on every duty-desk machine. */
export function LockMark() {
  return (
    <svg className="npm-lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

/** A card with one job on the set-up screens: its heading, a line on what it is for, then its controls. */
export function PanelCard({ title, intro, level = 3, children }: { title: MessageKey; intro?: MessageKey; level?: 2 | 3; children: ReactNode }) {
  const titleId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="card panel" aria-labelledby={titleId}>
      <Heading className="card__title" id={titleId}>
        <FormattedMessage id={title} />
      </Heading>
      {intro ? (
        <p className="muted">
          <FormattedMessage id={intro} />
        </p>
      ) : null}
      {children}
    </section>
  );
}
