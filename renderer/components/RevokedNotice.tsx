import { FormattedMessage } from 'react-intl';
import { Instant } from './Instant';

/**
 * What a device revoked by HQ says on its sync screen (docs/sync.md#revocation): when and why, as HQ told
 * it, and to ask HQ. Without HQ's word (an older HQ, or a refusal the device could not be told more of)
 * it still says that the device was revoked.
 */
export function RevokedNotice({ revoked }: { revoked: { at: string | null; reason: string | null } }) {
  return (
    <div className="alert alert--danger sync__revoked">
      <p className="alert__title">
        <FormattedMessage id="sync.revoked.title" />
      </p>
      <p>
        {revoked.at && revoked.reason ? (
          <FormattedMessage id="sync.revoked.body" values={{ date: <Instant value={revoked.at} />, reason: <q>{revoked.reason}</q> }} />
        ) : (
          <FormattedMessage id="sync.revoked.bodyNoReason" />
        )}
      </p>
    </div>
  );
}
