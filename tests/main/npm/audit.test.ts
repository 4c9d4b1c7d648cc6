import { describe, expect, it } from 'vitest';
import { lookupMethod } from '../../../core/contract';
import { npmVisitsContract } from '../../../core/contract/npm-visits';
import type { AuditRow } from '../../../db/audit-log';
import { refusal } from '../../helpers/centre';
import { interview, introduce, useCentre, useOffice, visitOnSite, type Office } from './helpers';

const office = useOffice();
const centre = useCentre();

function auditFor(o: Office, visitId: string): Pick<AuditRow, 'action' | 'method' | 'outcome'>[] {
  return o.backend.installation.requireStore().sqlite.prepare("SELECT action, method, outcome FROM audit_log WHERE entity_type = 'visit' AND entity_id = ? ORDER BY seq").all(visitId) as Pick<
    AuditRow,
    'action' | 'method' | 'outcome'
  >[];
}

describe('visits are audited', () => {
  it('every visit method but the list declares an audit spec', () => {
    const missing = Object.keys(npmVisitsContract.npmVisits).filter((m) => m !== 'list' && !lookupMethod(`npmVisits.${m}`)?.audit);
    expect(missing).toEqual([]);
  });

  it('each read and each change of a visit leaves a line naming the visit, and a refused read too', async () => {
    const o = await office();
    const c = await centre();
    const visitId = await visitOnSite(o, await introduce(o, await c.as('registrar')));
    await o.monitor.npmVisits.recordInterview({ visitId, interview: interview(o.iso()) });
    await o.monitor.npmVisits.recordArea({ visitId, observation: { area: 'food', rating: 'adequate', sources: [] }, at: o.iso() });
    await o.monitor.npmVisits.get({ visitId });
    await o.monitor.npmVisits.get({ visitId });
    expect((await refusal(o.admin.npmVisits.get({ visitId }))).code).toBe('forbidden');

    expect(auditFor(o, visitId)).toEqual([
      { action: 'visit.planned', method: 'npmVisits.plan', outcome: 'ok' },
      { action: 'visit.moved', method: 'npmVisits.move', outcome: 'ok' },
      { action: 'visit.interviewed', method: 'npmVisits.recordInterview', outcome: 'ok' },
      { action: 'visit.areaObserved', method: 'npmVisits.recordArea', outcome: 'ok' },
      { action: 'read', method: 'npmVisits.get', outcome: 'ok' },
      { action: 'read', method: 'npmVisits.get', outcome: 'ok' },
      { action: 'read.denied', method: 'npmVisits.get', outcome: 'denied' },
    ]);
    expect(o.backend.installation.requireStore().verifyEventChains().intact).toBe(true);
  });
});
