import { describe, expect, it } from 'vitest';
import { conventionForm, latinize, matcherFor, nameKeys, nameWords, scoreMatch, searchKeys, skeleton } from '../../core/name-matching';
import { documentKeys, documentNumberKey } from '../../core/document-number';

const candidate = (...names: string[]) => ({ names, aliases: [], birthDate: null, nationalities: [] });
/** A search for `query` reads the index rows of `registered`: a pair key, or a word key, in common. */
const retrieves = (query: string, registered: string) => {
  const held = new Set(nameKeys([registered]));
  const { words, pairs } = searchKeys([query]);
  return { byPair: pairs.some((k) => held.has(k)), byWord: words.some((k) => held.has(k)) };
};

describe('name matching across conventions', () => {
  it('Гусейнов finds Hüseynov', () => {
    expect(retrieves('Эльчин Гусейнов', 'Elçin Hüseynov').byPair).toBe(true);
    expect(skeleton(latinize('Гусейнов'))).toBe(skeleton(latinize('Hüseynov')));
    expect(scoreMatch({ names: ['Эльчин Гусейнов'] }, candidate('Elçin Hüseynov')).score).toBeGreaterThan(0.85);
    // …and not everyone: a different surname stays well below.
    expect(scoreMatch({ names: ['Эльчин Гусейнов'] }, candidate('Elçin Məmmədov')).score).toBeLessThan(0.8);
  });

  it('Abdul Rahman finds Abdurrahman', () => {
    for (const written of ['Abdurrahman Yusuf', 'Abdulrahman Yusuf', 'Abd al-Rahman Yusuf', 'Abderrahmane Youssef', 'عبدالرحمن يوسف']) {
      expect(nameWords(latinize(written)).map(skeleton), written).toEqual(['abd', 'rkmn', 'asf']);
      expect(retrieves('Abdul Rahman Yusuf', written).byPair, written).toBe(true);
    }
  });

  it('Azerbaijani h, q, ğ, x and c meet their Russian г, х and дж', () => {
    for (const [az, ru] of <[string, string][]>[
      ['Həsənov', 'Гасанов'],
      ['Qasımov', 'Гасымов'],
      ['Ağayev', 'Агаев'],
      ['Xəlilov', 'Халилов'],
      ['Cəfərov', 'Джафаров'],
      ['Hacıyev', 'Гаджиев'],
    ]) {
      expect(skeleton(latinize(az)), `${az} ${ru}`).toBe(skeleton(latinize(ru)));
    }
  });

  it('feminine endings, patronymics and word order do not break a match', () => {
    expect(conventionForm('Ruslan Vaqif oğlu Hüseynov')).toBe(conventionForm('Huseynov Ruslan'));
    expect(conventionForm('Иван Петрович Сидоров')).toBe(conventionForm('Sidorov Ivan'));
    expect(skeleton(latinize('Алиева'))).toBe(skeleton(latinize('Aliyev')));
    expect(scoreMatch({ names: ['Rahimova Leyla'] }, candidate('Leyla Rəhimova')).score).toBeGreaterThan(0.85);
  });

  it('Persian script without short vowels meets its Latin spellings, ranked by the long vowels it writes', () => {
    const score = matcherFor({ names: ['Hossein Hosseini'] });
    const written = score(candidate('حسین حسینی')).score;
    expect(written).toBeGreaterThan(0.85);
    expect(written).toBeGreaterThan(score(candidate('مصطفی حسینی')).score);
    expect(written).toBeGreaterThan(score(candidate('حسن حسنی')).score);
  });

  it('a name of one word with one consonant still makes pairs with the other words', () => {
    expect(nameKeys(['Leyla Rəhimova'])).toContain('l+rkm');
  });
});

describe('document numbers', () => {
  it('spaces, dashes, case, Cyrillic look-alikes and O for 0 make the same key; short or digitless text none', () => {
    const key = documentNumberKey('C01234567');
    for (const typed of ['c 0123 4567', 'C-O123-4567', 'С01234567', 'C０１２３４５６７']) expect(documentNumberKey(typed), typed).toBe(key);
    expect(documentNumberKey('C01234568')).not.toBe(key);
    expect(documentNumberKey('12')).toBeNull();
    expect(documentNumberKey('Hüseynov')).toBeNull();
    expect(documentKeys('45 06', '123456')).toEqual(['#123456', '#4506123456']);
  });
});

describe('compounds', () => {
  it('-ud-din and -ullah are cut, a Russian surname ending in -din or -la is not', () => {
    expect(nameWords(latinize('Nuruddin'))).toEqual(['nur', 'din']);
    expect(nameWords(latinize('Noureddine'))).toEqual(['nour', 'din']);
    expect(nameWords(latinize('Najibullah'))).toEqual(['najib', 'allah']);
    expect(nameWords(latinize('Borodin'))).toEqual(['borodin']);
    expect(nameWords(latinize('Ivan Kudin'))).toEqual(['ivan', 'kudin']);
  });
});
