import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import type { EpisodeView, PersonView } from '../../../core/contract/register-views';
import type { MessageKey } from '../../../core/i18n';
import { splitRemovalLocks } from '../../../core/non-refoulement';
import { AdmissionBadge, useAdmissionText } from '../../components/AdmissionStatus';
import { Fact } from '../../components/Fact';
import { Instant } from '../../components/Instant';
import { DeadlineText } from '../../components/person-bits';
import { daysUntil, formatDate } from '../../datetime';
import { useTimeZone } from '../../i18n';
import { outcomeTypeLabel, regimeLabel, removalLockLabel } from '../../register-labels';

/** The current detention: the one still open, or else the latest. */
export function currentEpisode(view: PersonView): EpisodeView | null {
  return view.episodes.find((e) => e.state !== 'CLOSED') ?? view.episodes[0] ?? null;
}

export function EmptyCard({ title, text }: { title: MessageKey; text: MessageKey }) {
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

export function CurrentDetention({ episode }: { episode: EpisodeView }) {
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

export function Obligations({ episode }: { episode: EpisodeView | null }) {
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

export function Episodes({ view }: { view: PersonView }) {
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
