import { describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';
import { contract } from '../../core/contract';
import { personCorrectionChanges } from '../../core/contract/persons';
import { eventCatalog } from '../../core/events';
import { isLatinScript, transliterate } from '../../core/transliterate';

const details = (latin: string) => ({ names: { original: 'محمد اکرم', latin, aliases: [] }, sex: 'male' });

describe('names in Latin letters (issue #11 §5)', () => {
  it('Latin script with Azerbaijani, Turkish and Uzbek letters, hyphens, apostrophes and periods is Latin', () => {
    for (const name of ['Şəhriyar Əliyev', 'Gülçin Öztürk', 'Iğdır Işık', 'Oʻgʻiloy Toʻxtayeva', 'Anne-Marie O’Neil', 'J. R. Smith', 'ÇAĞLAR']) {
      expect(isLatinScript(name), name).toBe(true);
    }
    // Decomposed marks (as some keyboards and PDFs give them) are still Latin.
    expect(isLatinScript('S\u0327ahin')).toBe(true);
  });

  it('Arabic, Persian, Urdu, Cyrillic, Georgian and Armenian letters are not Latin, alone or mixed in', () => {
    for (const name of ['محمد اکرم', 'عمران خان', 'Мухаммад', 'Ali Мухаммад', 'ირაკლი', 'Արամ', 'Ali محمد', 'नरेश', '', ' - ']) {
      expect(isLatinScript(name), name).toBe(false);
    }
  });

  it('Arabic script in the Latin name is refused with a translated error, at intake, registration and correction', () => {
    const intake = contract.intake.submit.input.safeParse({ person: details('محمد اکرم'), apprehension: {} });
    expect(intake.success).toBe(false);
    const issue = intake.error!.issues.find((i) => i.path.join('.') === 'person.names.latin');
    expect(issue?.message).toBe('error.name.latinOnly');

    const registered = contract.persons.register.input.safeParse({ details: details('Мухаммад Акрам') });
    expect(registered.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['details.names.latin', 'error.name.latinOnly']]);
    expect(contract.persons.register.input.safeParse({ details: details('Muhammad Akram') }).success).toBe(true);

    const corrected = personCorrectionChanges.safeParse({ 'names.latin': 'محمد' });
    expect(corrected.error?.issues[0]?.message).toBe('error.name.latinOnly');

    for (const lang of ['az', 'en', 'ru'] as const) expect(catalogs[lang]['error.name.latinOnly']).toBeTruthy();
  });

  it('a recorded event keeps what it holds: a record made before the rule still replays and syncs', () => {
    expect(eventCatalog['person.registered'].payload.safeParse({ details: details('محمد اکرم') }).success).toBe(true);
  });

  it('Cyrillic is transliterated as ICAO 9303 writes it in passports, keeping capitals', () => {
    expect(transliterate('Мухаммад Акрамов')).toBe('Mukhammad Akramov');
    expect(transliterate('ЩУКИН Юрий')).toBe('SHCHUKIN Iurii');
    expect(transliterate('Олександр Петренко-Їжак')).toBe('Oleksandr Petrenko-Izhak');
    expect(transliterate('Наталья Сергеевна')).toBe('Natalia Sergeevna');
  });

  it('Azerbaijani Cyrillic becomes the Azerbaijani Latin alphabet', () => {
    expect(transliterate('Әлијев Шаһин')).toBe('Əliyev Şahin');
    expect(transliterate('Ҹаваншир Гулијев')).toBe('Cavanşir Quliyev');
  });

  it('Arabic, Persian and Urdu names get a suggestion: common names as conventionally spelt, others by their letters', () => {
    expect(transliterate('محمد اکرم')).toBe('Muhammad Akram');
    expect(transliterate('محمد أكرم')).toBe('Muhammad Akram');
    expect(transliterate('مُحَمَّد')).toBe('Muhammad');
    expect(transliterate('عبدالرحمن')).toBe('Abdulrahman');
    expect(transliterate('زرمینه رحیمی')).toBe('Zrmina Rhimi');
    expect(transliterate('کریمی')).toBe('Krimi');
    expect(transliterate('داود')).toBe('Daud');
    expect(transliterate('پرویز')).toBe('Pruiz');
  });

  it('Georgian and Armenian names are transliterated as their passports print them', () => {
    expect(transliterate('ირაკლი გოგიჩაშვილი')).toBe('Irakli Gogichashvili');
    expect(transliterate('Արամ Եղիազարյան')).toBe('Aram Yeghiazaryan');
    expect(transliterate('Ուրախ')).toBe('Urakh');
  });

  it('a script it cannot transliterate gives no suggestion rather than a wrong one', () => {
    expect(transliterate('नरेश कुमार')).toBeNull();
    expect(transliterate('李明')).toBeNull();
    expect(transliterate('Ali नरेश')).toBeNull();
  });

  it('every suggestion is itself a Latin name the contract accepts', () => {
    for (const name of ['محمد اکرم', 'Мухаммад', 'ირაკლი', 'Արամ', 'Әлијев', 'عمران خان', 'ئاراس']) {
      const s = transliterate(name);
      expect(s, name).not.toBeNull();
      expect(isLatinScript(s!), `${name} → ${s}`).toBe(true);
    }
  });
});
