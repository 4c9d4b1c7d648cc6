import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PersonView } from '../../../core/contract/register-views';
import type { MessageKey } from '../../../core/i18n';
import { Instant } from '../../components/Instant';
import { useListFormat } from '../../i18n';
import {
  ageMethodLabel,
  asylumDecisionLabel,
  asylumPlaceLabel,
  asylumStatusLabel,
  flagLabel,
  nrResultLabel,
  referralStageLabel,
  referralTypeLabel,
  screeningItemLabel,
  screeningItems,
} from '../../register-labels';
import { AsylumForwardForm, AsylumStatusForm, ProgressReferralForm, nextReferralStages } from './forms';

/** A form opened from an item in a list (one referral, one asylum claim) rather than the action bar. */
export type ItemAction = { kind: 'progressReferral'; id: string } | { kind: 'asylumForward'; id: string } | { kind: 'asylumStatus'; id: string };

/** What the success line names once an item's form is done, as the timeline calls the record made. */
const itemDoneEvent: Record<ItemAction['kind'], MessageKey> = {
  progressReferral: 'event.referral.progressed',
  asylumForward: 'event.asylum.forwarded',
  asylumStatus: 'event.asylum.statusChanged',
};

const stageKey = (stage: PersonView['referrals'][number]['stage']): MessageKey => referralStageLabel[stage ?? 'none'];

