import type { Locale } from '../../../core/fields';
import type { ReportResult, ReportTable } from '../../../core/reports/model';

/** What every published output says of itself: its language, the suppression rule and the watermark. */
export interface Publication {
  language: Locale;
  /** counts in 1..threshold-1 are suppressed (the setting; 5 by default) */
  threshold: number;
  /** who exported: display name and username, e.g. "Aysel Məmmədova (aysel)" */
  exportedBy: string;
  /** ISO instant of the export */
  exportedAt: string;
  /** the filter's facility by name; null for all facilities */
  facilityName: string | null;
  /** the console's time zone, for the time of export and of the figures */
  timeZone: string;
}

/** One report's tables to export as CSV or XLSX (issue #16 §3). The exports suppress small counts themselves. */
export interface ExportInput extends Publication {
  /** the report as computed, exact (internal) figures and its filter */
  result: ReportResult;
  /** the ones to export: all of result.tables, or the one the analyst chose */
  tables: ReportTable[];
}

/** The periodic statistical annex (PDF): every report for one period (issue #16 §3). */
export interface AnnexInput extends Publication {
  /** every report for the period, in the order the annex prints them */
  results: ReportResult[];
  /** the period's first and last local day (YYYY-MM-DD) */
  from: string;
  to: string;
}
