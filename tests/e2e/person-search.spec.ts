import { expect, test } from '@playwright/test';
import { centre, inLocale, registrar, rpc, signInInEnglish } from './centre';
import { shot, watchConsole, type Preview } from './preview';

/**
 * Issue #14 §1: the record that stays in a merge is found by its passport number as typed from a
 * photocopy (spaces, O for 0), shown with the reason "same document number" in az, en and ru.
 */
let preview: Preview;

test.beforeAll(async ({ playwright }) => {
  preview = await centre(playwright);
});

test.afterAll(async () => {
  await preview?.stop();
});

test('a passport number typed with spaces and O for 0 finds the record that stays, with its reason', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, preview.url, registrar, 'Due now');
  const details = (original: string, latin: string) => ({ names: { original, latin, aliases: [] }, sex: 'male', nationalities: ['AZE'] });
  const stays = await rpc<{ person: { personId: string } }>(page, 'persons.register', { details: details('Elçin Hüseynov', 'Elçin Hüseynov') });
  await rpc(page, 'documents.add', {
    personId: stays.person.personId,
    document: { type: 'passport', number: 'C01234567', issuingState: 'AZE', verification: 'unverified' },
  });
  const goes = await rpc<{ person: { personId: string } }>(page, 'persons.register', { details: details('Эльчин Гусейнов', 'Elchin Guseynov') });

  await page.goto(`${preview.url}#/person/${goes.person.personId}`);
  await page.getByRole('button', { name: 'Merge into another record' }).click();
  await page.getByLabel('Find the record that stays').fill('c o123 4567');
  const choice = page.getByRole('radio', { name: /Elçin Hüseynov/ });
  await expect(choice).toBeVisible();
  await expect(page.getByText('Same document number')).toBeVisible();
  await shot(page, '140-merge-search-document-en');
  for (const [locale, reason, name] of [
    ['az', 'Eyni sənəd nömrəsi', '140-merge-search-document-az'],
    ['ru', 'Тот же номер документа', '140-merge-search-document-ru'],
  ] as const) {
    await inLocale(page, locale);
    await page.getByRole('button', { name: locale === 'az' ? 'Başqa qeydlə birləşdir' : 'Объединить с другой записью' }).click();
    await page.getByRole('textbox', { name: locale === 'az' ? 'Qalacaq qeydi tapın' : 'Найдите запись, которая останется' }).fill('C O123-4567');
    await expect(page.getByText(reason)).toBeVisible();
    await shot(page, name);
  }
  expect(problems).toEqual([]);
});

test("an intake's document number finds the person registered under another spelling", async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, preview.url, registrar, 'Due now');
  const held = await rpc<{ person: { personId: string } }>(page, 'persons.register', {
    details: { names: { original: 'Rəşad Məmmədli', latin: 'Rashad Mammadli', aliases: [] }, sex: 'male', nationalities: ['AZE'] },
  });
  await rpc(page, 'documents.add', { personId: held.person.personId, document: { type: 'passport', number: 'C07654321', issuingState: 'AZE', verification: 'unverified' } });

  await page.goto(`${preview.url}#/intake/new`);
  // Names no officer would pair with the record: only the passport can find it.
  await page.getByLabel('Name in the original script').fill('Ruslan Orlov');
  await page.getByLabel('Name in Latin letters').fill('Ruslan Orlov');
  await page.getByLabel('Sex').selectOption('male');
  await page.getByRole('radio', { name: 'Not known' }).check();
  await page.getByRole('button', { name: 'Next: Documents' }).click();
  await page.getByRole('button', { name: 'Add a document' }).click();
  await page.getByLabel('Number', { exact: true }).fill('c o765 4321');
  await page.getByRole('button', { name: /Person/ }).click();
  const panel = page.getByRole('region', { name: /may be the same person/ });
  await expect(panel.getByText('Rashad Mammadli')).toBeVisible();
  await expect(panel.getByText('Same document number')).toBeVisible();
  await shot(page, '141-intake-document-match-en');
  expect(problems).toEqual([]);
});
