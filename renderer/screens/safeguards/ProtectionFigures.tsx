import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { RemovalLockReason } from '../../../core/non-refoulement';
import { holdReasonLabel } from '../../hold-labels';
import { useListFormat } from '../../i18n';
import { href } from '../../routes';
import '../../styles/protection-figures.css';

interface Figures {
  asylumRequests: number;
  asylumPendingNow: number;
  asylumPeople: readonly { personId: string; nameLatin: string; requests: number; pendingNow: boolean }[];
  nonRefoulementHoldsNow: number;
  holdPeople: readonly { personId: string; nameLatin: string; reasons: readonly RemovalLockReason[] }[];
}

/** One figure; when it is not zero, it opens onto the people behind it, each a link to their record. */
function Figure({ label, value, testId, people }: { label: ReactNode; value: number; testId: string; people: ReactNode[] }) {
  const head = (
    <>
      <span className="sg-protection__label">{label}</span>
      <span className="sg-bars__n">{value}</span>
    </>
  );
  if (value === 0 || people.length === 0) {
    return (
      <div className="sg-protection__row" data-testid={testId}>
        <div className="sg-protection__head">{head}</div>
      </div>
    );
  }
  return (
    <details className="sg-protection__row" data-testid={testId}>
      <summary className="sg-protection__head">{head}</summary>
      <ul className="plain-list sg-protection__people">{people}</ul>
    </details>
  );
}

/**
 * What docs/domain.md §6 asks for first (issue #11 §8): asylum requests on record and those awaiting a
 * decision for people held now, and people whose removal a non-refoulement lock holds now.
 */
export function ProtectionFigures({ s }: { s: Figures }) {
  const intl = useIntl();
  const list = useListFormat();
  const person = (p: { personId: string; nameLatin: string }, rest: ReactNode) => (
    <li key={p.personId}>
      <a href={href({ name: 'person', personId: p.personId })}>{p.nameLatin}</a>
      {' · '}
      {rest}
    </li>
  );
  const pendingMark = intl.formatMessage({ id: 'sg.stats.asylumPendingMark' });
  return (
    <div data-testid="stats-protection">
      <h3 className="sg-figure__title">
        <FormattedMessage id="sg.stats.protection" />
      </h3>
      <Figure
        testId="stats-asylum"
        label={<FormattedMessage id="sg.stats.asylumRequests" />}
        value={s.asylumRequests}
        people={s.asylumPeople
          .filter((p) => p.requests > 0)
          .map((p) => person(p, [intl.formatMessage({ id: 'sg.stats.asylumPerson' }, { count: p.requests }), ...(p.pendingNow ? [pendingMark] : [])].join(' · ')))}
      />
      <Figure
        testId="stats-asylum-pending"
        label={<FormattedMessage id="sg.stats.asylumPendingNow" />}
        value={s.asylumPendingNow}
        people={s.asylumPeople.filter((p) => p.pendingNow).map((p) => person(p, pendingMark))}
      />
      <Figure
        testId="stats-holds"
        label={<FormattedMessage id="sg.stats.holdsNow" />}
        value={s.nonRefoulementHoldsNow}
        people={s.holdPeople.map((p) => person(p, list(p.reasons.map((r) => intl.formatMessage({ id: holdReasonLabel[r] })))))}
      />
    </div>
  );
}
