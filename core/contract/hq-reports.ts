import { z } from 'zod';
import { needs } from '../permissions';
import { exportFormat, exportLanguage, reportFilter, reportId, reportResult } from '../reports/model';
import { everywhere, method } from './method';

/**
 * HQ's national reports (issue #16): figures with a filter bar, the people behind a figure, exports and
 * the periodic statistical annex. Served by the HQ console only; a device refuses them with `error.hq.only`.
 * The console shows exact counts to its analysts, marked internal; what leaves it (exports, the annex) is
 * suppressed first (core/suppression.ts) and watermarked with who exported it and when.
 */

const cellRef = z.string().min(1).max(200);

/** A file made for the browser to save: its name, type and bytes. */
const exportedFile = z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() });

export const hqReportsContract = {
  hqReports: {
    report: method({
      input: z.object({ reportId, filter: reportFilter }).strict(),
      output: reportResult,
      access: needs('reports.read'),
      readsRecords: true,
    }),
    /** The people behind one figure: names only, each opened through persons.view (audited). */
    people: method({
      input: z
        .object({
          reportId,
          filter: reportFilter,
          tableId: cellRef,
          rowKey: cellRef,
          columnKey: cellRef,
          limit: z.number().int().min(1).max(500).default(200),
        })
        .strict(),
      output: z.object({
        items: z.array(
          z.object({
            personId: z.string(),
            episodeId: z.string(),
            nameLatin: z.string(),
            facilityName: z.string().nullable(),
            apprehendedAt: z.string(),
          }),
        ),
        total: z.number().int(),
        truncated: z.boolean(),
      }),
      access: needs('reports.read'),
      readsRecords: true,
      audit: { kind: 'read', entityType: 'report_figure', entityId: (i) => `${i.reportId}:${i.tableId}:${i.rowKey}:${i.columnKey}` },
    }),
    /** One table, or every table of the report (tableId null), as CSV or XLSX: suppressed, watermarked. */
    export: method({
      input: z.object({ reportId, filter: reportFilter, tableId: cellRef.nullable().default(null), format: exportFormat, language: exportLanguage }).strict(),
      output: exportedFile,
      access: needs('reports.read'),
      readsRecords: true,
      audit: { kind: 'read', entityType: 'report_export', entityId: (i) => `${i.reportId}:${i.tableId ?? 'all'}:${i.format}` },
    }),
    /** The periodic statistical annex (PDF) of the national figures for a period, in one language. */
    annex: method({
      input: z.object({ filter: reportFilter, language: exportLanguage }).strict(),
      output: exportedFile,
      access: needs('reports.read'),
      readsRecords: true,
      audit: { kind: 'read', entityType: 'report_annex', entityId: (i) => `${i.filter.from}:${i.filter.to}:${i.language}` },
    }),
    /** Places per facility, against which occupancy is measured; HQ's administrators set them. */
    capacities: method({
      input: z.object({}).strict(),
      output: z.object({ capacities: z.array(z.object({ facilityId: z.string(), capacity: z.number().int() })) }),
      access: needs('reports.read'),
    }),
    setCapacity: method({
      input: z.object({ facilityId: z.string().min(1).max(100), capacity: z.number().int().min(0).max(100_000) }).strict(),
      output: z.object({ facilityId: z.string(), capacity: z.number().int() }),
      access: needs('settings.manage'),
      servedAt: everywhere,
      audit: { kind: 'change', entityType: 'facility_capacity', entityId: (i) => i.facilityId },
    }),
  },
};
