import type { RefObject } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PersonView } from '../../../core/contract/register-views';
import { FlagBadges, Languages, Nationalities, PersonNames } from '../../components/person-bits';
import { ageInYears, formatDate, todayIn } from '../../datetime';
import { useTimeZone } from '../../i18n';
import { sexLabel } from '../../register-labels';

/** Who the page is about: register number, names, sex, age, nationalities, languages and flags. */
export function PersonHeader({ view, headingRef }: { view: PersonView; headingRef: RefObject<HTMLHeadingElement | null> }) {
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
