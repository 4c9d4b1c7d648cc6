import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { PublicFrame } from '../components/PublicFrame';
import { Instant } from '../components/Instant';

/**
 * Shown once, right after setup. The key opens the database if every password is lost, so the screen
 * insists on it being stored before moving on; printing gives a sheet with only the key and its context.
 */
export function RecoveryKey({ recoveryKey, facilityName, createdAt, onContinue }: { recoveryKey: string; facilityName: string; createdAt: Date; onContinue(): void }) {
  const [stored, setStored] = useState(false);
  const groups = recoveryKey.split('-');
  return (
    <PublicFrame titleId="recovery.title" focusTitle wide>
      <div className="print-only print-heading">
        <FormattedMessage id="recovery.printHeading" />
      </div>
      <p className="recovery__facts">
        <FormattedMessage id="recovery.facilityLine" values={{ name: facilityName }} />
        <br />
        <FormattedMessage id="recovery.createdLine" values={{ date: <Instant value={createdAt} /> }} />
      </p>
      <p className="recovery-key" data-testid="recovery-key">
        {groups.map((g, i) => (
          <span key={i} className="recovery-key__group">
            {g}
            {i < groups.length - 1 ? <span className="recovery-key__dash">-</span> : null}
          </span>
        ))}
      </p>
      <div className="alert alert--warning">
        <p className="alert__title">
          <FormattedMessage id="recovery.onlyOnce" />
        </p>
        <p>
          <FormattedMessage id="recovery.explain" />
        </p>
      </div>
      <div className="no-print">
        <div className="actions actions--start">
          <button type="button" className="button" onClick={() => window.print()}>
            <FormattedMessage id="recovery.print" />
          </button>
        </div>
        <label className="checkbox checkbox--confirm">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
          <span>
            <FormattedMessage id="recovery.confirm" />
          </span>
        </label>
        <div className="actions">
          <button type="button" className="button button--primary" disabled={!stored} onClick={onContinue}>
            <FormattedMessage id="recovery.continue" />
          </button>
        </div>
      </div>
    </PublicFrame>
  );
}
