import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { regimes, type Regime } from '../../../../core/episode';
import type { MessageKey } from '../../../../core/i18n';
import { sexes } from '../../../../core/person';
import { ageBands, type AgeBand, type ReportFilter } from '../../../../core/reports/model';
import { DateTimeField } from '../../../components/DateTimeField';
import { useLocale } from '../../../i18n';
import { countryOptions } from '../../../places';
import { regimeLabel, sexLabel } from '../../../register-labels';
import { href, navigate } from '../../../routes';
import { lastDays } from '../model';
import type { ReportsAddress } from './route';

export const ageBandLabel: Record<AgeBand, MessageKey> = {
  under_14: 'reportsUi.age.under_14',
  '14_17': 'reportsUi.age.14_17',
  '18_34': 'reportsUi.age.18_34',
  '35_59': 'reportsUi.age.35_59',
  '60_plus': 'reportsUi.age.60_plus',
  unknown: 'reportsUi.age.unknown',
};

type Sex = (typeof sexes)[number];
const presets: { days: number; label: MessageKey }[] = [
  { days: 30, label: 'hq.period.last30' },
  { days: 90, label: 'hq.period.last90' },
  { days: 365, label: 'reportsUi.period.last365' },
];

/**
 * The filter bar (issue #16 §1): a period and, optionally, one facility, nationality, sex, age band and
 * regime. Nothing is asked of the server until Apply, which puts the filters in the address.
 */
export function FilterBar({ address, filter, today, facilities }: { address: ReportsAddress; filter: ReportFilter; today: string; facilities: readonly { facilityId: string; name: string }[] }) {
  const intl = useIntl();
  const { locale } = useLocale();
  const errorId = useId();
  const ids = { facility: useId(), nationality: useId(), sex: useId(), age: useId(), regime: useId() };
  const [from, setFrom] = useState(filter.from);
  const [to, setTo] = useState(filter.to);
  const [facilityId, setFacilityId] = useState(filter.facilityId ?? '');
  const [nationality, setNationality] = useState(filter.nationality ?? '');
  const [sex, setSex] = useState<Sex | ''>(filter.sex ?? '');
  const [ageBand, setAgeBand] = useState<AgeBand | ''>(filter.ageBand ?? '');
  const [regime, setRegime] = useState<Regime | ''>(filter.regime ?? '');
  const [wrongOrder, setWrongOrder] = useState(false);
  const any = intl.formatMessage({ id: 'form.any' });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!from || !to || from > to) {
      setWrongOrder(true);
      return;
    }
    navigate({
      name: 'hqReports',
      report: address.report,
      from,
      to,
      facilityId: facilityId || null,
      nationality: nationality || null,
      sex: sex || null,
      ageBand: ageBand || null,
      regime: regime || null,
    });
  };

  const select = (id: string, label: MessageKey, value: string, onChange: (v: string) => void, options: ReactNode) => (
    <div className="field reports-filter__field">
      <label htmlFor={id} className="field__label">
        <FormattedMessage id={label} />
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options}
      </select>
    </div>
  );

  return (
    <form className="reports-filter no-print" onSubmit={submit} aria-label={intl.formatMessage({ id: 'reportsUi.filter.legend' })} noValidate>
      <div className="reports-filter__period">
        <DateTimeField className="hq-period__field" label="hq.period.from" kind="date" value={from} max={today} onChange={setFrom} />
        <DateTimeField className="hq-period__field" label="hq.period.to" kind="date" value={to} invalid={wrongOrder} describedBy={wrongOrder ? errorId : undefined} onChange={setTo} />
        <div className="hq-period__presets">
          {presets.map((p) => {
            const range = lastDays(today, p.days);
            const current = range.from === filter.from && range.to === filter.to;
            return (
              <a key={p.days} className="hq-preset" href={href({ name: 'hqReports', ...address, ...range })} aria-current={current ? 'true' : undefined}>
                <FormattedMessage id={p.label} />
              </a>
            );
          })}
        </div>
      </div>
      <div className="reports-filter__dims">
        {select(
          ids.facility,
          'reportsUi.filter.facility',
          facilityId,
          setFacilityId,
          <>
            <option value="">{intl.formatMessage({ id: 'reportsUi.filter.allFacilities' })}</option>
            {facilities.map((f) => (
              <option key={f.facilityId} value={f.facilityId}>
                {f.name}
              </option>
            ))}
          </>,
        )}
        {select(
          ids.nationality,
          'reportsUi.filter.nationality',
          nationality,
          setNationality,
          <>
            <option value="">{any}</option>
            <option value="STATELESS">{intl.formatMessage({ id: 'reportsUi.stateless' })}</option>
            {countryOptions(locale).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </>,
        )}
        {select(
          ids.sex,
          'reportsUi.filter.sex',
          sex,
          (v) => setSex(v as Sex | ''),
          <>
            <option value="">{any}</option>
            {sexes.map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: sexLabel[s] })}
              </option>
            ))}
          </>,
        )}
        {select(
          ids.age,
          'reportsUi.filter.age',
          ageBand,
          (v) => setAgeBand(v as AgeBand | ''),
          <>
            <option value="">{any}</option>
            {ageBands.map((a) => (
              <option key={a} value={a}>
                {intl.formatMessage({ id: ageBandLabel[a] })}
              </option>
            ))}
          </>,
        )}
        {select(
          ids.regime,
          'reportsUi.filter.regime',
          regime,
          (v) => setRegime(v as Regime | ''),
          <>
            <option value="">{any}</option>
            {regimes.map((r) => (
              <option key={r} value={r}>
                {intl.formatMessage({ id: regimeLabel[r] })}
              </option>
            ))}
          </>,
        )}
        <div className="reports-filter__actions">
          <button type="submit" className="button button--primary">
            <FormattedMessage id="reportsUi.filter.apply" />
          </button>
          <a className="button button--quiet" href={href({ name: 'hqReports', report: address.report })}>
            <FormattedMessage id="reportsUi.filter.clear" />
          </a>
        </div>
      </div>
      {wrongOrder ? (
        <p id={errorId} className="field__error hq-period__error" role="alert">
          <FormattedMessage id="error.hq.periodOrder" />
        </p>
      ) : null}
    </form>
  );
}
