import { z } from 'zod';
import { medicalCheckSchema } from '../episode';
import { isoInstant } from '../fields';
import { exitExamNotDoneSchema, hospitalAdmissionSchema, injuryReportSchema, injurySchema, medicalVisitSchema } from '../health';
import { needs } from '../permissions';
import { id, personAudit, recorded } from './common';
import { method } from './method';

/**
 * Health during the stay (issue #15 §4, docs/health.md). Content (`record`) needs `medical.read` and every
 * read is audited; `status` is what safety needs (in hospital since, examined before leaving or not), for
 * anyone who reads the person. HQ's analysts have neither medical permission: they see counts only.
 */

export const healthRecordView = z.object({
  personId: z.string(),
  episodes: z.array(
    z.object({
      episodeId: z.string(),
      state: z.string(),
      admittedAt: z.string().nullable(),
      /** The admission examination (episodes.recordMedical), shown here in full. */
      admissionExam: medicalCheckSchema.nullable(),
      inHospitalSince: z.string().nullable(),
      exitExamNotDone: z.object({ at: z.string(), reason: z.string(), by: z.string() }).nullable(),
      visits: z.array(z.object({ visitId: z.string(), visit: medicalVisitSchema, recordedBy: z.string() })),
      hospitalStays: z.array(
        z.object({ stayId: z.string(), admittedAt: z.string(), hospital: z.string(), reason: z.string(), escort: z.string(), returnedAt: z.string().nullable(), recordedBy: z.string() }),
      ),
      injuries: z.array(
        z.object({
          injuryId: z.string(),
          injury: injurySchema,
          recordedBy: z.string(),
          /** Whether the admission examination recorded visible injuries at all (for the reader to compare). */
          admissionSawInjuries: z.boolean().nullable(),
          reports: z.array(z.object({ report: injuryReportSchema, onTime: z.boolean() })),
        }),
      ),
    }),
  ),
});
export type HealthRecordView = z.infer<typeof healthRecordView>;

export const exitExamStatus = ['done', 'reason_recorded', 'not_done'] as const;

export const healthStatusView = z.object({
  episodes: z.array(z.object({ episodeId: z.string(), inHospitalSince: z.string().nullable(), exitExam: z.enum(exitExamStatus) })),
});

export const healthContract = {
  health: {
    record: method({
      input: z.object({ personId: id }).strict(),
      output: healthRecordView,
      access: needs('medical.read'),
      audit: { kind: 'read', entityType: 'health_record', entityId: (i) => i.personId },
      readsRecords: true,
    }),
    status: method({ input: z.object({ personId: id }).strict(), output: healthStatusView, access: needs('person.read'), audit: personAudit('read'), readsRecords: true }),
    recordVisit: method({ input: z.object({ episodeId: id, visit: medicalVisitSchema }).strict(), output: z.object({ visitId: z.string() }), access: needs('medical.write') }),
    /** Why the person leaves without the examination before leaving (released by a court on the spot): not medical content. */
    recordExitExamNotDone: method({ input: z.object({ episodeId: id, notDone: exitExamNotDoneSchema }).strict(), output: recorded, access: needs('person.write') }),
    admitToHospital: method({ input: z.object({ episodeId: id, stay: hospitalAdmissionSchema }).strict(), output: z.object({ stayId: z.string() }), access: needs('medical.write') }),
    returnFromHospital: method({ input: z.object({ stayId: id, at: isoInstant }).strict(), output: recorded, access: needs('medical.write') }),
    recordInjury: method({ input: z.object({ episodeId: id, injury: injurySchema }).strict(), output: z.object({ injuryId: z.string() }), access: needs('medical.write') }),
    recordInjuryReport: method({ input: z.object({ injuryId: id, report: injuryReportSchema }).strict(), output: recorded, access: needs('medical.write') }),
  },
};
