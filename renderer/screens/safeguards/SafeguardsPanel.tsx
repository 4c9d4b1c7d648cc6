import { useId, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../../core/contract';
import type { MessageKey } from '../../../core/i18n';
import { can } from '../../../core/permissions';
import { api } from '../../api';
import { rightsDelayLabel } from '../../components/AdmissionStatus';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { useLocale } from '../../i18n';
import '../../styles/safeguards.css';
import { useTickingNow } from '../../components/clock';
import { Span } from './clock';
import { ConsularCard } from './consular/ConsularCard';
import { InterpretersCard } from './interpreter/InterpretersCard';
import { LegalAidCard } from './legal-aid/LegalAidCard';
import { buildCards, type Obligation } from './model';
import { RightsCard } from './rights/RightsCard';
import { languageNamer, useLetterTemplates } from './rights/letters';
import type { CardKit, OpenForm, PersonFacts } from './shared';

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
  const now = useTickingNow();
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
          const kit: CardKit = { ep, card, now, closed, open, is, button, formProps };
          switch (card.kind) {
            case 'rights':
              return <RightsCard key="rights" kit={kit} mayWrite={mayWrite} languageName={languageName} limitMinutes={(settings.data?.settings.rightsNotificationHours ?? 1) * 60} />;
            case 'consular':
              return <ConsularCard key="consular" kit={kit} mayWrite={mayWrite} protectionCase={panel.data.protectionCase} />;
            case 'legalAid':
              return <LegalAidCard key="legalAid" kit={kit} mayLegal={mayLegal} />;
            case 'interpreters':
              return <InterpretersCard key="interpreters" kit={kit} mayWrite={mayWrite} languageName={languageName} protectionCase={panel.data.protectionCase} />;
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
