import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { FormProvider, useForm } from 'react-hook-form';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import { contract } from '../../core/contract';
import type { RegisterRow } from '../../core/contract/register-views';
import type { MessageKey } from '../../core/i18n';
import { vulnerabilityFlags, type VulnerabilityFlag } from '../../core/vulnerability';
import { api } from '../api';
import { contractResolver } from '../contract-form';
import { daysUntil, formatDate, todayIn } from '../datetime';
import { FDate } from '../components/form-fields';
import { FormAlert } from '../components/fields';
import { PageTitle } from '../components/PageTitle';
import { DeadlineText, FlagBadges, Nationalities, PersonNames } from '../components/person-bits';
import { AdmissionBadge } from '../components/AdmissionStatus';
import { QueryError } from '../components/QueryError';
import { useLocale, useTimeZone } from '../i18n';
import { countryOptions } from '../places';
import { deadlineStatusLabel, flagLabel } from '../register-labels';
import { href, navigate } from '../routes';

type ListInput = z.input<(typeof contract)['register']['list']['input']>;
type Sort = NonNullable<ListInput['sort']>;
type Direction = 'asc' | 'desc';

interface Filters {
  query: string;
  nationality: string;
  minDays: string;
  maxDays: string;
  deadline: '' | 'overdue' | 'due' | 'ok';
  flag: '' | VulnerabilityFlag;
  includeClosed: boolean;
}

const noFilters: Filters = { query: '', nationality: '', minDays: '', maxDays: '', deadline: '', flag: '', includeClosed: false };

export const pageSize = 100;
/** Every row is two lines high (Latin name, original script): fixed, so 100,000 rows scroll evenly. */
const rowHeight = 58;

/** Coming back from a person page finds the register as it was left (filters, order, place). */
let remembered: { filters: Filters; sort: Sort; direction: Direction; scrollY: number } = {
  filters: noFilters,
  sort: 'deadline',
  direction: 'asc',
  scrollY: 0,
};

