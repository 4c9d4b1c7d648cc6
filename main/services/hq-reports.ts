import { ApiError } from '../../core/contract/errors';
import { reports } from '../../core/reports';
import { reportIds, type ReportFilter, type ReportId, type ReportResult } from '../../core/reports/model';
import { published, type ComputedTable, type FactRow, type ReportContext } from '../../core/reports/table';
import { localDate } from '../../core/time';
import type { ReadStore } from '../../db/store';
import type { Handlers } from '../api/router';
import { latinNames, type HqFleetSource } from './hq-console';
import type { ServiceInstallation } from './installation';
import { annexPdf } from './reports/annex-pdf';
import { exportCsv } from './reports/export-csv';
import { exportXlsx } from './reports/export-xlsx';
import type { Publication } from './reports/export-types';
import { loadReportExtras } from './reports/extras';
import { cachedFactRows } from './reports/facts';

/** Places per facility, HQ's setting (issue #16 §1 "capacity as a facility setting"), JSON in the console's meta. */
export const capacitiesKey = 'hq_facility_capacities';

function capacities(store: ReadStore): Map<string, number> {
  const raw = store.meta(capacitiesKey);
  return new Map(Object.entries(raw ? (JSON.parse(raw) as Record<string, number>) : {}));
}

/** Whether an episode passes the filter's dimensions. A facility matches where the person was admitted or is held. */
function passes(f: ReportFilter) {
  return (r: FactRow) =>
    (f.facilityId === null || r.admittedFacility === f.facilityId || r.currentFacility === f.facilityId) &&
    (f.nationality === null || r.nationality === f.nationality) &&
    (f.sex === null || r.sex === f.sex) &&
    (f.ageBand === null || r.ageBand === f.ageBand) &&
    (f.regime === null || r.regime === f.regime);
}

/**
 * What every report reads: the facts rows that pass the filter, the facilities that hold people (an
 * ombudsman's office or HQ itself has no rows to show), their places, and the records that are not
 * episodes. Also the benchmark's way in (scripts/bench/hq-reports.bench.ts).
 */
export function reportContext(
  store: ReadStore,
  fleet: readonly { facilityId: string; name: string; kind: string; devices: readonly { deviceId: string }[] }[],
  filter: ReportFilter,
  at: number,
): ReportContext {
  const deviceFacility = new Map<string, string>();
  for (const fa of fleet) for (const d of fa.devices) deviceFacility.set(d.deviceId, fa.facilityId);
  const holding = fleet.filter((fa) => fa.kind === 'detention_centre' || fa.kind === 'field_office');
  const shown = filter.facilityId === null ? holding : holding.filter((fa) => fa.facilityId === filter.facilityId);
  const zone = store.settings.timeZone;
  return {
    filter,
    rows: cachedFactRows(store).filter(passes(filter)),
    facilities: shown.map((fa) => ({ facilityId: fa.facilityId, name: fa.name })),
    capacities: capacities(store),
    settings: store.settings,
    now: at,
    dayOf: (instant) => localDate(Date.parse(instant), zone),
    extras: loadReportExtras(store, deviceFacility),
  };
}

