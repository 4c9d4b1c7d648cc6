/**
 * The device's side of the national duplicate check (issue #14 §2, docs/sync.md#national-duplicate-check):
 * asking HQ at intake within a few seconds, remembering which intakes were not checked nationally, and
 * checking them again at the next sync, where a likely match becomes a task for the registrar.
 */
import type { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import type { NationalOutcome } from '../../core/contract/national';
import { likelyNationalMatch, nationalCheckTimeoutMs, type NationalCard, type nationalCheckRequest } from '../../core/sync-national';
import type { ReadStore, Store } from '../../db/store';
import type { SyncQuery } from '../../db/sync-query';
import { HqClient, HqUnreachable } from './hq-client';

type Query = Omit<z.input<typeof nationalCheckRequest>, 'askedBy' | 'personId'>;

/** The device's client to HQ, or null when not enrolled. */
export function hqClientFor(store: Pick<Store, 'meta' | 'device' | 'devicePrivateKey'>): HqClient | null {
  const url = store.meta('sync_hq_url');
  if (!url) return null;
  return new HqClient(url, { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey, incarnation: Number(store.meta('sync_incarnation') ?? 0) });
}

/**
 * Asks HQ; never throws for want of HQ. Not enrolled, not answered within the timeout, or refused (its
 * translated reason kept): "not checked nationally", and the intake goes on with its local check.
 */
export async function askHq(client: HqClient | null, query: Query, askedBy: string, personId?: string, timeoutMs = nationalCheckTimeoutMs): Promise<NationalOutcome> {
  if (!client) return { status: 'not_checked', reason: 'not_enrolled', messageKey: null };
  try {
    const res = await client.nationalCheck({ ...query, askedBy, ...(personId ? { personId } : {}) }, timeoutMs);
    return { status: 'checked', checkedAt: res.checkedAt, candidates: res.candidates };
  } catch (e) {
    if (e instanceof ApiError) return { status: 'not_checked', reason: 'refused', messageKey: e.messageKey };
    if (e instanceof HqUnreachable) return { status: 'not_checked', reason: 'unreachable', messageKey: null };
    // An answer that does not parse is as good as none.
    return { status: 'not_checked', reason: 'unreachable', messageKey: null };
  }
}

/** A check's result as kept: a likely candidate is a match (a task), anything less is clear. */
export function statusOf(candidates: readonly NationalCard[]): 'match' | 'clear' {
  return candidates.some((c) => c.score >= likelyNationalMatch) ? 'match' : 'clear';
}

/** The query HQ is asked about a recorded person: their current names, birth date and nationalities. */
export function queryOf(store: ReadStore, personId: string): Query | null {
  const p = store.q.first(store.qb.selectFrom('persons').select(['name_original', 'name_latin', 'patronymic', 'aliases', 'birth_date', 'nationalities']).where('person_id', '=', personId));
  if (!p) return null;
  return {
    names: { original: p.name_original, latin: p.name_latin, ...(p.patronymic ? { patronymic: p.patronymic } : {}), aliases: JSON.parse(p.aliases) as string[] },
    ...(p.birth_date ? { birthDate: p.birth_date } : {}),
    nationalities: (JSON.parse(p.nationalities) as string[]).slice(0, 5),
  };
}

/** Writes a check's answer for a person (a link already made stays: the registrar decided). */
export function saveAnswer(q: SyncQuery, personId: string, outcome: Extract<NationalOutcome, { status: 'checked' }>): 'match' | 'clear' | 'linked' {
  const status = statusOf(outcome.candidates);
  const row = q.prepared('SELECT status FROM national_checks WHERE person_id = ?').get(personId) as { status: string } | undefined;
  const kept = row?.status === 'linked' ? 'linked' : status;
  q.prepared(
    `INSERT INTO national_checks (person_id, status, asked_at, asked_by, checked_at, candidates) VALUES (?, ?, ?, '', ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET status = excluded.status, checked_at = excluded.checked_at, candidates = excluded.candidates, resolved_by = NULL, resolved_at = NULL`,
  ).run(personId, kept, outcome.checkedAt, outcome.checkedAt, JSON.stringify(outcome.candidates));
  return kept;
}

/** How many intakes one sync checks again at most: HQ allows a device 30 lookups a minute. */
const recheckBatch = 20;

/**
 * After a successful sync: every intake recorded without a national check is checked now (oldest
 * first), each audited on this device as a read of the person sent to HQ. Stops at the first refusal
 * (the rate limit) or loss of HQ: what is left waits for the next sync. Returns how many were checked.
 */
export async function recheckPending(store: Store, client: HqClient, actor: string | null, method: string): Promise<{ checked: number; matches: number }> {
  const pending = store.q.all(store.qb.selectFrom('national_checks').select(['person_id', 'asked_by']).where('status', '=', 'pending').orderBy('asked_at').limit(recheckBatch));
  let checked = 0;
  let matches = 0;
  for (const p of pending) {
    const query = queryOf(store, p.person_id);
    if (!query) continue;
    // A sync waits longer than the intake desk: nobody stands at the counter.
    const outcome = await askHq(client, query, actor ?? p.asked_by, p.person_id, 15_000);
    if (outcome.status !== 'checked') break;
    const status = store.atomically(() => saveAnswer(store.q, p.person_id, outcome));
    store.audit({
      actor,
      action: 'national.checked',
      method,
      entityType: 'person',
      entityId: p.person_id,
      outcome: 'ok',
      detail: JSON.stringify({ candidates: outcome.candidates.length, status }),
    });
    checked++;
    if (status === 'match') matches++;
  }
  return { checked, matches };
}
