import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../../core/contract';
import type { MessageKey } from '../../../core/i18n';
import { can } from '../../../core/permissions';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { takeFlash } from '../../flash';
import { href } from '../../routes';
import { SafeguardsPanel } from '../safeguards/SafeguardsPanel';
import { PersonNational } from '../national/PersonNational';
import { availableActions, personActions, type Action } from './actions';
import { Conflicts } from './Conflicts';
import { CurrentDetention, currentEpisode, EmptyCard, Episodes, Obligations } from './Detention';
import { Documents } from './Documents';
import { PersonHeader } from './PersonHeader';
import { Protection, type ItemAction } from './Protection';
import { Timeline } from './Timeline';
import { PersonTracingRequests } from '../tracing/CentreRequests';
import { PersonTransfers } from '../transfers/Transfers';
import { HealthCard, HealthStatus } from '../health/HealthCard';
import { PersonComplaints } from '../complaints/Complaints';
import { PersonContacts } from '../contacts/Contacts';
import { PersonDiscipline } from '../discipline/Discipline';
import { PersonProperty } from '../property/Property';
import { ExitCards } from '../exits/ExitCard';

/**
 * The person page: who the person is, what was just done, the action bar and the form it opened, the
 * current detention with its safeguards, protection, documents, past detentions and the timeline.
 */
