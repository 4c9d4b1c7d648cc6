import { expect, test } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { analyst, useCentreWithHq, registrar, rpc, signInInEnglish, syncToHq } from './centre';
import { shot, watchConsole } from './preview';

/**
 * Issue #11 §7: the only Urdu letter is an unreviewed draft. A man who reads Urdu and English: the form
 * offers the reviewed English letter first; choosing Urdu says plainly that the translation was not
 * legally reviewed and offers English with one button; the draft is recorded only once the interpreter
 * confirms they checked it with him, and the card says a draft was used. After the day's sync, HQ counts
 * it for the facility and opens him. Screenshots in az, en and ru.
 */
const stage = useCentreWithHq();

const notice = {
  az: { title: 'Bu tərcümə hüquqi yoxlamadan keçməyib', confirm: 'Tərcüməçi tərcümə edilmiş məktubu şəxslə yoxlayıb' },
  en: { title: 'This translation has not been legally reviewed', confirm: 'The interpreter has checked the translated letter with the person' },
  ru: { title: 'Этот перевод не прошёл юридическую проверку', confirm: 'Переводчик проверил переведённое письмо с человеком' },
} as const;

test('a draft Urdu letter: said plainly, the reviewed English letter one click away, recorded only with the interpreter’s confirmation', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, stage.preview.url, registrar, 'Due now');

  const { personId, episodeId } = await rpc<{ personId: string; episodeId: string }>(
    page,
    'intake.submit',
    intakeAt(Date.now() - 60_000, {}, { names: { original: 'عمران خان', latin: 'Imran Khan', aliases: [] }, nationalities: ['PAK'], languages: ['ur', 'en'] }),
  );
  await rpc(page, 'safeguards.recordInterpreter', {
    personId,
    episodeId,
    use: { at: new Date().toISOString(), language: 'ur', interpreterName: 'S. Qureshi', kind: 'contract', purpose: 'rights', affiliationChecked: true, affiliatedWithOriginState: false },
  });

  const openForm = async () => {
    await page.goto(`${stage.preview.url}#/person/${personId}`);
    await page.getByTestId('sg-card-rights').getByTestId('record-rights').click();
    return page.getByTestId('rights-form');
  };

  let form = await openForm();
  // A reviewed letter the person reads comes first; no notice for it.
  await expect(form.getByLabel('Language', { exact: true })).toHaveValue('en');
  await expect(form.getByTestId('draft-letter-notice')).toHaveCount(0);
  await form.getByLabel('Language', { exact: true }).selectOption('ur');
  const draft = form.getByRole('note', { name: notice.en.title });
  await expect(draft).toBeVisible();
  await expect(draft).toContainText('No lawyer has checked');
  await draft.scrollIntoViewIfNeeded();
  await shot(page, '95-draft-letter-en');
  await form.screenshot({ path: 'test-results/screenshots/95-draft-letter-form-en.png' });

  // One button brings back the reviewed English letter, and the notice goes.
  await draft.getByRole('button', { name: 'Use the reviewed letter in English' }).click();
  await expect(form.getByLabel('Language', { exact: true })).toHaveValue('en');
  await expect(form.getByTestId('draft-letter-notice')).toHaveCount(0);

  // Back to Urdu: without the interpreter's confirmation the notification is refused and not saved.
  await form.getByLabel('Language', { exact: true }).selectOption('ur');
  await form.getByLabel('Interpreter', { exact: true }).selectOption({ index: 1 });
  await form.getByRole('checkbox', { name: 'All rights' }).check();
  await form.getByRole('button', { name: 'Record notification' }).click();
  const confirm = form.getByRole('checkbox', { name: notice.en.confirm });
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(form).toContainText('the interpreter must confirm they checked it with the person');
  expect((await rpc<{ episodes: { rights: unknown[] }[] }>(page, 'safeguards.panel', { personId })).episodes[0]!.rights).toEqual([]);
  await confirm.check();
  await form.getByRole('button', { name: 'Record notification' }).click();
  await expect(form).toBeHidden();
  const used = page.getByTestId('sg-card-rights').getByTestId('rights-draft-used');
  await expect(used).toHaveText('Unreviewed (draft) translation handed over; the interpreter checked it with the person.');

  for (const locale of ['az', 'ru'] as const) {
    await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
    await page.reload();
    form = await openForm();
    await form.locator('select[name="language"]').selectOption('ur');
    const n = form.getByRole('note', { name: notice[locale].title });
    await expect(n).toBeVisible();
    await expect(n.getByRole('button')).toHaveCount(1);
    await expect(form.getByRole('checkbox', { name: notice[locale].confirm })).toBeVisible();
    await n.scrollIntoViewIfNeeded();
    await shot(page, `95-draft-letter-${locale}`);
    await form.screenshot({ path: `test-results/screenshots/95-draft-letter-form-${locale}.png` });
  }

  // The day's sync (the centre's administrator, from another desk): HQ counts the draft for the facility.
  await syncToHq(page, stage.preview);
  const hqPage = await page.context().newPage();
  await signInInEnglish(hqPage, `${stage.hq.url}/`, analyst, 'Compliance across facilities');
  const figure = hqPage.getByRole('link', { name: '1: Rights explained with an unreviewed letter, Bakı mərkəzi. Show the people' });
  await expect(figure).toBeVisible({ timeout: 30_000 });
  await expect(hqPage.getByRole('columnheader', { name: /with an unreviewed letter/ })).toBeVisible();
  await hqPage.getByRole('table', { name: /^By facility/ }).scrollIntoViewIfNeeded();
  await hqPage.getByRole('table', { name: /^By facility/ }).screenshot({ path: 'test-results/screenshots/96-draft-letter-hq-en.png' });
  await figure.click();
  await expect(hqPage.getByRole('link', { name: 'Imran Khan' })).toBeVisible({ timeout: 30_000 });
  await expect(hqPage.getByRole('row', { name: /Imran Khan/ })).toContainText('Urdu');
  await shot(hqPage, '97-draft-letter-hq-cases-en');
  await hqPage.close();
  expect(problems).toEqual([]);
});
