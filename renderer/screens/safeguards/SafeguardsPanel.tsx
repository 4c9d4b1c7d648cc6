import { useId, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../../core/contract';
import type { Locale } from '../../../core/fields';
import type { MessageKey } from '../../../core/i18n';
import { can } from '../../../core/permissions';
import { rightsItems } from '../../../core/safeguards';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { useLocale } from '../../i18n';
import { countryLabel, languageLabel } from '../../places';
import '../../styles/safeguards.css';
import { Span, useNow } from './clock';
import {
  AnsweredForm,
  ConsentForm,
  ConsularOpenForm,
  ContactForm,
  DefenderForm,
  InterpreterForm,
  IssueForm,
  LegalAidRequestForm,
  RightsForm,
  SendForm,
  WaiverForm,
  WithdrawForm,
  type PersonFacts,
  type TemplateInfo,
} from './forms';
import {
  ackLabel,
  blockReasonLabel,
  channelLabel,
  consularStateLabel,
  contactModeLabel,
  fundingLabel,
  interpreterKindLabel,
  interpreterPurposeLabel,
  issueKindLabel,
  modeLabel,
  obligationLabel,
  requestedByLabel,
  statusLabel,
  wishLabel,
} from './labels';
import { DisclosureReviewForm } from './DisclosureReviewForm';
import { RightsDelayForm } from './RightsDelayForm';
import { rightsDelayLabel } from '../../components/AdmissionStatus';
import { buildCards, currentNotice, type Card, type CardTone, type Obligation, type PanelEpisode } from './model';

type OpenForm =
  | { kind: 'rights' | 'rightsInterpreter' | 'rightsDelay' | 'interpreter' | 'consularOpen' | 'legalRequest' | 'waiver' }
  | { kind: 'consent' | 'send' | 'answered' | 'withdraw' | 'disclosure'; noticeId: string }
  | { kind: 'defender' | 'contact' | 'issue'; requestId: string };

const letterHref = (notificationId: string) => `#/print/rights/${encodeURIComponent(notificationId)}`;

export function useLetterTemplates() {
  return useQuery({ queryKey: ['letterTemplates'], queryFn: () => api.safeguards.letterTemplates({}), staleTime: Infinity });
}

/** A language's name as the officer reads it: the UI name, with the letter's own endonym where one exists. */
export function languageNamer(templates: readonly TemplateInfo[], locale: Locale) {
  return (code: string) => {
    const t = templates.find((x) => x.language === code);
    const ui = languageLabel(code, locale);
    return t && t.endonym !== ui ? `${ui} – \u2068${t.endonym}\u2069` : ui;
  };
}

/**
 * Safeguards from the first hour for the person's current detention: rights, consul, lawyer and
 * interpreters, each a card with its state, its clock and who did what when. Overdue cards come first
 * and are red; what is done recedes to the end.
 */
export function SafeguardsPanel({ personId, session }: { personId: string; session: SessionView }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const titleId = useId();
  const panel = useQuery({ queryKey: ['safeguards', personId], queryFn: () => api.safeguards.panel({ personId }) });
  // The person page's own query (same key, same call): obligations, languages, nationalities.
  const view = useQuery({ queryKey: ['person', personId], queryFn: () => api.persons.view({ personId }) });
  const templates = useLetterTemplates();
  // The limit for the rights is a setting (one hour by default), shared with the settings screen's query.
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.settings.get() });
  const now = useNow();
  const [open, setOpen] = useState<OpenForm | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const roles = session.user.roles;
  const mayWrite = can(roles, 'person.write');
  const mayLegal = can(roles, 'legalAid.write');

  if (panel.isError) return <QueryError error={panel.error} onRetry={() => void panel.refetch()} />;
  if (view.isError) return <QueryError error={view.error} onRetry={() => void view.refetch()} />;
  if (!panel.data || !view.data || !templates.data) {
    return (
      <section className="card sg-panel" aria-busy="true">
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      </section>
    );
  }
  const v = view.data;
  const current = v.episodes.find((e) => e.state !== 'CLOSED') ?? v.episodes[0] ?? null;
  const ep = panel.data.episodes.find((e) => e.episodeId === current?.episodeId) ?? panel.data.episodes[0] ?? null;
  if (!ep) {
    return (
      <section className="card sg-panel" aria-labelledby={titleId}>
        <h2 className="card__title" id={titleId}>
          <FormattedMessage id="sg.title" />
        </h2>
        <p className="muted">
          <FormattedMessage id="sg.noEpisode" />
        </p>
      </section>
    );
  }
  const closed = current?.state === 'CLOSED';
  const obligations: Obligation[] = (current?.episodeId === ep.episodeId ? current.obligations : []).map((o) => ({ kind: o.kind, dueAt: o.dueAt, status: o.status }));
  const cards = buildCards(ep, obligations);
  const person: PersonFacts = {
    personId,
    languages: v.languages,
    nationalities: v.person.nationalities,
    protectionCase: panel.data.protectionCase,
    templates: templates.data.templates,
  };

  const refresh = () => Promise.all([['safeguards', personId], ['person', personId], ['dueNow'], ['register'], ['safeguardStats']].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const start = (form: OpenForm, el: HTMLElement) => {
    opener.current = el;
    setNotice(null);
    setOpen((o) => (o && JSON.stringify(o) === JSON.stringify(form) ? null : form));
  };
  const formProps = {
    person,
    ep,
    onDone: (label: MessageKey) => {
      setOpen(null);
      setNotice(label);
      void refresh();
      opener.current?.focus();
    },
    onCancel: () => {
      setOpen(null);
      opener.current?.focus();
    },
  };
  const is = (kind: OpenForm['kind'], id?: string) => open?.kind === kind && (id === undefined || ('noticeId' in open && open.noticeId === id) || ('requestId' in open && open.requestId === id));
  const button = (form: OpenForm, label: MessageKey, testId?: string, tone: 'normal' | 'danger' = 'normal') => (
    <button
      type="button"
      className={`button button--small${tone === 'danger' ? ' sg-button--danger' : ''}`}
      aria-expanded={is(form.kind, 'noticeId' in form ? form.noticeId : 'requestId' in form ? form.requestId : undefined)}
      data-testid={testId}
      onClick={(e) => start(form, e.currentTarget)}
    >
      <FormattedMessage id={label} />
    </button>
  );
  const languageName = languageNamer(templates.data.templates, locale);
  const apprehended = Date.parse(ep.apprehendedAt);

  return (
    <section className="card sg-panel" aria-labelledby={titleId} data-testid="safeguards-panel">
      <header className="sg-panel__head">
        <h2 className="card__title" id={titleId}>
          <FormattedMessage id="sg.title" />
        </h2>
        <p className="sg-panel__since">
          <FormattedMessage id="sg.sinceApprehension" values={{ time: <Instant value={ep.apprehendedAt} key="t" />, span: <Span ms={now - apprehended} key="s" /> }} />
        </p>
        {panel.data.protectionCase ? (
          <span className="sg-badge sg-badge--attention">
            <FormattedMessage id="sg.protectionCase" />
          </span>
        ) : null}
      </header>
      <div role="status" className="status-line">
        {notice ? (
          <p className="alert alert--success">
            <FormattedMessage id={notice} />
          </p>
        ) : null}
      </div>
      {/* The same derived status as the detention's badge and the due-now board (issue #11 §3). */}
      {!closed && ep.admission.gate === 'rights_pending' ? (
        <p className="sg-callout sg-callout--overdue" data-testid="admission-callout">
          <FormattedMessage id="sg.admissionNotFinal" />
        </p>
      ) : null}
      {!closed && ep.admission.gate === 'delay_explained' && ep.rightsDelay ? (
        <p className="sg-callout" data-testid="admission-callout">
          <FormattedMessage
            id="sg.admissionDelayed"
            values={{
              reason: ep.rightsDelay.note
                ? `${intl.formatMessage({ id: rightsDelayLabel[ep.rightsDelay.reason] })} (${ep.rightsDelay.note})`
                : intl.formatMessage({ id: rightsDelayLabel[ep.rightsDelay.reason] }),
              time: <Instant value={ep.rightsDelay.at} key="t" />,
            }}
          />
        </p>
      ) : null}
      <div className="sg-cards">
        {cards.map((card) => {
          switch (card.kind) {
            case 'rights':
              return (
                <SgCard key="rights" card={card} now={now} title="sg.rights.title" state={<RightsState ep={ep} card={card} />}>
                  <RightsBody ep={ep} languageName={languageName} limitMinutes={(settings.data?.settings.rightsNotificationHours ?? 1) * 60} />
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
            case 'consular': {
              const n = currentNotice(ep);
              const live = n && n.state !== 'WITHDRAWN' ? n : null;
              return (
                <SgCard key="consular" card={card} now={now} title="sg.consular.title" state={<ConsularState ep={ep} card={card} />}>
                  <ConsularBody ep={ep} protectionCase={panel.data.protectionCase} />
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
            case 'legalAid':
              return (
                <SgCard key="legalAid" card={card} now={now} title="sg.legal.title" state={<LegalState ep={ep} card={card} />}>
                  <LegalBody ep={ep} mayLegal={mayLegal && !closed} button={button} />
                  {mayLegal && !closed ? (
                    <div className="sg-card__actions">
                      {button({ kind: 'legalRequest' }, 'sg.legal.request', 'request-legal-aid')}
                      {!ep.legalAidWaivers.length && !ep.legalAid.some((a) => a.firstContactAt) ? button({ kind: 'waiver' }, 'sg.waiver.record', 'record-waiver') : null}
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
            case 'interpreters':
              return (
                <SgCard
                  key="interpreters"
                  card={card}
                  now={now}
                  title="sg.interpreters.title"
                  state={
                    <span className={`sg-badge sg-badge--${card.tone}`}>
                      <FormattedMessage id="sg.interpreters.count" values={{ count: ep.interpreters.length }} />
                    </span>
                  }
                >
                  <InterpretersBody ep={ep} languageName={languageName} protectionCase={panel.data.protectionCase} />
                  {mayWrite && !closed ? <div className="sg-card__actions">{button({ kind: 'interpreter' }, 'sg.interpreter.record', 'record-interpreter')}</div> : null}
                  {is('interpreter') ? <InterpreterForm {...formProps} /> : null}
                </SgCard>
              );
          }
        })}
      </div>
      <p className="sg-panel__foot small">
        <a href="#/verify-letter">
          <FormattedMessage id="sg.verify.link" />
        </a>
        {' · '}
        {intl.formatMessage({ id: 'sg.panel.footnote' })}
      </p>
    </section>
  );
}

function SgCard({ card, now, title, state, children }: { card: Card; now: number; title: MessageKey; state: ReactNode; children: ReactNode }) {
  const titleId = useId();
  return (
    <article className={`sg-card sg-card--${card.tone}`} aria-labelledby={titleId} data-testid={`sg-card-${card.kind}`} data-tone={card.tone}>
      <header className="sg-card__head">
        <h3 className="sg-card__title" id={titleId}>
          <FormattedMessage id={title} />
        </h3>
        {state}
      </header>
      {card.obligations.length ? (
        <ul className="sg-clock">
          {card.obligations.map((o) => (
            <li key={`${o.kind}-${o.dueAt}`} className={`sg-clock__item sg-clock__item--${o.status}`}>
              <span className="sg-clock__what">
                <FormattedMessage id={obligationLabel[o.kind as keyof typeof obligationLabel]} />
              </span>
              <span className="sg-clock__when">
                <FormattedMessage id={statusLabel[o.status]} />
                {' · '}
                <FormattedMessage
                  id={Date.parse(o.dueAt) <= now ? 'sg.clock.overdueBy' : 'sg.clock.dueIn'}
                  values={{ span: <Span ms={Date.parse(o.dueAt) - now} key="s" />, time: <Instant value={o.dueAt} key="t" /> }}
                />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </article>
  );
}

function Badge({ tone, label }: { tone: CardTone; label: MessageKey }) {
  return (
    <span className={`sg-badge sg-badge--${tone}`}>
      <FormattedMessage id={label} />
    </span>
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

/** A badge for "nothing yet" takes the card's colour: red when what is missing is overdue. */
const pending = (card: Card): CardTone => (card.tone === 'overdue' || card.tone === 'due' ? card.tone : 'open');

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

function LegalState({ ep, card }: { ep: PanelEpisode; card: Card }) {
  if (ep.legalAid.some((a) => a.firstContactAt)) return <Badge tone="done" label="sg.legal.state.met" />;
  if (ep.legalAidWaivers.length) return <Badge tone="done" label="sg.legal.state.waived" />;
  if (ep.legalAid.some((a) => a.issues.some((i) => i.kind === 'denied'))) return <Badge tone="overdue" label="sg.legal.state.denied" />;
  if (ep.legalAid.some((a) => a.issues.some((i) => i.kind === 'delayed'))) return <Badge tone="attention" label="sg.legal.state.delayed" />;
  if (ep.legalAid.some((a) => a.defender)) return <Badge tone={pending(card)} label="sg.legal.state.assigned" />;
  if (ep.legalAid.length) return <Badge tone={pending(card)} label="sg.legal.state.requested" />;
  return <Badge tone={pending(card)} label="sg.legal.state.none" />;
}

function LegalBody({ ep, mayLegal, button }: { ep: PanelEpisode; mayLegal: boolean; button(form: OpenForm, label: MessageKey, testId?: string): ReactNode }) {
  const intl = useIntl();
  if (!ep.legalAid.length && !ep.legalAidWaivers.length) {
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

const affiliationShown: Record<'independent' | 'linked' | 'unchecked', MessageKey> = {
  independent: 'sg.interpreters.independent',
  linked: 'sg.interpreters.linked',
  unchecked: 'sg.interpreters.unchecked',
};

function InterpretersBody({ ep, languageName, protectionCase }: { ep: PanelEpisode; languageName(code: string): string; protectionCase: boolean }) {
  const intl = useIntl();
  if (!ep.interpreters.length) {
    return (
      <p className="muted sg-card__empty">
        <FormattedMessage id="sg.interpreters.none" />
      </p>
    );
  }
  return (
    <ul className="sg-log">
      {[...ep.interpreters].reverse().map((i) => {
        const u = i.use;
        const affiliation = !u.affiliationChecked ? 'unchecked' : u.affiliatedWithOriginState ? 'linked' : 'independent';
        return (
          <li key={i.useId} className="sg-log__item" data-testid="interpreter-entry">
            <p className="sg-log__main">
              <Instant value={u.at} /> · <span dir="auto">{languageName(u.language)}</span> · {u.interpreterName}
            </p>
            <p className="sg-log__detail">
              <FormattedMessage id={interpreterKindLabel[u.kind]} /> · <FormattedMessage id={interpreterPurposeLabel[u.purpose]} /> ·{' '}
              <span className={affiliation === 'independent' ? 'sg-ok' : protectionCase || affiliation === 'linked' ? 'sg-bad' : undefined}>
                <FormattedMessage id={affiliationShown[affiliation]} />
              </span>
              {u.genderPreferenceMet !== null ? (
                <>
                  {' · '}
                  {intl.formatMessage({ id: u.genderPreferenceMet ? 'sg.gender.met' : 'sg.gender.notMet' })}
                </>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
