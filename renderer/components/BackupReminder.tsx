import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api } from '../api';
import { href } from '../routes';
import '../styles/sync.css';

/**
 * The daily reminder (issue #13 §4): when no backup was taken in the last 24 hours the header says so,
 * beside the sync state, as a link to the backup screen. Nothing shows while a backup is recent.
 */
export function BackupReminder() {
  const intl = useIntl();
  const status = useQuery({ queryKey: ['backupStatus'], queryFn: () => api.backup.status(), refetchInterval: 5 * 60_000 });
  const s = status.data;
  if (!s || !s.due || s.running) return null;
  const text = intl.formatMessage({ id: s.lastBackupAt ? 'backup.indicator.due' : 'backup.indicator.never' });
  return (
    <a href={href({ name: 'backup' })} className="sync-indicator sync-indicator--problem">
      <span className="sync-indicator__dot" aria-hidden="true" />
      <span>{text}</span>
    </a>
  );
}
