import { useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../../core/contract/errors';
import { locales, type Locale } from '../../../../core/fields';
import type { MessageKey } from '../../../../core/i18n';
import { reportIds, type ReportFilter, type ReportId } from '../../../../core/reports/model';
import { api } from '../../../api';
import { Instant } from '../../../components/Instant';
import { PageTitle } from '../../../components/PageTitle';
import { QueryError } from '../../../components/QueryError';
import { todayIn } from '../../../datetime';
import { useLocale, useTimeZone } from '../../../i18n';
import { href } from '../../../routes';
import { Capacity } from './Capacity';
import { FilterBar } from './FilterBar';
import { catalogMonths, intlHasMonths, periodText, translator } from './format';
import { PeoplePanel } from './PeoplePanel';
import { defaultReport, filterOf, withReport, type ReportsAddress } from './route';
import { saveFile, type ExportedFile } from './save-file';
import { TableCard, type Figure } from './TableCard';
import '../hq.css';
import './reports.css';

export const reportName: Record<ReportId, MessageKey> = {
  occupancy: 'reportsUi.report.occupancy',
  admissions: 'reportsUi.report.admissions',
  stay: 'reportsUi.report.stay',
  screening: 'reportsUi.report.screening',
  asylum: 'reportsUi.report.asylum',
  removals: 'reportsUi.report.removals',
  safeguards: 'reportsUi.report.safeguards',
  incidents: 'reportsUi.report.incidents',
  ombudsman: 'reportsUi.report.ombudsman',
  tracing: 'reportsUi.report.tracing',
};

const formatButton: Record<'csv' | 'xlsx', MessageKey> = { csv: 'reportsUi.export.csv', xlsx: 'reportsUi.export.xlsx' };
const formatButtonOf: Record<'csv' | 'xlsx', MessageKey> = { csv: 'reportsUi.export.csvOf', xlsx: 'reportsUi.export.xlsxOf' };

const languageName: Record<Locale, MessageKey> = { az: 'language.az', en: 'language.en', ru: 'language.ru' };

type ExportRequest = { kind: 'table'; tableId: string; format: 'csv' | 'xlsx' } | { kind: 'all' } | { kind: 'annex' };

/**
 * HQ's national reports (issue #16 §1–§3, docs/domain.md §6): pick a report, filter it, read its charts
 * or their tables, open the people behind a count, and take the figures away as CSV, XLSX or the
 * statistical annex. The console shows exact counts, marked internal; what leaves it is suppressed and
 * watermarked by the server.
 */
export function Reports({ address, mayManage }: { address: ReportsAddress; mayManage: boolean }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const zone = useTimeZone();
  const today = todayIn(zone);
  const reportId = address.report ?? defaultReport;
  const filter: ReportFilter = filterOf(address, today);
  const pickerId = useId();
  const exportLangId = useId();
  const [figure, setFigure] = useState<Figure | null>(null);
  // The exports' language follows the interface's until the analyst picks another.
  const [chosenLanguage, setLanguage] = useState<Locale | null>(null);
  const language = chosenLanguage ?? locale;
  const [exported, setExported] = useState<string | null>(null);
  const [exportProblem, setExportProblem] = useState<unknown>(null);

  const report = useQuery({ queryKey: ['hqReports', reportId, filter], queryFn: () => api.hqReports.report({ reportId, filter }) });
  // The facility names for the filter bar; an HQ account that may not read the fleet simply has no choice of facility.
  const facilities = useQuery({ queryKey: ['hqReportsFacilities'], queryFn: () => api.hq.facilities({}), retry: false });
  const facilityList = (facilities.data?.facilities ?? []).filter((f) => f.kind === 'detention_centre' || f.kind === 'field_office').map((f) => ({ facilityId: f.facilityId, name: f.name }));

  const exporting = useMutation({
    mutationFn: (r: ExportRequest): Promise<ExportedFile> =>
      r.kind === 'annex'
        ? api.hqReports.annex({ filter, language })
        : api.hqReports.export({ reportId, filter, tableId: r.kind === 'table' ? r.tableId : null, format: r.kind === 'table' ? r.format : 'xlsx', language }),
    onMutate: () => {
      setExported(null);
      setExportProblem(null);
    },
    onSuccess: (file) => {
      saveFile(file);
      setExported(file.fileName);
    },
    onError: (e) => setExportProblem(e),
  });

  const d = report.data;
  const months = intlHasMonths(locale) ? null : catalogMonths(translator(intl));
  const tableButtons = (tableId: string, title: string) => (
    <>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--quiet"
          disabled={exporting.isPending}
          aria-label={intl.formatMessage({ id: formatButtonOf[format] }, { table: title })}
          onClick={() => exporting.mutate({ kind: 'table', tableId, format })}
        >
          <FormattedMessage id={formatButton[format]} />
        </button>
      ))}
    </>
  );

  return (
    <>
      <PageTitle id="reportsUi.title" />
      <p className="lead hq-lead">
        <FormattedMessage id="reportsUi.intro" />
      </p>
      <nav className="reports-picker no-print" aria-labelledby={pickerId}>
        <h2 className="visually-hidden" id={pickerId}>
          <FormattedMessage id="reportsUi.picker" />
        </h2>
        <ul>
          {reportIds.map((id) => (
            <li key={id}>
              <a className="reports-picker__item" href={href({ name: 'hqReports', ...withReport(address, id) })} aria-current={id === reportId ? 'page' : undefined}>
                <FormattedMessage id={reportName[id]} />
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <FilterBar key={JSON.stringify(filter)} address={{ ...address, report: reportId }} filter={filter} today={today} facilities={facilityList} />

      <div className="reports-status">
        <span className="badge reports-internal">
          <FormattedMessage id="reportsUi.internal" />
        </span>
        <span className="muted small">
          <FormattedMessage id="reportsUi.internalNote" />
        </span>
        {d ? (
          <span className="muted small reports-status__asof">
            <FormattedMessage id="reportsUi.asOf" values={{ time: <Instant value={d.asOf} /> }} />
          </span>
        ) : null}
      </div>
      <p className="print-only reports-print-filter">
        <FormattedMessage
          id="reportsUi.printHeading"
          values={{ report: intl.formatMessage({ id: reportName[reportId] }), from: periodText(filter.from, locale, months), to: periodText(filter.to, locale, months) }}
        />
      </p>

      <section className="reports-exports no-print" aria-label={intl.formatMessage({ id: 'reportsUi.export.legend' })}>
        <div className="field reports-exports__lang">
          <label htmlFor={exportLangId} className="field__label">
            <FormattedMessage id="reportsUi.export.language" />
          </label>
          <select id={exportLangId} className="input select" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Locale)}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {intl.formatMessage({ id: languageName[l] })}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" disabled={exporting.isPending || !d} onClick={() => exporting.mutate({ kind: 'all' })}>
          <FormattedMessage id="reportsUi.export.all" />
        </button>
        <button type="button" className="button" disabled={exporting.isPending} onClick={() => exporting.mutate({ kind: 'annex' })}>
          <FormattedMessage id="reportsUi.export.annex" />
        </button>
        {exporting.isPending ? (
          <span className="muted small" role="status">
            <FormattedMessage id="reportsUi.export.working" />
          </span>
        ) : null}
        {exported ? (
          <p className="reports-exports__done" role="status">
            <FormattedMessage id="reportsUi.export.done" values={{ file: exported }} />
          </p>
        ) : null}
        {exportProblem ? (
          <p className="field__error" role="alert">
            <FormattedMessage id={(exportProblem instanceof ApiError ? exportProblem.messageKey : 'app.unexpectedError') as MessageKey} />
          </p>
        ) : null}
      </section>

      {report.isError ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {d ? (
        <div className="reports-tables">
          {d.tables.length === 0 ? (
            <p className="muted">
              <FormattedMessage id="reportsUi.noTables" />
            </p>
          ) : null}
          {d.tables.map((table) => (
            <TableCard key={`${reportId}:${table.id}`} table={table} onOpen={setFigure} exportButtons={tableButtons(table.id, intl.formatMessage({ id: table.titleKey as MessageKey }))}>
              {figure && figure.tableId === table.id ? <PeoplePanel reportId={reportId} filter={filter} figure={figure} onClose={() => setFigure(null)} /> : null}
            </TableCard>
          ))}
        </div>
      ) : null}
      {reportId === 'occupancy' ? <Capacity facilities={facilityList} mayManage={mayManage} /> : null}
    </>
  );
}
