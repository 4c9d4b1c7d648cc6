import { useEffect, useState } from 'react';
import { hqHref, parseHqPath, type HqRoute } from './screens/hq/address';

/**
 * Hash routes keep working from a file:// or app:// page in Electron and give the Back key its usual
 * meaning. Each screen has one address, so a reload lands where the officer was (a half-done intake
 * included: its address names its draft).
 */
export type Route =
  | { name: 'home' }
  | { name: 'overview' }
  | { name: 'users' }
  | { name: 'audit' }
  | { name: 'register' }
  | { name: 'intake' }
  | { name: 'intakeNew' }
  | { name: 'intakeDraft'; draftId: string }
  | { name: 'person'; personId: string }
  | { name: 'printRegister'; from: string; to: string }
  | { name: 'printRights'; notificationId: string }
  | { name: 'printProperty'; ackId: string }
  | { name: 'verifyLetter' }
  | HqRoute
  | { name: 'settings' }
  | { name: 'npmVisits' }
  | { name: 'visit'; visitId: string }
  | { name: 'npmFacilities' }
  | { name: 'organisation' }
  | { name: 'printVisit'; visitId: string; lang: 'az' | 'en' | 'ru' }
  | { name: 'npmCentre' }
  | { name: 'sync' }
  | { name: 'backup' };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const params = new URLSearchParams(query);
  switch (parts[0]) {
    case undefined:
      return { name: 'home' };
    case 'overview':
    case 'users':
    case 'audit':
    case 'register':
    case 'settings':
    case 'sync':
    case 'backup':
      return parts.length === 1 ? { name: parts[0] } : { name: 'home' };
    case 'intake':
      if (parts.length === 1) return { name: 'intake' };
      if (parts[1] === 'new' && parts.length === 2) return { name: 'intakeNew' };
      if (parts[1] === 'draft' && parts[2]) return { name: 'intakeDraft', draftId: parts[2] };
      return { name: 'intake' };
    case 'person':
      return parts[1] ? { name: 'person', personId: parts[1] } : { name: 'register' };
    case 'verify-letter':
      return { name: 'verifyLetter' };
    case 'visits':
      return parts.length === 1 ? { name: 'npmVisits' } : { name: 'home' };
    case 'organisation':
      return parts.length === 1 ? { name: 'organisation' } : { name: 'home' };
    case 'oversight':
      return parts.length === 1 ? { name: 'npmCentre' } : { name: 'home' };
    case 'facilities':
      return { name: 'npmFacilities' };
    case 'visit':
      return parts[1] ? { name: 'visit', visitId: parts[1] } : { name: 'npmVisits' };
    case 'hq':
      return parseHqPath(parts.slice(1), params) ?? { name: 'home' };
    case 'print':
      if (parts[1] === 'rights' && parts[2]) return { name: 'printRights', notificationId: parts[2] };
      if (parts[1] === 'property' && parts[2]) return { name: 'printProperty', ackId: parts[2] };
      if (parts[1] === 'visit' && parts[2]) {
        const lang = params.get('lang');
        return { name: 'printVisit', visitId: parts[2], lang: lang === 'en' || lang === 'ru' ? lang : 'az' };
      }
      if (parts[1] === 'register') {
        const from = params.get('from') ?? '';
        const to = params.get('to') ?? '';
        if (isoDate.test(from) && isoDate.test(to)) return { name: 'printRegister', from, to };
      }
      return { name: 'register' };
    default:
      return { name: 'home' };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'intakeNew':
      return '#/intake/new';
    case 'intakeDraft':
      return `#/intake/draft/${encodeURIComponent(route.draftId)}`;
    case 'person':
      return `#/person/${encodeURIComponent(route.personId)}`;
    case 'printRegister':
      return `#/print/register?${new URLSearchParams({ from: route.from, to: route.to }).toString()}`;
    case 'printRights':
      return `#/print/rights/${encodeURIComponent(route.notificationId)}`;
    case 'printProperty':
      return `#/print/property/${encodeURIComponent(route.ackId)}`;
    case 'verifyLetter':
      return '#/verify-letter';
    case 'visit':
      return `#/visit/${encodeURIComponent(route.visitId)}`;
    case 'npmVisits':
      return '#/visits';
    case 'npmFacilities':
      return '#/facilities';
    case 'npmCentre':
      return '#/oversight';
    case 'printVisit':
      return `#/print/visit/${encodeURIComponent(route.visitId)}?lang=${route.lang}`;
    case 'hqFacilities':
    case 'hqCompliance':
    case 'hqCases':
    case 'hqTracing':
    case 'hqTracingNew':
    case 'hqInquiry':
    case 'hqTracingRecords':
    case 'hqReports':
      return hqHref(route);
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route).slice(1);
}

/**
 * Changes the address without a new screen: a new intake that got its draft id keeps the form as it
 * is (no hashchange fires), but a reload now opens the draft.
 */
export function replaceAddress(route: Route): void {
  history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${href(route)}`);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
