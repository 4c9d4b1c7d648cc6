import type { z } from 'zod';
import { summarizeCompliance, type EpisodeCompliance } from '../../core/compliance';
import { complianceOf } from '../../core/reports/table';
import { ApiError } from '../../core/contract/errors';
import type { hqDeviceView } from '../../core/contract/hq';
import { localDate } from '../../core/time';
import { maskObligationKind } from '../../core/due-now';
import { maskRemovalLocks } from '../../core/non-refoulement';
import { can } from '../../core/permissions';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { cachedFactRows } from './reports/facts';
import type { ServiceInstallation } from './installation';

export interface FleetFacility {
  facilityId: string;
  name: string;
  kind: string;
  devices: z.infer<typeof hqDeviceView>[];
}

/**
 * What the HQ server knows that the console's own store does not: enrolled facilities and devices,
 * and how far its event store has got. Implemented over the HQ database in hq/console; a centre's
 * backend has none, and the hq.* methods refuse there.
 */
export interface HqFleetSource {
  fleet(): Promise<FleetFacility[]>;
  /** events HQ stores, and how many of them lie beyond the console's cursor */
  progress(consoleCursor: number): Promise<{ hqEvents: number; behind: number }>;
  /**
   * Revokes a device and rotates its facility's bundle key (hq/sync/revoke.ts, the path the command
   * line takes too); a device HQ does not know or already revoked is an ApiError.
   */
  revoke(input: { deviceId: string; reason: string; by: string }): Promise<{ deviceId: string; deviceName: string; facilityId: string; revokedAt: string; bundleKeyId: number }>;
}

/** The console remembers how far it has read HQ's event store here (hq/console/feed.ts). */
export const consoleCursorKey = 'hq_console_cursor';

/** The Latin names of the people behind a figure, for its list. */
export function latinNames(store: ReadStore, shown: readonly { personId: string }[]): Map<string, string> {
  const ids = [...new Set(shown.map((x) => x.personId))];
  if (ids.length === 0) return new Map();
  return new Map(store.q.all(store.qb.selectFrom('persons').select(['person_id', 'name_latin']).where('person_id', 'in', ids)).map((p) => [p.person_id, p.name_latin]));
}

/**
 * Every episode's compliance from HQ's per-episode facts table (main/services/reports/facts.ts, issue #16
 * §5), with the facility that admitted it and the one that holds it now (after a transfer, the receiving
 * centre; issue #15 §6): the facts are gathered as the feed ingests, not on each call.
 */
function factCompliance(store: ReadStore, now: number): { c: EpisodeCompliance; admitted: string | null; current: string | null }[] {
  return cachedFactRows(store).flatMap((r) => {
    const c = complianceOf(r, store.settings, now);
    return c ? [{ c, admitted: r.admittedFacility, current: r.currentFacility }] : [];
  });
}

function inLocalPeriod(store: ReadStore, from: string, to: string) {
  const onDay = instantInLocalPeriod(store, from, to);
  return (c: EpisodeCompliance) => onDay(c.apprehendedAt);
}

/** Whether an instant falls on one of the facility's local days from..to (an asylum claim's, say). */
function instantInLocalPeriod(store: ReadStore, from: string, to: string) {
  return (instant: string) => {
    const day = localDate(Date.parse(instant), store.settings.timeZone);
    return day >= from && day <= to;
  };
}

const issueTests = {
  rights_late: (c: EpisodeCompliance) => c.rights === 'late',
  rights_missing: (c: EpisodeCompliance) => c.rights === 'missing',
  consular_blocked: (c: EpisodeCompliance) => c.consular === 'blocked',
  consular_overdue: (c: EpisodeCompliance) => c.consular === 'overdue',
  without_defender: (c: EpisodeCompliance) => c.hoursToDefender === null,
  overdue: (c: EpisodeCompliance) => c.overdue.length > 0,
  child: (c: EpisodeCompliance) => c.open && c.child,
  consular_disclosure: (c: EpisodeCompliance) => c.disclosure !== 'none',
  // Counted by the day the person asked, not the day of apprehension: see casesInPeriod.
  asylum_requests: (c: EpisodeCompliance) => c.asylumRequests.length > 0,
  asylum_pending: (c: EpisodeCompliance) => c.asylumPending,
  nonrefoulement_hold: (c: EpisodeCompliance) => c.nonRefoulementHolds.length > 0,
  rights_draft_letter: (c: EpisodeCompliance) => c.draftLetter,
  // Counted by the day of the refusal, like asylum requests: see casesInPeriod.
  contact_refused: (c: EpisodeCompliance) => c.contactRefusals.length > 0,
} as const;

/** Issues about today's situation, not about what happened in the period. */
const nowIssues = new Set(['overdue', 'child', 'consular_disclosure', 'asylum_pending', 'nonrefoulement_hold']);

/** A trafficking referral shows only as "restricted" to a reader without protection.read. */
function detailOf(issue: keyof typeof issueTests, c: EpisodeCompliance, mayReadProtection: boolean): string | null {
  switch (issue) {
    case 'rights_late':
      return c.rightsHours === null ? null : c.rightsHours.toFixed(1);
    case 'overdue':
      return [...new Set(c.overdue.map((k) => maskObligationKind(k, mayReadProtection)))].join(',');
    case 'consular_disclosure':
      return c.disclosure;
    case 'asylum_requests':
      return c.asylumRequests.some((r) => r.pending) ? 'pending' : 'decided';
    case 'nonrefoulement_hold':
      // A trafficking lock still shows, as `restricted`, to a reader without protection.read (§5 rule 6).
      return maskRemovalLocks(c.nonRefoulementHolds, mayReadProtection).join(',');
    case 'rights_draft_letter':
      return c.draftLetterLanguages.join(',');
    case 'contact_refused':
      // each refusal's category, and whether the head reviewed it: "lawyer:unreviewed,ombudsman:reviewed"
      return c.contactRefusals.map((r) => `${r.category}:${r.reviewed ? 'reviewed' : 'unreviewed'}`).join(',');
    default:
      return null;
  }
}