export function Person({ personId, session }: { personId: string; session: SessionView }) {
  const queryClient = useQueryClient();
  const intl = useIntl();
  const view = useQuery({ queryKey: ['person', personId], queryFn: () => api.persons.view({ personId }) });
  const [open, setOpen] = useState<Action | null>(null);
  const [item, setItem] = useState<ItemAction | null>(null);
  // What was just done: an action here ("Recorded: Screening"), or the intake that led here (said as is).
  const [notice, setNotice] = useState<{ key: MessageKey; direct: boolean } | null>(() => {
    const flash = takeFlash();
    return flash ? { key: flash, direct: true } : null;
  });
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const panelId = useId();
  const roles = session.user.roles;
  const mayWrite = can(roles, 'person.write');
  const mayOverride = can(roles, 'person.override');
  const mayAsylum = can(roles, 'asylum.record');

  useEffect(() => {
    if (view.data) heading.current?.focus({ preventScroll: true });
    // Only when the person first appears, not after every refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [Boolean(view.data)]);

  if (view.isError) return <QueryError error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) {
    return (
      <p className="muted" role="status">
        <FormattedMessage id="app.loading" />
      </p>
    );
  }
  const v = view.data;
  const episode = currentEpisode(v);
  const openEpisode = episode && episode.state !== 'CLOSED' ? episode : null;

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['person', personId] }),
      queryClient.invalidateQueries({ queryKey: ['register'] }),
      queryClient.invalidateQueries({ queryKey: ['dueNow'] }),
    ]);
  };
  const done = (label: MessageKey) => {
    setOpen(null);
    setItem(null);
    setNotice({ key: label, direct: false });
    void refresh();
    opener.current?.focus();
  };
  const cancel = () => {
    setOpen(null);
    setItem(null);
    opener.current?.focus();
  };

  const groups = availableActions({ view: v, openEpisode, mayWrite, mayOverride, mayAsylum });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['person', personId] });
  };
  const OpenForm = open ? personActions[open].Form : null;

  return (
    <div className="person">
      <PersonHeader view={v} headingRef={heading} />
      <HealthStatus episode={openEpisode} mayRecordReason={mayWrite} onDone={done} />
      <div role="status" className="status-line">
        {notice ? (
          <p className="alert alert--success">
            {notice.direct ? <FormattedMessage id={notice.key} /> : <FormattedMessage id="pp.recorded" values={{ what: intl.formatMessage({ id: notice.key }) }} />}
          </p>
        ) : null}
      </div>
      {v.mergedInto ? (
        <div className="alert alert--warning merged-note">
          <FormattedMessage id="pp.mergedInto" values={{ link: (chunks: ReactNode[]) => <a href={href({ name: 'person', personId: v.mergedInto! })}>{chunks}</a> }} />
        </div>
      ) : null}
      {v.redacted ? (
        <div className="alert alert--info">
          <FormattedMessage id="pp.redacted" />
        </div>
      ) : null}
      <Conflicts conflicts={v.conflicts} mayResolve={mayOverride} onDone={() => done('event.record.conflictResolved')} />

      {groups.length ? (
        <section className="card action-bar" aria-labelledby={`${panelId}-actions`}>
          <h2 className="visually-hidden" id={`${panelId}-actions`}>
            <FormattedMessage id="pp.actions" />
          </h2>
          {groups.map((g) => (
            <div key={g.title} className="action-bar__group" role="group" aria-labelledby={`${panelId}-${g.title}`}>
              <span className="action-bar__title" id={`${panelId}-${g.title}`}>
                <FormattedMessage id={g.title} />
              </span>
              <div className="action-bar__buttons">
                {g.actions.map((a) => (
                  <button
                    key={a}
                    type="button"
                    className={`button button--small${open === a ? ' button--pressed' : ''}${personActions[a].danger ? ' button--danger-outline' : ''}`}
                    aria-expanded={open === a}
                    aria-controls={open === a ? panelId : undefined}
                    onClick={(e) => {
                      opener.current = e.currentTarget;
                      setNotice(null);
                      setItem(null);
                      setOpen((o) => (o === a ? null : a));
                    }}
                  >
                    <FormattedMessage id={personActions[a].label} />
                  </button>
                ))}
              </div>
            </div>
          ))}
        </section>
      ) : null}
      {open && OpenForm ? (
        <div id={panelId} className="action-slot">
          <OpenForm view={v} episode={episode} onDone={() => done(personActions[open].doneEvent)} onCancel={cancel} mayOverride={mayOverride} onReload={reload} />
        </div>
      ) : null}

      <div className="person__grid">
        <div className="person__main">
          <PersonTracingRequests personId={personId} mayAnswer={mayWrite} onAnswered={done} />
          <PersonTransfers personId={personId} mayWrite={mayWrite} />
          {episode ? <CurrentDetention episode={episode} /> : <EmptyCard title="pp.detention.title" text="pp.detention.none" />}
          {episode ? <SafeguardsPanel personId={personId} session={session} /> : null}
          {episode ? <PersonComplaints personId={personId} episode={openEpisode} mayWrite={mayWrite} onDone={done} /> : null}
          {episode ? <PersonContacts personId={personId} episodeId={openEpisode?.episodeId ?? null} mayWrite={mayWrite} mayReview={mayOverride} onDone={done} /> : null}
          {episode ? <PersonProperty personId={personId} episodeId={episode.episodeId} language={v.languages[0] ?? ''} mayWrite={mayWrite} onDone={done} /> : null}
          {episode ? (
            <PersonDiscipline
              personId={personId}
              episode={openEpisode}
              language={v.languages[0] ?? ''}
              officerName={session.user.displayName}
              mayWrite={mayWrite}
              mayDecide={mayOverride}
              onDone={done}
            />
          ) : null}
        </div>
        <div className="person__side">
          <Obligations episode={openEpisode} />
          <Protection
            view={v}
            mayWrite={mayWrite}
            item={item}
            onItem={(next, el) => {
              opener.current = el;
              setOpen(null);
              setNotice(null);
              setItem(next);
            }}
            onDone={(label) => done(label)}
            onCancel={cancel}
          />
          <PersonNational personId={personId} mayWrite={mayWrite} />
          <Documents view={v} />
          <Episodes view={v} />
        </div>
      </div>
      {episode && can(roles, 'medical.read') ? <HealthCard personId={personId} session={session} /> : null}
      {episode ? <ExitCards personId={personId} mayWrite={mayWrite} /> : null}
      <section className="card person__timeline" aria-labelledby={`${panelId}-timeline`}>
        <h2 className="card__title" id={`${panelId}-timeline`}>
          <FormattedMessage id="pp.timeline" />
        </h2>
        <Timeline history={v.history} />
      </section>
    </div>
  );
}
