import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../../../helpers/centre';
import { hour, intakeAt } from '../../../helpers/intake';
import { writtenLetter } from '../../../helpers/safeguards';

/**
 * Issue #11 §3, docs/domain.md §5 rule 2: admission is final only once the rights reached the person
 * or a recorded reason explains the delay. Every read that says where a detention stands (the person
 * page, the register, the safeguards panel, the due-now board) gives the same derived status.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();

async function admitted(c: Awaited<ReturnType<ReturnType<typeof useCentre>>>) {
  const registrar = await c.as('registrar');
  const { personId, episodeId } = await registrar.intake.submit(intakeAt(c.clock.now));
  const everywhere = async () => {
    const episode = (await registrar.persons.view({ personId })).episodes[0]!;
    const row = (await registrar.register.list({})).rows.find((r) => r.episodeId === episodeId)!;
    const panel = (await registrar.safeguards.panel({ personId })).episodes[0]!;
    const due = (await registrar.dueNow.list({})).items.find((i) => i.episodeId === episodeId && i.kind === 'rights_notification');
    return { episode: episode.admission, row: row.admission, panel: panel.admission, panelFinal: panel.admissionFinal, due };
  };
  return { registrar, personId, episodeId, everywhere };
}

describe('one admission status, everywhere', () => {
  it('an admitted person whose rights were not yet explained is "rights pending" on the person page, the register, the panel and the due-now board alike', async () => {
    const c = await centre();
    const { everywhere } = await admitted(c);
    const s = await everywhere();
    const pending = { state: 'ACTIVE', gate: 'rights_pending', admissionFinal: false, qualified: true, delayReason: null };
    expect(s.episode).toMatchObject(pending);
    expect(s.row).toEqual(s.episode);
    expect(s.panel).toEqual(s.episode);
    expect(s.panelFinal).toBe(false);
    expect(s.due?.admission).toEqual(s.episode);
  });

  it('a recorded reason (no interpreter yet) makes the admission final everywhere, and the due-now rights item, still owed, carries the reason', async () => {
    const c = await centre();
    const { registrar, episodeId, everywhere, personId } = await admitted(c);
    await registrar.safeguards.recordRightsDelay({ episodeId, delay: { at: iso(c.clock.now), reason: 'no_interpreter', note: 'No Urdu interpreter before tomorrow' } });
    const s = await everywhere();
    expect(s.episode).toMatchObject({ gate: 'delay_explained', admissionFinal: true, qualified: true, delayReason: 'no_interpreter', delayAt: iso(c.clock.now) });
    expect(s.row).toEqual(s.episode);
    expect(s.panel).toEqual(s.episode);
    expect(s.panelFinal).toBe(true);
    expect(s.due).toMatchObject({ kind: 'rights_notification', admission: { gate: 'delay_explained', delayReason: 'no_interpreter' } });
    expect((await registrar.safeguards.panel({ personId })).episodes[0]!.rightsDelay).toMatchObject({ reason: 'no_interpreter', note: 'No Urdu interpreter before tomorrow' });
  });

  it('a notification that reached the person makes the word plain everywhere, and the rights item leaves the board', async () => {
    const c = await centre();
    const { registrar, episodeId, everywhere } = await admitted(c);
    await registrar.safeguards.recordRightsDelay({ episodeId, delay: { at: iso(c.clock.now), reason: 'no_interpreter' } });
    await c.advance(hour);
    await registrar.safeguards.notifyRights({
      episodeId,
      notification: writtenLetter(c.clock.now),
    });
    const s = await everywhere();
    expect(s.episode).toMatchObject({ gate: 'final', admissionFinal: true, qualified: false, delayReason: null });
    expect(s.row).toEqual(s.episode);
    expect(s.panel).toEqual(s.episode);
    expect(s.due).toBeUndefined();
  });

  it('the delay is an event in the log and the audit log, and shows in the person timeline', async () => {
    const c = await centre();
    const { registrar, episodeId, personId } = await admitted(c);
    const { eventId } = await registrar.safeguards.recordRightsDelay({ episodeId, delay: { at: iso(c.clock.now), reason: 'not_fit' } });
    const store = c.inst.backend.installation.requireStore();
    expect(store.eventsFor(episodeId).map((e) => e.type)).toContain('rights.delayed');
    const audit = store.sqlite.prepare("SELECT outcome FROM audit_log WHERE method = 'safeguards.recordRightsDelay'").all() as { outcome: string }[];
    expect(audit).toContainEqual({ outcome: 'ok' });
    expect((await registrar.persons.view({ personId })).history.map((h) => h.eventId)).toContain(eventId);
  });

  it('a delay after the rights were explained, an "other" reason without words, or a time in the future is refused with a translated reason and changes nothing', async () => {
    const c = await centre();
    const { registrar, episodeId } = await admitted(c);
    const events = c.count('events');
    const other = await refusal(registrar.safeguards.recordRightsDelay({ episodeId, delay: { at: iso(c.clock.now), reason: 'other' } }));
    expect(other.fields?.['delay.note']?.key ?? other.messageKey).toBe('error.rights.delayNoteRequired');
    const future = await refusal(registrar.safeguards.recordRightsDelay({ episodeId, delay: { at: iso(c.clock.now + 2 * hour), reason: 'no_interpreter' } }));
    expect(future.fields?.['delay.at']).toBeDefined();
    expect(c.count('events')).toBe(events);
    await registrar.safeguards.notifyRights({
      episodeId,
      notification: writtenLetter(c.clock.now),
    });
    const after = c.count('events');
    const late = await refusal(registrar.safeguards.recordRightsDelay({ episodeId, delay: { at: iso(c.clock.now), reason: 'no_interpreter' } }));
    expect(late.messageKey).toBe('error.rights.delayAfterNotice');
    expect(c.count('events')).toBe(after);
  });

  it('a reader without person.write may not record a delay', async () => {
    const c = await centre();
    const { episodeId } = await admitted(c);
    const legal = await c.as('legal_aid_officer');
    const denied = await refusal(legal.safeguards.recordRightsDelay({ episodeId, delay: { at: iso(c.clock.now), reason: 'no_interpreter' } }));
    expect(denied.code).toBe('forbidden');
  });
});
