import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../core/contract';
import type { EpisodeView, PersonView } from '../../core/contract/register-views';
import { canTransition, type EpisodeAction } from '../../core/episode';
import type { MessageKey } from '../../core/i18n';
import { can } from '../../core/permissions';
import { api } from '../api';
import { Instant } from '../components/Instant';
import { DeadlineText, FlagBadges, Languages, Nationalities, PersonNames } from '../components/person-bits';
import { AdmissionBadge, useAdmissionText } from '../components/AdmissionStatus';
import { splitRemovalLocks } from '../../core/non-refoulement';
import { QueryError } from '../components/QueryError';
import { ageInYears, daysUntil, formatDate, todayIn } from '../datetime';
import { useListFormat, useLocale, useTimeZone } from '../i18n';
import { countryLabel } from '../places';
import {
  ageMethodLabel,
  asylumDecisionLabel,
  asylumPlaceLabel,
  asylumStatusLabel,
  documentTypeLabel,
  flagLabel,
  nrResultLabel,
  outcomeTypeLabel,
  referralStageLabel,
  referralTypeLabel,
  regimeLabel,
  removalLockLabel,
  screeningItemLabel,
  screeningItems,
  sexLabel,
  verificationLabel,
} from '../register-labels';
import { href } from '../routes';
import { takeFlash } from '../flash';
import { CorrectForm, MergeForm } from './person/CorrectForm';
import {
  AddDocumentForm,
  AdmitForm,
  AgeForm,
  AsylumExpressForm,
  AsylumForwardForm,
  AsylumStatusForm,
  CloseForm,
  ExtendForm,
  GuardianForm,
  MedicalForm,
  NrCheckForm,
  ProgressReferralForm,
  ReferForm,
  RequestExtensionForm,
  ReviewForm,
  ScheduleExitForm,
  ScreeningForm,
  TransferForm,
  UnmergeForm,
  nextReferralStages,
  type FormProps,
} from './person/forms';
import { Conflicts } from './person/Conflicts';
import { Timeline } from './person/Timeline';
import { SafeguardsPanel } from './safeguards/SafeguardsPanel';
import { Fact } from '../components/Fact';

type Action =
  | 'admit'
  | 'medical'
  | 'requestExtension'
  | 'extend'
  | 'review'
  | 'transfer'
  | 'scheduleExit'
  | 'close'
  | 'nrCheck'
  | 'screening'
  | 'refer'
  | 'age'
  | 'guardian'
  | 'asylum'
  | 'document'
  | 'correct'
  | 'merge'
  | 'unmerge';

/** A form opened from an item in a list (one referral, one asylum claim) rather than the action bar. */
type ItemAction = { kind: 'progressReferral'; id: string } | { kind: 'asylumForward'; id: string } | { kind: 'asylumStatus'; id: string };

const actionLabel: Record<Action, MessageKey> = {
  admit: 'act.admit',
  medical: 'act.medical',
  requestExtension: 'act.requestExtension',
  extend: 'act.extend',
  review: 'act.review',
  transfer: 'act.transfer',
  scheduleExit: 'act.scheduleExit',
  close: 'act.close',
  nrCheck: 'act.nrCheck',
  screening: 'act.screening',
  refer: 'act.refer',
  age: 'act.age',
  guardian: 'act.guardian',
  asylum: 'act.asylum',
  document: 'act.document',
  correct: 'act.correct',
  merge: 'act.merge',
  unmerge: 'act.unmerge',
};

/** What the success line names once a form is done: the record that was made, as the timeline calls it. */
const doneLabel: Record<Action | ItemAction['kind'], MessageKey> = {
  admit: 'event.episode.admitted',
  medical: 'event.episode.medicalChecked',
  requestExtension: 'event.episode.extensionRequested',
  extend: 'event.episode.extended',
  review: 'event.episode.reviewed',
  transfer: 'event.episode.transferred',
  scheduleExit: 'event.episode.exitScheduled',
  close: 'event.episode.closed',
  nrCheck: 'event.nonRefoulement.checked',
  screening: 'event.screening.recorded',
  refer: 'event.referral.created',
  age: 'event.age.assessed',
  guardian: 'event.guardian.appointed',
  asylum: 'event.asylum.expressed',
  document: 'event.document.recorded',
  correct: 'event.person.corrected',
  merge: 'event.person.merged',
  unmerge: 'event.person.unmerged',
  progressReferral: 'event.referral.progressed',
  asylumForward: 'event.asylum.forwarded',
  asylumStatus: 'event.asylum.statusChanged',
};

