import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';

const centre = useCentre();
const hqs = useHq();

async function twoDevicesAndHq() {
  const hq = await hqs.start();
  const a = await centre();
  const b = await centre();
  for (const d of [a, b]) await d.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
  const regA = await a.as('registrar');
  const regB = await b.as('registrar');
  const { personId } = await regA.intake.submit(intakeAt(a.clock.now));
  await regA.sync.run();
  await regB.sync.run();
  return { a, b, regA, regB, personId };
}

describe('concurrent corrections', () => {
  it('two corrections of one field from the same version conflict on every device, both values shown, until resolved', async () => {
    const { a, b, regA, regB, personId } = await twoDevicesAndHq();
    const version = (await regA.persons.view({ personId })).lastEventId;
    expect((await regB.persons.view({ personId })).lastEventId).toBe(version);
    await regA.persons.correct({ personId, basedOn: version, changes: { 'names.latin': 'Mohammad Rahimi' }, reason: 'Passport, page 2' });
    await b.advance(60_000);
    await regB.persons.correct({ personId, basedOn: version, changes: { 'names.latin': 'Muhammad Rahimi' }, reason: 'Asylum card' });
    await regA.sync.run();
    await regB.sync.run();
    await regA.sync.run();
    const onA = await regA.persons.view({ personId });
    const onB = await regB.persons.view({ personId });
    for (const view of [onA, onB]) {
      expect(view.conflicts).toHaveLength(1);
      expect(view.conflicts[0]!.field).toBe('names.latin');
      expect(view.conflicts[0]!.candidates.map((c) => c.value).sort()).toEqual(['Mohammad Rahimi', 'Muhammad Rahimi']);
    }
    // The same value is displayed everywhere while the conflict is open (the later clock), never decided by it.
    expect(onA.person.nameLatin).toBe(onB.person.nameLatin);
    // Nobody can quietly "fix" it with another correction.
    const e = await refusal(regA.persons.correct({ personId, basedOn: onA.lastEventId, changes: { 'names.latin': 'X' }, reason: 'r' }));
    expect(e.messageKey).toBe('error.correction.fieldConflicted');
    expect((await refusal(regA.conflicts.resolve({ entityType: 'person', entityId: personId, field: 'names.latin', value: 'Mohammad Rahimi', reason: 'r' }))).code).toBe('forbidden');
    const head = await a.as('centre_head');
    await head.conflicts.resolve({ entityType: 'person', entityId: personId, field: 'names.latin', value: 'Mohammad Rahimi', reason: 'Passport is the primary document' });
    await regA.sync.run();
    await regB.sync.run();
    for (const reg of [regA, regB]) {
      const v = await reg.persons.view({ personId });
      expect(v.conflicts).toEqual([]);
      expect(v.person.nameLatin).toBe('Mohammad Rahimi');
      expect(v.history.map((h) => h.type).filter((t) => t !== 'person.registered')).toEqual(expect.arrayContaining(['person.corrected', 'person.corrected', 'record.conflictResolved']));
    }
  });

  it('concurrent corrections of different fields both apply without a conflict', async () => {
    const { regA, regB, personId } = await twoDevicesAndHq();
    const version = (await regA.persons.view({ personId })).lastEventId;
    await regA.persons.correct({ personId, basedOn: version, changes: { 'names.latin': 'Mohammad Rahimi' }, reason: 'Passport' });
    await regB.persons.correct({ personId, basedOn: version, changes: { 'birth.date': '1991-03-15' }, reason: 'Passport' });
    await regA.sync.run();
    await regB.sync.run();
    await regA.sync.run();
    for (const reg of [regA, regB]) {
      const v = await reg.persons.view({ personId });
      expect(v.conflicts).toEqual([]);
      expect(v.person).toMatchObject({ nameLatin: 'Mohammad Rahimi', birthDate: '1991-03-15' });
    }
  });

  it('a correction made after seeing the other is not a conflict', async () => {
    const { regA, regB, personId } = await twoDevicesAndHq();
    await regA.persons.correct({ personId, basedOn: (await regA.persons.view({ personId })).lastEventId, changes: { 'names.latin': 'Mohammad Rahimi' }, reason: 'Passport' });
    await regA.sync.run();
    await regB.sync.run();
    await regB.persons.correct({ personId, basedOn: (await regB.persons.view({ personId })).lastEventId, changes: { 'names.latin': 'Mohammad Rahimi Jan' }, reason: 'Full name' });
    await regB.sync.run();
    await regA.sync.run();
    for (const reg of [regA, regB]) {
      const v = await reg.persons.view({ personId });
      expect(v.conflicts).toEqual([]);
      expect(v.person.nameLatin).toBe('Mohammad Rahimi Jan');
    }
  });

  it('rebuilding from the log gives the same conflicts', async () => {
    const { a, regA, regB, personId } = await twoDevicesAndHq();
    const version = (await regA.persons.view({ personId })).lastEventId;
    await regA.persons.correct({ personId, basedOn: version, changes: { sex: 'female' }, reason: 'r1' });
    await regB.persons.correct({ personId, basedOn: version, changes: { sex: 'other' }, reason: 'r2' });
    await regB.sync.run();
    await regA.sync.run();
    const store = a.inst.backend.installation.requireStore();
    const snapshot = () => [store.sqlite.prepare('SELECT * FROM field_heads ORDER BY 1, 2, 3').all(), store.sqlite.prepare('SELECT * FROM persons').all()];
    const before = snapshot();
    store.rebuildProjections();
    expect(snapshot()).toEqual(before);
  });
});
