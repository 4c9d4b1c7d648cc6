import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../../db/audit-log';
import { refusal, useCentre } from '../../../helpers/centre';

const centre = useCentre();

type Line = Pick<AuditRow, 'actor' | 'action' | 'method' | 'entity_type' | 'entity_id' | 'outcome'>;

function draftLines(c: Awaited<ReturnType<typeof centre>>): Line[] {
  return c.inst.backend.installation
    .requireStore()
    .sqlite.prepare("SELECT actor, action, method, entity_type, entity_id, outcome FROM audit_log WHERE method LIKE 'drafts.%' ORDER BY seq")
    .all() as Line[];
}

describe('drafts of an intake', () => {
  it('are read-audited: listing them and opening one leave a line each, and a refused opening too', async () => {
    const c = await centre();
    const registrar = await c.as('registrar');
    const duty = await c.as('duty_officer');
    const lawyer = await c.as('legal_aid_officer');
    const { draftId } = await registrar.drafts.save({ kind: 'intake', title: 'Mukhammad Rakhimi', data: { names: { latin: 'Mukhammad Rakhimi' } } });
    const ids = (await c.inst.admin.users.list({})).users;
    const idOf = (name: string) => ids.find((u) => u.username === name)!.userId;

    // a colleague on the next shift finds the draft and continues it
    expect((await duty.drafts.list({})).drafts.map((d) => d.title)).toEqual(['Mukhammad Rakhimi']);
    expect((await duty.drafts.get({ draftId })).data).toEqual({ names: { latin: 'Mukhammad Rakhimi' } });
    // a role that does not record intakes is refused, and the refusal is on record
    expect((await refusal(lawyer.drafts.get({ draftId }))).code).toBe('forbidden');

    expect(draftLines(c)).toEqual([
      { actor: idOf('registrar'), action: 'draft.created', method: 'drafts.save', entity_type: 'draft', entity_id: draftId, outcome: 'ok' },
      { actor: idOf('duty_officer'), action: 'read', method: 'drafts.list', entity_type: 'draft', entity_id: null, outcome: 'ok' },
      { actor: idOf('duty_officer'), action: 'read', method: 'drafts.get', entity_type: 'draft', entity_id: draftId, outcome: 'ok' },
      { actor: idOf('legal_aid_officer'), action: 'read.denied', method: 'drafts.get', entity_type: 'draft', entity_id: draftId, outcome: 'denied' },
    ]);
    expect((await c.inst.admin.audit.verify({})).auditIntact).toBe(true);
  });
});
