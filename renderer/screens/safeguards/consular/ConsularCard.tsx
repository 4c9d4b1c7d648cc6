import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Instant } from '../../../components/Instant';
import { useLocale } from '../../../i18n';
import { countryLabel } from '../../../places';
import { blockReasonLabel, channelLabel, consularStateLabel, wishLabel } from '../labels';
import { currentNotice, type Card, type CardTone, type PanelEpisode } from '../model';
import { Badge, pending, SgCard, type CardKit } from '../shared';
import { DisclosureReviewForm } from './DisclosureReviewForm';
import { AnsweredForm, ConsentForm, ConsularOpenForm, SendForm, WithdrawForm } from './forms';

/** The consul: the notice (or why it is blocked), a disclosure to review, consent, sending and the answer. */
export function ConsularCard({ kit, mayWrite, protectionCase }: { kit: CardKit; mayWrite: boolean; protectionCase: boolean }) {
  const { ep, card, now, closed, open, is, button, formProps } = kit;
  const n = currentNotice(ep);
  const live = n && n.state !== 'WITHDRAWN' ? n : null;
  return (
    <SgCard card={card} now={now} title="sg.consular.title" state={<ConsularState ep={ep} card={card} />}>
      <ConsularBody ep={ep} protectionCase={protectionCase} />
      {mayWrite && !closed ? (
        <div className="sg-card__actions">
          {!live ? button({ kind: 'consularOpen' }, 'sg.consular.open', 'open-consular') : null}
          {live && live.disclosure === 'conflict' ? button({ kind: 'disclosure', noticeId: live.noticeId }, 'sg.disclosure.record', 'review-disclosure') : null}
          {live && (live.state === 'BLOCKED_PROTECTION' || !live.furtherStepsAllowed) ? button({ kind: 'consent', noticeId: live.noticeId }, 'sg.consent.record', 'record-consent') : null}
          {live && !live.sent ? button({ kind: 'send', noticeId: live.noticeId }, 'sg.send.record', 'send-consular') : null}
          {live && live.sent && live.state !== 'VISITED' && live.furtherStepsAllowed ? button({ kind: 'answered', noticeId: live.noticeId }, 'sg.answer.record', 'answer-consular') : null}
          {live && !live.sent ? button({ kind: 'withdraw', noticeId: live.noticeId }, 'sg.withdraw.record', 'withdraw-consular', 'danger') : null}
        </div>
      ) : null}
      {is('consularOpen') ? <ConsularOpenForm {...formProps} /> : null}
      {open && 'noticeId' in open ? (
        <>
          {open.kind === 'disclosure' ? <DisclosureReviewForm {...formProps} noticeId={open.noticeId} /> : null}
          {open.kind === 'consent' ? <ConsentForm {...formProps} noticeId={open.noticeId} /> : null}
          {open.kind === 'send' ? <SendForm {...formProps} noticeId={open.noticeId} /> : null}
          {open.kind === 'answered' ? <AnsweredForm {...formProps} noticeId={open.noticeId} /> : null}
          {open.kind === 'withdraw' ? <WithdrawForm {...formProps} noticeId={open.noticeId} /> : null}
        </>
      ) : null}
    </SgCard>
  );
}

/**
 * A consulate told before the person became a protection case (docs/domain.md §5 rule 3): said plainly at
 * the top of the card, with what must be done and why the consul's steps are no longer offered.
 */
function DisclosureCallout({ n }: { n: PanelEpisode['consular'][number] }) {
  const titleId = useId();
  const r = n.disclosureReview;
  return (
    <div className={`sg-callout ${r ? 'sg-callout--blocked' : 'sg-callout--overdue'}`} role="region" aria-labelledby={titleId} data-testid="disclosure-conflict">
      <p className="sg-callout__title" id={titleId}>
        <span aria-hidden="true">⚑ </span>
        <FormattedMessage id="sg.disclosure.title" />
      </p>
      <p className="small">
        <FormattedMessage id="sg.disclosure.reason" />
      </p>
      {r ? (
        <>
          <p className="small">
            <FormattedMessage id="sg.disclosure.reviewed" values={{ told: <Instant value={r.personToldAt} key="p" />, authority: <Instant value={r.asylumAuthorityInformedAt} key="a" /> }} />
          </p>
          <blockquote className="sg-quote" dir="auto">
            {r.disclosed}
          </blockquote>
        </>
      ) : (
        <ul className="plain-list small">
          <li>
            <FormattedMessage id="sg.disclosure.todo.tell" />
          </li>
          <li>
            <FormattedMessage id="sg.disclosure.todo.record" />
          </li>
          <li>
            <FormattedMessage id="sg.disclosure.todo.authority" />
          </li>
        </ul>
      )}
      {!n.furtherStepsAllowed ? (
        <p className="small" data-testid="disclosure-consent-needed">
          <FormattedMessage id="sg.disclosure.consentNeeded" />
        </p>
      ) : null}
    </div>
  );
}

