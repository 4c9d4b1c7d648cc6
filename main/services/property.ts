import { randomUUID } from 'node:crypto';
import { ApiError } from '../../core/contract/errors';
import type { PropertyItemView } from '../../core/contract/property';
import { heldCount, receiptLanguagesFor, receiptNeedsInterpreter, retainReasons, type ItemState, type PropertyAcknowledgement, type Release } from '../../core/property';
import { localDate } from '../../core/time';
import type { PropertyItemsTable } from '../../db/schema';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { actor, dateValidationError, notFound, notFuture, rule } from './common';
import { episodeRow } from './episodes';
import type { ServiceInstallation } from './installation';
import { actorNames, personRow } from './person-view';

/** The person's property (issue #15 §5, docs/discipline-property.md): inventory, acknowledgement, receipt, return. */

const parse = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

function itemView(r: PropertyItemsTable, acknowledged: ReadonlySet<string>): PropertyItemView {
  return {
    itemId: r.item_id,
    episodeId: r.episode_id,
    source: r.source as PropertyItemView['source'],
    kind: r.kind as PropertyItemView['kind'],
    description: r.description,
    quantity: r.quantity,
    amount: r.amount,
    currency: r.currency,
    condition: r.condition,
    storage: r.storage,
    notes: r.notes,
    takenAt: r.taken_at,
    state: r.state as ItemState,
    release: r.disposition ? stripBy(JSON.parse(r.disposition) as Release & { by?: string }) : null,
    acknowledged: acknowledged.has(r.item_id),
  };
}

function stripBy(r: Release & { by?: string }): Release {
  const { by: _by, ...rest } = r;
  return rest;
}

/** Whether this centre admitted the episode's person from another centre (issue #15 §6). */
function receivedByTransfer(store: ReadStore, episodeId: string): boolean {
  return store.q.first(store.qb.selectFrom('transfers').select('transfer_id').where('episode_id', '=', episodeId).where('status', '=', 'received').where('received_here', '=', 1)) !== undefined;
}

/** Items an exit would leave behind. */
export function heldItems(store: ReadStore, episodeId: string): number {
  return heldCount(store.q.all(store.qb.selectFrom('property_items').select('state').where('episode_id', '=', episodeId)));
}

/**
 * The exit guard (issue #15 §5): an episode is not closed while the centre still holds any of the person's
 * property without a recorded return, hand-over or reason to keep it; the error names how many items.
 */
export function refuseExitWithPropertyHeld(store: ReadStore, episodeId: string): void {
  const count = heldItems(store, episodeId);
  if (count > 0) throw new ApiError({ code: 'rule', messageKey: 'error.property.heldAtExit', params: { count }, fields: { 'exit.type': { key: 'error.property.heldAtExit', params: { count } } } });
}

