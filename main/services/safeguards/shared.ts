/** What every safeguard's commands share: who acts, the refusals, the facts of a person they check. */
import type { VulnerabilityFlag } from '../../../core/vulnerability';
import { personFlags } from '../../../db/episode-facts';
import type { EpisodesTable } from '../../../db/schema';
import type { ServiceStore } from '../../../db/store';
import { dateValidationError } from '../common';
import type { EventRecord } from '../../../core/events';
import { readPayload } from '../../../core/events/upcast';

export { actor, notFound, rule } from '../common';

export function notBeforeApprehension(at: string, ep: EpisodesTable, path: string): void {
  if (Date.parse(at) < Date.parse(ep.apprehended_at)) throw dateValidationError([{ path, key: 'error.time.beforeApprehension' }]);
}

export function flagsOf(store: ServiceStore, personId: string): VulnerabilityFlag[] {
  return personFlags(store.q, store.qb, [personId]).get(personId) ?? [];
}

/**
 * The wording's hash recorded with a rights notification, read through the upcasters
 * (core/events/upcast.ts) so an older event still answers after its payload changes shape.
 */
export function recordedTemplateHash(event: EventRecord | undefined): string | null {
  if (!event) return null;
  const read = readPayload(event);
  if (!('payload' in read)) return null;
  const hash = (read.payload as { templateHash?: unknown }).templateHash;
  return typeof hash === 'string' ? hash : null;
}
