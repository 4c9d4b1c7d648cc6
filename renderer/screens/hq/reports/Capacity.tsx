import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../../../core/contract/errors';
import type { MessageKey } from '../../../../core/i18n';
import { api } from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { useLocale } from '../../../i18n';

/**
 * Each facility's places, against which occupancy is measured (issue #16 §1). HQ's administrators set
 * them here (settings.manage, audited as a change); an analyst sees them.
 */
export function Capacity({ facilities, mayManage }: { facilities: readonly { facilityId: string; name: string }[]; mayManage: boolean }) {
  const titleId = useId();
  const capacities = useQuery({ queryKey: ['hqReportsCapacities'], queryFn: () => api.hqReports.capacities({}) });
  const places = new Map((capacities.data?.capacities ?? []).map((c) => [c.facilityId, c.capacity]));
  const { locale } = useLocale();
  const number = new Intl.NumberFormat(locale);
  return (
    <section className="card reports-capacity" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="reportsUi.capacity.title" />
      </h2>
      <p className="muted small">
        <FormattedMessage id={mayManage ? 'reportsUi.capacity.introAdmin' : 'reportsUi.capacity.intro'} />
      </p>
      {capacities.isError ? <QueryError error={capacities.error} onRetry={() => void capacities.refetch()} /> : null}
      {capacities.data ? (
        mayManage ? (
          <ul className="reports-capacity__list">
            {facilities.map((f) => (
              <li key={f.facilityId}>
                <CapacityForm facility={f} places={places.get(f.facilityId) ?? null} />
              </li>
            ))}
          </ul>
        ) : (
          <table className="table table--dense">
            <caption className="visually-hidden">
              <FormattedMessage id="reportsUi.capacity.title" />
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="reportsUi.filter.facility" />
                </th>
                <th scope="col" className="num">
                  <FormattedMessage id="reportsUi.capacity.places" />
                </th>
              </tr>
            </thead>
            <tbody>
              {facilities.map((f) => {
                const n = places.get(f.facilityId);
                return (
                  <tr key={f.facilityId}>
                    <th scope="row">{f.name}</th>
                    <td className="num">{n === undefined ? <FormattedMessage id="reportsUi.capacity.notSet" /> : number.format(n)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}

function CapacityForm({ facility, places }: { facility: { facilityId: string; name: string }; places: number | null }) {
  const intl = useIntl();
  const id = useId();
  const errorId = useId();
  const client = useQueryClient();
  const [value, setValue] = useState(places === null ? '' : String(places));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (capacity: number) => api.hqReports.setCapacity({ facilityId: facility.facilityId, capacity }),
    onSuccess: async () => {
      setSaved(true);
      await client.invalidateQueries({ queryKey: ['hqReportsCapacities'] });
      await client.invalidateQueries({ queryKey: ['hqReports'] });
    },
    onError: (e) => setProblem(e instanceof ApiError ? (e.messageKey as MessageKey) : 'error.internal'),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100_000) {
      setProblem('reportsUi.capacity.invalid');
      return;
    }
    setProblem(null);
    save.mutate(n);
  };
  return (
    <form className="reports-capacity__form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id} className="field__label">
          <FormattedMessage id="reportsUi.capacity.label" values={{ facility: facility.name }} />
        </label>
        <input
          id={id}
          className="input reports-capacity__input"
          type="number"
          inputMode="numeric"
          min={0}
          max={100_000}
          step={1}
          value={value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setSaved(false);
          }}
        />
      </div>
      <button type="submit" className="button" disabled={save.isPending} aria-label={intl.formatMessage({ id: 'reportsUi.capacity.saveFor' }, { facility: facility.name })}>
        <FormattedMessage id="reportsUi.capacity.save" />
      </button>
      {problem ? (
        <p id={errorId} className="field__error" role="alert">
          <FormattedMessage id={problem} />
        </p>
      ) : null}
      {saved ? (
        <p className="muted small" role="status">
          <FormattedMessage id="reportsUi.capacity.saved" />
        </p>
      ) : null}
    </form>
  );
}
