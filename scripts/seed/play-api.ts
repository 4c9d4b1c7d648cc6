import { ApiError } from '../../core/contract/errors';
import type { SeedInstallation } from './installation';
import type { Step, Story } from './stories';

const iso = (ms: number) => new Date(ms).toISOString();

/** Every person's steps in the order they happened, across people (so the register book runs in time). */
export function inOrder(stories: readonly Story[]): Step[] {
  const steps = stories.flatMap((s) => s.steps.map((step, i) => ({ step, i })));
  steps.sort((a, b) => a.step.at - b.step.at || a.step.person - b.step.person || a.i - b.i);
  return steps.map((s) => s.step);
}

/** What a seeding run learns about the records it made: real ids for the stories' references. */
export interface SeedRefs {
  persons: Map<number, string>;
  episodes: Map<string, { episodeId: string; personId: string }>;
  referrals: Map<string, string>;
  claims: Map<string, string>;
  /** The stay's records (issue #15): contacts, complaints, appeals, cases, items, hospital stays, injuries. */
  records: Map<string, string>;
}

export function newRefs(): SeedRefs {
  return { persons: new Map(), episodes: new Map(), referrals: new Map(), claims: new Map(), records: new Map() };
}

function need<T>(map: Map<string | number, T>, key: string | number, what: string): T {
  const v = map.get(key);
  if (v === undefined) throw new Error(`seed: no ${what} for ${key}`);
  return v;
}

/**
 * The id of a property item: an admission's own list is projected as `<episode>:<n>` (db/projections/
 * discipline-property.ts), recorded items take the ids their record was given.
 */
export function itemId(refs: SeedRefs, ref: string): string {
  const adm = /^(.*)#adm(\d+)$/.exec(ref);
  if (adm) return `${need(refs.episodes, adm[1]!, 'episode').episodeId}:${adm[2]}`;
  return need(refs.records, ref, 'property item');
}

/**
 * Plays the stories through the backend's handlers, as staff would: every input is validated, every
 * rule applies (no admission without a decision, no removal without a cleared check, nothing in the
 * future), and every change is audited under the user who made it.
 */
