import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonDetails } from '../../../core/person';
import { personKeysMeta, personKeysVersion } from '../../../db/projections/persons';
import { Store } from '../../../db/store';
import { findMatches } from '../../../main/services/name-search';
import { setUpInstallation, tempDir, type TestInstallation } from '../../helpers/backend';
import { intakeAt } from '../../helpers/intake';

const open: TestInstallation[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const i of open.splice(0)) await i.close();
  for (const c of cleanups.splice(0)) c();
});
const now = Date.parse('2026-11-23T06:00:00Z');
async function centre() {
  const inst = await setUpInstallation({ now: () => now });
  open.push(inst);
  return { inst, registrar: await inst.userWith(['registrar'], 'registrar') };
}

const details = (original: string, latin: string): PersonDetails => ({
  names: { original, latin, aliases: [] },
  sex: 'male',
  nationalities: [],
  stateless: false,
  languages: [],
});

describe('persons.search by name', () => {
  it('a query sharing no word pair still finds the person', async () => {
    const { registrar } = await centre();
    const { person } = await registrar.persons.register({ details: { names: { original: 'Igor Chernyshev', latin: 'Igor Chernyshev' }, sex: 'male', nationalities: ['RUS'] } });
    await registrar.persons.register({ details: { names: { original: 'Oleg Sokolov', latin: 'Oleg Sokolov' }, sex: 'male', nationalities: ['RUS'] } });
    // French-style Tchernychev shares no skeleton with Chernyshev (tjrnj / jrns): no pair key is held.
    const { matches } = await registrar.persons.search({ query: 'Igor Tchernychev' });
    expect(matches.map((m) => m.person.personId)).toContain(person.personId);
    expect(matches.map((m) => m.person.nameLatin)).not.toContain('Oleg Sokolov');
  });

  it("Гусейнов finds Hüseynov, and Abdul Rahman finds Abdurrahman, through the registrar's search", async () => {
    const { registrar } = await centre();
    const elchin = (await registrar.persons.register({ details: { names: { original: 'Elçin Hüseynov', latin: 'Elçin Hüseynov' }, sex: 'male', nationalities: ['AZE'] } })).person;
    const abdurrahman = (await registrar.persons.register({ details: { names: { original: 'Abdurrahman Yusuf', latin: 'Abdurrahman Yusuf' }, sex: 'male', nationalities: ['SYR'] } })).person;
    expect((await registrar.persons.search({ query: 'Эльчин Гусейнов' })).matches[0]?.person.personId).toBe(elchin.personId);
    expect((await registrar.persons.search({ query: 'Abdul Rahman Yusuf' })).matches[0]?.person.personId).toBe(abdurrahman.personId);
    expect((await registrar.persons.search({ query: 'عبد الرحمن يوسف' })).matches[0]?.person.personId).toBe(abdurrahman.personId);
  });
});

describe('persons.search by document number', () => {
  it('a passport number typed with spaces and O for 0 finds the person, with the reason, and the search is audited', async () => {
    const { inst, registrar } = await centre();
    const { personId } = await registrar.intake.submit(intakeAt(now, { documents: [{ type: 'passport', series: 'C', number: '01234567', issuingState: 'AZE', verification: 'unverified' }] }));
    const store = inst.backend.installation.requireStore();
    const audits = () => (store.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_type = 'person_search'").get() as { n: number }).n;
    const before = audits();
    for (const typed of ['c o123 4567', 'C-O1234567', 'O123-45-67', 'С01234567' /* Cyrillic С */]) {
      const { matches } = await registrar.persons.search({ query: typed });
      expect(matches[0]?.person.personId, typed).toBe(personId);
      expect(matches[0]?.reasons).toEqual(['same_document']);
    }
    expect(audits()).toBe(before + 4);
    expect((await registrar.persons.search({ query: '0123 4568' })).matches.map((m) => m.reasons)).not.toContainEqual(['same_document']);
  });

  it('a corrected document number is found by the new number and no longer by the old one', async () => {
    const { inst, registrar } = await centre();
    const { personId } = await registrar.intake.submit(intakeAt(now));
    const view = await registrar.persons.view({ personId });
    const doc = view.documents[0]!;
    const store = inst.backend.installation.requireStore();
    expect((await registrar.persons.search({ query: 'P 0123456' })).matches[0]?.reasons).toEqual(['same_document']);
    // No screen corrects a document yet; the event is the one a correction records (and sync brings).
    store.command({ userId: 'test' }, 'test.correct', (tx) =>
      tx.append({ type: 'document.corrected', entityId: doc.documentId, payload: { changes: { number: '7654321' }, reason: 'Misread at intake' } }),
    );
    expect((await registrar.persons.search({ query: '765 4321' })).matches[0]?.person.personId).toBe(personId);
    expect((await registrar.persons.search({ query: 'P0123456' })).matches.some((m) => m.reasons.includes('same_document'))).toBe(false);
  });
});

describe("the intake's duplicate check", () => {
  it('finds the person holding a document number typed differently, first, with the reason', async () => {
    const { registrar } = await centre();
    const { personId } = await registrar.intake.submit(intakeAt(now, { documents: [{ type: 'passport', series: 'C', number: '01234567', issuingState: 'AZE', verification: 'unverified' }] }));
    const { matches } = await registrar.intake.checkDuplicates({ names: { original: 'Samir Qasımov', latin: 'Samir Qasimov', aliases: [] }, documentNumbers: ['C O123 4567'] });
    expect(matches[0]?.person.personId).toBe(personId);
    expect(matches[0]?.reasons).toEqual(['same_document']);
    expect((await registrar.intake.checkDuplicates({ names: { original: 'Samir Qasımov', latin: 'Samir Qasimov', aliases: [] } })).matches.map((m) => m.person.personId)).not.toContain(personId);
  });
});

describe('the name index of an existing store', () => {
  it('is rebuilt on open when it was written by older name keys', () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const path = join(dir.path, 'store.db');
    const key = randomBytes(32);
    let store = Store.create(path, key, 'Desk', { facility_name: 'Centre' });
    const personId = randomUUID();
    store.command({ userId: 'test' }, 'test.register', (tx) => tx.append({ type: 'person.registered', entityId: personId, payload: { details: details('Elçin Hüseynov', 'Elçin Hüseynov') } }));
    // As an older release left it: keys of its own making, and its version.
    store.sqlite.exec("DELETE FROM person_name_keys; INSERT INTO person_name_keys (key, person_id) SELECT 'hsnv', person_id FROM persons");
    store.sqlite.prepare('UPDATE meta SET value = ? WHERE key = ?').run('names 1, documents 0', personKeysMeta);
    expect(findMatches(store, { names: ['Эльчин Гусейнов'] }, 5)).toEqual([]);
    store.close();

    store = Store.open(path, key);
    try {
      expect(store.meta(personKeysMeta)).toBe(personKeysVersion);
      expect(findMatches(store, { names: ['Эльчин Гусейнов'] }, 5)[0]?.person.personId).toBe(personId);
    } finally {
      store.close();
    }
  });
});
