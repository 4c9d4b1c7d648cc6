import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { z } from 'zod';
import type { hqDeviceView, hqFacilityView } from '../../../core/contract/hq';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { facilityKindLabel } from '../../labels';
import { useTickingNow } from '../../components/clock';
import { Span } from '../safeguards/clock';
import { staleness, type Staleness } from './model';
import './hq.css';
import { ColumnHeads } from '../../components/ColumnHeads';

type Device = z.infer<typeof hqDeviceView>;
type Facility = z.infer<typeof hqFacilityView>;

const stateLabel: Record<Staleness, MessageKey> = {
  fresh: 'hq.device.state.fresh',
  new: 'hq.device.state.new',
  amber: 'hq.device.state.amber',
  red: 'hq.device.state.red',
  revoked: 'hq.device.state.revoked',
};

/** "3 h 20 min ago" over the absolute time in the facility's zone; "never" when there is none. */
function When({ at, now }: { at: string | null; now: number }) {
  if (!at) {
    return (
      <span className="muted">
        <FormattedMessage id="hq.device.never" />
      </span>
    );
  }
  const ago = Math.max(0, now - Date.parse(at));
  return (
    <span className="hq-when">
      <span>{ago < 60_000 ? <FormattedMessage id="hq.device.justNow" /> : <FormattedMessage id="hq.device.ago" values={{ span: <Span ms={ago} /> }} />}</span>
      <span className="hq-when__abs small muted">
        <Instant value={at} />
      </span>
    </span>
  );
}

/**
 * Every facility HQ knows and its devices: when each last spoke and pushed, how far HQ holds its chain,
 * what it says is still waiting, and anything quarantined. A device silent for a day is amber, for
 * three days red: a centre HQ cannot see is a centre nobody is checking.
 */
export function Facilities() {
  const fleet = useQuery({ queryKey: ['hqFacilities'], queryFn: () => api.hq.facilities({}), refetchInterval: 30_000 });
  const now = useTickingNow();
  const d = fleet.data;
  const devices = d ? d.facilities.reduce((n, f) => n + f.devices.length, 0) : 0;
  return (
    <>
      <PageTitle id="hq.facilities.title">
        <button type="button" className="button" onClick={() => void fleet.refetch()} disabled={fleet.isFetching}>
          <FormattedMessage id="hq.facilities.refresh" />
        </button>
      </PageTitle>
      {fleet.isError ? <QueryError error={fleet.error} onRetry={() => void fleet.refetch()} /> : null}
      {fleet.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {d ? (
        <>
          <p className="lead hq-lead">
            <FormattedMessage id="hq.facilities.summary" values={{ events: d.hqEvents, devices, facilities: d.facilities.length }} />{' '}
            <span className="muted small">
              <FormattedMessage id="hq.facilities.asOf" values={{ time: <Instant value={d.asOf} /> }} />
            </span>
          </p>
          <div role="status" className="status-line">
            {d.consoleBehind > 0 ? (
              <p className="alert alert--warning">
                <FormattedMessage id="hq.facilities.behind" values={{ count: d.consoleBehind }} />
              </p>
            ) : null}
          </div>
          {d.facilities.length === 0 ? (
            <p className="alert alert--info">
              <FormattedMessage id="hq.facilities.empty" />
            </p>
          ) : (
            <>
              <p className="muted small hq-legend-line">
                <span className="hq-swatch hq-swatch--amber" aria-hidden="true" /> <span className="hq-swatch hq-swatch--red" aria-hidden="true" /> <FormattedMessage id="hq.facilities.staleLegend" />
              </p>
              {d.facilities.map((f) => (
                <FacilityDevices key={f.facilityId} facility={f} now={now} />
              ))}
            </>
          )}
        </>
      ) : null}
    </>
  );
}

function FacilityDevices({ facility, now }: { facility: Facility; now: number }) {
  const intl = useIntl();
  const titleId = useId();
  const kind = (facilityKindLabel as Record<string, MessageKey | undefined>)[facility.kind] ?? null;
  return (
    <section className="hq-facility" aria-labelledby={titleId}>
      <h2 className="hq-facility__title" id={titleId}>
        {facility.name}
      </h2>
      <p className="hq-facility__meta muted">
        {kind ? <FormattedMessage id={kind} /> : facility.kind}
        {' · '}
        <FormattedMessage id="hq.facilities.heldNow" values={{ count: facility.heldNow }} />
      </p>
      {facility.devices.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="hq.facilities.noDevices" />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense hq-devices">
            <caption className="visually-hidden">
              <FormattedMessage id="hq.facilities.caption" values={{ facility: facility.name }} />
            </caption>
            {/* Fixed widths, so that the devices of every facility line up column for column. */}
            <colgroup>
              {['name', 'state', 'push', 'seen', 'acked', 'pending', 'quarantined', 'enrolled'].map((c) => (
                <col key={c} className={`hq-devices__col-${c}`} />
              ))}
            </colgroup>
            <ColumnHeads
              columns={[
                { label: 'hq.device.col.name' },
                { label: 'hq.device.col.state' },
                { label: 'hq.device.col.lastPush' },
                { label: 'hq.device.col.lastSeen' },
                { label: 'hq.device.col.acked', className: 'num' },
                { label: 'hq.device.col.pending', className: 'num' },
                { label: 'hq.device.col.quarantined', className: 'num' },
                { label: 'hq.device.col.enrolled' },
              ]}
            />
            <tbody>
              {facility.devices.map((dev) => (
                <DeviceRow key={dev.deviceId} device={dev} now={now} stateText={(s) => intl.formatMessage({ id: stateLabel[s] })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeviceRow({ device, now, stateText }: { device: Device; now: number; stateText(s: Staleness): string }) {
  const state = staleness(device, now);
  return (
    <tr className={`hq-device hq-device--${state}`}>
      <th scope="row" className="hq-device__name">
        {device.name}
        <span className="mono small muted hq-device__id" title={device.deviceId}>
          {device.deviceId.slice(0, 8)}
        </span>
      </th>
      <td>
        <span className={`hq-state hq-state--${state}`}>
          {stateText(state)}
          {state === 'revoked' && device.revokedAt ? (
            <>
              {' '}
              <Instant value={device.revokedAt} />
            </>
          ) : null}
        </span>
      </td>
      <td>
        <When at={device.lastPushAt} now={now} />
      </td>
      <td>
        <When at={device.lastSeenAt} now={now} />
      </td>
      <td className="num mono">{device.ackedSeq}</td>
      <td className="num mono">
        {device.pending === null ? (
          <span className="muted hq-unknown">
            <FormattedMessage id="hq.device.unknown" />
          </span>
        ) : (
          device.pending
        )}
      </td>
      <td className="num mono">{device.quarantined > 0 ? <span className="hq-quarantined">{device.quarantined}</span> : 0}</td>
      <td className="small">
        <Instant value={device.enrolledAt} />
      </td>
    </tr>
  );
}