function toInput(f: Filters, sort: Sort, direction: Direction): ListInput {
  const n = (s: string) => {
    const v = Number(s);
    return s.trim() !== '' && Number.isInteger(v) && v >= 0 ? v : undefined;
  };
  return {
    query: f.query.trim(),
    ...(f.nationality ? { nationality: f.nationality } : {}),
    ...(n(f.minDays) !== undefined ? { minDaysHeld: n(f.minDays) } : {}),
    ...(n(f.maxDays) !== undefined ? { maxDaysHeld: n(f.maxDays) } : {}),
    ...(f.deadline ? { deadline: f.deadline } : {}),
    ...(f.flag ? { flag: f.flag } : {}),
    includeClosed: f.includeClosed,
    sort,
    direction,
  };
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function Register() {
  const [filters, setFilters] = useState<Filters>(remembered.filters);
  const [sort, setSort] = useState<Sort>(remembered.sort);
  const [direction, setDirection] = useState<Direction>(remembered.direction);
  const [extractOpen, setExtractOpen] = useState(false);
  const extractId = useId();
  // Typing a name asks the database once the typing pauses, not at every letter.
  const query = useDebounced(filters.query, 250);
  const input = useMemo(() => toInput({ ...filters, query }, sort, direction), [filters, query, sort, direction]);

  useEffect(() => {
    remembered = { ...remembered, filters, sort, direction };
  }, [filters, sort, direction]);

  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setFilters((f) => ({ ...f, [k]: v }));

  const first = useQuery({
    queryKey: ['register', input, 0],
    queryFn: () => api.register.list({ ...input, offset: 0, limit: pageSize }),
    placeholderData: keepPreviousData,
  });

  const sortBy = (column: Sort) => {
    if (column === sort) setDirection((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(column);
      // Longest held and highest number first are what people look for; names and deadlines A→Z.
      setDirection(column === 'daysHeld' || column === 'registerNo' ? 'desc' : 'asc');
    }
  };

  return (
    <>
      <PageTitle id="register.title">
        <button type="button" className="button" aria-expanded={extractOpen} aria-controls={extractOpen ? extractId : undefined} onClick={() => setExtractOpen((o) => !o)}>
          <FormattedMessage id="register.extract.open" />
        </button>
      </PageTitle>
      <p className="lead">
        <FormattedMessage id="register.lead" />
      </p>
      {extractOpen ? <ExtractForm id={extractId} onClose={() => setExtractOpen(false)} /> : null}
      <FilterBar filters={filters} set={set} onClear={() => setFilters(noFilters)} />
      {first.isError ? <QueryError error={first.error} onRetry={() => void first.refetch()} /> : null}
      {first.data ? (
        <RegisterTable
          input={input}
          firstPage={first.data}
          sort={sort}
          direction={direction}
          onSort={sortBy}
          includeClosed={filters.includeClosed}
          filtered={JSON.stringify({ ...filters, includeClosed: false }) !== JSON.stringify({ ...noFilters })}
        />
      ) : null}
      {first.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
    </>
  );
}

function FilterBar({ filters, set, onClear }: { filters: Filters; set<K extends keyof Filters>(k: K, v: Filters[K]): void; onClear(): void }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const ids = { query: useId(), nat: useId(), min: useId(), max: useId(), deadline: useId(), flag: useId(), closed: useId(), hint: useId() };
  return (
    <section role="search" className="filters card" aria-label={intl.formatMessage({ id: 'register.filters' })}>
      <div className="filters__row">
        <div className="field filters__query">
          <label htmlFor={ids.query} className="field__label">
            <FormattedMessage id="register.filter.query" />
          </label>
          <input
            id={ids.query}
            className="input"
            type="search"
            value={filters.query}
            onChange={(e) => set('query', e.target.value)}
            aria-describedby={ids.hint}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.nat} className="field__label">
            <FormattedMessage id="register.filter.nationality" />
          </label>
          <select id={ids.nat} className="input select" value={filters.nationality} onChange={(e) => set('nationality', e.target.value)}>
            <option value="">{intl.formatMessage({ id: 'form.any' })}</option>
            {countryOptions(locale).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field filters__days">
          <label htmlFor={ids.min} className="field__label">
            <FormattedMessage id="register.filter.minDays" />
          </label>
          <input id={ids.min} className="input" type="number" min={0} inputMode="numeric" value={filters.minDays} onChange={(e) => set('minDays', e.target.value)} />
        </div>
        <div className="field filters__days">
          <label htmlFor={ids.max} className="field__label">
            <FormattedMessage id="register.filter.maxDays" />
          </label>
          <input id={ids.max} className="input" type="number" min={0} inputMode="numeric" value={filters.maxDays} onChange={(e) => set('maxDays', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.deadline} className="field__label">
            <FormattedMessage id="register.filter.deadline" />
          </label>
          <select id={ids.deadline} className="input select" value={filters.deadline} onChange={(e) => set('deadline', e.target.value as Filters['deadline'])}>
            <option value="">{intl.formatMessage({ id: 'form.any' })}</option>
            {(['overdue', 'due', 'ok'] as const).map((d) => (
              <option key={d} value={d}>
                {intl.formatMessage({ id: deadlineStatusLabel[d] })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.flag} className="field__label">
            <FormattedMessage id="register.filter.flag" />
          </label>
          <select id={ids.flag} className="input select" value={filters.flag} onChange={(e) => set('flag', e.target.value as Filters['flag'])}>
            <option value="">{intl.formatMessage({ id: 'form.any' })}</option>
            {vulnerabilityFlags.map((f) => (
              <option key={f} value={f}>
                {intl.formatMessage({ id: flagLabel[f] })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="filters__row filters__row--end">
        <p id={ids.hint} className="field__hint filters__hint">
          <FormattedMessage id="register.filter.queryHint" />
        </p>
        <label className="checkbox" htmlFor={ids.closed}>
          <input id={ids.closed} type="checkbox" checked={filters.includeClosed} onChange={(e) => set('includeClosed', e.target.checked)} />
          <span>
            <FormattedMessage id="register.filter.includeClosed" />
          </span>
        </label>
        <button type="button" className="button button--quiet" onClick={onClear}>
          <FormattedMessage id="register.filter.clear" />
        </button>
      </div>
    </section>
  );
}

const columns: { sort: Sort | null; label: MessageKey; className: string }[] = [
  { sort: 'registerNo', label: 'register.col.no', className: 'col-no num' },
  { sort: 'name', label: 'register.col.name', className: 'col-name' },
  { sort: null, label: 'register.col.nationality', className: 'col-nat' },
  { sort: 'daysHeld', label: 'register.col.daysHeld', className: 'col-days num' },
  { sort: null, label: 'register.col.termEnd', className: 'col-term' },
  { sort: null, label: 'register.col.state', className: 'col-state' },
  { sort: 'deadline', label: 'register.col.deadline', className: 'col-deadline' },
  { sort: null, label: 'register.col.flags', className: 'col-flags' },
];

function RegisterTable({
  input,
  firstPage,
  sort,
  direction,
  onSort,
  includeClosed,
  filtered,
}: {
  input: ListInput;
  firstPage: { rows: RegisterRow[]; total: number };
  sort: Sort;
  direction: Direction;
  onSort(s: Sort): void;
  includeClosed: boolean;
  filtered: boolean;
}) {
  const intl = useIntl();
  const hintId = useId();
  const total = firstPage.total;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // The list starts below the title and filters; the window scrolls the whole page, header included.
  useLayoutEffect(() => {
    const measure = () => {
      const el = bodyRef.current;
      if (el) setScrollMargin(el.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
    return () => ro.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: total,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin,
  });

  // Restores the place in the list once, after coming back to the register.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || scrollMargin === 0) return;
    restored.current = true;
    if (remembered.scrollY > 0) window.scrollTo(0, remembered.scrollY);
  }, [scrollMargin]);
  useEffect(() => {
    const onScroll = () => {
      remembered.scrollY = window.scrollY;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  const items = virtualizer.getVirtualItems();
  const pages = useMemo(() => [...new Set(items.map((i) => Math.floor(i.index / pageSize)))].filter((p) => p > 0), [items]);
  const pageQueries = useQueries({
    queries: pages.map((p) => ({
      queryKey: ['register', input, p],
      queryFn: () => api.register.list({ ...input, offset: p * pageSize, limit: pageSize }),
      staleTime: 30_000,
    })),
  });
  const rowAt = (index: number): RegisterRow | undefined => {
    const page = Math.floor(index / pageSize);
    if (page === 0) return firstPage.rows[index];
    const q = pageQueries[pages.indexOf(page)];
    return q?.data?.rows[index % pageSize];
  };

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(total - 1, index));
      virtualizer.scrollToIndex(target, { align: 'auto' });
      // The row may only exist after the virtualizer renders it.
      let tries = 0;
      const attempt = () => {
        const link = bodyRef.current?.querySelector<HTMLAnchorElement>(`tr[data-index="${target}"] a`);
        if (link) link.focus({ preventScroll: false });
        else if (tries++ < 20) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [total, virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (e.target as HTMLElement).closest('tr');
    const index = Number(row?.dataset.index);
    if (!row || Number.isNaN(index)) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'PageDown' || e.key === 'PageUp' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const page = Math.max(1, Math.floor((window.innerHeight - 200) / rowHeight));
      const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: total - 1 };
      focusRow(moves[e.key]!);
    }
  };

  if (total === 0) {
    return (
      <p className="empty-state" role="status">
        <FormattedMessage id={filtered ? 'register.empty' : 'register.emptyAll'} />
      </p>
    );
  }

  const paddingTop = items.length ? items[0]!.start - virtualizer.options.scrollMargin : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - virtualizer.options.scrollMargin) : 0;

  return (
    <div className="register">
      <p className="register__count" role="status">
        <span>
          <FormattedMessage id={includeClosed ? 'register.countWithClosed' : 'register.count'} values={{ count: total }} />
        </span>
        <span id={hintId} className="register__hint">
          <FormattedMessage id="register.keyboardHint" />
        </span>
      </p>
      <table className="table register-table" aria-rowcount={total + 1} aria-describedby={hintId}>
        <caption className="visually-hidden">
          <FormattedMessage id="register.title" />
        </caption>
        <colgroup>
          {columns.map((c) => (
            <col key={c.label} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.className} aria-sort={c.sort && c.sort === sort ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(c.sort!)}>
                    <FormattedMessage id={c.label} />
                    <span className="sort-button__arrow" aria-hidden="true">
                      {c.sort === sort ? (direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  <FormattedMessage id={c.label} />
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {paddingTop > 0 ? (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rowAt(item.index);
            return row ? (
              <RegisterLine key={item.key} row={row} index={item.index} />
            ) : (
              <tr key={item.key} data-index={item.index} aria-rowindex={item.index + 2} className="register-row register-row--loading">
                <td colSpan={columns.length}>
                  <span className="muted">{intl.formatMessage({ id: 'app.loading' })}</span>
                </td>
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** "AEFD-181": the device code recedes so the count, what people compare, stands out. */
function RegisterNo({ value }: { value: string }) {
  const cut = value.lastIndexOf('-') + 1;
  return (
    <span className="regno">
      {cut > 0 ? <span className="regno__device">{value.slice(0, cut)}</span> : null}
      {value.slice(cut)}
    </span>
  );
}

/** Rows are memoised: scrolling re-renders only the rows that come into view, not all of them. */
const RegisterLine = memo(function RegisterLine({ row, index }: { row: RegisterRow; index: number }) {
  const zone = useTimeZone();
  const to = href({ name: 'person', personId: row.personId });
  const left = row.termEnd && row.state !== 'CLOSED' ? daysUntil(row.termEnd, zone) : null;
  return (
    <tr
      data-index={index}
      aria-rowindex={index + 2}
      className={`register-row register-row--${row.deadlineStatus}${row.state === 'CLOSED' ? ' register-row--closed' : ''}`}
      onClick={(e) => {
        // The name is the link for keyboards and screen readers; the whole row is a target for the mouse.
        if ((e.target as HTMLElement).closest('a, button')) return;
        navigate({ name: 'person', personId: row.personId });
      }}
    >
      <td className="num mono col-no">
        <RegisterNo value={row.registerNo} />
      </td>
      <td className="col-name">
        <a href={to} className="row-link">
          <PersonNames latin={row.nameLatin} original={row.nameOriginal} />
        </a>
      </td>
      <td className="col-nat">
        <span className="clip">
          <Nationalities codes={row.nationalities} stateless={row.stateless} />
        </span>
      </td>
      <td className="num col-days">{row.daysHeld}</td>
      <td className="col-term">
        {row.termEnd ? (
          <span className="two-lines">
            <span>{formatDate(todayIn(zone, Date.parse(row.termEnd)))}</span>
            {left !== null ? (
              <span className={`small ${left < 0 ? 'text-danger' : 'muted'}`}>
                {left < 0 ? <FormattedMessage id="register.daysAgo" values={{ days: -left }} /> : <FormattedMessage id="register.daysLeft" values={{ days: left }} />}
              </span>
            ) : null}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="col-state">
        <AdmissionBadge admission={row.admission} />
        {row.inHospitalSince ? (
          <span className="register-hospital small" data-testid="register-in-hospital">
            <FormattedMessage id="register.inHospital" values={{ date: formatDate(todayIn(zone, Date.parse(row.inHospitalSince))) }} />
          </span>
        ) : null}
      </td>
      <td className="col-deadline">
        <DeadlineText kind={row.nextDueKind} at={row.nextDueAt} status={row.deadlineStatus} compact />
      </td>
      <td className="col-flags">
        <FlagBadges flags={row.flags} restricted={row.restricted} />
      </td>
    </tr>
  );
});

const extractSchema = contract.register.extract.input;

function ExtractForm({ id, onClose }: { id: string; onClose(): void }) {
  const zone = useTimeZone();
  const titleId = useId();
  const today = todayIn(zone);
  const form = useForm<{ from: string; to: string }, unknown, z.output<typeof extractSchema>>({
    resolver: contractResolver(extractSchema, (v) => ({ from: v.from, to: v.to })),
    defaultValues: { from: `${today.slice(0, 8)}01`, to: today },
  });
  const [alert, setAlert] = useState<{ key: string } | null>(null);
  useEffect(() => form.setFocus('from'), [form]);
  const submit = form.handleSubmit(
    (v) => navigate({ name: 'printRegister', from: v.from, to: v.to }),
    () => setAlert({ key: 'error.validation' }),
  );
  return (
    <section
      id={id}
      className="card panel"
      aria-labelledby={titleId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="register.extract.title" />
      </h2>
      <FormProvider {...form}>
        <form onSubmit={submit} noValidate className="form form--inline">
          <FDate name="from" label="register.extract.from" />
          <FDate name="to" label="register.extract.to" />
          <div className="actions">
            <button type="button" className="button" onClick={onClose}>
              <FormattedMessage id="common.cancel" />
            </button>
            <button type="submit" className="button button--primary">
              <FormattedMessage id="register.extract.submit" />
            </button>
          </div>
        </form>
        <FormAlert message={alert} />
      </FormProvider>
    </section>
  );
}
