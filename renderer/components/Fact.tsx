import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../core/i18n';

/** One labelled value in a `<dl className="facts">`: the label as its term, the value as its description. */
export function Fact({ label, children }: { label: MessageKey; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>
        <FormattedMessage id={label} />
      </dt>
      <dd>{children}</dd>
    </div>
  );
}
