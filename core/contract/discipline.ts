import { z } from 'zod';
import { appealOutcomeSchema, appealSchema, breachSchema, decisionSchema, dropSchema, hearingSchema, measureTypes, noticeSchema } from '../discipline';
import { isoDate, text } from '../fields';
import { needs } from '../permissions';
import { method } from './method';

/** Discipline in the centre (issue #15 §3, docs/discipline-property.md): a breach, its hearing, the one measure, its notice and appeal. */

const id = z.string().min(1).max(100);
const recorded = z.object({ eventId: z.string() });

export const disciplineCaseView = z.object({
  caseId: z.string(),
  episodeId: z.string(),
  breach: breachSchema,
  hearing: hearingSchema.nullable(),
  decision: z
    .object({
      measureType: z.enum(measureTypes),
      decisionNo: z.string(),
      decidedAt: z.string(),
      inquiryCompletedAt: z.string().nullable(),
      startsOn: isoDate,
      /** The last day now in force (a changed appeal outcome may have shortened it). */
      endsOn: isoDate,
      reasons: z.string(),
      officerName: z.string(),
    })
    .nullable(),
  notice: noticeSchema.nullable(),
  appeal: z.object({ filedAt: z.string(), to: z.string(), outcome: appealOutcomeSchema.nullable() }).nullable(),
  dropped: dropSchema.nullable(),
  status: z.enum(['pending', 'no_measure', 'decided', 'in_force', 'ended', 'annulled']),
  /** While no decision is made: the last moment one may be (MC Art. 90.5). */
  decisionDueAt: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type DisciplineCaseView = z.infer<typeof disciplineCaseView>;

export const disciplineContract = {
  discipline: {
    /** Every breach and measure of the person, newest first. */
    list: method({
      input: z.object({ personId: id }).strict(),
      output: z.object({ cases: z.array(disciplineCaseView) }),
      access: needs('person.read'),
      audit: { kind: 'read', entityType: 'person', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    recordBreach: method({ input: z.object({ episodeId: id, breach: breachSchema }).strict(), output: z.object({ caseId: z.string() }), access: needs('person.write') }),
    recordHearing: method({ input: z.object({ caseId: id, hearing: hearingSchema }).strict(), output: recorded, access: needs('person.write') }),
    /** Only the centre head decides a measure (MC Art. 90.3): `person.override`. */
    decide: method({ input: z.object({ caseId: id, decision: decisionSchema, officerName: text(200) }).strict(), output: recorded, access: needs('person.override') }),
    recordNotice: method({ input: z.object({ caseId: id, notice: noticeSchema }).strict(), output: recorded, access: needs('person.write') }),
    recordAppeal: method({ input: z.object({ caseId: id, appeal: appealSchema }).strict(), output: recorded, access: needs('person.write') }),
    recordAppealOutcome: method({ input: z.object({ caseId: id, outcome: appealOutcomeSchema }).strict(), output: recorded, access: needs('person.write') }),
    /** Closing a breach without a measure is the centre head's call too. */
    drop: method({ input: z.object({ caseId: id, drop: dropSchema }).strict(), output: recorded, access: needs('person.override') }),
  },
};
