/**
 * The HQ -> centre channel of tracing inquiries (issue #14 §3, docs/sync.md#tracing-requests-to-a-centre).
 * At HQ's console: `askCentre` stores a request for the facility holding the person, `centreAnswers` lists
 * an inquiry's requests with the answers the centre sent back. On a centre's device: `list` shows HQ's
 * requests (the due-now board, the person's page), `answer` records the person's answer as an event,
 * which syncs to HQ and is projected by the console as by every device (db/projections/tracing-answers.ts).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import { tracingRequestKind, type CentreRequestRecord, type RequesterCategory } from '../../core/contract/tracing-shared';
import { answerGaps, type ConsentAnswer, type ContactAnswer, type CouldNotAskReason } from '../../core/tracing-answers';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor } from './common';
import type { ServiceInstallation } from './installation';

export type { CentreRequestRecord };

/**
 * What HQ's database offers the console for tracing requests; implemented in hq/console/tracing-source.ts.
 * A centre's backend has none, and the HQ methods refuse there.
 */
export interface TracingCentreSource {
  /** Every enrolled device's facility (an episode belongs to the facility of the device that opened it). */
  deviceFacilities(): Promise<Map<string, string>>;
  ask(request: CentreRequestRecord): Promise<void>;
  ofInquiry(inquiryId: string): Promise<CentreRequestRecord[]>;
}

const kindsColumn = z.array(tracingRequestKind);

/**
 * The device that opened the person's current episode, else their last one, else their record: its
 * facility is where the person is (or was last) held, the one centre that can ask them.
 */
function holdingDevice(store: ReadStore, personId: string): string | null {
  const episode = store.q.first(
    store.qb
      .selectFrom('episodes')
      .select('episode_id')
      .where('person_id', '=', personId)
      .orderBy((eb) => eb.case().when('state', '!=', 'CLOSED').then(0).else(1).end())
      .orderBy((eb) => eb.fn.coalesce('admitted_at', 'apprehended_at'), 'desc')
      .limit(1),
  );
  const entityId = episode?.episode_id ?? personId;
  const first = store.q.first(store.qb.selectFrom('events').select('device_id').where('entity_id', '=', entityId).orderBy('local_seq').limit(1));
  return first?.device_id ?? null;
}

/** The answer recorded for each request, as this store projected it. */
function answersFor(store: ReadStore, requestIds: readonly string[]) {
  if (!requestIds.length)
    return new Map<
      string,
      { person_id: string; consent_to_disclose: string | null; contact: string | null; note: string | null; could_not_ask: string | null; answered_at: string; device_id: string }
    >();
  const rows = store.q.all(
    store.qb
      .selectFrom('tracing_answers')
      .select(['request_id', 'person_id', 'consent_to_disclose', 'contact', 'note', 'could_not_ask', 'answered_at', 'device_id'])
      .where('request_id', 'in', [...requestIds]),
  );
  return new Map(rows.map((r) => [r.request_id, r]));
}

const answerView = (a: { consent_to_disclose: string | null; contact: string | null } | undefined) => ({
  ...(a?.consent_to_disclose ? { consentToDisclose: a.consent_to_disclose as ConsentAnswer } : {}),
  ...(a?.contact ? { contact: a.contact as ContactAnswer } : {}),
});

