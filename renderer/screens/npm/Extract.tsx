import { FormattedMessage, useIntl } from 'react-intl';
import { discrepancyKinds, type Discrepancy } from '../../../core/npm/files';
import { visitAcceptsFieldwork } from '../../../core/npm/visit';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { formatDate } from '../../datetime';
import { Nothing, useRefreshVisit, VisitSection, type Visit } from './common';
import { ImportFileForm } from './files';
import { discrepancyDetailKey, discrepancyKindLabel } from './labels';
import { ColumnHeads } from '../../components/ColumnHeads';
import { ExtractStay } from './ExtractStay';

/**
 * OPCAT Art. 20(a,b): the centre's signed register extract laid beside what the team saw and heard.
 * Each kind of discrepancy is a group of its own, the gravest first; subjects are pseudonyms or
 * register numbers, never names.
 */
export function Extract({ visit, mayWrite }: { visit: Visit; mayWrite: boolean }) {
  const refresh = useRefreshVisit(visit.visitId);
  const x = visit.extract;
  return (
    <VisitSection title="vis.ex.title" count={x?.discrepancies.length} testId="extract">
      {x ? (
        <>
          <p className="npm-extract-summary">
            <FormattedMessage
              id="vis.ex.summary"
              values={{ from: formatDate(x.from), to: formatDate(x.to), persons: x.persons, generated: <Instant key="g" value={x.generatedAt} />, imported: <Instant key="i" value={x.importedAt} /> }}
            />
          </p>
          <Discrepancies list={x.discrepancies} />
          <ExtractStay rows={x.stay} />
        </>
      ) : (
        <p className="muted">
          <FormattedMessage id="vis.ex.none" />
        </p>
      )}
      {mayWrite && visitAcceptsFieldwork(visit.state) ? (
        <ImportFileForm
          title={x ? 'vis.ex.reimport' : 'vis.ex.import'}
          label="vis.ex.file"
          hint="vis.ex.fileHint"
          submitLabel="vis.ex.submit"
          send={(content) => api.npmVisits.importExtract({ visitId: visit.visitId, content })}
          onDone={() => void refresh()}
        />
      ) : null}
    </VisitSection>
  );
}

export function Discrepancies({ list }: { list: readonly Discrepancy[] }) {
  const intl = useIntl();
  if (list.length === 0) {
    return (
      <p className="empty-state empty-state--calm">
        <FormattedMessage id="vis.ex.noDiscrepancies" />
      </p>
    );
  }
  const groups = discrepancyKinds.map((kind) => ({ kind, items: list.filter((d) => d.kind === kind) })).filter((g) => g.items.length);
  return (
    <div className="table-wrap">
      <table className="table table--dense npm-disc" data-testid="discrepancies">
        <caption>
          <FormattedMessage id="vis.ex.caption" values={{ count: list.length }} />
        </caption>
        <ColumnHeads columns={[{ label: 'vis.ex.kind' }, { label: 'vis.ex.subject' }, { label: 'vis.ex.detail' }]} />
        {groups.map((g) => (
          <tbody key={g.kind} className={`npm-disc__group npm-disc--${g.kind}`}>
            <tr className="npm-disc__grouphead">
              <th scope="rowgroup" colSpan={3}>
                <span className="npm-disc__swatch" aria-hidden="true" />
                <FormattedMessage id={discrepancyKindLabel[g.kind]} /> <span className="npm-count">{g.items.length}</span>
              </th>
            </tr>
            {g.items.map((d, i) => {
              const detail = discrepancyDetailKey(d.detail);
              return (
                <tr key={`${d.subject}-${i}`} data-kind={d.kind}>
                  <td>
                    <FormattedMessage id={discrepancyKindLabel[d.kind]} />
                  </td>
                  <td className="mono">{d.subject}</td>
                  <td>{detail ? intl.formatMessage({ id: detail }) : (d.detail ?? <Nothing />)}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
