import type { Client } from '../../core/contract/client';

const allRights = ['reasons', 'legal_basis_and_term', 'legal_aid', 'interpreter', 'consular', 'asylum', 'complaint_and_appeal', 'medical', 'family_contact', 'ombudsman'] as const;

/**
 * Records every first-hour safeguard for an episode (screening, rights in Russian, consular notice
 * sent, legal aid waived), so a test about something else sees only the obligations it is about.
 */
export async function completeFirstHour(api: Client, episodeId: string, at: number, states = ['AFG']): Promise<void> {
  const iso = new Date(at).toISOString();
  await api.vulnerability.screen({ episodeId, screening: { at: iso } });
  await api.safeguards.notifyRights({
    episodeId,
    notification: {
      at: iso,
      mode: 'written',
      language: 'ru',
      templateId: 'rights-letter',
      templateVersion: '2026-11-01',
      items: [...allRights],
      acknowledgement: { kind: 'signature' },
      copyHanded: true,
    },
  });
  const { noticeId } = await api.safeguards.openConsular({ episodeId, open: { states, informedAt: iso, wish: 'requests' } });
  await api.safeguards.sendConsular({ noticeId, sent: { at: iso, mission: 'Embassy', channel: 'note_verbale', reference: `N-${episodeId.slice(0, 6)}` } });
  await api.safeguards.waiveLegalAid({ episodeId, at: iso, witness: 'Duty officer' });
}
