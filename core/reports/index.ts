import type { ReportId } from './model';
import type { ComputedTable, ReportContext } from './table';
import { occupancyReport } from './occupancy';
import { admissionsReport } from './admissions';
import { stayReport } from './stay';
import { screeningReport } from './screening';
import { asylumReport } from './asylum';
import { removalsReport } from './removals';
import { safeguardsReport } from './safeguards';
import { incidentsReport } from './incidents';
import { ombudsmanReport } from './ombudsman';
import { tracingReport } from './tracing';

/** Each national report (docs/domain.md §6, issue #16 §1): a missing one is a compile error. */
export const reports: { [K in ReportId]: (ctx: ReportContext) => ComputedTable[] } = {
  occupancy: occupancyReport,
  admissions: admissionsReport,
  stay: stayReport,
  screening: screeningReport,
  asylum: asylumReport,
  removals: removalsReport,
  safeguards: safeguardsReport,
  incidents: incidentsReport,
  ombudsman: ombudsmanReport,
  tracing: tracingReport,
};
