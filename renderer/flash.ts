import type { MessageKey } from '../core/i18n';

/**
 * One sentence handed from a screen that is left to the screen that opens next ("Intake saved"), so the
 * officer sees that it worked where they land. Read once.
 */
let pending: MessageKey | null = null;

export function setFlash(key: MessageKey): void {
  pending = key;
}

export function takeFlash(): MessageKey | null {
  const k = pending;
  // Cleared after this render, not at once: React's development mode runs state initialisers twice.
  if (k) setTimeout(() => (pending = pending === k ? null : pending), 0);
  return k;
}
