import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { NationalOutcome } from '../../../core/contract/national';
import type { MessageKey } from '../../../core/i18n';
import type { NationalCard, NationalState } from '../../../core/sync-national';
import { PersonNames } from '../../components/person-bits';
import { matchReasonLabel } from '../../register-labels';

export const nationalStateLabel: Record<NationalState, MessageKey> = {
  registered: 'national.state.registered',
  awaiting_decision: 'national.state.awaiting_decision',
  held: 'national.state.held',
  released: 'national.state.released',
  transferred: 'national.state.transferred',
  removed: 'national.state.removed',
  deceased: 'national.state.deceased',
  escaped: 'national.state.escaped',
  refugee: 'national.state.refugee',
};

/** One record at another facility as HQ's minimal card shows it: never a protection detail. */
export function NationalCardRow({ card, action }: { card: NationalCard; action?: React.ReactNode }) {
  const intl = useIntl();
  const reasons = card.reasons.map((r) => (r in matchReasonLabel ? intl.formatMessage({ id: matchReasonLabel[r as keyof typeof matchReasonLabel] }) : r));
  return (
    <li className="dupe">
      <span className="dupe__score" aria-label={intl.formatMessage({ id: 'intake.dupes.scoreLabel' }, { score: Math.round(card.score * 100) })}>
        {intl.formatNumber(card.score, { style: 'percent', maximumFractionDigits: 0 })}
      </span>
      <span className="dupe__who">
        <PersonNames latin={card.names.latin} original={card.names.original} />
        <span className="dupe__meta">
          <FormattedMessage id="national.card.meta" values={{ facility: card.facilityName || card.facilityId, no: card.registerNo, year: card.birthYear ?? '—' }} />
          {' · '}
          <strong>
            <FormattedMessage id={nationalStateLabel[card.state]} />
          </strong>
        </span>
        {card.links.length ? (
          <span className="dupe__meta">
            <FormattedMessage id="national.card.linked" values={{ list: card.links.map((l) => `${l.facilityName} ${l.registerNo}`).join(', ') }} />
          </span>
        ) : null}
        <span className="dupe__reasons">{reasons.join(' · ')}</span>
      </span>
      {action}
    </li>
  );
}

/**
 * The intake's national section: HQ's candidates from other facilities in their own labelled section,
 * or "not checked nationally" with why (offline, not enrolled, refused): never an error, the intake goes on.
 */
export function NationalPanel({ outcome, checking }: { outcome: NationalOutcome | undefined; checking: boolean }) {
  const intl = useIntl();
  const titleId = useId();
  if (!outcome) {
    return checking ? (
      <p className="muted dupes__checking" role="status">
        <FormattedMessage id="national.checking" />
      </p>
    ) : null;
  }
  const title: MessageKey = outcome.status === 'checked' ? 'national.title' : 'national.notChecked';
  const why: MessageKey = outcome.status === 'not_checked' && outcome.reason === 'not_enrolled' ? 'national.notChecked.not_enrolled' : 'national.notChecked.unreachable';
  return (
    <section className="card dupes national" aria-labelledby={titleId}>
      <h3 className="card__title" id={titleId}>
        <FormattedMessage id={title} />
      </h3>
      {outcome.status === 'not_checked' ? (
        <p className="field__hint" role="status">
          {outcome.reason === 'refused' ? (
            <FormattedMessage id="national.notChecked.refused" values={{ reason: outcome.messageKey ? intl.formatMessage({ id: outcome.messageKey as MessageKey }) : '' }} />
          ) : (
            <FormattedMessage id={why} />
          )}
        </p>
      ) : outcome.candidates.length === 0 ? (
        <p className="field__hint">
          <FormattedMessage id="national.none" />
        </p>
      ) : (
        <>
          <p className="field__hint">
            <FormattedMessage id="national.intro" />
          </p>
          <ol className="dupes__list">
            {outcome.candidates.map((c) => (
              <NationalCardRow key={c.personId} card={c} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
