import { useId, useState, type ChangeEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormContext } from 'react-hook-form';
import { FormattedMessage } from 'react-intl';
import type { MessageKey } from '../../../core/i18n';
import { can } from '../../../core/permissions';
import { api } from '../../api';
import { useFormClock } from '../../components/clock';
import { ContractForm } from '../../components/ContractForm';
import { FCheckbox, FDateTime, FSelect, FText, FTextArea } from '../../components/form-fields';
import { Instant } from '../../components/Instant';
import { PersonNames } from '../../components/person-bits';
import { QueryError } from '../../components/QueryError';
import type { FormProps } from '../person/forms';
import './transfers.css';

/**
 * Transfers between centres (issue #15 §6, docs/sync.md#transfers-between-centres): the form that sends a
 * person to another centre with their handover, the incoming list where the receiving centre admits them
 * with its handover check (or refuses), and the person's card with where the transfer stands and what
 * was recorded about them before it.
 */
const queryKey = ['transfers'] as const;

const sourceKey: Record<'hq' | 'file', MessageKey> = { hq: 'transfers.source.hq', file: 'transfers.source.file' };

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

interface DispatchValues {
  at: string;
  toFacilityId: string;
  reason: string;
  escortNames: string;
  escortService: string;
  documents: string;
  property: string;
  note: string;
}

/** The sending centre's transfer: the receiving centre from HQ's list, the escort, what goes with the person. */
export function DispatchForm({ episode, onDone, onCancel }: FormProps) {
  const { now, iso } = useFormClock();
  const queryClient = useQueryClient();
  const facilities = useQuery({ queryKey: [...queryKey, 'facilities'], queryFn: () => api.transfers.facilities({}) });
  const others = (facilities.data?.facilities ?? []).filter((f) => f.facilityId !== facilities.data?.ownFacilityId);
  return (
    <ContractForm<DispatchValues, 'transfers.dispatch'>
      method="transfers.dispatch"
      title="transfers.dispatch"
      intro={others.length ? undefined : <FormattedMessage id="transfers.noFacilities" />}
      defaults={{ at: now, toFacilityId: '', reason: '', escortNames: '', escortService: '', documents: '', property: '', note: '' }}
      toInput={(v) => ({
        episodeId: episode!.episodeId,
        toFacilityId: v.toFacilityId,
        at: iso(v.at) ?? '',
        reason: v.reason,
        handover: { escort: { names: v.escortNames, service: v.escortService }, documents: lines(v.documents), property: lines(v.property), ...(v.note.trim() ? { note: v.note } : {}) },
      })}
      toFormPath={(p) =>
        p === 'handover.escort.names'
          ? 'escortNames'
          : p === 'handover.escort.service'
            ? 'escortService'
            : p.startsWith('handover.documents')
              ? 'documents'
              : p.startsWith('handover.property')
                ? 'property'
                : p === 'handover.note'
                  ? 'note'
                  : p
      }
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey });
        onDone();
      }}
      onCancel={onCancel}
      submitLabel="transfers.record"
      testId="transfer-dispatch-form"
      grid
    >
      <FSelect name="toFacilityId" label="transfers.to" options={others.map((f) => ({ value: f.facilityId, label: f.name }))} />
      <FDateTime name="at" label="transfers.at" />
      <FTextArea name="reason" label="transfers.reason" rows={2} />
      <FText name="escortNames" label="transfers.escortNames" />
      <FText name="escortService" label="transfers.escortService" />
      <FTextArea name="documents" label="transfers.documentsList" rows={3} />
      <FTextArea name="property" label="transfers.propertyList" rows={3} />
      <FTextArea name="note" label="transfers.note" rows={2} />
    </ContractForm>
  );
}

type Incoming = Awaited<ReturnType<typeof api.transfers.incoming>>['transfers'][number];

interface CheckValues {
  at: string;
  identityConfirmed: boolean;
  escortIdentified: boolean;
  documents: boolean[];
  property: boolean[];
  discrepancies: string;
}

function AdmitForm({ transfer, onDone, onCancel }: { transfer: Incoming; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm<CheckValues, 'transfers.admit'>
      method="transfers.admit"
      title="transfers.check.title"
      look="inset"
      defaults={{
        at: now,
        identityConfirmed: false,
        escortIdentified: false,
        documents: transfer.handover.documents.map(() => false),
        property: transfer.handover.property.map(() => false),
        discrepancies: '',
      }}
      toInput={(v) => ({
        transferId: transfer.transferId,
        at: iso(v.at) ?? '',
        check: {
          identityConfirmed: v.identityConfirmed,
          escortIdentified: v.escortIdentified,
          documents: transfer.handover.documents.map((item, i) => ({ item, received: Boolean(v.documents[i]) })),
          property: transfer.handover.property.map((item, i) => ({ item, received: Boolean(v.property[i]) })),
          ...(v.discrepancies.trim() ? { discrepancies: v.discrepancies } : {}),
        },
      })}
      toFormPath={(p) => (p.startsWith('check.') ? p.slice('check.'.length) : p)}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="transfers.record"
      testId="transfer-admit-form"
    >
      <FDateTime name="at" label="transfers.at" />
      <FCheckbox name="identityConfirmed" label="transfers.check.identityConfirmed" />
      <FCheckbox name="escortIdentified" label="transfers.check.escortIdentified" />
      {transfer.handover.documents.map((item, i) => (
        <ReceivedBox key={`d${i}`} name={`documents.${i}`} item={item} />
      ))}
      {transfer.handover.property.map((item, i) => (
        <ReceivedBox key={`p${i}`} name={`property.${i}`} item={item} />
      ))}
      <FTextArea name="discrepancies" label="transfers.check.discrepancies" rows={2} />
    </ContractForm>
  );
}

