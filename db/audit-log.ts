import { createHash } from 'node:crypto';
import { toWellFormed } from '../core/well-formed';
import type { ReadQuery, SyncQuery } from './sync-query';

export interface AuditEntry {
  actor: string | null;
  action: string;
  method: string;
  entityType?: string | null;
  entityId?: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail?: string | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  method: string;
  entity_type: string | null;
  entity_id: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** The audit log is hash-chained like the event log, so a removed or edited line shows. */
export function auditHash(prevHash: string, at: string, e: AuditEntry): string {
  const material = JSON.stringify([1, prevHash, at, e.actor, e.action, e.method, e.entityType ?? null, e.entityId ?? null, e.outcome, e.detail ?? null]);
  return createHash('sha256').update(material).digest('hex');
}

const insertSql = `INSERT INTO audit_log (at, actor, action, method, entity_type, entity_id, outcome, detail, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * What is hashed is exactly what SQLite keeps: an audit line records what was tried, even text with a
 * lone surrogate or NUL, so such text is written with U+FFFD in its place rather than hashed raw and
 * stored altered, which made a refused call read as tampering (issue #10).
 */
function recordable(e: AuditEntry): AuditEntry {
  const wf = (s: string | null | undefined) => (typeof s === 'string' ? toWellFormed(s) : (s ?? null));
  return {
    actor: wf(e.actor),
    action: toWellFormed(e.action),
    method: toWellFormed(e.method),
    entityType: wf(e.entityType),
    entityId: wf(e.entityId),
    outcome: e.outcome,
    detail: wf(e.detail),
  };
}

export function appendAudit(q: SyncQuery, prevHash: string, at: string, entry: AuditEntry): string {
  const e = recordable(entry);
  const hash = auditHash(prevHash, at, e);
  q.prepared(insertSql).run(at, e.actor, e.action, e.method, e.entityType ?? null, e.entityId ?? null, e.outcome, e.detail ?? null, prevHash, hash);
  return hash;
}

export function lastAuditHash(q: ReadQuery): string {
  const row = q.prepared('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  return row?.hash ?? '';
}

/** Walks the whole log; returns the first line whose hash does not follow from the one before. */
export function verifyAuditLog(q: ReadQuery): { count: number; firstBrokenSeq: number | null } {
  let prev = '';
  let count = 0;
  for (const row of q.prepared('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    count++;
    const expected = auditHash(prev, row.at, {
      actor: row.actor,
      action: row.action,
      method: row.method,
      entityType: row.entity_type,
      entityId: row.entity_id,
      outcome: row.outcome,
      detail: row.detail,
    });
    if (row.prev_hash !== prev || row.hash !== expected) return { count, firstBrokenSeq: row.seq };
    prev = row.hash;
  }
  return { count, firstBrokenSeq: null };
}