export async function playThroughApi(inst: SeedInstallation, stories: readonly Story[], refs: SeedRefs, progress: (done: number, total: number) => void): Promise<number> {
  const steps = inOrder(stories);
  const byIndex = new Map(stories.map((s) => [s.profile.index, s]));
  const store = () => inst.backend.installation.requireStore();
  let done = 0;
  for (const step of steps) {
    const api = inst.clients[step.actor];
    const episode = (ref: string) => need(refs.episodes, ref, 'episode');
    const record = (ref: string) => need(refs.records, ref, 'record');
    try {
      switch (step.kind) {
        case 'intake': {
          const story = byIndex.get(step.person)!;
          const out = await api.intake.submit({
            ...(step.newPerson ? { person: story.profile.details } : { existingPersonId: need(refs.persons, step.person, 'person') }),
            documents: step.documents,
            apprehension: step.apprehension,
            admission: step.admission,
          });
          refs.persons.set(step.person, out.personId);
          refs.episodes.set(step.episode, { episodeId: out.episodeId, personId: out.personId });
          break;
        }
        case 'admit':
          await api.episodes.admit({ episodeId: episode(step.episode).episodeId, ...step.admission });
          break;
        case 'screen': {
          const ep = episode(step.episode);
          await api.vulnerability.screen({ episodeId: ep.episodeId, screening: step.screening });
          if (step.claim) {
            // The screening's own asylum words became a claim; its id is not returned, so look it up.
            const row = store().q.first(store().qb.selectFrom('asylum_claims').select('claim_id').where('person_id', '=', ep.personId).where('expressed_at', '=', step.screening.at));
            if (!row) throw new Error('the screening did not record the asylum request');
            refs.claims.set(step.claim, row.claim_id);
          }
          break;
        }
        case 'refer': {
          const out = await api.vulnerability.refer({ episodeId: episode(step.episode).episodeId, referral: { type: step.type, reason: step.reason } });
          refs.referrals.set(step.referral, out.referralId);
          break;
        }
        case 'progressReferral':
          await api.vulnerability.progressReferral({ referralId: need(refs.referrals, step.referral, 'referral'), progress: step.progress });
          break;
        case 'assessAge':
          await api.vulnerability.assessAge({ personId: need(refs.persons, step.person, 'person'), assessment: step.assessment });
          break;
        case 'appointGuardian':
          await api.vulnerability.appointGuardian({ personId: need(refs.persons, step.person, 'person'), guardian: step.guardian });
          break;
        case 'express': {
          const out = await api.asylum.express({
            personId: need(refs.persons, step.person, 'person'),
            episodeId: step.episode ? episode(step.episode).episodeId : undefined,
            expression: step.expression,
          });
          refs.claims.set(step.claim, out.claimId);
          break;
        }
        case 'forward':
          await api.asylum.forward({ claimId: need(refs.claims, step.claim, 'claim'), forward: step.forward });
          break;
        case 'asylumStatus':
          await api.asylum.updateStatus({ claimId: need(refs.claims, step.claim, 'claim'), change: step.change });
          break;
        case 'requestExtension':
          await api.episodes.requestExtension({ episodeId: episode(step.episode).episodeId, at: iso(step.at), note: step.note });
          break;
        case 'extend':
          await api.episodes.extend({ episodeId: episode(step.episode).episodeId, decision: step.decision });
          break;
        case 'review':
          await api.episodes.review({ episodeId: episode(step.episode).episodeId, at: iso(step.at), conclusion: step.conclusion, notes: step.notes });
          break;
        case 'scheduleExit':
          await api.episodes.scheduleExit({ episodeId: episode(step.episode).episodeId, plannedAt: step.plannedAt, plannedOutcome: step.plannedOutcome });
          break;
        case 'nrCheck':
          await api.episodes.recordNonRefoulementCheck({ episodeId: episode(step.episode).episodeId, check: step.check });
          break;
        case 'close':
          await api.episodes.close({ episodeId: episode(step.episode).episodeId, exit: step.exit });
          break;
        case 'merge':
          await api.persons.merge({ personId: need(refs.persons, step.person, 'person'), intoPersonId: need(refs.persons, step.into, 'person'), reason: step.reason });
          break;
        case 'contact':
          refs.records.set(step.ref, (await api.contacts.record({ episodeId: episode(step.episode).episodeId, contact: step.contact })).contactId);
          break;
        case 'contactReview':
          await api.contacts.reviewRefusal({ contactId: record(step.ref), review: step.review });
          break;
        case 'complaint':
          refs.records.set(step.ref, (await api.complaints.lodge({ episodeId: episode(step.episode).episodeId, complaint: step.complaint })).complaintId);
          break;
        case 'complaintForward':
          await api.complaints.forward({ complaintId: record(step.ref), forward: step.forward });
          break;
        case 'complaintAnswer':
          await api.complaints.answer({ complaintId: record(step.ref), answer: step.answer });
          break;
        case 'complaintEscalate':
          refs.records.set(step.newRef, (await api.complaints.escalate({ complaintId: record(step.ref), escalation: step.escalation })).complaintId);
          break;
        case 'appeal':
          refs.records.set(step.ref, (await api.complaints.fileAppeal({ episodeId: episode(step.episode).episodeId, appeal: step.appeal })).appealId);
          break;
        case 'appealHearing':
          await api.complaints.recordHearing({ appealId: record(step.ref), hearing: step.hearing });
          break;
        case 'appealDecision':
          await api.complaints.decideAppeal({ appealId: record(step.ref), outcome: step.outcome });
          break;
        case 'breach':
          refs.records.set(step.ref, (await api.discipline.recordBreach({ episodeId: episode(step.episode).episodeId, breach: step.breach })).caseId);
          break;
        case 'disciplineHearing':
          await api.discipline.recordHearing({ caseId: record(step.ref), hearing: step.hearing });
          break;
        case 'disciplineDecision':
          await api.discipline.decide({ caseId: record(step.ref), decision: step.decision, officerName: step.officerName });
          break;
        case 'disciplineNotice':
          await api.discipline.recordNotice({ caseId: record(step.ref), notice: step.notice });
          break;
        case 'disciplineAppeal':
          await api.discipline.recordAppeal({ caseId: record(step.ref), appeal: step.appeal });
          break;
        case 'disciplineAppealOutcome':
          await api.discipline.recordAppealOutcome({ caseId: record(step.ref), outcome: step.outcome });
          break;
        case 'disciplineDrop':
          await api.discipline.drop({ caseId: record(step.ref), drop: step.drop });
          break;
        case 'propertyItems': {
          const out = await api.property.recordItems({ episodeId: episode(step.episode).episodeId, record: step.record });
          out.itemIds.forEach((id, i) => refs.records.set(`${step.ref}:${i}`, id));
          break;
        }
        case 'propertyAck':
          await api.property.acknowledge({ episodeId: episode(step.episode).episodeId, acknowledgement: step.acknowledgement });
          break;
        case 'propertyRelease':
          await api.property.release({ episodeId: episode(step.episode).episodeId, itemIds: step.items.map((i) => itemId(refs, i)), release: step.release });
          break;
        case 'medicalVisit':
          await api.health.recordVisit({ episodeId: episode(step.episode).episodeId, visit: step.visit });
          break;
        case 'exitExamNotDone':
          await api.health.recordExitExamNotDone({ episodeId: episode(step.episode).episodeId, notDone: step.notDone });
          break;
        case 'hospitalAdmit':
          refs.records.set(step.ref, (await api.health.admitToHospital({ episodeId: episode(step.episode).episodeId, stay: step.stay })).stayId);
          break;
        case 'hospitalReturn':
          await api.health.returnFromHospital({ stayId: record(step.ref), at: step.returnedAt });
          break;
        case 'injury':
          refs.records.set(step.ref, (await api.health.recordInjury({ episodeId: episode(step.episode).episodeId, injury: step.injury })).injuryId);
          break;
        case 'injuryReport':
          await api.health.recordInjuryReport({ injuryId: record(step.ref), report: step.report });
          break;
        case 'exitStep':
          await api.exits.recordStep({ episodeId: episode(step.episode).episodeId, step: step.step });
          break;
        case 'death':
          await api.exits.recordDeath({ episodeId: episode(step.episode).episodeId, death: step.death });
          break;
        case 'deathNotice':
          await api.exits.recordDeathNotification({ episodeId: episode(step.episode).episodeId, notification: step.notification });
          break;
        case 'body':
          await api.exits.recordBody({ episodeId: episode(step.episode).episodeId, body: step.body });
          break;
      }
    } catch (e) {
      const detail = e instanceof ApiError ? `${e.messageKey} ${JSON.stringify({ fields: e.fields, params: e.params })}` : String(e);
      throw new Error(`seed: ${step.kind} of person #${step.person} at ${iso(step.at)} was refused: ${detail}`);
    }
    if (++done % 500 === 0) progress(done, steps.length);
  }
  progress(done, steps.length);
  return steps.length;
}
