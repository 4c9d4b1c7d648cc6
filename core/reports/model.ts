import { z } from 'zod';
import { isoDate, locale } from '../fields';
import { nationalityCode } from '../countries';
import { sex } from '../person';
import { regime } from '../episode';

/**
 * HQ's national reports (docs/domain.md §6, issue #16 §1): what a report is made of, shared by the
 * console's handlers, its screen and the exports. A report is a list of tables; a table is rows ×
 * columns of numbers, each row and column labelled by something the reader's language names.
 */

export const reportIds = ['occupancy', 'admissions', 'stay', 'screening', 'asylum', 'removals', 'safeguards', 'incidents', 'ombudsman', 'tracing'] as const;
export const reportId = z.enum(reportIds);
export type ReportId = z.infer<typeof reportId>;

/** Age at apprehension, in the bands the figures for a UN mandate-holder use (children apart). */
export const ageBands = ['under_14', '14_17', '18_34', '35_59', '60_plus', 'unknown'] as const;
export const ageBand = z.enum(ageBands);
export type AgeBand = z.infer<typeof ageBand>;

export function ageBandAt(birthDate: string | null, at: string): AgeBand {
  if (!birthDate) return 'unknown';
  const b = birthDate.slice(0, 10);
  const day = at.slice(0, 10);
  let age = Number(day.slice(0, 4)) - Number(b.slice(0, 4));
  if (day.slice(5) < b.slice(5)) age -= 1;
  if (!Number.isFinite(age) || age < 0) return 'unknown';
  return age < 14 ? 'under_14' : age < 18 ? '14_17' : age < 35 ? '18_34' : age < 60 ? '35_59' : '60_plus';
}

/** The filter bar: a period of local days and, optionally, one facility, nationality, sex, age band, regime. */
export const reportFilter = z
  .object({
    from: isoDate,
    to: isoDate,
    facilityId: z.string().min(1).max(100).nullable().default(null),
    /** ISO alpha-3, or STATELESS */
    nationality: z
      .union([z.literal('STATELESS'), nationalityCode])
      .nullable()
      .default(null),
    sex: sex.nullable().default(null),
    ageBand: ageBand.nullable().default(null),
    regime: regime.nullable().default(null),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'error.hq.periodOrder', path: ['to'] });
export type ReportFilter = z.output<typeof reportFilter>;

/** What names a row or a column: a message id, a country, a facility, a period bucket, a language, or a bare value. */
export const reportLabel = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), id: z.string() }),
  z.object({ kind: z.literal('country'), code: z.string() }),
  z.object({ kind: z.literal('facility'), name: z.string() }),
  /** a month (YYYY-MM) or a day (YYYY-MM-DD) */
  z.object({ kind: z.literal('period'), value: z.string() }),
  z.object({ kind: z.literal('language'), code: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
export type ReportLabel = z.infer<typeof reportLabel>;

export const chartKinds = ['bar', 'stacked', 'line', 'histogram', 'none'] as const;

/**
 * One table. Charts draw its rows along the category axis (periods, facilities, countries) and its
 * columns as series. `measure: 'count'` cells count people (episodes) or records and may be summed, suppressed
 * and opened; `'hours'`/`'days'`/`'percent'` cells are measures, shown but never summed, and published
 * only where the count behind them (`basis`) is not small.
 */
export const reportTable = z.object({
  id: z.string(),
  titleKey: z.string(),
  /** a sentence for screen readers and the annex: what the table counts, and by what */
  descriptionKey: z.string(),
  rowHeaderKey: z.string(),
  chart: z.enum(chartKinds),
  measure: z.enum(['count', 'hours', 'days', 'percent']),
  /** whether the cells' people can be opened (counts of episodes only) */
  opensPeople: z.boolean(),
  /** whether rows and columns add up to meaningful totals (a person counted in two columns makes them not) */
  totals: z.boolean(),
  rows: z.array(z.object({ key: z.string(), label: reportLabel })),
  columns: z.array(z.object({ key: z.string(), label: reportLabel })),
  /** rows × columns; null where there is nothing to measure (a median of no one) */
  cells: z.array(z.array(z.number().nullable())),
  /** for measures: how many counted behind each cell; suppression hides a measure resting on a small count */
  basis: z.array(z.array(z.number().int())).nullable(),
});
export type ReportTable = z.infer<typeof reportTable>;

export const reportResult = z.object({
  reportId,
  filter: z.object({
    from: isoDate,
    to: isoDate,
    facilityId: z.string().nullable(),
    nationality: z.string().nullable(),
    sex: z.string().nullable(),
    ageBand: z.string().nullable(),
    regime: z.string().nullable(),
  }),
  tables: z.array(reportTable),
  /** the console's exact figures, for HQ's analysts only: never published as they are */
  internal: z.literal(true),
  asOf: z.string(),
});
export type ReportResult = z.infer<typeof reportResult>;

export const exportFormat = z.enum(['csv', 'xlsx']);
export const exportLanguage = locale;
