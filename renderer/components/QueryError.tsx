import { FormattedMessage } from 'react-intl';
import { ApiError } from '../../core/contract/errors';
import { FormAlert } from './fields';

/** A list that could not be loaded says why and offers to try again, instead of looking empty. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const message = error instanceof ApiError ? { key: error.messageKey, ...(error.params ? { params: error.params } : {}) } : { key: 'app.unexpectedError' };
  return (
    <div className="query-error">
      <FormAlert message={message} />
      <button type="button" className="button" onClick={onRetry}>
        <FormattedMessage id="app.retry" />
      </button>
    </div>
  );
}
