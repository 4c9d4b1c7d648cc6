import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ComplianceIssue } from '../../../core/contract/hq';
import type { MessageKey } from '../../../core/i18n';
import { api } from '../../api';
import { Instant } from '../../components/Instant';
import { PageTitle } from '../../components/PageTitle';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../datetime';
import { useListFormat, useLocale } from '../../i18n';
import { languageLabel } from '../../places';
import { obligationKey } from '../../register-labels';
import { holdReasonLabel, isRemovalLockReason } from '../../hold-labels';

/** Whether any of the person's requests in the period still awaits a decision. */
const asylumDetail: Record<string, MessageKey> = { pending: 'hq.cases.asylumPending', decided: 'hq.cases.asylumDecided' };
import { href } from '../../routes';
import { useCompliance } from './Compliance';

/** A disclosure case is open until its review is recorded (docs/domain.md §5 rule 3). */
const disclosureDetail: Record<string, MessageKey> = { conflict: 'hq.cases.disclosureOpen', reviewed: 'hq.cases.disclosureReviewed' };
import { issueTitle, nowIssues } from './model';
import './hq.css';
import { ColumnHeads } from '../../components/ColumnHeads';

interface Props {
  from: string;
  to: string;
  issue: ComplianceIssue;
  facilityId: string | null;
}

/**
 * The people behind one figure. Only names and dates come with the list; opening a name goes through
 * the person page, which is a read of that person's record in the audit log.
 */
export function Cases({ from, to, issue, facilityId }: Props) {
  const intl = useIntl();
  const list = useListFormat();
  const { locale } = useLocale();
  const cases = useQuery({ queryKey: ['hqCases', from, to, issue, facilityId], queryFn: () => api.hq.cases({ from, to, issue, facilityId }) });
  // The facility's name, from the overview the analyst came from (cached), even when nobody is listed.
  const overview = useCompliance({ from, to });
  const facilityName =
    facilityId === null ? intl.formatMessage({ id: 'hq.cases.allFacilities' }) : (overview.data?.facilities.find((f) => f.facilityId === facilityId)?.name ?? cases.data?.items[0]?.facilityName ?? '');

  const detail = (d: string | null): string => {
    if (!d) return '—';
    if (issue === 'rights_late') return intl.formatMessage({ id: 'hq.cases.rightsAfter' }, { hours: intl.formatNumber(Number(d), { maximumFractionDigits: 1 }) });
    if (issue === 'consular_disclosure') return intl.formatMessage({ id: disclosureDetail[d] ?? disclosureDetail.conflict! });
    if (issue === 'rights_draft_letter') return list(d.split(',').map((code) => languageLabel(code, locale)));
    if (issue === 'asylum_requests') return intl.formatMessage({ id: asylumDetail[d] ?? asylumDetail.pending! });
    if (issue === 'nonrefoulement_hold') {
      return list(
        d
          .split(',')
          .filter(Boolean)
          .map((r) => (isRemovalLockReason(r) ? intl.formatMessage({ id: holdReasonLabel[r] }) : r)),
      );
    }
    if (issue === 'overdue') {
      return list(
        d
          .split(',')
          .filter(Boolean)
          .map((k) => {
            const key = obligationKey(k);
            return key ? intl.formatMessage({ id: key }) : k;
          }),
      );
    }
    return d;
  };

  return (
    <>
      <p className="hq-back">
        <a href={href({ name: 'hqCompliance', from, to })}>
          <span aria-hidden="true">← </span>
          <FormattedMessage id="hq.cases.back" />
        </a>
      </p>
      <PageTitle id={issueTitle[issue]} />
      <p className="lead hq-lead">
        <strong>{facilityName}</strong>
        {' · '}
        {nowIssues.has(issue) ? <FormattedMessage id="hq.cases.today" /> : <FormattedMessage id="hq.cases.period" values={{ from: formatDate(from), to: formatDate(to) }} />}
      </p>
      <p className="muted small hq-audited">
        <FormattedMessage id="hq.cases.audited" />
      </p>
      {cases.isError ? <QueryError error={cases.error} onRetry={() => void cases.refetch()} /> : null}
      {cases.isPending ? (
        <p className="muted" role="status">
          <FormattedMessage id="app.loading" />
        </p>
      ) : null}
      {cases.data ? (
        cases.data.items.length === 0 ? (
          <p className="alert alert--info">
            <FormattedMessage id="hq.cases.empty" />
          </p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table table--dense hq-cases">
                <caption>
                  <FormattedMessage id="hq.cases.caption" values={{ count: cases.data.items.length }} />
                </caption>
                <ColumnHeads columns={[{ label: 'hq.cases.col.name' }, { label: 'hq.cases.col.facility' }, { label: 'hq.cases.col.apprehended' }, { label: 'hq.cases.col.detail' }]} />
                <tbody>
                  {cases.data.items.map((c) => (
                    <tr key={c.episodeId}>
                      <th scope="row">
                        <a href={href({ name: 'person', personId: c.personId })}>{c.nameLatin || c.personId.slice(0, 8)}</a>
                      </th>
                      <td>{c.facilityName ?? <span className="muted">{intl.formatMessage({ id: 'hq.cases.unknownFacility' })}</span>}</td>
                      <td className="nowrap">
                        <Instant value={c.apprehendedAt} />
                      </td>
                      <td>{detail(c.detail)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {cases.data.truncated ? (
              <p className="muted small">
                <FormattedMessage id="hq.cases.truncated" values={{ count: cases.data.items.length }} />
              </p>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}
