import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../core/contract';
import { can } from '../../core/permissions';
import { api } from '../api';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { roleLabel } from '../labels';
import { AuditLog } from './AuditLog';
import { Home } from './Home';
import { Users } from './Users';

type Route = 'home' | 'users' | 'audit';

function routeFromHash(): Route {
  const h = window.location.hash.replace(/^#\/?/, '');
  return h === 'users' || h === 'audit' ? h : 'home';
}

/** Hash routes keep working from a file:// page in Electron and give the Back key its usual meaning. */
function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(routeFromHash);
  useEffect(() => {
    const update = () => setRoute(routeFromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function Shell({ session, onSignedOut }: { session: SessionView; onSignedOut(): void }) {
  const intl = useIntl();
  const requested = useHashRoute();
  const roles = session.user.roles;
  const mayManageUsers = can(roles, 'users.manage');
  const mayReadAudit = can(roles, 'audit.read');
  // A remembered address the signed-in role may not open falls back to Home; the server refuses anyway.
  const route: Route = (requested === 'users' && !mayManageUsers) || (requested === 'audit' && !mayReadAudit) ? 'home' : requested;
  const [signingOut, setSigningOut] = useState(false);
  const main = useRef<HTMLElement>(null);

  const logout = useCallback(async () => {
    setSigningOut(true);
    try {
      await api.auth.logout();
    } catch {
      // Signed out or not, this screen is left: the server forgets the session at its idle lock anyway.
    }
    if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
    onSignedOut();
  }, [onSignedOut]);

  const roleNames = intl.formatList(
    roles.map((r) => intl.formatMessage({ id: roleLabel[r] })),
    { type: 'conjunction' },
  );

  const navItems: { route: Route; label: 'nav.home' | 'nav.users' | 'nav.audit'; shown: boolean }[] = [
    { route: 'home', label: 'nav.home', shown: true },
    { route: 'users', label: 'nav.users', shown: mayManageUsers },
    { route: 'audit', label: 'nav.audit', shown: mayReadAudit },
  ];

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        <FormattedMessage id="app.skipToContent" />
      </button>
      <header className="shell__header">
        <div className="topbar__brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">
            <FormattedMessage id="app.title" />
          </span>
          <span className="shell__facility">{session.facilityName}</span>
        </div>
        <div className="shell__user">
          <span className="shell__user-name">{session.user.displayName}</span>
          <span className="shell__user-roles">{roleNames}</span>
        </div>
        <LanguageSwitcher />
        <button type="button" className="button button--quiet" onClick={() => void logout()} disabled={signingOut}>
          <FormattedMessage id="shell.logout" />
        </button>
      </header>
      <div className="shell__body">
        <nav className="shell__nav" aria-label={intl.formatMessage({ id: 'nav.label' })}>
          <ul>
            {navItems
              .filter((i) => i.shown)
              .map((i) => (
                <li key={i.route}>
                  <a href={`#/${i.route === 'home' ? '' : i.route}`} className="nav-link" aria-current={route === i.route ? 'page' : undefined}>
                    <FormattedMessage id={i.label} />
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <main className="shell__main" ref={main} tabIndex={-1}>
          {route === 'home' ? <Home session={session} /> : null}
          {route === 'users' ? <Users /> : null}
          {route === 'audit' ? <AuditLog /> : null}
        </main>
      </div>
    </div>
  );
}
