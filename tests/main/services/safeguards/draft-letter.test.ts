import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../../helpers/centre';
import { intakeAt } from '../../../helpers/intake';
import { writtenLetter } from '../../../helpers/safeguards';
import { rightsItems } from '../../../../core/safeguards';

/** Issue #11 §7: the only Urdu letter is an unreviewed draft. */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();

async function urduSpeaker(c: Awaited<ReturnType<ReturnType<typeof useCentre>>>) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(
    intakeAt(c.clock.now, {}, { names: { original: 'عبدالرحمن صدیقی', latin: 'Abdulrahman Siddiqui', aliases: [] }, languages: ['ur', 'en'], nationalities: ['PAK'] }),
  );
  const { useId } = await registrar.safeguards.recordInterpreter({
    personId,
    episodeId,
    use: {
      at: iso(c.clock.now),
      language: 'ur',
      interpreterName: 'S. Qureshi',
      kind: 'contract',
      purpose: 'rights',
      genderPreferenceMet: true,
      affiliationChecked: true,
      affiliatedWithOriginState: false,
    },
  });
  return { registrar, personId, episodeId, useId };
}

describe('a rights letter that is an unreviewed draft', () => {
  it('without the interpreter confirming the translated letter is refused, with a translated reason, and nothing is saved', async () => {
    const c = await centre();
    const { registrar, episodeId, useId } = await urduSpeaker(c);
    const events = c.count('events');
    const rows = c.count('rights_notifications');
    const e = await refusal(registrar.safeguards.notifyRights({ episodeId, notification: { ...writtenLetter(c.clock.now, 'ur'), interpreterUseId: useId } }));
    expect(e.fields?.['notification.interpreterCheckedLetter']?.key).toBe('error.rights.draftNotChecked');
    expect(c.count('events')).toBe(events);
    expect(c.count('rights_notifications')).toBe(rows);
  });

  it('without an interpreter at all is refused, even when the person reads the language', async () => {
    const c = await centre();
    const { registrar, episodeId } = await urduSpeaker(c);
    const events = c.count('events');
    const e = await refusal(registrar.safeguards.notifyRights({ episodeId, notification: { ...writtenLetter(c.clock.now, 'ur'), interpreterCheckedLetter: true } }));
    expect(e.fields?.['notification.interpreterUseId']?.key).toBe('error.rights.draftNeedsInterpreter');
    expect(c.count('events')).toBe(events);
  });

  it('with the confirmation, the notification records that a draft was used, on the card, in the event and in the register extract', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, useId } = await urduSpeaker(c);
    const { notificationId } = await registrar.safeguards.notifyRights({
      episodeId,
      notification: { ...writtenLetter(c.clock.now, 'ur'), interpreterUseId: useId, interpreterCheckedLetter: true },
    });
    const rights = (await registrar.safeguards.panel({ personId })).episodes[0]!.rights[0]!;
    expect(rights).toMatchObject({ notificationId, letterStatus: 'draft', notification: { language: 'ur', interpreterCheckedLetter: true } });
    const event = c.inst.backend.installation.requireStore().eventsFor(notificationId)[0]!;
    expect(JSON.parse(event.payload)).toMatchObject({ letterStatus: 'draft', notification: { interpreterCheckedLetter: true } });
    const day = iso(c.clock.now).slice(0, 10);
    const { lines } = await registrar.register.extract({ from: day, to: day });
    expect(lines.flatMap((l) => l.notes)).toContainEqual({ kind: 'draftRightsLetter', at: rights.notification.at, language: 'ur', interpreterChecked: true });
  });

  it('a reviewed letter in a language the person also understands needs no confirmation and is recorded as reviewed', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await urduSpeaker(c);
    await registrar.safeguards.notifyRights({ episodeId, notification: writtenLetter(c.clock.now, 'en') });
    const rights = (await registrar.safeguards.panel({ personId })).episodes[0]!.rights[0]!;
    expect(rights).toMatchObject({ letterStatus: 'reviewed', notification: { interpreterCheckedLetter: false } });
    const day = iso(c.clock.now).slice(0, 10);
    const { lines } = await registrar.register.extract({ from: day, to: day });
    expect(lines.flatMap((l) => l.notes).filter((n) => n.kind === 'draftRightsLetter')).toEqual([]);
  });

  it('an oral notification has no letter and so no letter status', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, useId } = await urduSpeaker(c);
    await registrar.safeguards.notifyRights({
      episodeId,
      notification: { at: iso(c.clock.now), mode: 'oral', language: 'ur', interpreterUseId: useId, items: [...rightsItems], acknowledgement: { kind: 'mark' }, copyHanded: false },
    });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.rights[0]).toMatchObject({ letterStatus: null });
  });

  it('a notification recorded before the status existed still reads, and takes the status of its letter, also after a rebuild', async () => {
    const c = await centre();
    const { registrar, personId, episodeId } = await urduSpeaker(c);
    const store = c.inst.backend.installation.requireStore();
    const user = store.q.first(store.qb.selectFrom('users').select('user_id'));
    // The payload an older version of the app wrote: no letterStatus, no interpreterCheckedLetter.
    const old = { personId, episodeId, notification: writtenLetter(c.clock.now, 'ur'), templateHash: '0123456789abcdef', verifyCode: 'ABCD-EFGH' };
    store.command({ userId: user!.user_id }, 'test.oldEvent', (tx) => tx.append({ type: 'rights.notified', entityId: 'old-notification', payload: old as never }));
    const read = async () => (await registrar.safeguards.panel({ personId })).episodes[0]!.rights.find((r) => r.notificationId === 'old-notification');
    expect(await read()).toMatchObject({ letterStatus: 'draft', notification: { interpreterCheckedLetter: false } });
    store.rebuildProjections();
    expect(await read()).toMatchObject({ letterStatus: 'draft', notification: { interpreterCheckedLetter: false } });
  });
});