/** The current detention: the one still open, or else the latest. */
function currentEpisode(view: PersonView): EpisodeView | null {
  return view.episodes.find((e) => e.state !== 'CLOSED') ?? view.episodes[0] ?? null;
}

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

  const allowed = (a: EpisodeAction) => !!openEpisode && canTransition(a, openEpisode.state);
  const groups: { title: MessageKey; actions: Action[] }[] = mayWrite
    ? [
        {
          title: 'pp.actions.detention',
          actions: [
            ...(allowed('admit') ? (['admit'] as const) : []),
            ...(openEpisode ? (['medical'] as const) : []),
            ...(allowed('requestExtension') ? (['requestExtension'] as const) : []),
            ...(allowed('extend') ? (['extend'] as const) : []),
            ...(allowed('review') ? (['review'] as const) : []),
            ...(allowed('transfer') ? (['transfer'] as const) : []),
            ...(allowed('scheduleExit') ? (['scheduleExit'] as const) : []),
            ...(allowed('close') ? (['close'] as const) : []),
          ],
        },
        {
          title: 'pp.actions.protection',
          actions: [
            ...(openEpisode ? (['screening', 'refer'] as const) : []),
            'age',
            'guardian',
            ...(mayAsylum ? (['asylum'] as const) : []),
            ...(openEpisode && mayOverride ? (['nrCheck'] as const) : []),
          ],
        },
        { title: 'pp.actions.record', actions: ['document', 'correct', v.mergedInto ? 'unmerge' : 'merge'] },
      ]
    : mayAsylum
      ? [{ title: 'pp.actions.protection', actions: ['asylum'] }]
      : [];

  const formProps: FormProps = { view: v, episode, onDone: () => done(open ? doneLabel[open] : 'form.recorded'), onCancel: cancel };
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['person', personId] });
  };

  return (
    <div className="person">
      <PersonHeader view={v} headingRef={heading} />
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
          {groups
            .filter((g) => g.actions.length)
            .map((g) => (
              <div key={g.title} className="action-bar__group" role="group" aria-labelledby={`${panelId}-${g.title}`}>
                <span className="action-bar__title" id={`${panelId}-${g.title}`}>
                  <FormattedMessage id={g.title} />
                </span>
                <div className="action-bar__buttons">
                  {g.actions.map((a) => (
                    <button
                      key={a}
                      type="button"
                      className={`button button--small${open === a ? ' button--pressed' : ''}${a === 'close' ? ' button--danger-outline' : ''}`}
                      aria-expanded={open === a}
                      aria-controls={open === a ? panelId : undefined}
                      onClick={(e) => {
                        opener.current = e.currentTarget;
                        setNotice(null);
                        setItem(null);
                        setOpen((o) => (o === a ? null : a));
                      }}
                    >
                      <FormattedMessage id={actionLabel[a]} />
                    </button>
                  ))}
                </div>
              </div>
            ))}
        </section>
      ) : null}
      {open ? (
        <div id={panelId} className="action-slot">
          {open === 'admit' ? <AdmitForm {...formProps} /> : null}
          {open === 'medical' ? <MedicalForm {...formProps} /> : null}
          {open === 'requestExtension' ? <RequestExtensionForm {...formProps} /> : null}
          {open === 'extend' ? <ExtendForm {...formProps} /> : null}
          {open === 'review' ? <ReviewForm {...formProps} /> : null}
          {open === 'transfer' ? <TransferForm {...formProps} /> : null}
          {open === 'scheduleExit' ? <ScheduleExitForm {...formProps} /> : null}
          {open === 'close' ? <CloseForm {...formProps} mayOverride={mayOverride} /> : null}
          {open === 'nrCheck' ? <NrCheckForm {...formProps} /> : null}
          {open === 'screening' ? <ScreeningForm {...formProps} /> : null}
          {open === 'refer' ? <ReferForm {...formProps} /> : null}
          {open === 'age' ? <AgeForm {...formProps} /> : null}
          {open === 'guardian' ? <GuardianForm {...formProps} /> : null}
          {open === 'asylum' ? <AsylumExpressForm {...formProps} /> : null}
          {open === 'document' ? <AddDocumentForm {...formProps} /> : null}
          {open === 'correct' ? <CorrectForm {...formProps} onReload={reload} /> : null}
          {open === 'merge' ? <MergeForm {...formProps} /> : null}
          {open === 'unmerge' ? <UnmergeForm {...formProps} /> : null}
        </div>
      ) : null}

      <div className="person__grid">
        <div className="person__main">
          {episode ? <CurrentDetention episode={episode} /> : <EmptyCard title="pp.detention.title" text="pp.detention.none" />}
          {episode ? <SafeguardsPanel personId={personId} session={session} /> : null}
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
          <Documents view={v} />
          <Episodes view={v} />
        </div>
      </div>
      <section className="card person__timeline" aria-labelledby={`${panelId}-timeline`}>
        <h2 className="card__title" id={`${panelId}-timeline`}>
          <FormattedMessage id="pp.timeline" />
        </h2>
        <Timeline history={v.history} />
      </section>
    </div>
  );
}

