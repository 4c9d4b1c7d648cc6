import { useId, useState, type RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageRef } from '../../../core/contract/errors';
import { locales, type Locale } from '../../../core/fields';
import type { MessageKey } from '../../../core/i18n';
import { visitStates, type VisitState } from '../../../core/npm/visit';
import { api } from '../../api';
import { DateTimeField } from '../../components/DateTimeField';
import { FormAlert } from '../../components/fields';
import { Instant } from '../../components/Instant';
import { formatDate } from '../../datetime';
import { useLocale } from '../../i18n';
import { href, navigate } from '../../routes';
import { useRefreshVisit, type Visit } from './common';
import { useFormClock } from '../../components/clock';
import { refOfError } from './files';
import { genderLabel, teamRoleLabel, visitStateLabel, visitTypeLabel } from './labels';
import { StateBadge } from './Visits';

const nextOf: Record<VisitState, VisitState | null> = {
  PLANNED: 'ON_SITE',
  ON_SITE: 'DEBRIEF',
  DEBRIEF: 'REPORT_DRAFT',
  REPORT_DRAFT: 'SENT',
  SENT: 'FOLLOW_UP',
  FOLLOW_UP: null,
};

/** The one next step, named for what the team does, and the time it asks for. */
const stepLabel: Record<VisitState, { button: MessageKey; time: MessageKey }> = {
  PLANNED: { button: 'vis.step.PLANNED', time: 'vis.step.time.PLANNED' },
  ON_SITE: { button: 'vis.step.ON_SITE', time: 'vis.step.time.ON_SITE' },
  DEBRIEF: { button: 'vis.step.DEBRIEF', time: 'vis.step.time.DEBRIEF' },
  REPORT_DRAFT: { button: 'vis.step.REPORT_DRAFT', time: 'vis.step.time.REPORT_DRAFT' },
  SENT: { button: 'vis.step.SENT', time: 'vis.step.time.SENT' },
  FOLLOW_UP: { button: 'vis.step.SENT', time: 'vis.step.time.SENT' },
};

export function VisitHeader({ visit, mayWrite, headingRef }: { visit: Visit; mayWrite: boolean; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const intl = useIntl();
  return (
    <header className="card npm-head">
      <div className="npm-head__top">
        <div>
          <p className="npm-head__kicker">
            <FormattedMessage id={visitTypeLabel[visit.type]} /> · <FormattedMessage id={visit.announced ? 'vis.announced' : 'vis.unannounced'} />
          </p>
          <h1 className="page-title npm-head__title" tabIndex={-1} ref={headingRef}>
            {intl.formatMessage({ id: 'vis.page.title' }, { facility: visit.facilityName, date: formatDate(visit.plannedFor) })}
          </h1>
        </div>
        <div className="npm-head__aside">
          <StateBadge state={visit.state} />
          <ReportLink visitId={visit.visitId} />
        </div>
      </div>
      <dl className="npm-head__facts">
        <div>
          <dt>
            <FormattedMessage id="vis.col.planned" />
          </dt>
          <dd>{formatDate(visit.plannedFor)}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="vis.arrived" />
          </dt>
          <dd>{visit.arrivedAt ? <Instant value={visit.arrivedAt} /> : '—'}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="vis.left" />
          </dt>
          <dd>{visit.leftAt ? <Instant value={visit.leftAt} /> : '—'}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="vis.team.title" />
          </dt>
          <dd>
            {visit.team.map((m, i) => (
              <span key={i} className="npm-member">
                {m.name}{' '}
                <span className="muted">
                  ({intl.formatMessage({ id: teamRoleLabel[m.role] })}, {intl.formatMessage({ id: genderLabel[m.gender] })}
                  {m.note ? `, ${m.note}` : ''})
                </span>
              </span>
            ))}
          </dd>
        </div>
        {visit.followsVisitId ? (
          <div>
            <dt>
              <FormattedMessage id="vis.follows" />
            </dt>
            <dd>
              <a href={href({ name: 'visit', visitId: visit.followsVisitId })}>
                <FormattedMessage id="vis.follows.link" />
              </a>
            </dd>
          </div>
        ) : null}
        {visit.purpose ? (
          <div className="npm-head__wide">
            <dt>
              <FormattedMessage id="vis.plan.purpose" />
            </dt>
            <dd>{visit.purpose}</dd>
          </div>
        ) : null}
      </dl>
      <Stepper state={visit.state} />
      {mayWrite && nextOf[visit.state] ? <NextStep key={visit.state} visit={visit} to={nextOf[visit.state]!} /> : null}
    </header>
  );
}

/** PLANNED → … → FOLLOW_UP: done steps recede, the current one stands out. */
function Stepper({ state }: { state: VisitState }) {
  const intl = useIntl();
  const current = visitStates.indexOf(state);
  return (
    <nav className="steps npm-steps" aria-label={intl.formatMessage({ id: 'vis.steps.label' })}>
      <ol>
        {visitStates.map((s, i) => (
          <li key={s} className={`steps__item${i < current ? ' steps__item--done' : ''}${i === current ? ' steps__item--current' : ''}`}>
            <span className="steps__button steps__button--static" aria-current={i === current ? 'step' : undefined}>
              <span className="steps__n" aria-hidden="true">
                {i < current ? '✓' : i + 1}
              </span>
              <span>
                <FormattedMessage id={visitStateLabel[s]} />
              </span>
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function NextStep({ visit, to }: { visit: Visit; to: VisitState }) {
  const { now, iso } = useFormClock();
  const refresh = useRefreshVisit(visit.visitId);
  const [at, setAt] = useState(now);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageRef | null>(null);
  const label = stepLabel[visit.state];
  return (
    <form
      className="npm-next"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const instant = iso(at);
        if (!instant) {
          setProblem({ key: 'error.field.required' });
          return;
        }
        setBusy(true);
        setProblem(null);
        api.npmVisits
          .move({ visitId: visit.visitId, to, at: instant })
          .then(() => refresh())
          .catch((err: unknown) => setProblem(refOfError(err)))
          .finally(() => setBusy(false));
      }}
    >
      <DateTimeField label={label.time} kind="datetime" value={at} onChange={setAt} />
      <button type="submit" className="button button--primary" disabled={busy}>
        <FormattedMessage id={label.button} />
      </button>
      <FormAlert message={problem} />
    </form>
  );
}

const languageLabel: Record<Locale, MessageKey> = { az: 'language.az', en: 'language.en', ru: 'language.ru' };

/** The pseudonymised report opens as its own print view, in the language chosen here. */
function ReportLink({ visitId }: { visitId: string }) {
  const id = useId();
  const intl = useIntl();
  const { locale } = useLocale();
  const [lang, setLang] = useState<Locale>(locale);
  return (
    <div className="npm-report">
      <label htmlFor={id} className="visually-hidden">
        <FormattedMessage id="vis.report.language" />
      </label>
      <select id={id} className="input select npm-report__lang" value={lang} onChange={(e) => setLang(e.currentTarget.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l}>
            {intl.formatMessage({ id: languageLabel[l] })}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => navigate({ name: 'printVisit', visitId, lang })}>
        <FormattedMessage id="vis.report.open" />
      </button>
    </div>
  );
}