/** One listed item with its own label ("Received: Passport …"), a real checkbox. */
function ReceivedBox({ name, item }: { name: string; item: string }) {
  const id = useId();
  const { register } = useFormContext();
  return (
    <div className="field field--checkbox">
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" {...register(name)} />
        <span>
          <FormattedMessage id="transfers.check.received" values={{ item }} />
        </span>
      </label>
    </div>
  );
}

function RefuseForm({ transfer, onDone, onCancel }: { transfer: Incoming; onDone(): void; onCancel(): void }) {
  const { now, iso } = useFormClock();
  return (
    <ContractForm<{ at: string; reason: string }, 'transfers.refuse'>
      method="transfers.refuse"
      title="transfers.refuse"
      look="inset"
      danger
      defaults={{ at: now, reason: '' }}
      toInput={(v) => ({ transferId: transfer.transferId, at: iso(v.at) ?? '', reason: v.reason })}
      onDone={onDone}
      onCancel={onCancel}
      submitLabel="transfers.record"
      testId="transfer-refuse-form"
    >
      <FDateTime name="at" label="transfers.at" />
      <FTextArea name="reason" label="transfers.refuseReason" rows={3} />
    </ContractForm>
  );
}

function Listed({ label, items }: { label: MessageKey; items: readonly string[] }) {
  return (
    <div className="transfer__fact">
      <dt>
        <FormattedMessage id={label} />
      </dt>
      <dd>{items.length ? items.join('; ') : <FormattedMessage id="transfers.none" />}</dd>
    </div>
  );
}

