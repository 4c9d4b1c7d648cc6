import { z } from 'zod';
import { nationalCard } from './sync-national';
import { apprehensionSchema, decisionSchema, handoverSchema, identityDocumentSchema, medicalCheckSchema, propertyItemSchema, regime } from './episode';
import { isoInstant } from './fields';
import { localDate } from './time';
import { personDetailsInput } from './person';

/**
 * Everything a registrar records when a person is brought to the centre. Either a new person's details
 * or the id of an existing person (after the duplicate check) — never both.
 */
export const admissionSchema = z
  .object({
    regime,
    /** Optional in the shape only so its absence gets the domain's own message, not "required". */
    decision: decisionSchema.optional(),
    admittedAt: isoInstant,
    handover: handoverSchema,
    medical: medicalCheckSchema.optional(),
    property: z.array(propertyItemSchema).max(200).default([]),
  })
  .strict();

export const intakeSchema = z
  .object({
    existingPersonId: z.string().min(1).max(100).optional(),
    person: personDetailsInput.optional(),
    documents: z.array(identityDocumentSchema).max(10).default([]),
    apprehension: apprehensionSchema,
    /** Absent: the person is held awaiting a decision (DECISION_PENDING), not admitted. */
    admission: admissionSchema.optional(),
    draftId: z.string().max(100).optional(),
    /**
     * HQ's answer to the national check the registrar saw at the desk (issue #14 §2). Absent: not checked
     * nationally (offline, not enrolled), and the next sync asks HQ.
     */
    national: z
      .object({ checkedAt: z.string().max(40), candidates: z.array(nationalCard).max(20) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.existingPersonId && !v.person) ctx.addIssue({ code: 'custom', message: 'error.intake.personRequired', path: ['person'] });
    if (v.existingPersonId && v.person) ctx.addIssue({ code: 'custom', message: 'error.intake.personTwice', path: ['person'] });
    if (v.admission && !v.admission.decision) {
      ctx.addIssue({ code: 'custom', message: 'error.episode.noAdmissionWithoutDecision', path: ['admission', 'decision'] });
    }
  });
export type IntakeInput = z.output<typeof intakeSchema>;

export interface DateIssue {
  path: string;
  key: string;
}

/** Clock skew tolerated between a device and reality when refusing "in the future". */
export const SKEW_MS = 5 * 60_000;

/**
 * The impossible-date rules of an intake (and of later corrections), relative to `now`: a birth in the
 * future, an admission before the apprehension, a term that ends before it starts. Dates without a
 * time (birth, decision) are the facility's calendar days: after 20:00 UTC it is already tomorrow in Baku.
 */
export function intakeDateIssues(v: IntakeInput, now: number, timeZone: string): DateIssue[] {
  const issues: DateIssue[] = [];
  const today = localDate(now, timeZone);
  if (v.person?.birth && v.person.birth.date > today) issues.push({ path: 'person.birth.date', key: 'error.person.birthInFuture' });
  const apprehended = Date.parse(v.apprehension.at);
  if (apprehended > now + SKEW_MS) issues.push({ path: 'apprehension.at', key: 'error.time.inFuture' });
  if (v.admission) {
    const admitted = Date.parse(v.admission.admittedAt);
    if (admitted < apprehended) issues.push({ path: 'admission.admittedAt', key: 'error.episode.admissionBeforeApprehension' });
    if (admitted > now + SKEW_MS) issues.push({ path: 'admission.admittedAt', key: 'error.time.inFuture' });
    const d = v.admission.decision;
    if (d) {
      if (Date.parse(d.termEnd) <= admitted) issues.push({ path: 'admission.decision.termEnd', key: 'error.episode.termEndBeforeAdmission' });
      if (d.date > today) issues.push({ path: 'admission.decision.date', key: 'error.time.inFuture' });
    }
    const m = v.admission.medical;
    if (m && Date.parse(m.at) < apprehended) issues.push({ path: 'admission.medical.at', key: 'error.medical.beforeApprehension' });
  }
  return issues;
}
