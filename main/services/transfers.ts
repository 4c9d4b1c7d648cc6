/**
 * Transfers between centres (issue #15 §6, docs/sync.md#transfers-between-centres). The sending centre
 * dispatches the person with a signed package of their records; the receiving centre finds it in its
 * incoming list (from HQ after a sync, or from a file) and admits the person with a handover check, or
 * refuses the transfer; the sending centre's episode closes when HQ tells it the person was received
 * (main/sync/transfers.ts).
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../core/contract/errors';
import { canTransition, effectiveState, type EpisodeState } from '../../core/episode';
import { decodeHlc } from '../../core/hlc';
import { transferFile, transferPackageBody, type TransferPackageBody } from '../../core/sync-transfers';
import { eventBytes, maxEventBytes } from '../../core/sync';
import { localDate } from '../../core/time';
import { checkRefusal, signedTransferPackage, transferHandover, type SignedTransferPackage, type TransfersFigures } from '../../core/transfers';
import type { ReadStore } from '../../db/store';
import { openTransferPackage, personRecords, signTransferPackage } from '../../db/transfer-package';
import type { Handlers } from '../api/router';
import { acceptPackage, listedFacilities, ownHqFacility, type InboxRefusal } from '../sync/transfers';
import { actor, dateValidationError, notFound, notFuture, rule } from './common';
import { refuseAgainstReleaseOrder } from './release-order';
import { episodeRow } from './episodes';
import { facilityOf } from './intake';
import type { ServiceInstallation } from './installation';

const refusalKey: Record<InboxRefusal, string> = {
  notForUs: 'error.transfer.notForUs',
  alreadyHere: 'error.transfer.alreadyHere',
  badPackage: 'error.transfer.badPackage',
  unknownSender: 'error.transfer.unknownSender',
  revokedSender: 'error.transfer.revokedSender',
  notEnrolled: 'error.transfer.notEnrolled',
};

function inboxRow(store: ReadStore, transferId: string) {
  const row = store.q.first(store.qb.selectFrom('transfer_inbox').selectAll().where('transfer_id', '=', transferId));
  if (!row) {
    if (store.q.first(store.qb.selectFrom('transfers').select('transfer_id').where('transfer_id', '=', transferId).where('status', '!=', 'dispatched'))) throw rule('error.transfer.alreadyHere');
    throw notFound();
  }
  return row;
}

/** The package of an inbox row, checked again against HQ's list as now held (a sender revoked since is refused). */
function openInbox(store: ReadStore, row: { package: string }): { signed: SignedTransferPackage; body: TransferPackageBody } {
  const signed = signedTransferPackage.parse(JSON.parse(row.package));
  const opened = openTransferPackage(signed, listedFacilities(store));
  if ('problem' in opened) throw rule(refusalKey[opened.problem]);
  return { signed, body: opened.body };
}

/** The person is held here already: an open episode of theirs in this store. */
function heldHere(store: ReadStore, personId: string): boolean {
  return store.q.first(store.qb.selectFrom('episodes').select('episode_id').where('person_id', '=', personId).where('state', '!=', 'CLOSED')) !== undefined;
}

const sameItems = (listed: readonly string[], checked: readonly { item: string }[]) => listed.length === checked.length && listed.every((l, i) => checked[i]!.item === l);