/** Packages for this centre waiting for the handover check, with the import of a file from a centre with no network. */
export function IncomingTransfers() {
  const titleId = useId();
  const fileId = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ transferId: string; form: 'admit' | 'refuse' } | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [imported, setImported] = useState(false);
  const list = useQuery({ queryKey: [...queryKey, 'incoming'], queryFn: () => api.transfers.incoming({}), refetchInterval: 60_000 });
  const session = useQuery({ queryKey: [...queryKey, 'session'], queryFn: () => api.auth.session() });
  const mayWrite = can(session.data?.session?.user.roles ?? [], 'person.write');
  const finished = () => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey });
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setImportError(null);
    setImported(false);
    try {
      await api.transfers.importFile({ content: await file.text() });
      setImported(true);
      finished();
    } catch (err) {
      setImportError((err as { messageKey?: string }).messageKey ?? 'error.transfer.badFile');
    }
  };
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const transfers = list.data?.transfers ?? [];
  return (
    <section className="card transfers-incoming" aria-labelledby={titleId} data-testid="transfers-incoming">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="transfers.incoming.title" />
        {transfers.length ? <span className="due-group__count">{transfers.length}</span> : null}
      </h2>
      {!transfers.length ? (
        <p className="muted">
          <FormattedMessage id="transfers.incoming.none" />
        </p>
      ) : null}
      <ul className="transfer-list">
        {transfers.map((t) => (
          <li key={t.transferId} className="transfer">
            <p className="transfer__who">
              <PersonNames latin={t.person.nameLatin} original={t.person.nameOriginal} />
              {t.person.birthDate ? <span className="muted"> · {t.person.birthDate}</span> : null}
              <span className="status-badge status-badge--due">
                <FormattedMessage id={sourceKey[t.source]} />
              </span>
            </p>
            <dl className="transfer__facts">
              <div className="transfer__fact">
                <dt>
                  <FormattedMessage id="transfers.from" />
                </dt>
                <dd>
                  {t.fromFacilityName} · <FormattedMessage id="transfers.dispatchedAt" /> <Instant value={t.dispatchedAt} />
                </dd>
              </div>
              <div className="transfer__fact">
                <dt>
                  <FormattedMessage id="transfers.reason" />
                </dt>
                <dd>{t.reason}</dd>
              </div>
              <div className="transfer__fact">
                <dt>
                  <FormattedMessage id="transfers.escort" />
                </dt>
                <dd>
                  {t.handover.escort.names} ({t.handover.escort.service})
                </dd>
              </div>
              <Listed label="transfers.documents" items={t.handover.documents} />
              <Listed label="transfers.property" items={t.handover.property} />
              {t.handover.note ? (
                <div className="transfer__fact">
                  <dt>
                    <FormattedMessage id="transfers.note" />
                  </dt>
                  <dd>{t.handover.note}</dd>
                </div>
              ) : null}
              <div className="transfer__fact">
                <dt>
                  <FormattedMessage id="transfers.title" />
                </dt>
                <dd>
                  <FormattedMessage id="transfers.events" values={{ count: t.events }} />
                </dd>
              </div>
            </dl>
            {mayWrite && open?.transferId !== t.transferId ? (
              <div className="transfer__actions">
                <button type="button" className="button button--small button--primary" onClick={() => setOpen({ transferId: t.transferId, form: 'admit' })}>
                  <FormattedMessage id="transfers.admit" />
                </button>
                <button type="button" className="button button--small" onClick={() => setOpen({ transferId: t.transferId, form: 'refuse' })}>
                  <FormattedMessage id="transfers.refuse" />
                </button>
              </div>
            ) : null}
            {open?.transferId === t.transferId && open.form === 'admit' ? <AdmitForm transfer={t} onCancel={() => setOpen(null)} onDone={finished} /> : null}
            {open?.transferId === t.transferId && open.form === 'refuse' ? <RefuseForm transfer={t} onCancel={() => setOpen(null)} onDone={finished} /> : null}
          </li>
        ))}
      </ul>
      {mayWrite ? (
        <div className="transfer__import">
          <label htmlFor={fileId}>
            <FormattedMessage id="transfers.importFile" />
          </label>{' '}
          <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} data-testid="transfer-import" />
          {importError ? (
            <p className="form-error" role="alert">
              <FormattedMessage id={importError as MessageKey} />
            </p>
          ) : null}
          {imported ? (
            <p className="muted" role="status">
              <FormattedMessage id="transfers.imported" />
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

type PersonTransfer = Awaited<ReturnType<typeof api.transfers.ofPerson>>['transfers'][number];

function StatusLine({ t }: { t: PersonTransfer }) {
  const at = (v: string | null) => (v ? <Instant value={v} key="at" /> : '');
  if (t.receivedHere) return <FormattedMessage id="transfers.status.receivedHere" values={{ from: t.fromFacilityName, at: at(t.outcomeAt) }} />;
  if (t.status === 'received') return <FormattedMessage id="transfers.status.received" values={{ to: t.toFacilityName, at: at(t.outcomeAt) }} />;
  if (t.status === 'refused') return <FormattedMessage id="transfers.status.refused" values={{ to: t.toFacilityName, at: at(t.outcomeAt) }} />;
  return <FormattedMessage id="transfers.status.dispatched" values={{ to: t.toFacilityName, at: at(t.dispatchedAt) }} />;
}

/** Saves the package as a file for the receiving centre (no network). */
async function saveFile(transferId: string) {
  const file = await api.transfers.exportFile({ transferId });
  const url = URL.createObjectURL(new Blob([file.content], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** The person's transfers and what was recorded at earlier centres; nothing when they were never transferred. */
export function PersonTransfers({ personId, mayWrite }: { personId: string; mayWrite: boolean }) {
  const titleId = useId();
  const data = useQuery({ queryKey: [...queryKey, personId], queryFn: () => api.transfers.ofPerson({ personId }) });
  if (data.isError) return <QueryError error={data.error} onRetry={() => void data.refetch()} />;
  const transfers = data.data?.transfers ?? [];
  if (!transfers.length) return null;
  const carried = data.data?.carried ?? [];
  return (
    <section className="card transfers-person" aria-labelledby={titleId} data-testid="person-transfers">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="transfers.title" />
      </h2>
      <ul className="transfer-list">
        {transfers.map((t) => (
          <li key={t.transferId} className={`transfer transfer--${t.status}`}>
            <p className="transfer__status">
              <span className={`status-badge ${t.status === 'dispatched' ? 'status-badge--due' : t.status === 'refused' ? 'status-badge--upcoming' : 'status-badge--ok'}`}>
                <StatusLine t={t} />
              </span>
              {t.discrepancies ? (
                <span className="status-badge status-badge--overdue">
                  <FormattedMessage id="transfers.discrepancies" />
                </span>
              ) : null}
            </p>
            <p className="muted">{t.reason}</p>
            {t.status === 'dispatched' && !t.receivedHere && mayWrite ? (
              <button type="button" className="button button--small" onClick={() => void saveFile(t.transferId)}>
                <FormattedMessage id="transfers.export" />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {carried.length ? (
        <table className="transfer-history">
          <caption>
            <FormattedMessage id="transfers.carried" values={{ centre: carried[0]!.facilityName }} />
          </caption>
          <tbody>
            {carried.map((e, i) => (
              <tr key={`${e.transferId}-${i}`}>
                <td>
                  <Instant value={e.at} />
                </td>
                <td>
                  <FormattedMessage id={`event.${e.type}` as MessageKey} defaultMessage={e.type} />
                </td>
                <td className="muted">{e.facilityName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
