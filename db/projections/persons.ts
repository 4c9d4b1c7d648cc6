import type { PersonDetails } from '../../core/person';
import type { Projector } from './types';

function detailColumns(d: PersonDetails) {
  return {
    name_original: d.names.original,
    name_latin: d.names.latin,
    patronymic: d.names.patronymic ?? null,
    aliases: JSON.stringify(d.names.aliases),
    sex: d.sex,
    birth_date: d.birth?.date ?? null,
    birth_estimated: d.birth?.estimated ? 1 : 0,
    birth_basis: d.birth?.basis ?? null,
    nationalities: JSON.stringify(d.nationalities),
    stateless: d.stateless ? 1 : 0,
    languages: JSON.stringify(d.languages),
  };
}

export const personRegistered: Projector<'person.registered'> = ({ event, payload, at, qb, q }) => {
  const next = q.first(qb.selectFrom('persons').select((eb) => eb.fn.max('register_no').as('n')));
  q.run(
    qb.insertInto('persons').values({
      person_id: event.entityId,
      register_no: (next?.n ?? 0) + 1,
      ...detailColumns(payload.details),
      created_at: at,
      updated_at: at,
      created_by: event.actor,
      last_event_id: event.eventId,
    }),
  );
};

/** Column for each correctable field path; anything else in a correction is ignored by the projection. */
const correctable: Record<string, (v: unknown) => Record<string, unknown>> = {
  'names.original': (v) => ({ name_original: String(v) }),
  'names.latin': (v) => ({ name_latin: String(v) }),
  'names.patronymic': (v) => ({ patronymic: v == null ? null : String(v) }),
  'names.aliases': (v) => ({ aliases: JSON.stringify(v ?? []) }),
  sex: (v) => ({ sex: String(v) }),
  'birth.date': (v) => ({ birth_date: v == null ? null : String(v) }),
  'birth.estimated': (v) => ({ birth_estimated: v ? 1 : 0 }),
  'birth.basis': (v) => ({ birth_basis: v == null ? null : String(v) }),
  nationalities: (v) => ({ nationalities: JSON.stringify(v ?? []) }),
  stateless: (v) => ({ stateless: v ? 1 : 0 }),
  languages: (v) => ({ languages: JSON.stringify(v ?? []) }),
};
export const correctablePersonFields = Object.keys(correctable);

export const personCorrected: Projector<'person.corrected'> = ({ event, payload, at, qb, q }) => {
  let set: Record<string, unknown> = { updated_at: at, last_event_id: event.eventId };
  for (const [field, value] of Object.entries(payload.changes)) {
    const column = correctable[field];
    if (column) set = { ...set, ...column(value) };
  }
  q.run(qb.updateTable('persons').set(set).where('person_id', '=', event.entityId));
};