export function transfersHandlers(inst: ServiceInstallation, now: () => number): Handlers['transfers'] {
  return {
    facilities: () => {
      const store = inst.requireStore();
      const own = ownHqFacility(store);
      return { facilities: listedFacilities(store).map((f) => ({ facilityId: f.facilityId, name: f.name, kind: f.kind })), ownFacilityId: own };
    },
    dispatch: (input, env) => {
      const store = inst.requireStore();
      const row = episodeRow(store, input.episodeId);
      // issue #15 §2: a person the court ordered released goes free, not to another centre (whether or not HQ is reachable).
      refuseAgainstReleaseOrder(store, row.episode_id, 'error.transfer.releaseOrdered', 'episodeId');
      const own = ownHqFacility(store);
      if (!own) throw rule('error.transfer.notEnrolled');
      if (row.in_transfer) throw rule('error.transfer.alreadyInTransfer');
      const state = effectiveState(row.state as EpisodeState, row.term_end, now());
      if (!canTransition('transfer', state)) throw new ApiError({ code: 'rule', messageKey: 'error.episode.wrongState', params: { state } });
      if (input.toFacilityId === own) throw rule('error.transfer.ownFacility', 'toFacilityId');
      const listed = listedFacilities(store);
      const to = listed.find((f) => f.facilityId === input.toFacilityId);
      if (!to) throw rule('error.transfer.unknownFacility', 'toFacilityId');
      const from = listed.find((f) => f.facilityId === own);
      notFuture(input.at, now(), 'at');
      if (row.admitted_at && Date.parse(input.at) < Date.parse(row.admitted_at)) throw dateValidationError([{ path: 'at', key: 'error.time.beforeEpisodeStart' }]);
      const person = store.q.first(store.qb.selectFrom('persons').select(['name_latin', 'name_original', 'birth_date', 'nationalities']).where('person_id', '=', row.person_id));
      if (!person) throw notFound();
      const transferId = randomUUID();
      const fromRef = { facilityId: own, facilityName: from?.name ?? facilityOf(store).facilityName };
      const records = personRecords(store.q, row.person_id);
      const signed = signTransferPackage(
        {
          format: 'qeyd-transfer',
          version: 1,
          transferId,
          personId: row.person_id,
          episodeId: row.episode_id,
          episodeState: state === 'RELEASE_DUE' ? (row.state as EpisodeState) : state,
          from: { ...fromRef, deviceId: store.device.deviceId },
          to: { facilityId: to.facilityId, facilityName: to.name },
          dispatchedAt: input.at,
          reason: input.reason,
          handover: transferHandover.parse(input.handover),
          person: { nameLatin: person.name_latin, nameOriginal: person.name_original, birthDate: person.birth_date, nationalities: JSON.parse(person.nationalities) as string[] },
          entityIds: records.entityIds,
          events: records.events,
        },
        { deviceId: store.device.deviceId, privateKey: store.devicePrivateKey },
      );
      const payload = {
        personId: row.person_id,
        episodeId: row.episode_id,
        from: fromRef,
        to: { facilityId: to.facilityId, facilityName: to.name },
        at: input.at,
        reason: input.reason,
        handover: input.handover,
        package: signed,
      };
      // The receiving centre's admission carries the same package: both must fit in one event.
      if (eventBytes({ payload: JSON.stringify(payload) }) > maxEventBytes - 16 * 1024) throw rule('error.transfer.tooLarge');
      const e = store.command(actor(env), env.method, (tx) => tx.append({ type: 'transfer.dispatched', entityId: transferId, payload }));
      return { transferId, eventId: e.eventId };
    },
    incoming: () => {
      const store = inst.requireStore();
      const rows = store.q.all(store.qb.selectFrom('transfer_inbox').selectAll().orderBy('arrived_at'));
      return {
        transfers: rows.flatMap((r) => {
          const signed = signedTransferPackage.safeParse(JSON.parse(r.package));
          const body = signed.success ? transferPackageBody.safeParse(JSON.parse(signed.data.body)) : null;
          if (!body?.success) return [];
          const b = body.data;
          return [
            {
              transferId: r.transfer_id,
              personId: r.person_id,
              person: b.person,
              fromFacilityName: b.from.facilityName,
              dispatchedAt: b.dispatchedAt,
              reason: b.reason,
              handover: b.handover,
              source: r.source as 'hq' | 'file',
              arrivedAt: r.arrived_at,
              events: b.events.length,
            },
          ];
        }),
      };
    },
    admit: (input, env) => {
      const store = inst.requireStore();
      const row = inboxRow(store, input.transferId);
      const { signed, body } = openInbox(store, row);
      const refusal = checkRefusal(input.check);
      if (refusal) throw rule(refusal.key, refusal.field);
      if (!sameItems(body.handover.documents, input.check.documents)) throw rule('error.transfer.checkMismatch', 'check.documents');
      if (!sameItems(body.handover.property, input.check.property)) throw rule('error.transfer.checkMismatch', 'check.property');
      // The same person cannot be held twice: refuse the package, or close the other episode first.
      if (heldHere(store, body.personId)) throw rule('error.transfer.alreadyHeld');
      notFuture(input.at, now(), 'at');
      if (Date.parse(input.at) < Date.parse(body.dispatchedAt)) throw dateValidationError([{ path: 'at', key: 'error.transfer.beforeDispatch' }]);
      const own = ownHqFacility(store)!;
      let eventId: string;
      try {
        eventId = store.command(actor(env), env.method, (tx) =>
          tx.append({
            type: 'transfer.received',
            entityId: body.transferId,
            payload: {
              personId: body.personId,
              episodeId: body.episodeId,
              from: { facilityId: body.from.facilityId, facilityName: body.from.facilityName },
              to: { facilityId: own, facilityName: body.to.facilityName },
              episodeFacility: facilityOf(store),
              at: input.at,
              check: input.check,
              package: signed,
            },
          }),
        ).eventId;
      } catch (e) {
        if (e instanceof ApiError) throw e;
        // A carried record this centre cannot take (it holds a conflicting copy): nothing is recorded.
        throw rule('error.transfer.cannotApply');
      }
      return { personId: body.personId, episodeId: body.episodeId, eventId };
    },
    refuse: (input, env) => {
      const store = inst.requireStore();
      const row = inboxRow(store, input.transferId);
      const { body } = openInbox(store, row);
      notFuture(input.at, now(), 'at');
      const own = ownHqFacility(store)!;
      const e = store.command(actor(env), env.method, (tx) =>
        tx.append({
          type: 'transfer.refused',
          entityId: body.transferId,
          payload: {
            personId: body.personId,
            episodeId: body.episodeId,
            from: { facilityId: body.from.facilityId, facilityName: body.from.facilityName },
            to: { facilityId: own, facilityName: body.to.facilityName },
            at: input.at,
            reason: input.reason,
          },
        }),
      );
      return { eventId: e.eventId };
    },
    ofPerson: (input) => {
      const store = inst.requireStore();
      const rows = store.q.all(store.qb.selectFrom('transfers').selectAll().where('person_id', '=', input.personId).orderBy('dispatched_at'));
      const carried = rows
        .filter((r) => r.received_here)
        .flatMap((r) => {
          const ev = store.q.first(store.qb.selectFrom('events').select('payload').where('entity_id', '=', r.transfer_id).where('type', '=', 'transfer.received'));
          if (!ev) return [];
          const p = JSON.parse(ev.payload) as { package: { body: string } };
          const body = transferPackageBody.safeParse(JSON.parse(p.package.body));
          if (!body.success) return [];
          return body.data.events
            .filter((e) => e.type !== 'transfer.received')
            .map((e) => ({ type: e.type, at: new Date(decodeHlc(e.hlc).millis).toISOString(), facilityName: r.from_facility_name, transferId: r.transfer_id }));
        });
      return {
        transfers: rows.map((r) => ({
          transferId: r.transfer_id,
          episodeId: r.episode_id,
          fromFacilityName: r.from_facility_name,
          toFacilityName: r.to_facility_name,
          dispatchedAt: r.dispatched_at,
          reason: r.reason,
          handover: JSON.parse(r.handover) as unknown,
          status: r.status as 'dispatched' | 'received' | 'refused',
          outcomeAt: r.outcome_at,
          outcome: r.outcome ? (JSON.parse(r.outcome) as unknown) : null,
          discrepancies: r.discrepancies === 1,
          receivedHere: r.received_here === 1,
          confirmedAt: r.confirmed_at,
        })),
        carried,
      };
    },
    exportFile: (input) => {
      const store = inst.requireStore();
      const ev = store.q.first(store.qb.selectFrom('events').select('payload').where('entity_id', '=', input.transferId).where('type', '=', 'transfer.dispatched'));
      const row = store.q.first(store.qb.selectFrom('transfers').select('status').where('transfer_id', '=', input.transferId));
      if (!ev || !row) throw notFound();
      if (row.status !== 'dispatched') throw rule('error.transfer.alreadyAnswered');
      const p = JSON.parse(ev.payload) as { package: SignedTransferPackage };
      const file = transferFile.parse({ format: 'qeyd-transfer-file', version: 1, transferId: input.transferId, package: p.package });
      return { fileName: `transfer-${input.transferId}.qeyd-transfer.json`, content: `${JSON.stringify(file, null, 2)}\n` };
    },
    importFile: (input, env) => {
      const store = inst.requireStore();
      let raw: unknown;
      try {
        raw = JSON.parse(input.content);
      } catch {
        throw rule('error.transfer.badFile', 'content');
      }
      const file = transferFile.safeParse(raw);
      if (!file.success || file.data.package.body.includes(`"transferId":"${file.data.transferId}"`) === false) throw rule('error.transfer.badFile', 'content');
      // The inbox is this device's, not an event: the import and its audit line commit together.
      const result = store.command(actor(env), env.method, (tx) => {
        const r = acceptPackage(store, tx, file.data.package, 'file', tx.now);
        tx.audit({
          action: 'transfer.imported',
          method: env.method,
          entityType: 'transfer',
          entityId: file.data.transferId,
          outcome: 'refusal' in r ? 'failed' : 'ok',
          detail: JSON.stringify('refusal' in r ? { refusal: r.refusal } : { source: 'file' }),
        });
        return r;
      });
      if ('refusal' in result) throw rule(refusalKey[result.refusal], 'content');
      return { transferId: result.transferId };
    },
    figures: (input) => transfersFigures(inst.requireStore(), input.from, input.to),
  };
}

