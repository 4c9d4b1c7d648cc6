import { FormattedMessage, useIntl } from 'react-intl';
import { rightsItems } from '../../../../core/safeguards';
import { Instant } from '../../../components/Instant';
import { Span } from '../clock';
import { InterpreterForm } from '../interpreter/InterpreterForm';
import { ackLabel, modeLabel } from '../labels';
import type { Card, PanelEpisode } from '../model';
import { Badge, pending, SgCard, type CardKit } from '../shared';
import { RightsDelayForm } from './RightsDelayForm';
import { RightsForm } from './RightsForm';

const letterHref = (notificationId: string) => `#/print/rights/${encodeURIComponent(notificationId)}`;

/** The letter of rights: each notification given, the delay explained when none could be yet, and their forms. */
export function RightsCard({ kit, mayWrite, languageName, limitMinutes }: { kit: CardKit; mayWrite: boolean; languageName(code: string): string; limitMinutes: number }) {
  const { ep, card, now, closed, is, button, formProps } = kit;
  return (
    <SgCard card={card} now={now} title="sg.rights.title" state={<RightsState ep={ep} card={card} />}>
      <RightsBody ep={ep} languageName={languageName} limitMinutes={limitMinutes} />
      {mayWrite && !closed ? (
        <div className="sg-card__actions">
          {button({ kind: 'rights' }, 'sg.rights.record', 'record-rights')}
          {button({ kind: 'rightsInterpreter' }, 'sg.interpreter.record', 'record-interpreter-from-rights')}
          {ep.rights.length === 0 ? button({ kind: 'rightsDelay' }, 'sg.delay.record', 'record-rights-delay') : null}
        </div>
      ) : null}
      {is('rights') ? <RightsForm {...formProps} /> : null}
      {is('rightsDelay') ? <RightsDelayForm {...formProps} /> : null}
      {is('rightsInterpreter') ? <InterpreterForm {...formProps} /> : null}
    </SgCard>
  );
}

function RightsState({ ep, card }: { ep: PanelEpisode; card: Card }) {
  if (!ep.rights.length) return <Badge tone={pending(card)} label="sg.rights.state.none" />;
  if (card.obligations.some((o) => o.kind === 'rights_renotify')) return <Badge tone={card.tone} label="sg.rights.state.renotify" />;
  if (card.obligations.some((o) => o.kind === 'written_rights_letter')) return <Badge tone={card.tone} label="sg.rights.state.letterOwed" />;
  return <Badge tone="done" label="sg.rights.state.done" />;
}

function RightsBody({ ep, languageName, limitMinutes }: { ep: PanelEpisode; languageName(code: string): string; limitMinutes: number }) {
  const intl = useIntl();
  if (!ep.rights.length) {
    return (
      <p className="muted sg-card__empty">
        <FormattedMessage id="sg.rights.none" />
      </p>
    );
  }
  const interpreters = new Map(ep.interpreters.map((i) => [i.useId, i.use]));
  return (
    <ul className="sg-log">
      {[...ep.rights].reverse().map((r) => {
        const n = r.notification;
        // Only the first notification runs on the apprehension clock; a later one follows a change of status.
        const late = r.notificationId === ep.rights[0]?.notificationId && r.minutesAfterApprehension > limitMinutes;
        const interp = n.interpreterUseId ? interpreters.get(n.interpreterUseId) : undefined;
        return (
          <li key={r.notificationId} className="sg-log__item" data-testid="rights-entry">
            <p className="sg-log__main">
              <Instant value={n.at} /> · <FormattedMessage id={modeLabel[n.mode]} /> · <span dir="auto">{languageName(n.language)}</span>
              {n.templateVersion ? (
                <span className="muted">
                  {' · '}
                  <FormattedMessage id="sg.rights.version" values={{ version: n.templateVersion }} />
                </span>
              ) : null}
            </p>
            <p className="sg-log__detail">
              <span className={late ? 'sg-bad' : undefined}>
                <FormattedMessage id={late ? 'sg.rights.afterLate' : 'sg.rights.after'} values={{ span: <Span ms={r.minutesAfterApprehension * 60_000} key="s" /> }} />
              </span>
              {' · '}
              <FormattedMessage id="sg.rights.itemsCovered" values={{ count: n.items.length, total: rightsItems.length }} />
              {' · '}
              <FormattedMessage id={ackLabel[n.acknowledgement.kind]} />
              {n.acknowledgement.kind === 'refused' ? (
                <>
                  {' '}
                  <FormattedMessage id="sg.rights.witness" values={{ name: n.acknowledgement.witness }} />
                </>
              ) : null}
              {' · '}
              <FormattedMessage id={n.copyHanded ? 'sg.rights.copyHanded' : 'sg.rights.copyNotHanded'} />
            </p>
            {r.letterStatus === 'draft' ? (
              <p className="sg-log__detail sg-draft-used" data-testid="rights-draft-used">
                <FormattedMessage id={n.interpreterCheckedLetter ? 'sg.draft.recorded' : 'sg.draft.recordedUnchecked'} />
              </p>
            ) : null}
            <p className="sg-log__detail">
              {interp ? (
                <>
                  <FormattedMessage id="sg.rights.viaInterpreter" values={{ name: interp.interpreterName }} />
                  {' · '}
                </>
              ) : null}
              {r.recordedBy ? (
                <>
                  <FormattedMessage id="sg.recordedBy" values={{ name: r.recordedBy }} />
                  {' · '}
                </>
              ) : null}
              <FormattedMessage
                id="sg.rights.code"
                values={{
                  code: (
                    <span className="mono" key="c">
                      {r.verifyCode}
                    </span>
                  ),
                }}
              />
              {n.mode === 'written' ? (
                <>
                  {' · '}
                  <a href={letterHref(r.notificationId)} data-testid="letter-link" aria-label={intl.formatMessage({ id: 'sg.rights.letterLabel' }, { code: r.verifyCode })}>
                    <FormattedMessage id="sg.rights.letter" />
                  </a>
                </>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
