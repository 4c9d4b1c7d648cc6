import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../core/contract';
import { PageTitle } from '../components/PageTitle';
import { useListFormat } from '../i18n';
import { facilityKindLabel, roleLabel } from '../labels';

export function Home({ session }: { session: SessionView }) {
  const intl = useIntl();
  const list = useListFormat();
  const factsTitle = useId();
  const roles = list(session.user.roles.map((r) => intl.formatMessage({ id: roleLabel[r] })));
  return (
    <>
      <PageTitle id="home.title" />
      <p className="lead">
        <FormattedMessage id="home.welcome" values={{ name: session.user.displayName }} />
      </p>
      <section className="card overview" aria-labelledby={factsTitle}>
        <h2 className="card__title" id={factsTitle}>
          <FormattedMessage id="home.factsTitle" />
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>
              <FormattedMessage id="home.facility" />
            </dt>
            <dd>
              {session.facilityName}
              <span className="facts__aside">
                <FormattedMessage id={facilityKindLabel[session.facilityKind]} />
              </span>
            </dd>
          </div>
          <div className="facts__row">
            <dt>
              <FormattedMessage id="home.device" />
            </dt>
            <dd>{session.deviceName}</dd>
          </div>
          <div className="facts__row">
            <dt>
              <FormattedMessage id="home.signedIn" />
            </dt>
            <dd>
              {session.user.displayName}
              <span className="facts__aside mono">{session.user.username}</span>
            </dd>
          </div>
          <div className="facts__row">
            <dt>
              <FormattedMessage id="user.roles" />
            </dt>
            <dd>{roles}</dd>
          </div>
          <div className="facts__row">
            <dt>
              <FormattedMessage id="home.idleLock" />
            </dt>
            <dd>
              <FormattedMessage id="home.idleLockValue" values={{ minutes: session.idleLockMinutes }} />
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}
