import { removalLockReasons, type RemovalLockReason } from '../core/non-refoulement';
import type { MessageKey } from '../core/i18n';

/** Why removal is held, in a few words for lists of people (the person page says it in full: removalLockLabel). */
export const holdReasonLabel: Record<RemovalLockReason, MessageKey> = {
  asylum_pending: 'hold.asylum_pending',
  refugee: 'hold.refugee',
  trafficking: 'hold.trafficking',
  not_cleared: 'hold.not_cleared',
  no_check: 'hold.no_check',
  restricted: 'hold.restricted',
};

export function isRemovalLockReason(s: string): s is RemovalLockReason {
  return (removalLockReasons as readonly string[]).includes(s);
}
