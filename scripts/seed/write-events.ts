import type { CommandTx, Store } from '../../db/store';
import { facilityOf } from '../../main/services/intake';
import { inOrder, itemId, type SeedRefs } from './play-api';
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
  const record = (ref: string) => need(refs.records, ref, 'record');
  /** A new record of the episode: its id, remembered under the story's reference, and the episode's ids. */
  const create = (ref: string, ep: string) => {
    const id = ids.next();
    refs.records.set(ref, id);
    return { id, ...episode(ep) };
  };
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
    // The stay (issue #15): what each section's handler appends (main/services/<section>.ts).
    case 'contact': {
      const c = create(step.ref, step.episode);
      tx.append({ type: 'contact.recorded', entityId: c.id, payload: { personId: c.personId, episodeId: c.episodeId, contact: step.contact } });
      return;
    }
    case 'contactReview':
      tx.append({ type: 'contact.refusalReviewed', entityId: record(step.ref), payload: { review: step.review } });
      return;
    case 'complaint': {
      const c = create(step.ref, step.episode);
      tx.append({ type: 'complaint.lodged', entityId: c.id, payload: { personId: c.personId, episodeId: c.episodeId, complaint: step.complaint } });
      return;
    }
    case 'complaintForward':
      tx.append({ type: 'complaint.forwarded', entityId: record(step.ref), payload: { forward: step.forward } });
      return;
    case 'complaintAnswer':
      tx.append({ type: 'complaint.answered', entityId: record(step.ref), payload: { answer: step.answer } });
      return;
    case 'complaintEscalate': {
      const from = record(step.ref);
      const c = create(step.newRef, step.episode);
      const o = step.original;
      const x = step.escalation;
      tx.append({
        type: 'complaint.lodged',
        entityId: c.id,
        payload: {
          personId: c.personId,
          episodeId: c.episodeId,
          escalatedFrom: from,
          complaint: {
            kind: o.kind,
            category: o.category,
            subject: x.note && x.note.length > 0 ? x.note : o.subject,
            lodgedBy: o.lodgedBy,
            lodgedByName: o.lodgedByName,
            receivedAt: x.receivedAt,
            addressee: x.addressee,
            ...(o.aboutStaff ? { aboutStaff: o.aboutStaff } : {}),
          },
        },
      });
      return;
    }
    case 'appeal': {
      const c = create(step.ref, step.episode);
      tx.append({ type: 'appeal.filed', entityId: c.id, payload: { personId: c.personId, episodeId: c.episodeId, appeal: step.appeal } });
      return;
    }
    case 'appealHearing':
      tx.append({ type: 'appeal.hearing', entityId: record(step.ref), payload: { hearing: step.hearing } });
      return;
    case 'appealDecision':
      tx.append({ type: 'appeal.decided', entityId: record(step.ref), payload: { outcome: step.outcome } });
      return;
    case 'breach': {
      const c = create(step.ref, step.episode);
      tx.append({ type: 'discipline.breachRecorded', entityId: c.id, payload: { personId: c.personId, episodeId: c.episodeId, breach: step.breach } });
      return;
    }
    case 'disciplineHearing':
      tx.append({ type: 'discipline.heard', entityId: record(step.ref), payload: { hearing: step.hearing } });
      return;
    case 'disciplineDecision':
      tx.append({ type: 'discipline.decided', entityId: record(step.ref), payload: { decision: step.decision, officerName: step.officerName } });
      return;
    case 'disciplineNotice':
      tx.append({ type: 'discipline.noticeGiven', entityId: record(step.ref), payload: { notice: step.notice } });
      return;
    case 'disciplineAppeal':
      tx.append({ type: 'discipline.appealed', entityId: record(step.ref), payload: { appeal: step.appeal } });
      return;
    case 'disciplineAppealOutcome':
      tx.append({ type: 'discipline.appealDecided', entityId: record(step.ref), payload: { outcome: step.outcome } });
      return;
    case 'disciplineDrop':
      tx.append({ type: 'discipline.dropped', entityId: record(step.ref), payload: { drop: step.drop } });
      return;
    case 'propertyItems': {
      const ep = episode(step.episode);
      const itemIds = step.record.items.map((_, i) => {
        const id = ids.next();
        refs.records.set(`${step.ref}:${i}`, id);
        return id;
      });
      tx.append({ type: 'property.itemsRecorded', entityId: ep.episodeId, payload: { personId: ep.personId, record: step.record, itemIds } });
      return;
    }
    case 'propertyAck': {
      const ep = episode(step.episode);
      tx.append({
        type: 'property.acknowledged',
        entityId: ep.episodeId,
        payload: { personId: ep.personId, ackId: ids.next(), acknowledgement: step.acknowledgement, itemIds: step.items.map((i) => itemId(refs, i)) },
      });
      return;
    }
    case 'propertyRelease': {
      const ep = episode(step.episode);
      tx.append({ type: 'property.released', entityId: ep.episodeId, payload: { personId: ep.personId, itemIds: step.items.map((i) => itemId(refs, i)), release: step.release } });
      return;
    }
    case 'medicalVisit': {
      const ep = episode(step.episode);
      tx.append({ type: 'health.visitRecorded', entityId: ids.next(), payload: { personId: ep.personId, episodeId: ep.episodeId, visit: step.visit } });
      return;
    }
    case 'exitExamNotDone': {
      const ep = episode(step.episode);
      tx.append({ type: 'health.exitExamNotDone', entityId: ids.next(), payload: { personId: ep.personId, episodeId: ep.episodeId, notDone: step.notDone } });
      return;
    }
    case 'hospitalAdmit': {
      const c = create(step.ref, step.episode);
      tx.append({ type: 'health.hospitalAdmitted', entityId: c.id, payload: { personId: c.personId, episodeId: c.episodeId, stay: step.stay } });
      return;
    }
    case 'hospitalReturn':
      tx.append({ type: 'health.hospitalReturned', entityId: record(step.ref), payload: { at: step.returnedAt } });
      return;
    case 'injury': {
      const c = create(step.ref, step.episode);
      tx.append({ type: 'health.injuryRecorded', entityId: c.id, payload: { personId: c.personId, episodeId: c.episodeId, injury: step.injury } });
      return;
    }
    case 'injuryReport':
      tx.append({ type: 'health.injuryReported', entityId: record(step.ref), payload: { report: step.report } });
      return;
    case 'exitStep': {
      const ep = episode(step.episode);
      tx.append({ type: 'exit.stepRecorded', entityId: ep.episodeId, payload: { personId: ep.personId, pathway: step.pathway, step: step.step } });
      return;
    }
    case 'death': {
      // exits.recordDeath: the death, and the episode closed as the register records it.
      const ep = episode(step.episode);
      const d = step.death;
      tx.append({ type: 'death.recorded', entityId: ep.episodeId, payload: { personId: ep.personId, death: d } });
      tx.append({ type: 'episode.closed', entityId: ep.episodeId, payload: { exit: { type: 'died', at: d.diedAt, basis: `${d.certificate.doctor}, ${d.certificate.number}` } } });
      return;
    }
    case 'deathNotice':
      tx.append({ type: 'death.notified', entityId: episode(step.episode).episodeId, payload: { notification: step.notification } });
      return;
    case 'body':
      tx.append({ type: 'death.bodyRecorded', entityId: episode(step.episode).episodeId, payload: { body: step.body } });
      return;
  }
}

/** Rough events per step, to cut transactions of about `eventsPerCommit` events. */
const eventsOf = (s: Step) => (s.kind === 'intake' ? 2 + s.documents.length : s.kind === 'death' ? 2 : 1);

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
