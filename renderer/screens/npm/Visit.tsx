import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api } from '../../api';
import { QueryError } from '../../components/QueryError';
import { href } from '../../routes';
import { Areas, Registers } from './Areas';
import { visitKey } from './common';
import { Extract } from './Extract';
import { Earlier, Findings } from './Findings';
import { Interviews } from './Interviews';
import { Reprisals } from './Reprisals';
import { VisitHeader } from './VisitHeader';
import './npm.css';

/**
 * One visit from plan to follow-up: the lifecycle on top with its one next step, then the work in the
 * order a team does it — who owes a reprisal check, the checklist, registers, private interviews, the
 * register extract, findings — and where earlier recommendations stand.
 */
export function Visit({ visitId, mayWrite }: { visitId: string; mayWrite: boolean }) {
  const view = useQuery({ queryKey: visitKey(visitId), queryFn: () => api.npmVisits.get({ visitId }) });
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(view.data);
  useEffect(() => {
    if (loaded) heading.current?.focus({ preventScroll: true });
  }, [loaded]);

  if (view.isError) return <QueryError error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) {
    return (
      <p className="muted" role="status">
        <FormattedMessage id="app.loading" />
      </p>
    );
  }
  const v = view.data.visit;
  return (
    <div className="npm-page npm-visit">
      <p className="no-print">
        <a href={href({ name: 'npmVisits' })}>
          <FormattedMessage id="vis.back" />
        </a>
      </p>
      <VisitHeader visit={v} mayWrite={mayWrite} headingRef={heading} />
      <Reprisals visit={v} mayWrite={mayWrite} />
      <Earlier visit={v} mayWrite={mayWrite} />
      <Areas visit={v} mayWrite={mayWrite} />
      <Registers visit={v} mayWrite={mayWrite} />
      <Interviews visit={v} mayWrite={mayWrite} />
      <Extract visit={v} mayWrite={mayWrite} />
      <Findings visit={v} mayWrite={mayWrite} />
    </div>
  );
}
