/** What every safeguard's commands share: who acts, the refusals, the facts of a person they check. */
import { ApiError } from '../../../core/contract/errors';
import type { VulnerabilityFlag } from '../../../core/vulnerability';
import { personFlags } from '../../../db/episode-facts';
import type { EpisodesTable } from '../../../db/schema';
import type { Store } from '../../../db/store';
import type { SignedInEnv } from '../../api/router';
import { dateValidationError } from '../intake';
import type { EventRecord } from '../../../core/events';
import { readPayload } from '../../../core/events/upcast';

export const actor = (env: SignedInEnv) => ({ userId: env.session.userId });
export const notFound = () => new ApiError({ code: 'not_found', messageKey: 'error.notFound' });
export const rule = (key: string, field?: string) => new ApiError(field ? { code: 'rule', messageKey: key, fields: { [field]: { key } } } : { code: 'rule', messageKey: key });

export function notBeforeApprehension(at: string, ep: EpisodesTable, path: string): void {
  if (Date.parse(at) < Date.parse(ep.apprehended_at)) throw dateValidationError([{ path, key: 'error.time.beforeApprehension' }]);
}

export function flagsOf(store: Store, personId: string): VulnerabilityFlag[] {
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
