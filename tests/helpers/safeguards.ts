import type { Client } from '../../core/contract/client';

import { rightsItems } from '../../core/safeguards';

/**
 * A written letter of rights handed over at `at`, every right explained and signed for, in `language`
 * (Russian unless said): the notification most tests record on the way to what they are about.
 */
export const writtenLetter = (at: number, language = 'ru') => ({
  at: new Date(at).toISOString(),
  mode: 'written' as const,
  language,
  templateId: 'rights-letter',
  templateVersion: '2026-11-01',
  items: [...rightsItems],
  acknowledgement: { kind: 'signature' as const },
  copyHanded: true,
});

/**
 * Records every first-hour safeguard for an episode (screening, rights in Russian, consular notice
 * sent, legal aid waived), so a test about something else sees only the obligations it is about.
 */
export async function completeFirstHour(api: Client, episodeId: string, at: number, states = ['AFG']): Promise<void> {
  const iso = new Date(at).toISOString();
  await api.vulnerability.screen({ episodeId, screening: { at: iso } });
  await api.safeguards.notifyRights({ episodeId, notification: writtenLetter(at) });
  const { noticeId } = await api.safeguards.openConsular({ episodeId, open: { states, informedAt: iso, wish: 'requests' } });
  await api.safeguards.sendConsular({ noticeId, sent: { at: iso, mission: 'Embassy', channel: 'note_verbale', reference: `N-${episodeId.slice(0, 6)}` } });
  await api.safeguards.waiveLegalAid({ episodeId, at: iso, witness: 'Duty officer' });
}