export function hqReportsHandlers(inst: ServiceInstallation, source: HqFleetSource | null, now: () => number): Handlers['hqReports'] {
  const requireSource = () => {
    if (!source) throw new ApiError({ code: 'not_found', messageKey: 'error.hq.only' });
    return source;
  };

  const context = async (filter: ReportFilter) => {
    const fleet = await requireSource().fleet();
    const store = inst.readStore();
    return { store, names: new Map(fleet.map((fa) => [fa.facilityId, fa.name])), ctx: reportContext(store, fleet, filter, now()) };
  };

  const result = (id: ReportId, ctx: ReportContext, tables: ComputedTable[]): ReportResult => ({
    reportId: id,
    filter: ctx.filter,
    tables: tables.map(published),
    internal: true,
    asOf: new Date(ctx.now).toISOString(),
  });

  // What each published file says of itself: language, threshold, and the watermark of who and when.
  const publication = (
    store: ReadStore,
    names: ReadonlyMap<string, string>,
    input: { language: Publication['language']; filter: ReportFilter },
    session: { userId: string; username: string },
    at: string,
  ): Publication => {
    const row = store.q.prepared('SELECT display_name FROM users WHERE user_id = ?').get(session.userId) as { display_name: string } | undefined;
    const facility = input.filter.facilityId;
    return {
      language: input.language,
      threshold: store.settings.smallCellThreshold,
      exportedBy: row ? `${row.display_name} (${session.username})` : session.username,
      exportedAt: at,
      facilityName: facility ? (names.get(facility) ?? facility) : null,
      timeZone: store.settings.timeZone,
    };
  };

  return {
    report: async (input) => {
      const { ctx } = await context(input.filter);
      return result(input.reportId, ctx, reports[input.reportId](ctx));
    },

    people: async (input) => {
      const { ctx, store, names } = await context(input.filter);
      const table = reports[input.reportId](ctx).find((t) => t.id === input.tableId);
      const i = table?.rows.findIndex((r) => r.key === input.rowKey) ?? -1;
      const j = table?.columns.findIndex((c) => c.key === input.columnKey) ?? -1;
      if (!table || i < 0 || j < 0) throw new ApiError({ code: 'not_found', messageKey: 'error.report.noSuchFigure' });
      if (!table.members) throw new ApiError({ code: 'validation', messageKey: 'error.report.notPeople' });
      const ids = new Set(table.members[i]![j]);
      const rows = ctx.rows.filter((r) => ids.has(r.episodeId)).sort((a, b) => (a.apprehendedAt < b.apprehendedAt ? 1 : a.apprehendedAt > b.apprehendedAt ? -1 : 0));
      const shown = rows.slice(0, input.limit);
      const people = latinNames(store, shown);
      return {
        items: shown.map((r) => ({
          personId: r.personId,
          episodeId: r.episodeId,
          nameLatin: people.get(r.personId) ?? '',
          facilityName: r.currentFacility ? (names.get(r.currentFacility) ?? null) : null,
          apprehendedAt: r.apprehendedAt,
        })),
        total: rows.length,
        truncated: rows.length > shown.length,
      };
    },

    export: async (input, env) => {
      const { ctx, store, names } = await context(input.filter);
      const all = result(input.reportId, ctx, reports[input.reportId](ctx));
      const tables = input.tableId === null ? all.tables : all.tables.filter((t) => t.id === input.tableId);
      if (tables.length === 0) throw new ApiError({ code: 'not_found', messageKey: 'error.report.noSuchFigure' });
      const common = { result: all, tables, ...publication(store, names, input, env.session, all.asOf) };
      const stem = `qeyd-${input.reportId}${input.tableId ? `-${input.tableId}` : ''}-${input.filter.from}-${input.filter.to}`;
      if (input.format === 'csv') return { fileName: `${stem}.csv`, mediaType: 'text/csv; charset=utf-8', base64: exportCsv(common).toString('base64') };
      return {
        fileName: `${stem}.xlsx`,
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: (await exportXlsx(common)).toString('base64'),
      };
    },

    annex: async (input, env) => {
      const { ctx, store, names } = await context(input.filter);
      const results = reportIds.map((id) => result(id, ctx, reports[id](ctx)));
      const pdf = await annexPdf({
        results,
        from: input.filter.from,
        to: input.filter.to,
        ...publication(store, names, input, env.session, new Date(ctx.now).toISOString()),
      });
      return { fileName: `qeyd-annex-${input.filter.from}-${input.filter.to}-${input.language}.pdf`, mediaType: 'application/pdf', base64: pdf.toString('base64') };
    },

    capacities: async () => {
      const store = inst.readStore();
      return { capacities: [...capacities(store)].map(([facilityId, capacity]) => ({ facilityId, capacity })).sort((a, b) => (a.facilityId < b.facilityId ? -1 : 1)) };
    },

    setCapacity: async (input, env) => {
      const fleet = await requireSource().fleet();
      if (!fleet.some((fa) => fa.facilityId === input.facilityId)) throw new ApiError({ code: 'not_found', messageKey: 'error.report.unknownFacility' });
      const store = inst.requireStore();
      const next = Object.fromEntries([...capacities(store), [input.facilityId, input.capacity]]);
      const before = capacities(store).get(input.facilityId) ?? null;
      // The setting and its audit line land together.
      store.atomically(() => {
        store.setMeta(capacitiesKey, JSON.stringify(next));
        store.audit({
          actor: env.session.userId,
          action: 'capacity.set',
          method: env.method,
          entityType: 'facility_capacity',
          entityId: input.facilityId,
          outcome: 'ok',
          detail: JSON.stringify({ before, after: input.capacity }),
        });
      });
      return { facilityId: input.facilityId, capacity: input.capacity };
    },
  };
}