function ConsularState({ ep, card }: { ep: PanelEpisode; card: Card }) {
  const n = currentNotice(ep);
  if (!n) return <Badge tone={pending(card)} label="sg.consular.state.none" />;
  if (n.disclosure === 'conflict') return <Badge tone={card.tone === 'overdue' ? 'overdue' : 'due'} label="sg.disclosure.badge" />;
  if (n.disclosure === 'reviewed') return <Badge tone="attention" label="sg.disclosure.badgeReviewed" />;
  const tone: CardTone = n.state === 'BLOCKED_PROTECTION' || n.state === 'BLOCKED_OPPOSED' || n.state === 'PROTECTION_CHECK' ? 'attention' : n.state === 'READY' ? 'open' : 'done';
  return <Badge tone={tone} label={consularStateLabel[n.state]} />;
}

function ConsularBody({ ep, protectionCase }: { ep: PanelEpisode; protectionCase: boolean }) {
  const { locale } = useLocale();
  const intl = useIntl();
  const n = currentNotice(ep);
  const interpreters = new Map(ep.interpreters.map((i) => [i.useId, i.use]));
  if (!n) {
    return (
      <p className="muted sg-card__empty">
        <FormattedMessage id={protectionCase ? 'sg.consular.noneProtection' : 'sg.consular.none'} />
      </p>
    );
  }
  const opposed = n.state === 'BLOCKED_OPPOSED';
  const blocked = n.state === 'BLOCKED_PROTECTION' || opposed;
  const consentInterpreter = n.consent?.interpreterUseId ? interpreters.get(n.consent.interpreterUseId) : undefined;
  return (
    <div className="sg-consular">
      <p className="sg-log__main">
        {intl.formatList(n.states.map((s) => countryLabel(s, locale)))} · <FormattedMessage id={wishLabel[n.wish as keyof typeof wishLabel] ?? 'sg.wish.no_preference'} />
      </p>
      <p className="sg-log__detail">
        <FormattedMessage id="sg.consular.informed" values={{ time: <Instant value={n.informedAt} key="t" /> }} />
      </p>
      {blocked && n.blockReasons.length ? (
        <div className="sg-callout sg-callout--blocked" data-testid="consular-blocked">
          <p className="sg-callout__title">
            <FormattedMessage id={opposed ? 'sg.block.titleOpposed' : 'sg.block.title'} />
          </p>
          <ul className="plain-list">
            {n.blockReasons.map((r) => (
              <li key={r}>
                <FormattedMessage id={blockReasonLabel[r]} />
              </li>
            ))}
          </ul>
          {n.state === 'BLOCKED_PROTECTION' ? (
            <p className="small">
              <FormattedMessage id="sg.block.consentWay" />
            </p>
          ) : null}
        </div>
      ) : null}
      {n.disclosure !== 'none' ? <DisclosureCallout n={n} /> : null}
      {n.policyConflict ? (
        <p className="sg-flag" data-testid="policy-conflict">
          <span aria-hidden="true">⚑ </span>
          <FormattedMessage id="sg.consular.policyConflict" />
        </p>
      ) : null}
      {n.consent ? (
        <div className="sg-log__item">
          <p className="sg-log__main">
            <FormattedMessage id="sg.consent.summary" values={{ time: <Instant value={n.consent.at} key="t" /> }} />
          </p>
          <p className="sg-log__detail">
            <FormattedMessage id={n.consent.privateSetting && !n.consent.consularPresent ? 'sg.consent.private' : 'sg.consent.notPrivate'} />
            {consentInterpreter ? (
              <>
                {' · '}
                <FormattedMessage id="sg.rights.viaInterpreter" values={{ name: consentInterpreter.interpreterName }} />
              </>
            ) : null}
            {' · '}
            <FormattedMessage id={n.consent.unhcrOffered ? 'sg.consent.unhcrOffered' : 'sg.consent.unhcrNotOffered'} />
          </p>
          <blockquote className="sg-quote" dir="auto">
            {n.consent.statement}
          </blockquote>
        </div>
      ) : null}
      {n.sent ? (
        <p className="sg-log__detail">
          <FormattedMessage
            id="sg.consular.sent"
            values={{ time: <Instant value={n.sent.at} key="t" />, mission: n.sent.mission, channel: intl.formatMessage({ id: channelLabel[n.sent.channel] }), reference: n.sent.reference }}
          />
        </p>
      ) : null}
      {n.acknowledgedAt ? (
        <p className="sg-log__detail">
          <FormattedMessage id="sg.consular.acknowledged" values={{ time: <Instant value={n.acknowledgedAt} key="t" /> }} />
        </p>
      ) : null}
      {n.visitedAt ? (
        <p className="sg-log__detail">
          <FormattedMessage id="sg.consular.visited" values={{ time: <Instant value={n.visitedAt} key="t" /> }} />
        </p>
      ) : null}
      {n.withdrawnAt ? (
        <p className="sg-log__detail">
          <FormattedMessage id="sg.consular.withdrawn" values={{ time: <Instant value={n.withdrawnAt} key="t" />, reason: n.withdrawReason ?? '' }} />
        </p>
      ) : null}
      {ep.consular.length > 1 ? (
        <p className="muted small">
          <FormattedMessage id="sg.consular.earlier" values={{ count: ep.consular.length - 1 }} />
        </p>
      ) : null}
    </div>
  );
}