/** Screening, referrals, asylum claims and the other protection records, each with the step it may take next. */
export function Protection({
  view,
  mayWrite,
  item,
  onItem,
  onDone,
  onCancel,
}: {
  view: PersonView;
  mayWrite: boolean;
  item: ItemAction | null;
  onItem(next: ItemAction, el: HTMLElement): void;
  onDone(label: MessageKey): void;
  onCancel(): void;
}) {
  const intl = useIntl();
  const list = useListFormat();
  const titleId = useId();
  const latest = view.screenings[0] ?? null;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="pp.protection" />
      </h2>

      <h3 className="subhead">
        <FormattedMessage id="pp.screening" />
      </h3>
      {latest ? (
        <div className="screening">
          <p>
            <FormattedMessage id="pp.screening.at" values={{ time: <Instant value={latest.at} key="t" /> }} />
          </p>
          {latest.screening ? (
            <>
              <ul className="screening__items">
                {screeningItems.map((i) => (
                  <li key={i} className={latest.screening![i] ? 'screening__yes' : 'screening__no'}>
                    <span aria-hidden="true">{latest.screening![i] ? '●' : '○'}</span> <FormattedMessage id={screeningItemLabel[i]} />
                    <span className="visually-hidden">: {intl.formatMessage({ id: latest.screening![i] ? 'common.yes' : 'common.no' })}</span>
                  </li>
                ))}
              </ul>
              {latest.screening.asylumWords ? (
                <blockquote className="verbatim" dir="auto" lang={latest.screening.asylumWordsLanguage ?? undefined}>
                  {latest.screening.asylumWords}
                </blockquote>
              ) : null}
              {latest.screening.notes ? <p className="muted">{latest.screening.notes}</p> : null}
            </>
          ) : (
            <p className="muted">
              <FormattedMessage id="pp.screening.withheld" />
            </p>
          )}
          {latest.flags.length ? (
            <p className="small">
              <FormattedMessage id="pp.screening.flags" values={{ list: list(latest.flags.map((f) => intl.formatMessage({ id: flagLabel[f] }))) }} />
            </p>
          ) : null}
        </div>
      ) : (
        <p className="muted">
          <FormattedMessage id="pp.screening.none" />
        </p>
      )}

      <h3 className="subhead">
        <FormattedMessage id="pp.referrals" />
      </h3>
      {view.referrals.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="pp.referrals.none" />
        </p>
      ) : (
        <ul className="item-list">
          {view.referrals.map((r) => {
            const next = nextReferralStages(r.stage);
            const active = item?.kind === 'progressReferral' && item.id === r.referralId;
            return (
              <li key={r.referralId}>
                <div className="item-list__row">
                  <span>
                    <strong>
                      <FormattedMessage id={referralTypeLabel[r.type]} />
                    </strong>
                    {' · '}
                    <FormattedMessage id={stageKey(r.stage)} />
                    {r.reason ? <span className="item-list__detail">{r.reason}</span> : null}
                  </span>
                  {mayWrite && next.length ? (
                    <button type="button" className="button button--small" aria-expanded={active} onClick={(e) => onItem({ kind: 'progressReferral', id: r.referralId }, e.currentTarget)}>
                      <FormattedMessage id="act.progressReferral" />
                    </button>
                  ) : null}
                </div>
                {active ? <ProgressReferralForm referral={r} onDone={() => onDone(itemDoneEvent.progressReferral)} onCancel={onCancel} /> : null}
              </li>
            );
          })}
        </ul>
      )}

      <h3 className="subhead">
        <FormattedMessage id="pp.asylum" />
      </h3>
      {view.asylumClaims.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="pp.asylum.none" />
        </p>
      ) : (
        <ul className="item-list">
          {view.asylumClaims.map((c) => {
            const forwarding = item?.kind === 'asylumForward' && item.id === c.claimId;
            const updating = item?.kind === 'asylumStatus' && item.id === c.claimId;
            return (
              <li key={c.claimId}>
                <div className="item-list__row">
                  <span>
                    <strong>
                      <FormattedMessage id={asylumStatusLabel[c.status]} />
                      {c.decision ? (
                        <>
                          {' — '}
                          <FormattedMessage id={asylumDecisionLabel[c.decision]} />
                        </>
                      ) : null}
                    </strong>
                    <span className="item-list__detail">
                      <Instant value={c.expressedAt} /> · <FormattedMessage id={asylumPlaceLabel[c.place as keyof typeof asylumPlaceLabel] ?? 'asylumPlace.other'} />
                      {c.forwardedAt ? (
                        <>
                          {' · '}
                          <FormattedMessage id="pp.asylum.forwarded" values={{ time: <Instant value={c.forwardedAt} key="t" />, reference: c.reference ?? '' }} />
                        </>
                      ) : null}
                    </span>
                    <blockquote className="verbatim" dir="auto">
                      {c.words}
                    </blockquote>
                  </span>
                  {mayWrite ? (
                    <span className="item-list__buttons">
                      {c.status === 'EXPRESSED' ? (
                        <button type="button" className="button button--small" aria-expanded={forwarding} onClick={(e) => onItem({ kind: 'asylumForward', id: c.claimId }, e.currentTarget)}>
                          <FormattedMessage id="act.asylumForward" />
                        </button>
                      ) : null}
                      {c.status !== 'FINAL' ? (
                        <button type="button" className="button button--small" aria-expanded={updating} onClick={(e) => onItem({ kind: 'asylumStatus', id: c.claimId }, e.currentTarget)}>
                          <FormattedMessage id="act.asylumStatus" />
                        </button>
                      ) : null}
                    </span>
                  ) : null}
                </div>
                {forwarding ? <AsylumForwardForm claim={c} onDone={() => onDone(itemDoneEvent.asylumForward)} onCancel={onCancel} /> : null}
                {updating ? <AsylumStatusForm claim={c} onDone={() => onDone(itemDoneEvent.asylumStatus)} onCancel={onCancel} /> : null}
              </li>
            );
          })}
        </ul>
      )}

      {view.ageAssessments.length || view.guardians.length || view.nonRefoulementChecks.length ? (
        <>
          <h3 className="subhead">
            <FormattedMessage id="pp.otherProtection" />
          </h3>
          <ul className="item-list">
            {view.ageAssessments.map((a) => (
              <li key={`age-${a.at}`}>
                <FormattedMessage
                  id="pp.ageAssessment"
                  values={{
                    min: a.minAge,
                    max: a.maxAge,
                    method: intl.formatMessage({ id: ageMethodLabel[a.method as keyof typeof ageMethodLabel] ?? 'ageMethod.interview' }),
                    assessor: a.assessor,
                  }}
                />
                <span className="item-list__detail">
                  <Instant value={a.at} />
                </span>
              </li>
            ))}
            {view.guardians.map((g) => (
              <li key={`g-${g.appointedAt}`}>
                <FormattedMessage id="pp.guardian" values={{ name: g.name, authority: g.authority, contact: g.contact }} />
                <span className="item-list__detail">
                  <Instant value={g.appointedAt} />
                </span>
              </li>
            ))}
            {view.nonRefoulementChecks.map((c) => (
              <li key={c.checkId}>
                <strong>
                  <FormattedMessage id={nrResultLabel[c.result]} />
                </strong>
                <span className="item-list__detail">
                  <Instant value={c.at} /> · {c.basis}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