export function hqHandlers(inst: ServiceInstallation, source: HqFleetSource | null, now: () => number): Handlers['hq'] {
  const requireSource = () => {
    if (!source) throw new ApiError({ code: 'not_found', messageKey: 'error.hq.only' });
    return source;
  };
  // Which facility holds an episode comes from the facts table; the fleet names the facilities.
  const facilityMaps = async () => ({ fleet: await requireSource().fleet() });
  return {
    revokeDevice: async (input, env) => {
      const src = requireSource();
      const store = inst.requireStore();
      const audit = (outcome: 'ok' | 'failed', detail: Record<string, unknown>) =>
        store.audit({
          actor: env.session.userId,
          action: 'device.revoked',
          method: env.method,
          entityType: 'device',
          entityId: input.deviceId,
          outcome,
          detail: JSON.stringify({ reason: input.reason, ...detail }),
        });
      let r;
      try {
        r = await src.revoke({ deviceId: input.deviceId, reason: input.reason, by: env.session.username });
      } catch (e) {
        // A refusal (unknown or already revoked) is kept too: someone tried to revoke this device, and why.
        if (e instanceof ApiError) audit('failed', { refused: e.messageKey });
        throw e;
      }
      audit('ok', { deviceName: r.deviceName, facilityId: r.facilityId, bundleKeyId: r.bundleKeyId });
      return { deviceId: r.deviceId, revokedAt: r.revokedAt, bundleKeyId: r.bundleKeyId };
    },
    facilities: async () => {
      const src = requireSource();
      const store = inst.readStore();
      const { fleet } = await facilityMaps();
      const held = new Map<string, number>();
      for (const r of cachedFactRows(store)) {
        if (r.open && r.currentFacility) held.set(r.currentFacility, (held.get(r.currentFacility) ?? 0) + 1);
      }
      const { hqEvents, behind } = await src.progress(Number(store.meta(consoleCursorKey) ?? 0));
      return {
        facilities: fleet.map((f) => ({ ...f, heldNow: held.get(f.facilityId) ?? 0 })),
        hqEvents,
        consoleBehind: behind,
        staleAfterHours: { amber: store.settings.fleetStaleAmberHours, red: store.settings.fleetStaleRedHours },
        asOf: new Date(now()).toISOString(),
      };
    },
    compliance: async (input) => {
      const store = inst.readStore();
      const { fleet } = await facilityMaps();
      const facts = factCompliance(store, now());
      const all = facts.map((x) => x.c);
      const inPeriod = inLocalPeriod(store, input.from, input.to);
      const claimInPeriod = instantInLocalPeriod(store, input.from, input.to);
      return {
        from: input.from,
        to: input.to,
        facilities: fleet.map((f) => ({
          facilityId: f.facilityId,
          name: f.name,
          ...summarizeCompliance(
            facts.filter((x) => x.admitted === f.facilityId).map((x) => x.c),
            inPeriod,
            claimInPeriod,
            facts.filter((x) => x.current === f.facilityId).map((x) => x.c),
          ),
        })),
        total: summarizeCompliance(all, inPeriod, claimInPeriod),
        rightsLimitHours: store.settings.rightsNotificationHours,
        asOf: new Date(now()).toISOString(),
      };
    },
    cases: async (input, env) => {
      const store = inst.readStore();
      const { fleet } = await facilityMaps();
      const facts = factCompliance(store, now());
      // A "now" issue belongs to the centre holding the person now; the others to the one that admitted them.
      const byEpisode = new Map(facts.map((x) => [x.c.episodeId, nowIssues.has(input.issue) ? x.current : x.admitted]));
      const names = new Map(fleet.map((f) => [f.facilityId, f.name]));
      const inPeriod = inLocalPeriod(store, input.from, input.to);
      const test = issueTests[input.issue];
      const claimInPeriod = instantInLocalPeriod(store, input.from, input.to);
      // Asylum requests belong to the period in which the person asked, refused contacts to the day of the
      // refusal; the others to their apprehension.
      const casesInPeriod = (c: EpisodeCompliance) =>
        input.issue === 'asylum_requests'
          ? c.asylumRequests.some((r) => claimInPeriod(r.expressedAt))
          : input.issue === 'contact_refused'
            ? c.contactRefusals.some((r) => claimInPeriod(r.at))
            : nowIssues.has(input.issue) || inPeriod(c);
      const matches = facts
        .map((x) => x.c)
        .filter((c) => casesInPeriod(c) && test(c))
        .filter((c) => input.facilityId === null || byEpisode.get(c.episodeId) === input.facilityId)
        .sort((a, b) => (a.apprehendedAt < b.apprehendedAt ? 1 : -1));
      const shown = matches.slice(0, input.limit);
      const people = latinNames(store, shown);
      return {
        items: shown.map((c) => {
          const facilityId = byEpisode.get(c.episodeId) ?? null;
          return {
            personId: c.personId,
            episodeId: c.episodeId,
            nameLatin: people.get(c.personId) ?? '',
            facilityId,
            facilityName: facilityId ? (names.get(facilityId) ?? null) : null,
            apprehendedAt: c.apprehendedAt,
            detail: detailOf(input.issue, c, can(env.session.roles, 'protection.read')),
          };
        }),
        truncated: matches.length > shown.length,
      };
    },
  };
}
