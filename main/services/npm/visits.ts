import type { Handlers } from '../../api/router';
import type { ServiceInstallation } from '../installation';
import { visitCommands } from './visits-commands';
import { visitViews } from './visits-views';

/**
 * Ombudsman visits (OPCAT Arts 19–22, docs/domain.md §2–§3): the lifecycle PLANNED → ON_SITE → DEBRIEF →
 * REPORT_DRAFT → SENT → FOLLOW_UP, the fieldwork recorded on site, findings with their recommendations,
 * and where each recommendation stands. What a detainee said is sealed to the organisation key here,
 * before any event is made, and opened only in memory for the visit view. The reads are in
 * visits-views.ts, what is recorded in visits-commands.ts.
 */
export function npmVisitsHandlers(inst: ServiceInstallation, now: () => number): Handlers['npmVisits'] {
  return { ...visitViews(inst, now), ...visitCommands(inst, now) };
}
