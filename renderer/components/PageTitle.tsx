import { useEffect, useRef, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../core/i18n';

/**
 * Each screen's heading takes the focus when the screen opens, so a keyboard or screen-reader user
 * starts from the top of the new content instead of from a link that is no longer relevant.
 */
export function PageTitle({ id, children }: { id: MessageKey; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-head">
      <h1 className="page-title" tabIndex={-1} ref={ref}>
        <FormattedMessage id={id} />
      </h1>
      {children ? <div className="page-head__actions">{children}</div> : null}
    </div>
  );
}