export function propertyHandlers(inst: ServiceInstallation, now: () => number): Handlers['property'] {
  return {
    list: (input) => {
      const store = inst.requireStore();
      personRow(store, input.personId);
      const episodes = store.q.all(store.qb.selectFrom('episodes').select(['episode_id', 'state', 'apprehended_at']).where('person_id', '=', input.personId).orderBy('apprehended_at', 'desc'));
      const items = store.q.all(store.qb.selectFrom('property_items').selectAll().where('person_id', '=', input.personId).orderBy('taken_at').orderBy('created_at').orderBy('item_id'));
      const acks = store.q.all(store.qb.selectFrom('property_acknowledgements').selectAll().where('person_id', '=', input.personId).orderBy('at'));
      const acknowledged = new Set(acks.flatMap((a) => JSON.parse(a.item_ids) as string[]));
      return {
        episodes: episodes.map((e) => {
          const own = items.filter((i) => i.episode_id === e.episode_id);
          return {
            episodeId: e.episode_id,
            open: e.state !== 'CLOSED',
            held: heldCount(own),
            items: own.map((i) => itemView(i, acknowledged)),
            acknowledgements: acks
              .filter((a) => a.episode_id === e.episode_id)
              .map((a) => ({ ackId: a.ack_id, episodeId: a.episode_id, acknowledgement: JSON.parse(a.acknowledgement) as PropertyAcknowledgement, itemIds: JSON.parse(a.item_ids) as string[] })),
          };
        }),
      };
    },
    recordItems: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      if (ep.state === 'CLOSED') throw rule('error.property.episodeClosed');
      const r = input.record;
      if (Date.parse(r.takenAt) < Date.parse(ep.apprehended_at)) throw dateValidationError([{ path: 'record.takenAt', key: 'error.time.beforeApprehension' }]);
      notFuture(r.takenAt, now(), 'record.takenAt');
      const itemIds = r.items.map(() => randomUUID());
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'property.itemsRecorded', entityId: ep.episode_id, payload: { personId: ep.person_id, record: r, itemIds } }));
      return { itemIds };
    },
    acknowledge: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      const a = input.acknowledgement;
      const held = store.q.all(store.qb.selectFrom('property_items').select(['item_id', 'taken_at']).where('episode_id', '=', ep.episode_id).where('state', '=', 'held').orderBy('taken_at'));
      if (held.length === 0) throw rule('error.property.nothingHeld');
      if (Date.parse(a.at) < Date.parse(held[0]!.taken_at)) throw dateValidationError([{ path: 'acknowledgement.at', key: 'error.property.beforeTaken' }]);
      notFuture(a.at, now(), 'acknowledgement.at');
      // A receipt the person cannot read is acknowledged only after someone read it to them in their language.
      if (receiptNeedsInterpreter(a.language) && a.interpreterName === undefined) throw rule('error.property.receiptNeedsInterpreter', 'acknowledgement.interpreterName');
      const ackId = randomUUID();
      store.command(actor(env), env.method, (tx) =>
        tx.append({ type: 'property.acknowledged', entityId: ep.episode_id, payload: { personId: ep.person_id, ackId, acknowledgement: a, itemIds: held.map((h) => h.item_id) } }),
      );
      return { ackId };
    },
    release: (input, env) => {
      const store = inst.requireStore();
      const ep = episodeRow(store, input.episodeId);
      const ids = [...new Set(input.itemIds)];
      const rows = store.q.all(store.qb.selectFrom('property_items').select(['item_id', 'state', 'taken_at']).where('episode_id', '=', ep.episode_id).where('item_id', 'in', ids));
      if (rows.length !== ids.length) throw notFound();
      // Only what the centre still holds can be given back; an item left behind at an earlier exit may still be accounted for.
      if (rows.some((r) => r.state !== 'held' && r.state !== 'unrecorded')) throw rule('error.property.notHeld', 'itemIds');
      const r = input.release;
      if (rows.some((x) => Date.parse(r.at) < Date.parse(x.taken_at))) throw dateValidationError([{ path: 'release.at', key: 'error.property.beforeTaken' }]);
      notFuture(r.at, now(), 'release.at');
      // "Did not arrive" belongs to a centre that received the person by transfer, whose handover check found the item missing.
      if (r.kind === 'retained' && r.retainReason === 'not_received' && !receivedByTransfer(store, ep.episode_id)) throw rule('error.property.notReceivedWithoutTransfer', 'release.retainReason');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'property.released', entityId: ep.episode_id, payload: { personId: ep.person_id, itemIds: ids, release: r } }));
      return { eventId: e.eventId };
    },
    receipt: (input) => {
      const store = inst.requireStore();
      const ack = store.q.first(store.qb.selectFrom('property_acknowledgements').selectAll().where('ack_id', '=', input.ackId));
      if (!ack) throw notFound();
      const person = personRow(store, ack.person_id);
      const ep = episodeRow(store, ack.episode_id);
      const ids = JSON.parse(ack.item_ids) as string[];
      const items = ids.length === 0 ? [] : store.q.all(store.qb.selectFrom('property_items').selectAll().where('item_id', 'in', ids).orderBy('taken_at').orderBy('created_at').orderBy('item_id'));
      const a = JSON.parse(ack.acknowledgement) as PropertyAcknowledgement;
      const languages = receiptLanguagesFor(a.language);
      const event = store.eventsFor(ack.episode_id).find((e) => e.eventId === ack.last_event_id);
      return {
        ackId: ack.ack_id,
        personId: person.person_id,
        nameOriginal: person.name_original,
        nameLatin: person.name_latin,
        facilityName: ep.facility_name,
        acknowledgement: a,
        languages: [...languages],
        fallback: languages.length > 1,
        items: items.map((i) => itemView(i, new Set(ids))),
        officerName: event ? actorNames(store)(event.actor) : null,
      };
    },
  };
}

/**
 * Property in a period (ISO local dates, both included) for the facility's figures and HQ's console: the people
 * and items held now in open episodes, items taken in the period, and the exits in the period that left
 * property not returned to the person, with the items by what became of them.
 */
export function propertyFigures(store: ReadStore, from: string, to: string) {
  const zone = store.settings.timeZone;
  const inPeriod = (at: string | null) => at !== null && localDate(Date.parse(at), zone) >= from && localDate(Date.parse(at), zone) <= to;
  const episodes = store.q.all(store.qb.selectFrom('episodes').select(['episode_id', 'state', 'exit_at']));
  const open = new Set(episodes.filter((e) => e.state !== 'CLOSED').map((e) => e.episode_id));
  const exited = new Set(episodes.filter((e) => e.state === 'CLOSED' && inPeriod(e.exit_at)).map((e) => e.episode_id));
  const items = store.q.all(store.qb.selectFrom('property_items').select(['episode_id', 'person_id', 'state', 'taken_at', 'disposition']));
  const heldNow = items.filter((i) => i.state === 'held' && open.has(i.episode_id));
  const notReturned = { handed_over: 0, unrecorded: 0, ...Object.fromEntries(retainReasons.map((r) => [r, 0])) } as Record<'handed_over' | 'unrecorded' | (typeof retainReasons)[number], number>;
  const exitsNotReturned = new Set<string>();
  for (const i of items) {
    if (!exited.has(i.episode_id) || i.state === 'returned') continue;
    exitsNotReturned.add(i.episode_id);
    if (i.state === 'retained') notReturned[parse<Release>(i.disposition)?.retainReason ?? 'other']++;
    else if (i.state === 'handed_over') notReturned.handed_over++;
    else notReturned.unrecorded++;
  }
  return {
    peopleHeldNow: new Set(heldNow.map((i) => i.person_id)).size,
    itemsHeldNow: heldNow.length,
    itemsTaken: items.filter((i) => inPeriod(i.taken_at)).length,
    exits: exited.size,
    exitsWithPropertyNotReturned: exitsNotReturned.size,
    itemsNotReturnedByReason: notReturned,
  };
}
