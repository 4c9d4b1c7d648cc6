import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { MessageKey } from '../../core/i18n';
import { api } from '../api';
import { href } from '../routes';
import '../styles/sync.css';

/** How long ago, in the largest whole unit the officer would say aloud ("5 minutes ago", "yesterday"). */
function ago(intl: ReturnType<typeof useIntl>, iso: string, now: number): string | null {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (seconds < 60) return null;
  if (seconds < 3600) return intl.formatRelativeTime(-Math.floor(seconds / 60), 'minute', { numeric: 'auto' });
  if (seconds < 86_400) return intl.formatRelativeTime(-Math.floor(seconds / 3600), 'hour', { numeric: 'auto' });
  return intl.formatRelativeTime(-Math.floor(seconds / 86_400), 'day', { numeric: 'auto' });
}

/**
 * The network shows here and nowhere else (offline is normal): the last sync and what is waiting, as
 * a link to the sync screen. It shares the sync screen's query, which polls faster while that is open.
 */
export function SyncIndicator() {
  const intl = useIntl();
  const status = useQuery({ queryKey: ['syncStatus'], queryFn: () => api.sync.status(), refetchInterval: 30_000 });
  const s = status.data;
  if (!s) return null;
  const t = (id: MessageKey, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  let state: string;
  let tone: 'ok' | 'quiet' | 'problem' = 'quiet';
  if (!s.enrolled) state = t('sync.indicator.notEnrolled');
  else if (s.running) state = t('sync.indicator.running');
  else if (s.lastOutcome === 'offline') state = t('sync.indicator.offline');
  else if (s.lastOutcome === 'failed') {
    state = t('sync.indicator.problem');
    tone = 'problem';
  } else if (s.lastSuccessAt) {
    const when = ago(intl, s.lastSuccessAt, Date.now());
    state = when ? t('sync.indicator.synced', { ago: when }) : t('sync.indicator.justNow');
    tone = 'ok';
  } else state = t('sync.indicator.never');
  const text = s.enrolled && s.pending > 0 ? `${state} · ${t('sync.indicator.waiting', { count: s.pending })}` : state;
  return (
    <a href={href({ name: 'sync' })} className={`sync-indicator sync-indicator--${tone}`} aria-label={t('sync.indicator.label', { state: text })}>
      <span className="sync-indicator__dot" aria-hidden="true" />
      <span>{text}</span>
    </a>
  );
}
