import type { Kysely } from 'kysely';
import { letterStatusOf } from '../../core/rights-letters';
import type { Database } from '../schema';
import type { SyncQuery } from '../sync-query';
import type { Projector, Touched } from './types';
import { consularVisitContact } from './contacts';

/** Projections of the safeguards: rights, interpreters, consular notices, legal aid. */

const json = (v: unknown) => JSON.stringify(v ?? null);

function noticePerson(q: SyncQuery, qb: Kysely<Database>, id: string): Touched {
  return { personId: q.first(qb.selectFrom('consular_notices').select('person_id').where('notice_id', '=', id))?.person_id ?? null, refresh: true };
}

function requestPerson(q: SyncQuery, qb: Kysely<Database>, id: string): Touched {
  return { personId: q.first(qb.selectFrom('legal_aid_requests').select('person_id').where('request_id', '=', id))?.person_id ?? null, refresh: true };
}

export const rightsNotified: Projector<'rights.notified'> = ({ event, payload, qb, q }) => {
  const n = payload.notification;
  q.run(
    qb.insertInto('rights_notifications').values({
      notification_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      at: n.at,
      mode: n.mode,
      language: n.language,
      template_id: n.templateId ?? null,
      template_version: n.templateVersion ?? null,
      interpreter_use_id: n.interpreterUseId ?? null,
      items: json(n.items),
      acknowledgement: json(n.acknowledgement),
      copy_handed: n.copyHanded ? 1 : 0,
      recorded_by: event.actor,
      verify_code: payload.verifyCode,
      // An event from before the status was recorded takes its letter's status (as migration 0012 did).
      letter_status: n.mode === 'written' ? (payload.letterStatus ?? letterStatusOf(n.language, n.templateVersion)) : null,
      interpreter_checked_letter: n.interpreterCheckedLetter ? 1 : 0,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

/**
 * The latest delay by recording order (its HLC), so every replica keeps the same one whatever order
 * the events arrived in (issue #11 §2).
 */
export const rightsDelayed: Projector<'rights.delayed'> = ({ event, payload, qb, q }) => {
  const row = q.first(qb.selectFrom('episodes').select('rights_delay').where('episode_id', '=', payload.episodeId));
  const held = row?.rights_delay ? (JSON.parse(row.rights_delay) as { recorded: string }) : null;
  if (!held || held.recorded < event.hlc) {
    q.run(
      qb
        .updateTable('episodes')
        .set({ rights_delay: json({ ...payload.delay, recorded: event.hlc }) })
        .where('episode_id', '=', payload.episodeId),
    );
  }
  return { personId: payload.personId, refresh: true };
};

export const interpreterUsed: Projector<'interpreter.used'> = ({ event, payload, qb, q }) => {
  const u = payload.use;
  q.run(
    qb.insertInto('interpreter_uses').values({
      use_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId ?? null,
      at: u.at,
      language: u.language,
      interpreter_name: u.interpreterName,
      kind: u.kind,
      purpose: u.purpose,
      gender_preference_met: u.genderPreferenceMet === null ? null : u.genderPreferenceMet ? 1 : 0,
      affiliation_checked: u.affiliationChecked ? 1 : 0,
      affiliated: u.affiliatedWithOriginState ? 1 : 0,
    }),
  );
  return { personId: payload.personId, refresh: false };
};

export const consularOpened: Projector<'consular.opened'> = ({ event, payload, at, qb, q }) => {
  q.run(
    qb.insertInto('consular_notices').values({
      notice_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      states: json(payload.open.states),
      informed_at: payload.open.informedAt,
      wish: payload.open.wish,
      created_at: at,
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const consularConsentRecorded: Projector<'consular.consentRecorded'> = ({ event, payload, qb, q }) => {
  q.run(
    qb
      .updateTable('consular_notices')
      .set({ consent: json(payload.consent) })
      .where('notice_id', '=', event.entityId),
  );
  return noticePerson(q, qb, event.entityId);
};

export const consularSent: Projector<'consular.sent'> = ({ event, payload, qb, q }) => {
  q.run(
    qb
      .updateTable('consular_notices')
      .set({ sent: json(payload.sent), sent_at: payload.sent.at })
      .where('notice_id', '=', event.entityId),
  );
  return noticePerson(q, qb, event.entityId);
};

export const consularAcknowledged: Projector<'consular.acknowledged'> = ({ event, payload, qb, q }) => {
  q.run(qb.updateTable('consular_notices').set({ acknowledged_at: payload.at }).where('notice_id', '=', event.entityId));
  return noticePerson(q, qb, event.entityId);
};

/** Recorded before issue #15; a consul's visit is now a contact.recorded (consul) and lands in the log too. */
export const consularVisited: Projector<'consular.visited'> = ({ event, payload, qb, q, at }) => {
  consularVisitContact(q, qb, event.entityId, payload.at, payload.note, event.eventId, event.actor, at);
  return noticePerson(q, qb, event.entityId);
};

export const consularWithdrawn: Projector<'consular.withdrawn'> = ({ event, payload, qb, q }) => {
  q.run(qb.updateTable('consular_notices').set({ withdrawn_at: payload.at, withdraw_reason: payload.reason }).where('notice_id', '=', event.entityId));
  return noticePerson(q, qb, event.entityId);
};

export const consularDisclosureReviewed: Projector<'consular.disclosureReviewed'> = ({ event, payload, qb, q }) => {
  q.run(
    qb
      .updateTable('consular_notices')
      .set({ disclosure_review: json(payload.review) })
      .where('notice_id', '=', event.entityId),
  );
  return noticePerson(q, qb, event.entityId);
};

export const legalAidRequested: Projector<'legalAid.requested'> = ({ event, payload, qb, q }) => {
  const r = payload.request;
  q.run(
    qb.insertInto('legal_aid_requests').values({
      request_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      requested_at: r.requestedAt,
      requested_by: r.requestedBy,
      funding: r.funding,
      note: r.note ?? null,
      contacts: '[]',
      issues: '[]',
    }),
  );
  return { personId: payload.personId, refresh: true };
};

export const legalAidDefenderAssigned: Projector<'legalAid.defenderAssigned'> = ({ event, payload, qb, q }) => {
  q.run(
    qb
      .updateTable('legal_aid_requests')
      .set({ defender: json(payload.defender), defender_assigned_at: payload.defender.at })
      .where('request_id', '=', event.entityId),
  );
  return requestPerson(q, qb, event.entityId);
};

export const legalAidContacted: Projector<'legalAid.contacted'> = ({ event, payload, qb, q }) => {
  const row = q.first(qb.selectFrom('legal_aid_requests').select(['contacts', 'first_contact_at']).where('request_id', '=', event.entityId));
  if (row) {
    const contacts = [...(JSON.parse(row.contacts) as { at: string }[]), payload.contact].sort((a, b) => a.at.localeCompare(b.at));
    q.run(
      qb
        .updateTable('legal_aid_requests')
        .set({ contacts: json(contacts), first_contact_at: contacts[0]!.at })
        .where('request_id', '=', event.entityId),
    );
  }
  return requestPerson(q, qb, event.entityId);
};

export const legalAidIssue: Projector<'legalAid.issue'> = ({ event, payload, qb, q }) => {
  const row = q.first(qb.selectFrom('legal_aid_requests').select('issues').where('request_id', '=', event.entityId));
  if (row)
    q.run(
      qb
        .updateTable('legal_aid_requests')
        .set({ issues: json([...(JSON.parse(row.issues) as unknown[]), payload.issue]) })
        .where('request_id', '=', event.entityId),
    );
  return requestPerson(q, qb, event.entityId);
};

export const legalAidWaived: Projector<'legalAid.waived'> = ({ event, payload, qb, q }) => {
  q.run(
    qb.insertInto('legal_aid_waivers').values({
      waiver_id: event.entityId,
      person_id: payload.personId,
      episode_id: payload.episodeId,
      at: payload.at,
      witness: payload.witness,
      statement: payload.statement ?? null,
    }),
  );
  return { personId: payload.personId, refresh: true };
};