export function tracingCentreHandlers(inst: ServiceInstallation, now: () => number, source: TracingCentreSource | null): Handlers['tracingCentre'] {
  const requireSource = () => {
    if (!source) throw new ApiError({ code: 'not_found', messageKey: 'error.hq.only' });
    return source;
  };
  return {
    askCentre: async (input, env) => {
      const src = requireSource();
      const store = inst.requireStore();
      const person = store.q.first(store.qb.selectFrom('persons').select(['person_id', 'merged_into']).where('person_id', '=', input.personId));
      if (!person) throw new ApiError({ code: 'not_found', messageKey: 'error.tracingCentre.personUnknown', fields: { personId: { key: 'error.tracingCentre.personUnknown' } } });
      if (person.merged_into) throw new ApiError({ code: 'rule', messageKey: 'error.tracingCentre.personMerged', fields: { personId: { key: 'error.tracingCentre.personMerged' } } });
      const device = holdingDevice(store, input.personId);
      const facilityId = device ? ((await src.deviceFacilities()).get(device) ?? null) : null;
      if (!facilityId) throw new ApiError({ code: 'rule', messageKey: 'error.tracingCentre.noFacility' });
      // One question at a time: a second request for the same person and inquiry while one waits would
      // have the centre ask the person twice.
      const earlier = (await src.ofInquiry(input.inquiryId)).filter((r) => r.personId === input.personId);
      const answered = answersFor(
        store,
        earlier.map((r) => r.requestId),
      );
      if (earlier.some((r) => !answered.has(r.requestId) && r.kinds.some((k) => input.kinds.includes(k)))) {
        throw new ApiError({ code: 'conflict', messageKey: 'error.tracingCentre.alreadyAsked' });
      }
      const request: CentreRequestRecord = {
        requestId: randomUUID(),
        inquiryId: input.inquiryId,
        facilityId,
        personId: input.personId,
        kinds: [...input.kinds],
        requesterCategory: input.requesterCategory,
        askedAt: new Date(now()).toISOString(),
        askedBy: env.session.username,
      };
      await src.ask(request);
      store.audit({
        actor: env.session.userId,
        action: 'tracing.askedCentre',
        method: env.method,
        entityType: 'person',
        entityId: input.personId,
        outcome: 'ok',
        detail: JSON.stringify({ requestId: request.requestId, inquiryId: request.inquiryId, facilityId, kinds: request.kinds, requesterCategory: request.requesterCategory }),
      });
      return { requestId: request.requestId };
    },
    centreAnswers: async (input) => {
      const src = requireSource();
      const store = inst.readStore();
      const requests = await src.ofInquiry(input.inquiryId);
      const facilities = await src.deviceFacilities();
      const answers = answersFor(
        store,
        requests.map((r) => r.requestId),
      );
      return {
        requests: requests.map((r) => {
          const a = answers.get(r.requestId);
          // Only the person asked about, answered at the facility asked, counts: a device cannot answer
          // for another centre's request (its record would be quarantined at push anyway).
          const valid = a !== undefined && a.person_id === r.personId && facilities.get(a.device_id) === r.facilityId;
          return {
            requestId: r.requestId,
            personId: r.personId,
            facilityId: r.facilityId,
            kinds: r.kinds,
            askedAt: r.askedAt,
            askedBy: r.askedBy,
            status: !valid ? ('pending' as const) : a.could_not_ask !== null ? ('could_not_ask' as const) : ('answered' as const),
            answers: valid ? answerView(a) : {},
            ...(valid && a.could_not_ask !== null ? { couldNotAskReason: a.could_not_ask as CouldNotAskReason } : {}),
            ...(valid ? { answeredAt: a.answered_at } : {}),
            ...(valid && a.note !== null ? { note: a.note } : {}),
          };
        }),
      };
    },
    list: (input) => {
      const store = inst.readStore();
      let q = store.qb
        .selectFrom('tracing_requests as r')
        .innerJoin('persons as p', 'p.person_id', 'r.person_id')
        .leftJoin('tracing_answers as a', 'a.request_id', 'r.request_id')
        .select([
          'r.request_id',
          'r.person_id',
          'r.kinds',
          'r.requester_category',
          'r.asked_at',
          'p.name_latin',
          'p.name_original',
          'a.consent_to_disclose',
          'a.contact',
          'a.note',
          'a.could_not_ask',
          'a.answered_at',
        ])
        .orderBy('r.asked_at');
      if (input.personId !== undefined) q = q.where('r.person_id', '=', input.personId);
      if (!input.includeAnswered) q = q.where('a.request_id', 'is', null);
      return {
        requests: store.q.all(q).map((r) => ({
          requestId: r.request_id,
          personId: r.person_id,
          nameLatin: r.name_latin,
          nameOriginal: r.name_original,
          kinds: kindsColumn.parse(JSON.parse(r.kinds)),
          requesterCategory: r.requester_category as RequesterCategory,
          askedAt: r.asked_at,
          status: r.answered_at === null ? ('pending' as const) : r.could_not_ask !== null ? ('could_not_ask' as const) : ('answered' as const),
          answers: answerView(r.answered_at === null ? undefined : { consent_to_disclose: r.consent_to_disclose, contact: r.contact }),
          couldNotAskReason: r.could_not_ask as CouldNotAskReason | null,
          answeredAt: r.answered_at,
          note: r.note,
        })),
      };
    },
    answer: (input, env) => {
      const store = inst.requireStore();
      const request = openRequest(store, input.requestId, input.personId);
      const gaps = answerGaps(kindsColumn.parse(JSON.parse(request.kinds)), input.answers);
      if (gaps.missing.length || gaps.unasked.length) {
        const fields = Object.fromEntries([
          ...gaps.missing.map((f) => [`answers.${f}`, { key: 'error.tracingCentre.answerMissing' }] as const),
          ...gaps.unasked.map((f) => [`answers.${f}`, { key: 'error.tracingCentre.answerNotAsked' }] as const),
        ]);
        throw new ApiError({ code: 'validation', messageKey: gaps.missing.length ? 'error.tracingCentre.answerMissing' : 'error.tracingCentre.answerNotAsked', fields });
      }
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'person.tracingAnswered', entityId: input.personId, payload: { requestId: input.requestId, answers: input.answers, ...(input.note ? { note: input.note } : {}) } }),
      );
      return { eventId: e.eventId };
    },
    notAsked: (input, env) => {
      const store = inst.requireStore();
      openRequest(store, input.requestId, input.personId);
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'person.tracingNotAsked', entityId: input.personId, payload: { requestId: input.requestId, reason: input.reason, note: input.note } }),
      );
      return { eventId: e.eventId };
    },
  };
}

/** The request, held here for this person and not yet answered (nor closed as not asked): a second record is refused. */
function openRequest(store: ReadStore, requestId: string, personId: string) {
  const request = store.q.first(store.qb.selectFrom('tracing_requests').selectAll().where('request_id', '=', requestId));
  if (!request || request.person_id !== personId) throw new ApiError({ code: 'not_found', messageKey: 'error.tracingCentre.requestUnknown' });
  if (store.q.first(store.qb.selectFrom('tracing_answers').select('request_id').where('request_id', '=', requestId))) {
    throw new ApiError({ code: 'conflict', messageKey: 'error.tracingCentre.alreadyAnswered' });
  }
  if (!store.q.first(store.qb.selectFrom('persons').select('person_id').where('person_id', '=', personId))) {
    throw new ApiError({ code: 'not_found', messageKey: 'error.tracingCentre.personUnknown' });
  }
  return request;
}
