import type { CommandTx, Store } from '../../db/store';
import { facilityOf } from '../../main/services/intake';
import { inOrder, type SeedRefs } from './play-api';
import type { IdMaker } from './prng';
import type { Profile, Step, Story } from './stories';

/** The actor and method the store records for bulk-written events (as setup records 'setup'). */
export const bulkActor = { userId: 'seed' };
export const bulkMethod = 'seed.import';

/**
 * Events per transaction. Each commit writes every page it dirtied, and the ids, Latin names and name
 * keys are indexed in random order, so a larger transaction hits each page several times per write:
 * 20k events took a third off registering people into a 1M-person store compared with 4k.
 */
export const eventsPerCommit = 20000;

function need<T>(map: Map<string | number, T>, key: string | number, what: string): T {
  const v = map.get(key);
  if (v === undefined) throw new Error(`seed: no ${what} for ${key}`);
  return v;
}

/**
 * Appends the events the handler for `step` would append (main/services/*), with ids from `ids`.
 * Nothing is checked here: the stories are the same ones the API path plays under every rule, and the
 * test compares both paths' registers.
 */
function appendStep(tx: CommandTx, step: Step, profiles: Map<number, Profile>, refs: SeedRefs, ids: IdMaker, facility: { facilityId: string; facilityName: string }): void {
  const episode = (ref: string) => need(refs.episodes, ref, 'episode');
  const personId = () => need(refs.persons, step.person, 'person');
  switch (step.kind) {
    case 'intake': {
      const pid = step.newPerson ? ids.next() : personId();
      const episodeId = ids.next();
      if (step.newPerson) tx.append({ type: 'person.registered', entityId: pid, payload: { details: need(profiles, step.person, 'profile').details } });
      for (const document of step.documents) tx.append({ type: 'document.recorded', entityId: ids.next(), payload: { personId: pid, document } });
      if (step.admission) {
        tx.append({ type: 'episode.admitted', entityId: episodeId, payload: { personId: pid, ...facility, ...step.admission, apprehension: step.apprehension } });
      } else {
        tx.append({ type: 'episode.apprehended', entityId: episodeId, payload: { personId: pid, ...facility, apprehension: step.apprehension } });
      }
      refs.persons.set(step.person, pid);
      refs.episodes.set(step.episode, { episodeId, personId: pid });
      return;
    }
    case 'admit': {
      const ep = episode(step.episode);
      tx.append({ type: 'episode.admitted', entityId: ep.episodeId, payload: { personId: ep.personId, ...facility, ...step.admission, apprehension: step.apprehension } });
      return;
    }
    case 'screen': {
      const ep = episode(step.episode);
      tx.append({ type: 'screening.recorded', entityId: ids.next(), payload: { personId: ep.personId, episodeId: ep.episodeId, screening: step.screening } });
      const s = step.screening;
      if (s.asylumWords) {
        const claimId = ids.next();
        tx.append({
          type: 'asylum.expressed',
          entityId: claimId,
          payload: { personId: ep.personId, episodeId: ep.episodeId, expression: { at: s.at, place: 'centre', words: s.asylumWords, language: s.asylumWordsLanguage ?? 'und' } },
        });
        if (step.claim) refs.claims.set(step.claim, claimId);
      }
      return;
    }
    case 'refer': {
      const ep = episode(step.episode);
      const referralId = ids.next();
      tx.append({ type: 'referral.created', entityId: referralId, payload: { personId: ep.personId, episodeId: ep.episodeId, referral: { type: step.type, reason: step.reason } } });
      refs.referrals.set(step.referral, referralId);
      return;
    }
    case 'progressReferral':
      tx.append({ type: 'referral.progressed', entityId: need(refs.referrals, step.referral, 'referral'), payload: { progress: step.progress } });
      return;
    case 'assessAge':
      tx.append({ type: 'age.assessed', entityId: ids.next(), payload: { personId: personId(), assessment: step.assessment } });
      return;
    case 'appointGuardian':
      tx.append({ type: 'guardian.appointed', entityId: ids.next(), payload: { personId: personId(), guardian: step.guardian } });
      return;
    case 'express': {
      const claimId = ids.next();
      tx.append({
        type: 'asylum.expressed',
        entityId: claimId,
        payload: { personId: personId(), episodeId: step.episode ? episode(step.episode).episodeId : undefined, expression: step.expression },
      });
      refs.claims.set(step.claim, claimId);
      return;
    }
    case 'forward':
      tx.append({ type: 'asylum.forwarded', entityId: need(refs.claims, step.claim, 'claim'), payload: step.forward });
      return;
    case 'asylumStatus':
      tx.append({ type: 'asylum.statusChanged', entityId: need(refs.claims, step.claim, 'claim'), payload: step.change });
      return;
    case 'requestExtension':
      tx.append({ type: 'episode.extensionRequested', entityId: episode(step.episode).episodeId, payload: { at: new Date(step.at).toISOString(), note: step.note } });
      return;
    case 'extend':
      tx.append({ type: 'episode.extended', entityId: episode(step.episode).episodeId, payload: { decision: step.decision } });
      return;
    case 'review':
      tx.append({ type: 'episode.reviewed', entityId: episode(step.episode).episodeId, payload: { at: new Date(step.at).toISOString(), conclusion: step.conclusion, notes: step.notes } });
      return;
    case 'scheduleExit':
      tx.append({ type: 'episode.exitScheduled', entityId: episode(step.episode).episodeId, payload: { plannedAt: step.plannedAt, plannedOutcome: step.plannedOutcome } });
      return;
    case 'nrCheck': {
      const ep = episode(step.episode);
      tx.append({ type: 'nonRefoulement.checked', entityId: ids.next(), payload: { personId: ep.personId, episodeId: ep.episodeId, check: step.check } });
      return;
    }
    case 'close':
      tx.append({ type: 'episode.closed', entityId: episode(step.episode).episodeId, payload: { exit: step.exit } });
      return;
    case 'merge': {
      const into = need(refs.persons, step.into, 'person');
      tx.append({ type: 'person.merged', entityId: personId(), payload: { intoPersonId: into, reason: step.reason } });
      tx.audit({ action: 'person.merged_into', method: bulkMethod, entityType: 'person', entityId: into, outcome: 'ok', detail: personId() });
      return;
    }
  }
}

