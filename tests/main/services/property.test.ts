import { describe, expect, it } from 'vitest';
import { propertyFigures } from '../../../main/services/property';
import { refusal, useCentre } from '../../helpers/centre';
import { hour, intakeAt } from '../../helpers/intake';

/**
 * The property register through the real client (issue #15 §5): the admission's items, money added later,
 * the acknowledgement and its receipt, the exit refused while anything is held, return, hand-over and
 * retention with a reason, and the figures.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
type Centre = Awaited<ReturnType<ReturnType<typeof useCentre>>>;

async function admitted(c: Centre, languages = ['fa', 'ru']) {
  const registrar = await c.as('registrar');
  const start = c.clock.now;
  const { episodeId, personId } = await registrar.intake.submit(intakeAt(start, {}, { languages }));
  await c.advance(hour);
  return { registrar, episodeId, personId, start };
}

// An escape: no other exit rule (a medical examination before leaving, a handover) stands before the property's.
const exit = (at: number) => ({ episodeId: '', exit: { type: 'escaped' as const, at: iso(at), basis: 'Absent at the evening count' } });

describe('property (issue #15 §5)', () => {
  it("the admission's items are in the register, money is added with its amount, and the person acknowledges them all", async () => {
    const c = await centre();
    const { registrar, episodeId, personId, start } = await admitted(c);
    const { itemIds } = await registrar.property.recordItems({
      episodeId,
      record: { takenAt: iso(start), source: 'admission', items: [{ kind: 'money', description: 'Cash', quantity: 1, amount: '120.50', currency: 'usd', storage: 'Safe 2' }] },
    });
    const { ackId } = await registrar.property.acknowledge({ episodeId, acknowledgement: { at: iso(c.clock.now), acknowledgement: { kind: 'signature' }, language: 'ru' } });
    const [ep] = (await registrar.property.list({ personId })).episodes;
    expect(ep!.held).toBe(2);
    expect(ep!.items.map((i) => [i.description, i.source, i.kind, i.amount, i.currency, i.state, i.acknowledged])).toEqual([
      ['Mobile phone', 'admission', 'item', null, null, 'held', true],
      ['Cash', 'admission', 'money', '120.50', 'USD', 'held', true],
    ]);
    const receipt = await registrar.property.receipt({ ackId });
    expect(receipt).toMatchObject({ languages: ['ru'], fallback: false, nameLatin: 'Mukhammad Rakhimi' });
    expect(receipt.items.map((i) => i.itemId)).toEqual([`${episodeId}:0`, itemIds[0]]);
  });

  it('a receipt in a language it has no wording for prints in az, en and ru, and is acknowledged only after an interpreter read it', async () => {
    const c = await centre();
    const { registrar, episodeId } = await admitted(c);
    const acknowledgement = { at: iso(c.clock.now), acknowledgement: { kind: 'mark' as const }, language: 'fa' };
    const e = await refusal(registrar.property.acknowledge({ episodeId, acknowledgement }));
    expect(e.messageKey).toBe('error.property.receiptNeedsInterpreter');
    expect(c.count('property_acknowledgements')).toBe(0);
    const { ackId } = await registrar.property.acknowledge({ episodeId, acknowledgement: { ...acknowledgement, interpreterName: 'N. Ahmadi' } });
    expect(await registrar.property.receipt({ ackId })).toMatchObject({ languages: ['az', 'en', 'ru'], fallback: true });
  });

  it('an exit with property still held is refused, naming the count, until each item is returned or accounted for', async () => {
    const c = await centre();
    const { registrar, episodeId, personId, start } = await admitted(c);
    const { itemIds } = await registrar.property.recordItems({
      episodeId,
      record: { takenAt: iso(start + 30 * 60_000), source: 'later', reason: 'Parcel from family kept in storage', items: [{ kind: 'item', description: 'Knife', quantity: 1 }] },
    });
    const e = await refusal(registrar.episodes.close({ ...exit(c.clock.now), episodeId }));
    expect(e.messageKey).toBe('error.property.heldAtExit');
    expect(e.params).toEqual({ count: 2 });
    await registrar.property.release({
      episodeId,
      itemIds: [`${episodeId}:0`],
      release: { at: iso(c.clock.now), kind: 'returned', acknowledgement: { kind: 'signature' } },
    });
    expect((await refusal(registrar.episodes.close({ ...exit(c.clock.now), episodeId }))).params).toEqual({ count: 1 });
    // A reason to keep it needs to whom it goes when it is evidence.
    const noTo = await refusal(registrar.property.release({ episodeId, itemIds, release: { at: iso(c.clock.now), kind: 'retained', retainReason: 'evidence' } }));
    expect(noTo.fields?.['release.to']?.key).toBe('error.property.retainNeedsRecipient');
    await registrar.property.release({ episodeId, itemIds, release: { at: iso(c.clock.now), kind: 'retained', retainReason: 'evidence', to: 'Police evidence store, case 14/2026' } });
    await registrar.episodes.close({ ...exit(c.clock.now), episodeId });
    const items = (await registrar.property.list({ personId })).episodes[0]!.items;
    expect(items.map((i) => i.state)).toEqual(['returned', 'retained']);
  });

  it('an item already returned cannot be returned again, and a return needs the signature', async () => {
    const c = await centre();
    const { registrar, episodeId } = await admitted(c);
    const itemIds = [`${episodeId}:0`];
    expect((await refusal(registrar.property.release({ episodeId, itemIds, release: { at: iso(c.clock.now), kind: 'returned' } }))).fields?.['release.acknowledgement']?.key).toBe(
      'error.property.signatureRequired',
    );
    await registrar.property.release({ episodeId, itemIds, release: { at: iso(c.clock.now), kind: 'handed_over', to: 'Brother, Ahmad Rahimi', acknowledgement: { kind: 'signature' } } });
    expect((await refusal(registrar.property.release({ episodeId, itemIds, release: { at: iso(c.clock.now), kind: 'returned', acknowledgement: { kind: 'signature' } } }))).messageKey).toBe(
      'error.property.notHeld',
    );
  });

  it('money without an amount and a later item without a reason are refused', async () => {
    const c = await centre();
    const { registrar, episodeId } = await admitted(c);
    const money = await refusal(
      registrar.property.recordItems({ episodeId, record: { takenAt: iso(c.clock.now), source: 'admission', items: [{ kind: 'money', description: 'Cash', quantity: 1 }] } }),
    );
    expect(money.fields?.['record.items.0.amount']?.key).toBe('error.property.moneyNeedsAmount');
    const later = await refusal(registrar.property.recordItems({ episodeId, record: { takenAt: iso(c.clock.now), source: 'later', items: [{ kind: 'item', description: 'Book', quantity: 1 }] } }));
    expect(later.fields?.['record.reason']?.key).toBe('error.property.reasonForLater');
    expect(c.count('property_items')).toBe(1);
  });

  it('a correction of the admission list rewords what is still held and keeps what was returned', async () => {
    const c = await centre();
    const { registrar, episodeId, personId } = await admitted(c);
    const ep = (await registrar.persons.view({ personId })).episodes.find((e) => e.episodeId === episodeId)!;
    await registrar.episodes.correct({
      episodeId,
      basedOn: ep.lastEventId,
      changes: {
        property: [
          { item: 'Mobile phone Nokia', quantity: 1 },
          { item: 'Belt', quantity: 1 },
        ],
      },
      reason: 'Inventory completed',
    });
    const items = (await registrar.property.list({ personId })).episodes[0]!.items;
    expect(items.map((i) => i.description)).toEqual(['Mobile phone Nokia', 'Belt']);
  });

  it('the figures count people with property held now and exits that left property not returned, by reason', async () => {
    const c = await centre();
    const a = await admitted(c);
    await a.registrar.property.release({ episodeId: a.episodeId, itemIds: [`${a.episodeId}:0`], release: { at: iso(c.clock.now), kind: 'retained', retainReason: 'left_without' } });
    await a.registrar.episodes.close({ ...exit(c.clock.now), episodeId: a.episodeId });
    await a.registrar.intake.submit(intakeAt(c.clock.now, {}, { names: { original: 'Ali Karimi', latin: 'Ali Karimi', aliases: [] } }));
    const store = c.inst.backend.installation.requireStore();
    const f = propertyFigures(store, '2026-11-23', '2026-11-23');
    expect(f).toMatchObject({ peopleHeldNow: 1, itemsHeldNow: 1, itemsTaken: 2, exits: 1, exitsWithPropertyNotReturned: 1 });
    expect(f.itemsNotReturnedByReason).toMatchObject({ left_without: 1, evidence: 0, unrecorded: 0 });
  });
});
