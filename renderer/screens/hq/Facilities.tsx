import { useEffect, useId, useRef, useState } from 'react';
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
import { staleness, type StaleAfterHours, type Staleness } from './model';
import './hq.css';
import { ColumnHeads } from '../../components/ColumnHeads';
import { ContractForm } from '../../components/ContractForm';
import { FTextArea } from '../../components/form-fields';

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
 * three days red (by default: the console's settings say how long): a centre HQ cannot see is a centre
 * nobody is checking.
 */
export function Facilities({ mayRevoke = false }: { mayRevoke?: boolean }) {
  const fleet = useQuery({ queryKey: ['hqFacilities'], queryFn: () => api.hq.facilities({}), refetchInterval: 30_000 });
  const [revoking, setRevoking] = useState<{ device: Device; facility: string } | null>(null);
  const [revoked, setRevoked] = useState<{ name: string; keyId: number } | null>(null);
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
            {revoked ? (
              <p className="alert alert--success">
                <FormattedMessage id="hq.revoke.done" values={{ device: revoked.name, keyId: revoked.keyId }} />
              </p>
            ) : null}
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
                <span className="hq-swatch hq-swatch--amber" aria-hidden="true" /> <span className="hq-swatch hq-swatch--red" aria-hidden="true" />{' '}
                <FormattedMessage id="hq.facilities.staleLegend" values={d.staleAfterHours} />
              </p>
              {d.facilities.map((f) => (
                <FacilityDevices key={f.facilityId} facility={f} now={now} staleAfter={d.staleAfterHours} onRevoke={mayRevoke ? (device) => setRevoking({ device, facility: f.name }) : null} />
              ))}
            </>
          )}
        </>
      ) : null}
      {revoking ? (
        <RevokeDialog
          device={revoking.device}
          facility={revoking.facility}
          onClose={() => setRevoking(null)}
          onDone={async (keyId) => {
            setRevoking(null);
            setRevoked({ name: revoking.device.name, keyId });
            await fleet.refetch();
          }}
        />
      ) : null}
    </>
  );
}

/**
 * Revoking is for a laptop that is lost, stolen or retired: it cannot be undone from here (the device
 * would have to be enrolled again with a new code), so it asks for the reason, which the device is told
 * and the console's audit log keeps (docs/hq-console.md).
 */
function RevokeDialog({ device, facility, onClose, onDone }: { device: Device; facility: string; onClose(): void; onDone(keyId: number): Promise<void> }) {
  const intl = useIntl();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.open) return;
    // A modal dialog: the page behind cannot be used until it is answered or closed.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
  }, []);
  return (
    <dialog
      ref={ref}
      className="hq-revoke-dialog"
      aria-label={intl.formatMessage({ id: 'hq.revoke.dialog' }, { device: device.name })}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <ContractForm
        method="hq.revokeDevice"
        title="hq.revoke.title"
        intro={<FormattedMessage id="hq.revoke.intro" values={{ device: <strong>{device.name}</strong>, facility, id: device.deviceId.slice(0, 8) }} />}
        defaults={{ reason: '' }}
        toInput={(v: { reason: string }) => ({ deviceId: device.deviceId, reason: v.reason })}
        onDone={(r) => onDone(r.bundleKeyId)}
        onCancel={onClose}
        submitLabel="hq.revoke.confirm"
        danger
      >
        <FTextArea name="reason" label="hq.revoke.reason" hint={<FormattedMessage id="hq.revoke.reasonHint" />} rows={2} />
      </ContractForm>
    </dialog>
  );
}

function FacilityDevices({ facility, now, staleAfter, onRevoke }: { facility: Facility; now: number; staleAfter: StaleAfterHours; onRevoke: ((device: Device) => void) | null }) {
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
              {['name', 'state', 'push', 'seen', 'acked', 'pending', 'quarantined', 'enrolled', ...(onRevoke ? ['actions'] : [])].map((c) => (
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
                ...(onRevoke ? [{ label: 'hq.device.col.actions' as const, hidden: true }] : []),
              ]}
            />
            <tbody>
              {facility.devices.map((dev) => (
                <DeviceRow
                  key={dev.deviceId}
                  device={dev}
                  now={now}
                  staleAfter={staleAfter}
                  stateText={(s) => intl.formatMessage({ id: stateLabel[s] }, { amber: staleAfter.amber, red: staleAfter.red })}
                  onRevoke={onRevoke}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeviceRow({
  device,
  now,
  staleAfter,
  stateText,
  onRevoke,
}: {
  device: Device;
  now: number;
  staleAfter: StaleAfterHours;
  stateText(s: Staleness): string;
  onRevoke: ((device: Device) => void) | null;
}) {
  const state = staleness(device, now, staleAfter);
  const intl = useIntl();
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
        {state === 'revoked' && device.revokedReason ? (
          <span className="hq-revoked-why small">
            <FormattedMessage id="hq.device.revokedWhy" values={{ reason: device.revokedReason, by: device.revokedBy ?? '—' }} />
          </span>
        ) : null}
        <RestoreNote device={device} />
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
      {onRevoke ? (
        <td>
          {device.revokedAt ? null : (
            <button
              type="button"
              className="button button--danger button--small"
              onClick={() => onRevoke(device)}
              aria-label={intl.formatMessage({ id: 'hq.revoke.button.label' }, { device: device.name })}
            >
              <FormattedMessage id="hq.revoke.button" />
            </button>
          )}
        </td>
      ) : null}
    </tr>
  );
}

/** A device restored from a backup (docs/backup.md): when, what it lost, and an older copy still calling. */
function RestoreNote({ device }: { device: Device }) {
  const r = device.restore;
  if (!r) return null;
  return (
    <>
      <span className="hq-revoked-why small">
        <FormattedMessage id="hq.device.restored" values={{ date: <Instant value={r.restoredAt} />, lost: r.lost }} />
      </span>
      {r.olderCopySeenAt && !device.revokedAt ? (
        <span className="hq-revoked-why small hq-quarantined">
          <FormattedMessage id="hq.device.olderCopy" values={{ device: device.name, date: <Instant value={r.olderCopySeenAt} /> }} />
        </span>
      ) : null}
    </>
  );
}
