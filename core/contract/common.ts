import { z } from 'zod';
import { text } from '../fields';

/** Shapes many namespaces share: ids, the empty input, the plain answers, a correction. */

export const id = z.string().min(1).max(100);
export const empty = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
/** What a recording method answers: the event it appended. */
export const recorded = z.object({ eventId: z.string() });
export const personAudit = (kind: 'read' | 'change') => ({ kind, entityType: 'person', entityId: (i: { personId: string }) => i.personId });
/** A correction: the changed fields, why, and the version it corrects (a stale one is refused). */
export const correction = <T extends z.ZodType>(changes: T) => z.object({ changes, reason: text(1000), basedOn: id }).strict();
