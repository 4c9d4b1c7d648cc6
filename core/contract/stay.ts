import { z } from 'zod';
import { isoDate } from '../fields';
import { needs } from '../permissions';
import { method } from './method';

/**
 * The figures of the whole stay (issue #15 §7): what was recorded after admission — outside contacts,
 * requests and complaints, discipline, health, property, the ways out and transfers — counted by kind
 * over a period. A centre sees its own; HQ's console the sum of every facility's, and for each facility
 * how many records of each kind reached it. Counts only: the people behind them are on their records.
 */

export const staySections = ['contacts', 'complaints', 'discipline', 'property', 'health', 'exits', 'transfers'] as const;
export type StaySection = (typeof staySections)[number];

const count = z.number().int().min(0);
/** One figure: a count, or counts by kind (by addressee, by category, by outcome…). */
export const stayFigure = z.union([count, z.record(z.string().max(60), count)]);
export const staySectionFigures = z.record(z.string().max(60), stayFigure);
export type StaySectionFigures = z.infer<typeof staySectionFigures>;

/** The record types a stay is made of, by section: what the per-facility table counts. */
export const stayRecordTypes = {
  contacts: ['contact.recorded', 'contact.corrected', 'contact.refusalReviewed'],
  complaints: ['complaint.lodged', 'complaint.forwarded', 'complaint.answered', 'appeal.filed', 'appeal.hearing', 'appeal.decided'],
  discipline: ['discipline.breachRecorded', 'discipline.heard', 'discipline.decided', 'discipline.noticeGiven', 'discipline.appealed', 'discipline.appealDecided', 'discipline.dropped'],
  property: ['property.itemsRecorded', 'property.acknowledged', 'property.released'],
  health: ['health.visitRecorded', 'health.exitExamNotDone', 'health.hospitalAdmitted', 'health.hospitalReturned', 'health.injuryRecorded', 'health.injuryReported'],
  exits: ['exit.stepRecorded', 'death.recorded', 'death.notified', 'death.bodyRecorded'],
  transfers: ['transfer.dispatched', 'transfer.received', 'transfer.refused', 'transfer.confirmed'],
} as const satisfies Record<StaySection, readonly string[]>;
export type StayRecordType = (typeof stayRecordTypes)[StaySection][number];

const period = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'error.hq.periodOrder', path: ['to'] });

export const stayFiguresOutput = z.object({
  from: isoDate,
  to: isoDate,
  /** each section's figures for the period (and "now" figures, e.g. people in hospital now) */
  sections: z.object(Object.fromEntries(staySections.map((s) => [s, staySectionFigures])) as Record<StaySection, typeof staySectionFigures>),
  /** records of each kind made in the period, by facility (a centre: itself alone) */
  facilities: z.array(z.object({ facilityId: z.string(), name: z.string(), records: z.record(z.string().max(60), count) })),
  asOf: z.string(),
});
export type StayFigures = z.infer<typeof stayFiguresOutput>;

export const stayContract = {
  stay: {
    figures: method({ input: period, output: stayFiguresOutput, access: needs('reports.read'), readsRecords: true }),
  },
};
