import { FormattedMessage, useIntl } from 'react-intl';
import { Instant } from '../../../components/Instant';
import { Span } from '../clock';
import { contactModeLabel, fundingLabel, issueKindLabel, requestedByLabel } from '../labels';
import type { Card, PanelEpisode } from '../model';
import { Badge, pending, SgCard, type CardKit } from '../shared';
import { ContactForm, DefenderForm, IssueForm, LegalAidRequestForm, WaiverForm } from './forms';

const lawyerContactLabel = { visit: 'sg.legal.logVisit', call: 'sg.legal.logCall' } as const;

/** The lawyer: each request, its defender, contacts and problems, or the person's waiver. */
export function LegalAidCard({ kit, mayLegal }: { kit: CardKit; mayLegal: boolean }) {
  const { ep, card, now, closed, open, is, button, formProps } = kit;
  return (
    <SgCard card={card} now={now} title="sg.legal.title" state={<LegalState ep={ep} card={card} />}>
      <LegalBody ep={ep} mayLegal={mayLegal && !closed} button={button} />
      {mayLegal && !closed ? (
        <div className="sg-card__actions">
          {button({ kind: 'legalRequest' }, 'sg.legal.request', 'request-legal-aid')}
          {!ep.legalAidWaivers.length && !defenderMet(ep) ? button({ kind: 'waiver' }, 'sg.waiver.record', 'record-waiver') : null}
        </div>
      ) : null}
      {is('legalRequest') ? <LegalAidRequestForm {...formProps} /> : null}
      {is('waiver') ? <WaiverForm {...formProps} /> : null}
      {open && 'requestId' in open ? (
        <>
          {open.kind === 'defender' ? <DefenderForm {...formProps} requestId={open.requestId} /> : null}
          {open.kind === 'contact' ? <ContactForm {...formProps} requestId={open.requestId} /> : null}
          {open.kind === 'issue' ? <IssueForm {...formProps} requestId={open.requestId} /> : null}
        </>
      ) : null}
    </SgCard>
  );
}

/** Met through a legal-aid request's contact, or a lawyer's visit or call in the contact log (issue #15 §1). */
const defenderMet = (ep: PanelEpisode) => ep.legalAid.some((a) => a.firstContactAt) || ep.lawyerContacts.length > 0;

function LegalState({ ep, card }: { ep: PanelEpisode; card: Card }) {
  if (defenderMet(ep)) return <Badge tone="done" label="sg.legal.state.met" />;
  if (ep.legalAidWaivers.length) return <Badge tone="done" label="sg.legal.state.waived" />;
  if (ep.legalAid.some((a) => a.issues.some((i) => i.kind === 'denied'))) return <Badge tone="overdue" label="sg.legal.state.denied" />;
  if (ep.legalAid.some((a) => a.issues.some((i) => i.kind === 'delayed'))) return <Badge tone="attention" label="sg.legal.state.delayed" />;
  if (ep.legalAid.some((a) => a.defender)) return <Badge tone={pending(card)} label="sg.legal.state.assigned" />;
  if (ep.legalAid.length) return <Badge tone={pending(card)} label="sg.legal.state.requested" />;
  return <Badge tone={pending(card)} label="sg.legal.state.none" />;
}

function LegalBody({ ep, mayLegal, button }: { ep: PanelEpisode; mayLegal: boolean; button: CardKit['button'] }) {
  const intl = useIntl();
  if (!ep.legalAid.length && !ep.legalAidWaivers.length && !ep.lawyerContacts.length) {
    return (
      <p className="muted sg-card__empty">
        <FormattedMessage id="sg.legal.none" />
      </p>
    );
  }
  return (
    <ul className="sg-log">
      {ep.legalAid.map((a) => (
        <li key={a.requestId} className="sg-log__item" data-testid="legal-request">
          <p className="sg-log__main">
            <FormattedMessage
              id="sg.legal.requestSummary"
              values={{
                time: <Instant value={a.request.requestedAt} key="t" />,
                by: intl.formatMessage({ id: requestedByLabel[a.request.requestedBy] }),
                funding: intl.formatMessage({ id: fundingLabel[a.request.funding] }),
              }}
            />
          </p>
          {a.request.note ? <p className="sg-log__detail">{a.request.note}</p> : null}
          {a.defender ? (
            <p className="sg-log__detail">
              <FormattedMessage
                id="sg.legal.defender"
                values={{ name: a.defender.name, time: <Instant value={a.defender.at} key="t" />, bar: a.defender.barNumber ?? '—', phone: a.defender.phone ?? '—' }}
              />
            </p>
          ) : (
            <p className="sg-log__detail sg-bad">
              <FormattedMessage id="sg.legal.noDefender" />
            </p>
          )}
          {a.contacts.map((c, i) => (
            <p key={`c${i}`} className="sg-log__detail">
              <FormattedMessage id="sg.legal.contact" values={{ time: <Instant value={c.at} key="t" />, mode: intl.formatMessage({ id: contactModeLabel[c.mode] }), minutes: c.durationMinutes }} />{' '}
              <span className={c.confidential ? 'sg-ok' : 'sg-bad'}>
                <FormattedMessage id={c.confidential ? 'sg.legal.confidential' : 'sg.legal.notConfidential'} />
              </span>
            </p>
          ))}
          {a.hoursToDefender !== null ? (
            <p className="sg-log__detail">
              <FormattedMessage id="sg.legal.hoursToDefender" values={{ span: <Span ms={a.hoursToDefender * 3_600_000} key="s" /> }} />
            </p>
          ) : null}
          {a.issues.map((x, i) => (
            <p key={`i${i}`} className="sg-log__detail sg-bad">
              <FormattedMessage id={issueKindLabel[x.kind]} /> · <Instant value={x.at} /> — {x.reason}
            </p>
          ))}
          {mayLegal ? (
            <div className="sg-card__actions sg-card__actions--inline">
              {!a.defender ? button({ kind: 'defender', requestId: a.requestId }, 'sg.defender.record', 'assign-defender') : null}
              {a.defender ? button({ kind: 'contact', requestId: a.requestId }, 'sg.contact.record', 'record-contact') : null}
              {!a.firstContactAt ? button({ kind: 'issue', requestId: a.requestId }, 'sg.issue.record', 'record-issue') : null}
            </div>
          ) : null}
        </li>
      ))}
      {ep.lawyerContacts.map((c) => (
        <li key={c.contactId} className="sg-log__item" data-testid="lawyer-contact">
          <p className="sg-log__main">
            <FormattedMessage id={lawyerContactLabel[c.kind]} values={{ who: c.who, time: <Instant value={c.at} key="t" /> }} />
          </p>
        </li>
      ))}
      {ep.legalAidWaivers.map((w) => (
        <li key={w.at} className="sg-log__item">
          <p className="sg-log__main">
            <FormattedMessage id="sg.waiver.summary" values={{ time: <Instant value={w.at} key="t" />, witness: w.witness }} />
          </p>
          {w.statement ? (
            <blockquote className="sg-quote" dir="auto">
              {w.statement}
            </blockquote>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
