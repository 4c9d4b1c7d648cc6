import { useCallback, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { SessionView } from '../../core/contract';
import type { MessageKey } from '../../core/i18n';
import { can } from '../../core/permissions';
import { api } from '../api';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { SyncIndicator } from '../components/SyncIndicator';
import { useListFormat } from '../i18n';
import { roleLabel } from '../labels';
import { href, useHashRoute, type Route } from '../routes';
import { AuditLog } from './AuditLog';
import { DueNow } from './DueNow';
import { Home } from './Home';
import { IntakeStart, IntakeWizard } from './Intake';
import { Person } from './person/Person';
import { Register } from './Register';
import { RegisterPrint } from './RegisterPrint';
import { RightsLetter } from '../print/RightsLetter';
import { PropertyReceipt } from '../print/PropertyReceipt';
import { VerifyLetter } from './safeguards/rights/VerifyLetter';
import { Settings } from './Settings';
import { Sync } from './Sync';
import { Backup } from './Backup';
import { BackupReminder } from '../components/BackupReminder';
import { Users } from './Users';
import { VisitReport } from '../print/VisitReport';
import { CentreResponses } from './npm/CentreResponses';
import { Facilities as NpmFacilities } from './npm/Facilities';
import { Organisation } from './npm/Organisation';
import { Visit } from './npm/Visit';
import { Visits } from './npm/Visits';
import { Cases } from './hq/Cases';
import { Compliance } from './hq/Compliance';
import { Facilities } from './hq/Facilities';
import { Inquiries } from './hq/tracing/Inquiries';
import { Inquiry } from './hq/tracing/Inquiry';
import { NewInquiry } from './hq/tracing/NewInquiry';
import { Records } from './hq/tracing/Records';
import { Reports } from './hq/reports/Reports';

type NavTarget =
  | 'npmVisits'
  | 'npmFacilities'
  | 'organisation'
  | 'npmCentre'
  | 'home'
  | 'register'
  | 'intake'
  | 'overview'
  | 'sync'
  | 'backup'
  | 'settings'
  | 'users'
  | 'audit'
  | 'hqFacilities'
  | 'hqCompliance'
  | 'hqReports'
  | 'hqTracing';

/** Which nav item a route belongs to (a person page is part of the register). */
function section(route: Route): NavTarget {
  switch (route.name) {
    case 'intakeNew':
    case 'intakeDraft':
      return 'intake';
    case 'person':
    case 'printRegister':
    case 'printRights':
    case 'printProperty':
    case 'verifyLetter':
      return 'register';
    case 'visit':
    case 'printVisit':
      return 'npmVisits';
    case 'hqCases':
      return 'hqCompliance';
    case 'hqTracingNew':
    case 'hqInquiry':
    case 'hqTracingRecords':
      return 'hqTracing';
    default:
      return route.name;
  }
}

export function Shell({ session, onSignedOut }: { session: SessionView; onSignedOut(): void }) {
  const intl = useIntl();
  const list = useListFormat();
  const requested = useHashRoute();
  const roles = session.user.roles;
  // The HQ console reads across facilities: no intake, no due-now board, no sync of its own.
  const atHq = session.facilityKind === 'headquarters';
  // An ombudsman office's installation: visits, the centres it knows and its organisation keys.
  const atOffice = session.facilityKind === 'ombudsman_office';
  const may = {
    npmVisits: atOffice && can(roles, 'visit.read'),
    organisation: atOffice && (can(roles, 'visit.read') || can(roles, 'settings.manage')),
    npmCentre: !atOffice && can(roles, 'npm.respond'),
    users: can(roles, 'users.manage'),
    audit: can(roles, 'audit.read'),
    read: can(roles, 'person.read'),
    write: !atHq && can(roles, 'person.write'),
    settings: can(roles, 'settings.manage'),
    sync: !atHq && can(roles, 'sync.run'),
    backup: !atHq && can(roles, 'backup.manage'),
    reports: atHq && can(roles, 'reports.read'),
    // HQ's administrators see the fleet too, to revoke a lost device; they read no person (docs/hq-console.md).
    fleet: atHq && can(roles, 'fleet.read'),
    // Tracing inquiries are HQ's own records (docs/hq-console.md "Tracing inquiries").
    tracing: atHq && can(roles, 'tracing.manage'),
  };
  const allowed = (r: Route): boolean => {
    switch (r.name) {
      case 'users':
        return may.users;
      case 'audit':
        return may.audit;
      case 'register':
      case 'person':
      case 'printRegister':
      case 'printRights':
      case 'printProperty':
      case 'verifyLetter':
        return may.read;
      case 'intake':
      case 'intakeNew':
      case 'intakeDraft':
        return may.write;
      case 'settings':
        return may.settings;
      case 'npmVisits':
      case 'visit':
      case 'npmFacilities':
      case 'printVisit':
        return may.npmVisits;
      case 'organisation':
        return may.organisation;
      case 'npmCentre':
        return may.npmCentre;
      case 'sync':
        return may.sync;
      case 'backup':
        return may.backup;
      case 'hqFacilities':
        return may.fleet;
      case 'hqCompliance':
      case 'hqCases':
      case 'hqReports':
        return may.reports;
      case 'hqTracing':
      case 'hqTracingNew':
      case 'hqInquiry':
      case 'hqTracingRecords':
        return may.tracing;
      default:
        return true;
    }
  };
  // A remembered address the signed-in role may not open falls back to Home; the server refuses anyway.
  const route: Route = allowed(requested) ? requested : { name: 'home' };
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

  const roleNames = list(roles.map((r) => intl.formatMessage({ id: roleLabel[r] })));

  // Whoever reads the register starts the shift at what is owed now; others at the overview.
  const navItems: { target: NavTarget; label: MessageKey; shown: boolean }[] = [
    { target: 'home', label: may.read ? 'nav.dueNow' : 'nav.home', shown: true },
    { target: 'register', label: 'nav.register', shown: may.read },
    { target: 'intake', label: 'nav.intake', shown: may.write },
    { target: 'overview', label: 'nav.overview', shown: may.read },
    { target: 'sync', label: 'nav.sync', shown: may.sync },
    { target: 'backup', label: 'nav.backup', shown: may.backup },
    { target: 'npmCentre', label: 'vis.nav.oversight', shown: may.npmCentre },
    { target: 'settings', label: 'nav.settings', shown: may.settings },
    { target: 'users', label: 'nav.users', shown: may.users },
    { target: 'audit', label: 'nav.audit', shown: may.audit },
  ];
  const officeNavItems: typeof navItems = [
    { target: 'home', label: 'nav.home', shown: !may.npmVisits },
    { target: 'npmVisits', label: 'vis.nav.visits', shown: may.npmVisits },
    { target: 'npmFacilities', label: 'vis.nav.facilities', shown: may.npmVisits },
    { target: 'organisation', label: 'vis.nav.organisation', shown: may.organisation },
    ...navItems.filter((i) => i.target === 'sync' || i.target === 'backup' || i.target === 'settings' || i.target === 'users' || i.target === 'audit'),
  ];
  const hqNavItems: typeof navItems = [
    { target: 'home', label: 'nav.home', shown: !may.reports },
    { target: 'hqFacilities', label: 'hq.nav.facilities', shown: may.fleet },
    { target: 'hqCompliance', label: 'hq.nav.compliance', shown: may.reports },
    { target: 'hqReports', label: 'reportsUi.nav', shown: may.reports },
    { target: 'hqTracing', label: 'hq.nav.tracing', shown: may.tracing },
    { target: 'register', label: 'nav.register', shown: may.read },
    { target: 'audit', label: 'nav.audit', shown: may.audit },
    { target: 'users', label: 'nav.users', shown: may.users },
    { target: 'settings', label: 'nav.settings', shown: may.settings },
  ];
  // HQ's analysts start at the compliance overview.
  const current = atHq && may.reports && route.name === 'home' ? 'hqCompliance' : may.npmVisits && route.name === 'home' ? 'npmVisits' : section(route);

  return (
    <div className={`shell${route.name === 'printRegister' || route.name === 'printRights' || route.name === 'printProperty' || route.name === 'printVisit' ? ' shell--print' : ''}`}>
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
        {may.sync ? <SyncIndicator /> : null}
        {may.backup ? <BackupReminder /> : null}
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
            {(atHq ? hqNavItems : atOffice ? officeNavItems : navItems)
              .filter((i) => i.shown)
              .map((i) => (
                <li key={i.target}>
                  <a href={href({ name: i.target })} className="nav-link" aria-current={current === i.target ? 'page' : undefined}>
                    <FormattedMessage id={i.label} />
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <main className="shell__main" ref={main} tabIndex={-1}>
          <Screen route={route} session={session} mayRead={may.read} />
        </main>
      </div>
    </div>
  );
}

function Screen({ route, session, mayRead }: { route: Route; session: SessionView; mayRead: boolean }) {
  switch (route.name) {
    case 'home':
      // The office's monitors start at their visits.
      if (session.facilityKind === 'ombudsman_office' && can(session.user.roles, 'visit.read')) return <Visits mayWrite={can(session.user.roles, 'visit.write')} />;
      if (session.facilityKind === 'headquarters') return can(session.user.roles, 'reports.read') ? <Compliance /> : <Home session={session} />;
      return mayRead ? <DueNow mayReport={can(session.user.roles, 'reports.read')} /> : <Home session={session} />;
    case 'hqFacilities':
      return <Facilities mayRevoke={can(session.user.roles, 'devices.revoke')} />;
    case 'hqCompliance':
      return <Compliance key={`${route.from ?? ''}/${route.to ?? ''}`} from={route.from} to={route.to} />;
    case 'hqCases':
      return <Cases from={route.from} to={route.to} issue={route.issue} facilityId={route.facilityId} />;
    case 'hqReports':
      return <Reports key={href(route)} address={route} mayManage={can(session.user.roles, 'settings.manage')} />;
    case 'hqTracing':
      return <Inquiries key={route.status ?? 'open'} status={route.status} />;
    case 'hqTracingNew':
      return <NewInquiry />;
    case 'hqInquiry':
      return <Inquiry key={route.inquiryId} inquiryId={route.inquiryId} />;
    case 'hqTracingRecords':
      return <Records />;
    case 'overview':
      return <Home session={session} />;
    case 'users':
      return <Users facilityKind={session.facilityKind} />;
    case 'audit':
      return <AuditLog />;
    case 'register':
      return <Register />;
    case 'intake':
      return <IntakeStart />;
    case 'intakeNew':
      return <IntakeWizard key="new" draftId={null} />;
    case 'intakeDraft':
      return <IntakeWizard key={route.draftId} draftId={route.draftId} />;
    case 'person':
      return <Person key={route.personId} personId={route.personId} session={session} />;
    case 'printRegister':
      return <RegisterPrint from={route.from} to={route.to} facilityName={session.facilityName} />;
    case 'printRights':
      return <RightsLetter key={route.notificationId} notificationId={route.notificationId} />;
    case 'printProperty':
      return <PropertyReceipt key={route.ackId} ackId={route.ackId} />;
    case 'verifyLetter':
      return <VerifyLetter />;
    case 'settings':
      return <Settings facilityKind={session.facilityKind} />;
    case 'npmVisits':
      return <Visits mayWrite={can(session.user.roles, 'visit.write')} />;
    case 'visit':
      return <Visit key={route.visitId} visitId={route.visitId} mayWrite={can(session.user.roles, 'visit.write')} />;
    case 'npmFacilities':
      return <NpmFacilities mayWrite={can(session.user.roles, 'visit.write')} />;
    case 'organisation':
      return <Organisation mayManage={can(session.user.roles, 'settings.manage')} mayRead={can(session.user.roles, 'visit.read')} />;
    case 'printVisit':
      return <VisitReport key={`${route.visitId}-${route.lang}`} visitId={route.visitId} lang={route.lang} />;
    case 'npmCentre':
      return <CentreResponses mayManage={can(session.user.roles, 'settings.manage')} />;
    case 'sync':
      return <Sync roles={session.user.roles} deviceName={session.deviceName} />;
    case 'backup':
      return <Backup />;
  }
}
