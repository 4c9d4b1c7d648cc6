import type { TestInstallation } from './backend';

type Api = Awaited<ReturnType<TestInstallation['userWith']>>;

/**
 * Everything the centre still holds of the person's property given back against their signature (issue
 * #15 §5), as an exit needs, for tests whose subject is the exit itself. `staff` holds person.write.
 */
export async function propertyReturned(staff: Api, personId: string, episodeId: string, at: number): Promise<void> {
  const { episodes } = await staff.property.list({ personId });
  const held = (episodes.find((e) => e.episodeId === episodeId)?.items ?? []).filter((i) => i.state === 'held').map((i) => i.itemId);
  if (held.length) await staff.property.release({ episodeId, itemIds: held, release: { at: new Date(at).toISOString(), kind: 'returned', acknowledgement: { kind: 'signature' } } });
}
