import { afterEach, describe, expect, it } from 'vitest';
import { refusal } from '../../../helpers/centre';
import { setUpInstallation, type TestInstallation } from '../../../helpers/backend';
import { intakeAt } from '../../../helpers/intake';

/** Issue #11 §5: Arabic script pasted into "Name in Latin letters" was accepted and became the Latin name. */

const open: TestInstallation[] = [];
afterEach(async () => {
  for (const i of open.splice(0)) await i.close();
});
const now = Date.parse('2026-11-23T06:00:00Z');
async function centre() {
  const inst = await setUpInstallation({ now: () => now });
  open.push(inst);
  return { inst, registrar: await inst.userWith(['registrar'], 'registrar') };
}

function counts(inst: TestInstallation) {
  const s = inst.backend.installation.requireStore();
  const n = (t: string) => (s.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { events: n('events'), persons: n('persons'), episodes: n('episodes') };
}

describe('the Latin name refuses another script', () => {
  it('an intake with Arabic script as the Latin name is refused on that field with a translated error, and nothing is saved', async () => {
    const { inst, registrar } = await centre();
    const before = counts(inst);
    const e = await refusal(registrar.intake.submit(intakeAt(now, {}, { names: { original: 'محمد اکرم', latin: 'محمد اکرم', aliases: [] } })));
    expect(e.code).toBe('validation');
    expect(e.fields?.['person.names.latin']?.key).toBe('error.name.latinOnly');
    expect(counts(inst)).toEqual(before);
    // The suggested transliteration is accepted.
    const { personId } = await registrar.intake.submit(intakeAt(now, {}, { names: { original: 'محمد اکرم', latin: 'Muhammad Akram', aliases: [] } }));
    expect((await registrar.persons.view({ personId })).person).toMatchObject({ nameLatin: 'Muhammad Akram', nameOriginal: 'محمد اکرم' });
  });

  it('registering a person with a Cyrillic Latin name is refused, and nothing is saved', async () => {
    const { inst, registrar } = await centre();
    const before = counts(inst);
    const e = await refusal(registrar.persons.register({ details: { names: { original: 'Мухаммад Акрамов', latin: 'Мухаммад Акрамов' }, sex: 'male' } }));
    expect(e.fields?.['details.names.latin']?.key).toBe('error.name.latinOnly');
    expect(counts(inst)).toEqual(before);
  });

  it('a correction cannot put another script into the Latin name; the record keeps its Latin name', async () => {
    const { inst, registrar } = await centre();
    const { personId } = await registrar.intake.submit(intakeAt(now));
    const view = await registrar.persons.view({ personId });
    const before = counts(inst);
    const e = await refusal(registrar.persons.correct({ personId, basedOn: view.lastEventId, changes: { 'names.latin': 'مخمد رحیمی' }, reason: 'pasted from the form' }));
    expect(e.fields?.['changes.names.latin']?.key).toBe('error.name.latinOnly');
    expect(counts(inst)).toEqual(before);
    expect((await registrar.persons.view({ personId })).person.nameLatin).toBe(view.person.nameLatin);
  });
});
