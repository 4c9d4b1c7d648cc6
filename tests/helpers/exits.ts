import { ApiError } from '../../core/contract/errors';
import type { OutcomeType } from '../../core/episode';
import { pathwayOfOutcome, pathwaySteps, type ExitStep, type ExitStepKind } from '../../core/exits';
import type { TestInstallation } from './backend';

type Api = Awaited<ReturnType<TestInstallation['userWith']>>;

const iso = (ms: number) => new Date(ms).toISOString();

/** Plausible details of each step, for tests whose subject is something else than the exit pathway. */
const stepAt = (kind: ExitStepKind, at: number): ExitStep => {
  const t = iso(at);
  switch (kind) {
    case 'departure':
      return { kind, at: t, place: 'Heydar Aliyev International Airport' };
    case 'counselling':
      return { kind, at: t, by: 'IOM Baku', language: 'fa' };
    case 'consent':
      return { kind, at: t, language: 'fa', informed: true, understood: true };
    case 'travel_document':
      return { kind, at: t, type: 'passport', number: 'P0123456', issuedBy: 'Embassy' };
    case 'readmission_request':
      return { kind, at: t, state: 'GEO', agreement: 'Readmission agreement', reference: 'RA-1' };
    case 'readmission_acceptance':
      return { kind, at: t, reference: 'ACC-1' };
    case 'handover':
      return { kind, at: t, place: 'Border crossing', receivingOfficer: 'Border officer' };
    case 'removal_notice':
      return { kind, at: t, language: 'fa' };
    case 'release_protocol':
      return { kind, at: t, number: 'RP-1' };
    case 'court_order':
      return { kind, at: t, court: 'Nasimi District Court', reference: '2-99/2026', decidedOn: t.slice(0, 10) };
    case 'residence_permit':
      return { kind, at: t, number: 'TRP-1', validUntil: '2028-01-01' };
    case 'registered_address':
      return { kind, at: t, address: 'Baku, Yasamal district' };
    case 'thb_permit':
      return { kind, at: t, number: 'THB-1', validUntil: '2028-01-01' };
  }
};

/**
 * Schedules the exit (unless it is already scheduled) and records every step of the outcome's pathway
 * not yet on record, at `at` (issue #15 §6, core/exits.ts), so that `episodes.close` with that outcome
 * meets only the rules a test is about. A removal's departure waits 48 hours after its notice: serve the
 * notice with this helper first, move the clock, then call it again for the departure.
 */
export async function readyToLeave(staff: Api, episodeId: string, outcome: OutcomeType, at: number, only?: readonly ExitStepKind[]): Promise<void> {
  try {
    await staff.episodes.scheduleExit({ episodeId, plannedAt: iso(at), plannedOutcome: outcome });
  } catch (e) {
    // Already scheduled: the exit is pending and its pathway open.
    if (!(e instanceof ApiError && e.messageKey === 'error.episode.wrongState')) throw e;
  }
  const pathway = pathwayOfOutcome[outcome];
  for (const kind of pathway ? pathwaySteps[pathway] : []) {
    if (!only || only.includes(kind)) await staff.exits.recordStep({ episodeId, step: stepAt(kind, at) });
  }
}
