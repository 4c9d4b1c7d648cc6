import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import type { z } from 'zod';
import type { npmFacilityView } from '../../../core/contract/npm';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { ImportFileForm } from './files';
import { KeyChangeImport } from './KeyRotation';
import { StatusNotice } from './common';
import { Fingerprint } from './bits';
import './npm.css';
import { ColumnHeads } from '../../components/ColumnHeads';

type Facility = z.infer<typeof npmFacilityView>;
export const facilitiesKey = ['npmFacilities'] as const;

/**
 * The centres the office knows, each by the device keys in its identity files: an extract or a
 * response file is accepted only when one of these keys signed it.
 */
export function Facilities({ mayWrite }: { mayWrite: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: facilitiesKey, queryFn: () => api.npmFacilities.list() });
  const [added, setAdded] = useState<Facility | null>(null);
  const [adding, setAdding] = useState(false);
  const [rotated, setRotated] = useState(false);
  return (
    <div className="npm-page">
      <PageTitle id="vis.fac.title">
        {mayWrite ? (
          <button type="button" className="button button--primary" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
            <FormattedMessage id="vis.fac.add" />
          </button>
        ) : null}
      </PageTitle>
      <p className="lead">
        <FormattedMessage id="vis.fac.lead" />
      </p>
      {added ? <AddedFacility facility={added} /> : null}
      {adding ? (
        <ImportFileForm
          title="vis.fac.add"
          label="vis.fac.file"
          hint="vis.fac.fileHint"
          submitLabel="vis.fac.addSubmit"
          showIdentity
          send={(content) => api.npmFacilities.add({ content })}
          onDone={({ facility }) => {
            setAdded(facility);
            setAdding(false);
            void queryClient.invalidateQueries({ queryKey: facilitiesKey });
          }}
        />
      ) : null}
      {rotated ? <StatusNotice notice="rot.accepted" /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? <FacilityTable facilities={list.data.facilities} /> : null}
      {mayWrite && list.data?.facilities.length ? (
        <KeyChangeImport
          title="vis.fac.rotate.title"
          hint="vis.fac.rotate.hint"
          senderOf={(v) => `${v.facilityName} · ${v.deviceName}`}
          read={(content: string) => api.npmFacilities.readKeyRotation({ content })}
          accept={(content) => api.npmFacilities.acceptKeyRotation({ content })}
          onAccepted={() => {
            setRotated(true);
            void queryClient.invalidateQueries({ queryKey: facilitiesKey });
          }}
        />
      ) : null}
      {list.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
    </div>
  );
}

/** What was just added, with the fingerprint to read back to the centre before trusting its files. */
function AddedFacility({ facility }: { facility: Facility }) {
  const last = facility.devices[facility.devices.length - 1];
  return (
    <div className="alert alert--success npm-added" role="status">
      <p>
        <FormattedMessage id="vis.fac.added" values={{ name: facility.name }} />
      </p>
      {last ? (
        <p>
          <FormattedMessage id="vis.fac.confirm" values={{ device: last.deviceName }} /> <Fingerprint value={last.fingerprint} />
        </p>
      ) : null}
    </div>
  );
}

function FacilityTable({ facilities }: { facilities: Facility[] }) {
  const captionId = useId();
  if (facilities.length === 0) {
    return (
      <p className="empty-state">
        <FormattedMessage id="vis.fac.empty" />
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" aria-describedby={captionId}>
        <caption id={captionId}>
          <FormattedMessage id="vis.fac.caption" values={{ count: facilities.length }} />
        </caption>
        <ColumnHeads columns={[{ label: 'vis.fac.name' }, { label: 'vis.fac.devices' }, { label: 'vis.fac.addedAt' }]} />
        <tbody>
          {facilities.map((f) => (
            <tr key={f.facilityId}>
              <td>
                <strong>{f.name}</strong>
                <br />
                <span className="muted small mono">{f.installationId}</span>
              </td>
              <td>
                <ul className="plain-list">
                  {f.devices.map((d) => (
                    <li key={d.deviceId}>
                      {d.deviceName} <Fingerprint value={d.fingerprint} />
                    </li>
                  ))}
                </ul>
              </td>
              <td className="nowrap">
                <Instant value={f.addedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
