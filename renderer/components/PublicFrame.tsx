import { useEffect, useId, useRef, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../core/i18n';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The frame of the screens before sign-in: the app name, the language, and one card. */
export function PublicFrame({ titleId, subtitle, wide, focusTitle, children }: { titleId?: MessageKey; subtitle?: ReactNode; wide?: boolean; focusTitle?: boolean; children: ReactNode }) {
  const title = useRef<HTMLHeadingElement>(null);
  const titleDomId = useId();
  useEffect(() => {
    if (focusTitle) title.current?.focus();
  }, [focusTitle]);
  return (
    <div className="public">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">
            <FormattedMessage id="app.title" />
          </span>
        </div>
        <LanguageSwitcher />
      </header>
      <main className={`public__main${wide ? ' public__main--wide' : ''}`}>
        <section className="card public__card" aria-labelledby={titleId ? titleDomId : undefined}>
          {titleId ? (
            <h1 className="page-title" ref={title} tabIndex={-1} id={titleDomId}>
              <FormattedMessage id={titleId} />
            </h1>
          ) : null}
          {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
          {children}
        </section>
      </main>
    </div>
  );
}