/** Rough events per step, to cut transactions of about `eventsPerCommit` events. */
const eventsOf = (s: Step) => (s.kind === 'intake' ? 2 + s.documents.length : 1);

/**
 * Writes the stories' events straight into the store, a few thousand per transaction: the same events,
 * validated by the same catalog and projected by the same projections as through the handlers, without
 * a durable commit per step. Returns the number of steps written.
 */
export function writeStories(store: Store, stories: readonly Story[], refs: SeedRefs, ids: IdMaker): number {
  const facility = facilityOf(store);
  const profiles = new Map(stories.map((s) => [s.profile.index, s.profile]));
  const steps = inOrder(stories);
  for (let i = 0; i < steps.length;) {
    let events = 0;
    let j = i;
    while (j < steps.length && events < eventsPerCommit) events += eventsOf(steps[j++]!);
    store.command(bulkActor, bulkMethod, (tx) => {
      for (let k = i; k < j; k++) appendStep(tx, steps[k]!, profiles, refs, ids, facility);
    });
    i = j;
  }
  return steps.length;
}

/** Registrations only (no detention history), for people beyond the `--histories` limit. */
export function writeRegistrations(store: Store, profiles: readonly Profile[], ids: IdMaker): void {
  for (let i = 0; i < profiles.length; i += eventsPerCommit) {
    store.command(bulkActor, bulkMethod, (tx) => {
      for (const p of profiles.slice(i, i + eventsPerCommit)) tx.append({ type: 'person.registered', entityId: ids.next(), payload: { details: p.details } });
    });
  }
}
