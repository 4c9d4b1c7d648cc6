import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../core/i18n';

export interface Column {
  label: MessageKey;
  className?: string;
  /** Read out but not shown: a column of buttons. */
  hidden?: boolean;
}

/** A table's head row from its column labels. */
export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={c.className}>
            {c.hidden ? (
              <span className="visually-hidden">
                <FormattedMessage id={c.label} />
              </span>
            ) : (
              <FormattedMessage id={c.label} />
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}
