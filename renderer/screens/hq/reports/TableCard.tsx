import { useId, useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../../../../core/i18n';
import type { ReportTable } from '../../../../core/reports/model';
import { useLocale } from '../../../i18n';
import { Chart } from './Chart';
import { cellOfItem, chartHeight, chartOption, hasFigures, largestCell, type ChartInput } from './chart-options';
import { labelText, numberFormatter, tableTotals, translator } from './format';

/** A figure an analyst opened: which table, row and column, and how it reads. */
export interface Figure {
  tableId: string;
  rowKey: string;
  columnKey: string;
  value: number;
  rowName: string;
  columnName: string;
}

/** Reads the page's colours, so a chart's text follows the light or dark theme like the page's. */
function themeColours(): { text: string; grid: string } {
  const css = getComputedStyle(document.documentElement);
  return { text: css.getPropertyValue('--text').trim() || '#1b2326', grid: css.getPropertyValue('--border').trim() || '#cdd4d1' };
}

/**
 * One table of a report: its title and description, the chart (or the table view, a real toggle), the
 * exports of the table, and each count with people behind it as a button that opens them.
 */
export function TableCard({ table, onOpen, exportButtons, children }: { table: ReportTable; onOpen(f: Figure): void; exportButtons: ReactNode; children?: ReactNode }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const titleId = useId();
  const descId = useId();
  const t = useMemo(() => translator(intl), [intl]);
  const [tableView, setTableView] = useState(false);
  const title = intl.formatMessage({ id: table.titleKey as MessageKey });
  const description = intl.formatMessage({ id: table.descriptionKey as MessageKey });
  const rowNames = table.rows.map((r) => labelText(r.label, locale, t));
  const columnNames = table.columns.map((c) => labelText(c.label, locale, t));
  const format = numberFormatter(locale, table.measure, t);
  const empty = table.rows.length === 0 || table.columns.length === 0;
  // A table of zeros, or of measures nobody could be measured for (no places set, no stay ended), draws
  // only empty axes: the sentence and the numbers say it better.
  const canChart = table.chart !== 'none' && !empty && hasFigures(table.cells);
  // Where there is no chart the numbers are the view; the analyst's choice counts once figures come (a refetch after new places).
  const showTable = tableView || !canChart;

  const summary = (() => {
    const top = largestCell(table.cells);
    if (!top) return intl.formatMessage({ id: 'reportsUi.chart.nothing' });
    return intl.formatMessage({ id: 'reportsUi.chart.summary' }, { rows: table.rows.length, largest: format(top.value), row: rowNames[top.row] ?? '', column: columnNames[top.column] ?? '' });
  })();
  const chartDescription = `${description} ${summary}`;

  const input: ChartInput | null =
    canChart && table.chart !== 'none'
      ? {
          kind: table.chart,
          rows: rowNames,
          columns: columnNames,
          cells: table.cells,
          facilityRows: table.rows.every((r) => r.label.kind === 'facility'),
          periodRows: table.rows.every((r) => r.label.kind === 'period'),
          percent: table.measure === 'percent',
          format,
          description: chartDescription,
          ...(() => {
            const c = themeColours();
            return { textColor: c.text, gridColor: c.grid };
          })(),
        }
      : null;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt when the table or the language changes, not on every render
  const option = useMemo(() => (input ? chartOption(input) : null), [table, locale, chartDescription]);

  const opensPeople = table.opensPeople && table.measure === 'count';
  const open = (row: number, column: number) => {
    const value = table.cells[row]?.[column];
    if (!opensPeople || !value) return;
    onOpen({ tableId: table.id, rowKey: table.rows[row]!.key, columnKey: table.columns[column]!.key, value, rowName: rowNames[row]!, columnName: columnNames[column]! });
  };

  return (
    <section className="card reports-table" aria-labelledby={titleId} data-testid={`report-table-${table.id}`}>
      <div className="reports-table__head">
        <h2 className="card__title" id={titleId}>
          {title}
        </h2>
        <div className="reports-table__tools no-print">
          {canChart ? (
            <button type="button" className="button button--quiet" aria-pressed={tableView} onClick={() => setTableView((v) => !v)}>
              <FormattedMessage id="reportsUi.table.view" />
            </button>
          ) : null}
          {exportButtons}
        </div>
      </div>
      <p className="muted small reports-table__desc" id={descId}>
        {description}
      </p>
      {empty ? (
        <p className="muted">
          <FormattedMessage id="reportsUi.table.empty" />
        </p>
      ) : (
        <>
          {table.chart !== 'none' && !canChart ? (
            <p className="muted small">
              <FormattedMessage id="reportsUi.chart.blank" />
            </p>
          ) : null}
          {input && option ? (
            <figure className={`reports-chart${showTable ? ' reports-chart--hidden' : ''}`}>
              <Chart
                option={option}
                height={chartHeight(input)}
                description={chartDescription}
                onItem={(item) => {
                  const c = cellOfItem(input, item);
                  open(c.row, c.column);
                }}
              />
            </figure>
          ) : null}
          <div className={`table-wrap reports-grid${showTable ? '' : ' reports-grid--hidden'}`}>
            <NumbersTable table={table} title={title} rowNames={rowNames} columnNames={columnNames} format={format} opensPeople={opensPeople} onOpen={open} descId={descId} />
          </div>
        </>
      )}
      {children}
    </section>
  );
}

function NumbersTable({
  table,
  title,
  rowNames,
  columnNames,
  format,
  opensPeople,
  onOpen,
  descId,
}: {
  table: ReportTable;
  title: string;
  rowNames: string[];
  columnNames: string[];
  format: (v: number | null) => string;
  opensPeople: boolean;
  onOpen(row: number, column: number): void;
  descId: string;
}) {
  const intl = useIntl();
  // Totals only where they mean something: counts whose rows and columns do not count anyone twice.
  const totals = table.totals && table.measure === 'count' ? tableTotals(table.cells, table.columns.length) : null;
  const totalName = intl.formatMessage({ id: 'reportsUi.table.total' });
  const cell = (v: number | null, row: number, column: number) => {
    if (!opensPeople || v === null || v === 0) return format(v);
    return (
      <button
        type="button"
        className="reports-cell-button"
        onClick={() => onOpen(row, column)}
        aria-label={intl.formatMessage({ id: 'reportsUi.cell.open' }, { count: format(v), row: rowNames[row] ?? '', column: columnNames[column] ?? '' })}
      >
        {format(v)}
      </button>
    );
  };
  return (
    <table className="table table--dense reports-grid__table" aria-describedby={descId}>
      {/* The card's heading says it on screen; the caption names the table for assistive technology and in print. */}
      <caption className="reports-grid__caption">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{intl.formatMessage({ id: table.rowHeaderKey as MessageKey })}</th>
          {columnNames.map((c, j) => (
            <th scope="col" className="num" key={table.columns[j]!.key}>
              {c}
            </th>
          ))}
          {totals ? (
            <th scope="col" className="num">
              {totalName}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={r.key}>
            <th scope="row">{rowNames[i]}</th>
            {table.columns.map((c, j) => (
              <td className="num" key={c.key}>
                {cell(table.cells[i]?.[j] ?? null, i, j)}
              </td>
            ))}
            {totals ? <td className="num reports-grid__total">{format(totals.rows[i] ?? 0)}</td> : null}
          </tr>
        ))}
      </tbody>
      {totals ? (
        <tfoot>
          <tr>
            <th scope="row">{totalName}</th>
            {totals.columns.map((v, j) => (
              <td className="num reports-grid__total" key={table.columns[j]!.key}>
                {format(v)}
              </td>
            ))}
            <td className="num reports-grid__total">{format(totals.all)}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