/**
 * Transfers between two local dates (inclusive), on a facility's or HQ console's ReadStore: out
 * (dispatched by this centre), in (admitted here), in transit now (dispatched and not answered, and
 * packages waiting here), refused, and admitted with discrepancies noted. At HQ's console, which has no
 * facility of its own, every transfer counts on both sides.
 */
export function transfersFigures(store: ReadStore, from: string, to: string): TransfersFigures {
  const tz = store.settings.timeZone;
  const own = ownHqFacility(store);
  const within = (instant: string | null) => {
    if (!instant) return false;
    const d = localDate(Date.parse(instant), tz);
    return d >= from && d <= to;
  };
  const rows = store.q.all(store.qb.selectFrom('transfers').selectAll());
  const sent = (r: (typeof rows)[number]) => own === null || r.from_facility_id === own;
  const came = (r: (typeof rows)[number]) => own === null || r.to_facility_id === own;
  const out: TransfersFigures = { out: 0, in: 0, inTransitNow: 0, refused: 0, withDiscrepancies: 0 };
  for (const r of rows) {
    if (sent(r) && within(r.dispatched_at) && r.reason !== '') out.out++;
    if (came(r) && r.status === 'received' && within(r.outcome_at)) {
      out.in++;
      if (r.discrepancies) out.withDiscrepancies++;
    }
    if (r.status === 'refused' && within(r.outcome_at) && (sent(r) || came(r))) out.refused++;
    if (r.status === 'dispatched' && sent(r)) out.inTransitNow++;
  }
  out.inTransitNow += store.q.all(store.qb.selectFrom('transfer_inbox').select('transfer_id')).length;
  return out;
}
