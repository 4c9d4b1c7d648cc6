import { FormattedMessage, useIntl } from 'react-intl';
import type { ExtractStayRow } from '../../../core/contract/npm';
import { catalogs, type MessageKey } from '../../../core/i18n';
import { ColumnHeads } from '../../components/ColumnHeads';
import { Instant } from '../../components/Instant';
import { formatDate } from '../../datetime';

const isKey = (k: string): k is MessageKey => k in catalogs.en;

/**
 * What the centre's extract says happened during the stay (issue #15 §7): the team reads refused
 * contacts, complaints, appeals, discipline and injuries beside what it heard in the interviews. Subjects
 * are register numbers, as in the discrepancies above.
 */
export function ExtractStay({ rows }: { rows: readonly ExtractStayRow[] }) {
  const intl = useIntl();
  const t = (key: string, values?: Record<string, string>) => (isKey(key) ? intl.formatMessage({ id: key }, values) : key);
  const code = (prefix: string, value: string | null | undefined) => (value ? t(`${prefix}${value}`) : null);
  const details = (r: ExtractStayRow): string => {
    const f = r.facts;
    const parts: (string | null)[] = [];
    switch (r.kind) {
      case 'contact_refused':
        parts.push(code('contacts.kind.', f.kind), code('contacts.category.', f.category), code('contacts.basis.', f.basis), f.reason ?? null);
        break;
      case 'complaint':
        parts.push(
          code('complaints.kind.', f.kind),
          code('complaints.addressee.', f.addressee),
          f.aboutStaff === 'yes' ? t('vis.stay.aboutStaff') : null,
          f.subject ?? (f.aboutStaff === 'yes' ? t('vis.stay.withheld') : null),
          t(f.answeredAt ? 'vis.stay.answered' : 'vis.stay.unanswered'),
        );
        break;
      case 'appeal':
        parts.push(code('appeals.decision.', f.decision), f.court ?? null, f.outcome ? code('appeals.outcome.', f.outcome) : t('vis.stay.pending'));
        break;
      case 'discipline':
        parts.push(
          code('disc.measure.', f.measure),
          f.breach ?? null,
          t(f.heard === 'yes' ? 'vis.stay.heard' : 'vis.stay.notHeard'),
          f.endsOn ? t('vis.stay.until', { date: formatDate(f.endsOn) }) : null,
        );
        break;
      case 'injury':
        parts.push(
          code('health.region.', f.region),
          t(f.seenAtAdmission === 'yes' ? 'vis.stay.seen' : 'vis.stay.notSeen'),
          f.reportedTo
            ? t('vis.stay.reported', {
                to: f.reportedTo
                  .split(',')
                  .map((a) => t(`health.addressee.${a}`))
                  .join(', '),
              })
            : t('vis.stay.notReported'),
        );
        break;
    }
    return parts.filter((p): p is string => !!p).join(' · ');
  };
  return (
    <div className="npm-extract-stay" data-testid="extract-stay">
      <h4>
        <FormattedMessage id="vis.stay.title" />
      </h4>
      {rows.length === 0 ? (
        <p className="empty-state empty-state--calm">
          <FormattedMessage id="vis.stay.none" />
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense">
            <caption>
              <FormattedMessage id="vis.stay.caption" values={{ count: rows.length }} />
            </caption>
            <ColumnHeads columns={[{ label: 'vis.stay.col.when' }, { label: 'vis.stay.col.registerNo' }, { label: 'vis.stay.col.what' }, { label: 'vis.stay.col.detail' }]} />
            <tbody>
              {rows.map((r, i) => (
                <tr
                  key={`${r.registerNo}-${r.kind}-${i}`}
                  data-kind={r.kind}
                  className={r.kind === 'contact_refused' || (r.kind === 'injury' && r.facts.seenAtAdmission === 'no') ? 'npm-extract-stay--flag' : undefined}
                >
                  <td>
                    <Instant value={r.at} />
                  </td>
                  <td className="mono">{r.registerNo}</td>
                  <td>
                    <FormattedMessage id={`vis.stay.kind.${r.kind}`} />
                  </td>
                  <td>{details(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