function PersonHeader({ view, headingRef }: { view: PersonView; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const intl = useIntl();
  const zone = useTimeZone();
  const p = view.person;
  const age = ageInYears(p.birthDate, todayIn(zone));
  return (
    <header className="person-head card">
      <div className="person-head__names">
        <p className="person-head__no">
          <FormattedMessage id="pp.registerNo" values={{ no: p.registerNo }} />
        </p>
        <h1 className="page-title person-head__title" tabIndex={-1} ref={headingRef}>
          <PersonNames latin={p.nameLatin} original={p.nameOriginal} size="large" />
        </h1>
        {view.aliases.length ? (
          <p className="person-head__aliases">
            <FormattedMessage
              id="pp.aliases"
              values={{
                list: (
                  <span dir="auto" key="a">
                    {view.aliases.join(', ')}
                  </span>
                ),
              }}
            />
          </p>
        ) : null}
      </div>
      <dl className="person-head__facts">
        <div>
          <dt>
            <FormattedMessage id="lbl.person.sex" />
          </dt>
          <dd>
            <FormattedMessage id={sexLabel[p.sex]} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="lbl.person.birthDate" />
          </dt>
          <dd>
            {p.birthDate ? (
              <>
                {formatDate(p.birthDate)}
                {p.birthEstimated ? (
                  <span className="muted" title={view.birthBasis ?? undefined}>
                    {' '}
                    <FormattedMessage id="pp.estimated" />
                  </span>
                ) : null}
              </>
            ) : (
              <span className="muted">
                <FormattedMessage id="nat.unknown" />
              </span>
            )}
            {age !== null ? (
              <span className={`age-badge${age < 18 ? ' age-badge--child' : ''}`}>
                <FormattedMessage id={age < 18 ? 'pp.ageChild' : 'pp.age'} values={{ age }} />
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="lbl.person.nationalities" />
          </dt>
          <dd>
            <Nationalities codes={p.nationalities} stateless={p.stateless} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="lbl.person.languages" />
          </dt>
          <dd>
            <Languages codes={view.languages} />
          </dd>
        </div>
      </dl>
      <div className="person-head__flags">
        <FlagBadges flags={view.flags} restricted={view.restricted} redacted={view.redacted} />
        {view.flags.length === 0 && !view.restricted ? <span className="muted small">{intl.formatMessage({ id: 'pp.noFlags' })}</span> : null}
      </div>
    </header>
  );
}

function EmptyCard({ title, text }: { title: MessageKey; text: MessageKey }) {
  return (
    <section className="card">
      <h2 className="card__title">
        <FormattedMessage id={title} />
      </h2>
      <p className="muted">
        <FormattedMessage id={text} />
      </p>
    </section>
  );
}

function CurrentDetention({ episode }: { episode: EpisodeView }) {
  const zone = useTimeZone();
  const titleId = useId();
  const termEnd = episode.extensions.at(-1)?.termEnd ?? episode.decision?.termEnd ?? null;
  const left = termEnd && episode.state !== 'CLOSED' ? daysUntil(termEnd, zone) : null;
  const decision = episode.extensions.at(-1) ?? episode.decision;
  const titleKey: MessageKey = episode.state === 'CLOSED' ? 'pp.detention.last' : 'pp.detention.title';
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title card__title--row" id={titleId}>
        <FormattedMessage id={titleKey} />
        <AdmissionBadge admission={episode.admission} testId="episode-status" />
      </h2>
      <dl className="facts facts--compact">
        {episode.regime ? (
          <Fact label="lbl.regime">
            <FormattedMessage id={regimeLabel[episode.regime]} />
          </Fact>
        ) : null}
        <Fact label="pp.detention.apprehended">
          <Instant value={episode.apprehension.at} />
          <span className="facts__aside">
            {episode.apprehension.place} · {episode.apprehension.authority}
          </span>
        </Fact>
        {episode.admittedAt ? (
          <Fact label="lbl.admittedAt">
            <Instant value={episode.admittedAt} />
            {episode.daysHeld !== null ? (
              <span className="facts__aside">
                <FormattedMessage id="pp.detention.daysHeld" values={{ days: episode.daysHeld }} />
              </span>
            ) : null}
          </Fact>
        ) : null}
        {decision ? (
          <Fact label={episode.extensions.length ? 'pp.detention.lastExtension' : 'lbl.decision.title'}>
            {decision.issuingBody}, <FormattedMessage id="pp.detention.decisionRef" values={{ number: decision.number, date: formatDate(decision.date) }} />
            <span className="facts__aside">{[decision.officialPosition, decision.officialRank, decision.officialName].filter(Boolean).join(', ')}</span>
          </Fact>
        ) : (
          <Fact label="lbl.decision.title">
            <span className="text-danger">
              <FormattedMessage id="pp.detention.noDecision" />
            </span>
          </Fact>
        )}
        {termEnd ? (
          <Fact label="lbl.decision.termEnd">
            <Instant value={termEnd} />
            {left !== null ? (
              <span className={`term-left${left < 0 ? ' term-left--over' : left <= 5 ? ' term-left--soon' : ''}`}>
                <FormattedMessage id={left < 0 ? 'pp.detention.termOver' : 'pp.detention.daysLeft'} values={{ days: Math.abs(left) }} />
              </span>
            ) : null}
          </Fact>
        ) : null}
        {episode.lastReviewAt ? (
          <Fact label="pp.detention.lastReview">
            <Instant value={episode.lastReviewAt} />
          </Fact>
        ) : null}
        {episode.plannedExit ? (
          <Fact label="pp.detention.plannedExit">
            <Instant value={episode.plannedExit.plannedAt} /> — <FormattedMessage id={outcomeTypeLabel[episode.plannedExit.plannedOutcome]} />
          </Fact>
        ) : null}
        {episode.handover ? (
          <Fact label="lbl.handover.title">
            {episode.handover.body}
            <span className="facts__aside">
              {[episode.handover.officerPosition, episode.handover.officerRank, episode.handover.officerName, episode.handover.serviceId].filter(Boolean).join(', ')}
            </span>
          </Fact>
        ) : null}
        {episode.medical ? (
          <Fact label="lbl.medical.title">
            <Instant value={episode.medical.at} /> · {episode.medical.examiner}
            {episode.medical.visibleInjuries ? (
              <span className="facts__aside text-danger">
                <FormattedMessage id="pp.detention.injuries" values={{ text: episode.medical.injuriesDescription ?? '' }} />
              </span>
            ) : null}
            {episode.medical.illTreatmentComplaint ? (
              <span className="facts__aside text-danger">
                <FormattedMessage id="pp.detention.complaint" values={{ text: episode.medical.complaintDescription ?? '' }} />
              </span>
            ) : null}
            {!episode.medical.visibleInjuries && !episode.medical.illTreatmentComplaint ? (
              <span className="facts__aside">
                <FormattedMessage id="pp.detention.medicalClear" />
              </span>
            ) : null}
          </Fact>
        ) : null}
        {episode.property.length ? <Fact label="lbl.property.title">{episode.property.map((p) => `${p.item} × ${p.quantity}`).join('; ')}</Fact> : null}
        {episode.transfers.length ? (
          <Fact label="pp.detention.transfers">
            {episode.transfers.map((t) => (
              <span key={t.at} className="facts__line">
                <Instant value={t.at} /> → {t.toFacilityName}
              </span>
            ))}
          </Fact>
        ) : null}
        {episode.exit ? (
          <Fact label="pp.detention.exit">
            <Instant value={episode.exit.at} /> — <FormattedMessage id={outcomeTypeLabel[episode.exit.type]} />
            <span className="facts__aside">{episode.exit.basis}</span>
          </Fact>
        ) : null}
      </dl>
      {episode.state !== 'CLOSED' ? <RemovalLocks locks={episode.removalLocks} /> : null}
    </section>
  );
}

/**
 * The non-refoulement lock, said in words. Only a legal lock (asylum pending, refugee, trafficking, a
 * check that found a risk) is an alarm here, with its reasons; that no assessment has been made yet is
 * said where removal is considered, in the close form (issue #11 §6).
 */
function RemovalLocks({ locks }: { locks: EpisodeView['removalLocks'] }) {
  const { legal, assessmentMissing } = splitRemovalLocks(locks);
  if (legal.length === 0) {
    return assessmentMissing ? null : (
      <p className="lock lock--open">
        <FormattedMessage id="pp.locks.none" />
      </p>
    );
  }
  return (
    <div className="lock lock--closed lock--legal" role="note" data-testid="removal-lock">
      <p className="lock__title">
        <FormattedMessage id="pp.locks.legalTitle" />
      </p>
      <ul className="plain-list">
        {legal.map((l) => (
          <li key={l}>
            <FormattedMessage id={removalLockLabel[l]} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Obligations({ episode }: { episode: EpisodeView | null }) {
  const titleId = useId();
  const rank = { overdue: 0, due: 1, upcoming: 2 } as const;
  const list = [...(episode?.obligations ?? [])].sort((a, b) => rank[a.status] - rank[b.status] || a.dueAt.localeCompare(b.dueAt));
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="pp.obligations" />
      </h2>
      {list.length === 0 ? (
        <p className="muted">
          <FormattedMessage id={episode ? 'pp.obligations.none' : 'pp.obligations.closed'} />
        </p>
      ) : (
        <ul className="obligations">
          {list.map((o) => (
            <li key={`${o.kind}-${o.dueAt}`} className={`obligation obligation--${o.status}`}>
              <DeadlineText kind={o.kind} at={o.dueAt} status={o.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Documents({ view }: { view: PersonView }) {
  const { locale } = useLocale();
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="pp.documents" />
      </h2>
      {view.documents.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="pp.documents.none" />
        </p>
      ) : (
        <ul className="doc-list">
          {view.documents.map((d) => (
            <li key={d.documentId}>
              <span className="doc-list__type">
                <FormattedMessage id={documentTypeLabel[d.document.type]} />
              </span>{' '}
              <span className="mono">{[d.document.series, d.document.number].filter(Boolean).join(' ')}</span>
              <span className="doc-list__meta">
                {[d.document.issuingState ? countryLabel(d.document.issuingState, locale) : null, d.document.validUntil ? formatDate(d.document.validUntil) : null].filter(Boolean).join(' · ')}
                {d.document.verification ? (
                  <span className={`badge badge--${d.document.verification === 'verified' ? 'ok' : d.document.verification === 'unverified' ? 'muted' : 'failed'}`}>
                    <FormattedMessage id={verificationLabel[d.document.verification]} />
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Episodes({ view }: { view: PersonView }) {
  const titleId = useId();
  const admissionText = useAdmissionText();
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="pp.episodes" />
      </h2>
      <ol className="episodes">
        {view.episodes.map((e) => (
          <li key={e.episodeId} className={e.state === 'CLOSED' ? 'episodes__item episodes__item--closed' : 'episodes__item'}>
            <span className="episodes__facility">{e.facilityName}</span>
            <span>
              <Instant value={e.admittedAt ?? e.apprehension.at} />
              {' → '}
              {e.exit ? <Instant value={e.exit.at} /> : admissionText(e.admission)}
            </span>
            <span className="muted small">
              {e.exit ? <FormattedMessage id={outcomeTypeLabel[e.exit.type]} /> : null}
              {e.daysHeld !== null ? (
                <>
                  {e.exit ? ' · ' : null}
                  <FormattedMessage id="pp.detention.daysHeld" values={{ days: e.daysHeld }} />
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const stageKey = (stage: PersonView['referrals'][number]['stage']): MessageKey => referralStageLabel[stage ?? 'none'];

function Protection({
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
                {active ? <ProgressReferralForm referral={r} onDone={() => onDone(doneLabel.progressReferral)} onCancel={onCancel} /> : null}
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
                {forwarding ? <AsylumForwardForm claim={c} onDone={() => onDone(doneLabel.asylumForward)} onCancel={onCancel} /> : null}
                {updating ? <AsylumStatusForm claim={c} onDone={() => onDone(doneLabel.asylumStatus)} onCancel={onCancel} /> : null}
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
