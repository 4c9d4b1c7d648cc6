import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PropertyItemView } from '../../../core/contract/property';
import type { MessageKey } from '../../../core/i18n';
import type { ItemState } from '../../../core/property';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { QueryError } from '../../components/QueryError';
import { useLocale } from '../../i18n';
import { languageLabel } from '../../places';
import { href } from '../../routes';
import { AckForm, ackWord, AddItemsForm, ReleaseForm, retainLabel, sourceLabel } from './forms';
import '../discipline/discipline.css';

/**
 * The person's property held by the centre (issue #15 §5): the current detention's items and money, where
 * each is, the person's acknowledgements with their printable receipts, and the return of each item or of
 * all. An exit is refused while anything here is still held (main/services/property.ts).
 */

type Open = { form: 'add' | 'ack' } | { form: 'release'; itemIds: string[] } | null;

const stateLabel: Record<ItemState, MessageKey> = {
  held: 'prop.state.held',
  returned: 'prop.state.returned',
  handed_over: 'prop.state.handed_over',
  retained: 'prop.state.retained',
  unrecorded: 'prop.state.unrecorded',
};
const badge: Record<ItemState, string> = {
  held: 'status-badge--upcoming',
  returned: 'status-badge--ok',
  handed_over: 'status-badge--ok',
  retained: 'status-badge--due',
  unrecorded: 'status-badge--overdue',
};

export function PersonProperty({
  personId,
  episodeId,
  language,
  mayWrite,
  onDone,
}: {
  personId: string;
  /** The detention shown: the latest one (open or just closed). */
  episodeId: string;
  language: string;
  mayWrite: boolean;
  onDone(event: MessageKey): void;
}) {
  const titleId = useId();
  const intl = useIntl();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const list = useQuery({ queryKey: ['property', personId], queryFn: () => api.property.list({ personId }) });
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const ep = list.data?.episodes.find((e) => e.episodeId === episodeId);
  const items = ep?.items ?? [];
  const releasable = items.filter((i) => i.state === 'held' || i.state === 'unrecorded');
  const unacknowledged = items.filter((i) => i.state === 'held' && !i.acknowledged).length;
  const finished = (event: MessageKey) => () => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: ['property', personId] });
    onDone(event);
  };
  const cancel = () => setOpen(null);
  const names = (ids: readonly string[]) =>
    items
      .filter((i) => ids.includes(i.itemId))
      .map((i) => i.description)
      .join(', ');
  return (
    <section className="card property" aria-labelledby={titleId} data-testid="property-card">
      <h2 className="card__title" id={titleId}>
        <FormattedMessage id="prop.title" />
      </h2>
      {items.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="prop.none" />
        </p>
      ) : (
        <>
          <p className="muted" data-testid="property-held">
            <FormattedMessage id="prop.held" values={{ count: ep?.held ?? 0 }} />
          </p>
          <table className="table table--dense property__table">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="prop.col.item" />
                </th>
                <th scope="col">
                  <FormattedMessage id="prop.col.quantity" />
                </th>
                <th scope="col">
                  <FormattedMessage id="prop.col.taken" />
                </th>
                <th scope="col">
                  <FormattedMessage id="prop.col.state" />
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.itemId} data-testid="property-row">
                  <td>
                    <span dir="auto">{i.description}</span>
                    {i.condition || i.notes ? (
                      <span className="property__sub" dir="auto">
                        {[i.condition, i.notes].filter(Boolean).join(' · ')}
                      </span>
                    ) : null}
                    {i.storage ? (
                      <span className="property__sub" dir="auto">
                        <FormattedMessage id="prop.col.storage" />: {i.storage}
                      </span>
                    ) : null}
                  </td>
                  <td className="property__num">{i.kind === 'money' ? `${i.amount ?? ''} ${i.currency ?? ''}` : i.quantity}</td>
                  <td>
                    <Instant value={i.takenAt} />
                    <span className="property__sub">
                      <FormattedMessage id={sourceLabel[i.source]} />
                    </span>
                  </td>
                  <td>
                    <span className={`status-badge ${badge[i.state]}`}>
                      <FormattedMessage id={stateLabel[i.state]} />
                    </span>
                    <ReleaseDetail item={i} />
                    {mayWrite && open === null && (i.state === 'held' || i.state === 'unrecorded') ? (
                      <div className="property__actions">
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setOpen({ form: 'release', itemIds: [i.itemId] })}
                          aria-label={`${intl.formatMessage({ id: 'prop.action.release' })}: ${i.description}`}
                        >
                          <FormattedMessage id="prop.action.release" />
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {unacknowledged > 0 ? (
            <p className="property__sub">
              <strong>
                <FormattedMessage id="prop.notAcknowledged" values={{ count: unacknowledged }} />
              </strong>
            </p>
          ) : null}
        </>
      )}
      {ep?.acknowledgements.length ? (
        <ul className="property__acks">
          {ep.acknowledgements.map((a) => (
            <li key={a.ackId} className="property__sub">
              <FormattedMessage
                id="prop.acknowledged"
                values={{
                  time: <Instant value={a.acknowledgement.at} key="t" />,
                  how:
                    a.acknowledgement.acknowledgement.kind === 'refused'
                      ? intl.formatMessage({ id: 'prop.ack.refused' }, { witness: a.acknowledgement.acknowledgement.witness })
                      : intl.formatMessage({ id: ackWord[a.acknowledgement.acknowledgement.kind] }),
                  language: languageLabel(a.acknowledgement.language, locale),
                }}
              />{' '}
              <a className="button button--small" href={href({ name: 'printProperty', ackId: a.ackId })} data-testid="print-property-receipt">
                <FormattedMessage id="prop.action.print" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {mayWrite && open === null ? (
        <div className="property__bar">
          {ep?.open ? (
            <button type="button" className="button button--small button--primary" onClick={() => setOpen({ form: 'add' })}>
              <FormattedMessage id="prop.action.add" />
            </button>
          ) : null}
          {unacknowledged > 0 ? (
            <button type="button" className="button button--small" onClick={() => setOpen({ form: 'ack' })}>
              <FormattedMessage id="prop.action.ack" />
            </button>
          ) : null}
          {releasable.length > 1 ? (
            <button type="button" className="button button--small" onClick={() => setOpen({ form: 'release', itemIds: releasable.map((i) => i.itemId) })}>
              <FormattedMessage id="prop.action.returnAll" />
            </button>
          ) : null}
        </div>
      ) : null}
      {open?.form === 'add' ? <AddItemsForm episodeId={episodeId} onCancel={cancel} onDone={finished('event.property.itemsRecorded')} /> : null}
      {open?.form === 'ack' ? <AckForm episodeId={episodeId} language={language} onCancel={cancel} onDone={finished('event.property.acknowledged')} /> : null}
      {open?.form === 'release' ? <ReleaseForm episodeId={episodeId} itemIds={open.itemIds} names={names(open.itemIds)} onCancel={cancel} onDone={finished('event.property.released')} /> : null}
    </section>
  );
}

function ReleaseDetail({ item }: { item: PropertyItemView }) {
  const intl = useIntl();
  const r = item.release;
  if (!r) return null;
  const to = r.retainReason ? [intl.formatMessage({ id: retainLabel[r.retainReason] }), r.to].filter(Boolean).join(' → ') : (r.to ?? '');
  return (
    <span className="property__sub" dir="auto">
      <FormattedMessage id="prop.releaseDetail" values={{ time: <Instant value={r.at} key="t" />, to }} />
    </span>
  );
}
