import { verifyAuditLog } from '../../db/audit-log';
import type { Handlers } from '../api/router';
import type { ServiceInstallation } from './installation';

export function auditHandlers(inst: ServiceInstallation): Handlers['audit'] {
  return {
    list: (input) => {
      const store = inst.readStore();
      let query = store.qb
        .selectFrom('audit_log')
        .leftJoin('users', 'users.user_id', 'audit_log.actor')
        .select([
          'audit_log.seq',
          'audit_log.at',
          'audit_log.actor',
          'users.display_name as actorName',
          'audit_log.action',
          'audit_log.method',
          'audit_log.entity_type',
          'audit_log.entity_id',
          'audit_log.outcome',
        ])
        .orderBy('audit_log.seq', 'desc')
        .limit(input.limit);
      if (input.beforeSeq) query = query.where('audit_log.seq', '<', input.beforeSeq);
      if (input.entityId) query = query.where('audit_log.entity_id', '=', input.entityId);
      return {
        entries: store.q.all(query).map((r) => ({
          seq: r.seq,
          at: r.at,
          actor: r.actor,
          actorName: r.actorName ?? null,
          action: r.action,
          method: r.method,
          entityType: r.entity_type,
          entityId: r.entity_id,
          outcome: r.outcome,
        })),
      };
    },
    verify: () => {
      const store = inst.requireStore();
      const audit = verifyAuditLog(store.q);
      const chains = store.verifyEventChains();
      return {
        auditEntries: audit.count,
        auditIntact: audit.firstBrokenSeq === null,
        events: chains.events,
        eventChainIntact: chains.intact,
        firstBrokenSeq: audit.firstBrokenSeq,
      };
    },
  };
}
