import { useEffect, useState } from 'react';
import { localInputToIso, nowLocalInput } from '../datetime';
import { useTimeZone } from '../i18n';

/**
 * The clock of a form: `now` is the facility's wall-clock minute when the form opened (what its time
 * boxes start at), `iso` turns a wall-clock time typed in the facility's zone into the instant sent.
 * With `keepInstant`, a time left at its default means "now": it is sent as the moment of saving, to the
 * second, so that a notification made right after a change of status is not taken as coming before it.
 */
export function useFormClock({ keepInstant = false }: { keepInstant?: boolean } = {}): { now: string; iso(local: string): string | undefined } {
  const zone = useTimeZone();
  const [now] = useState(() => nowLocalInput(zone));
  const iso = (local: string) => (keepInstant && local === now ? new Date().toISOString() : localInputToIso(local, zone));
  return { now, iso };
}

/** The clock a screen's "how long ago" and "overdue by" follow; it moves on its own every half minute. */
export function useTickingNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
