import { expect, test } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { analyst, useCentreWithHq, registrar, rpc, signInInEnglish, syncToHq } from './centre';
import { shot, watchConsole } from './preview';

/**
 * Issue #11 §1: a registrar sends the consular notice an Urdu speaker asked for; an hour later he asks
 * for asylum. The consular card must say the consulate was already told, owe a review, and offer no
 * consul's visit until he consents; the due-now board and the facility figures name him; after the
 * day's sync, HQ's compliance overview counts the conflict, unreviewed, and opens him. Screenshots in
 * az, en and ru.
 */
const stage = useCentreWithHq();

test('a consulate told before the asylum claim is flagged on the card, owed a review, and counted', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, stage.preview.url, registrar, 'Due now');

  const now = Date.now() - 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const { personId, episodeId } = await rpc<{ personId: string; episodeId: string }>(
    page,
    'intake.submit',
    intakeAt(now, {}, { names: { original: 'عمران خان', latin: 'Imran Khan', aliases: [] }, nationalities: ['PAK'], languages: ['ur'] }),
  );
  const { noticeId } = await rpc<{ noticeId: string }>(page, 'safeguards.openConsular', { episodeId, open: { states: ['PAK'], informedAt: iso(now), wish: 'requests' } });
  await rpc(page, 'safeguards.sendConsular', { noticeId, sent: { at: iso(now), mission: 'Embassy of Pakistan', channel: 'note_verbale', reference: 'NV-11' } });
  await rpc(page, 'asylum.express', { personId, episodeId, expression: { at: iso(now + 30_000), place: 'centre', words: 'I cannot go back', language: 'ur' } });

  await page.goto(`${stage.preview.url}#/person/${personId}`);
  const consular = page.getByTestId('sg-card-consular');
  await expect(consular).toContainText('Disclosure conflict');
  await expect(consular.getByRole('region', { name: /The consulate was told before the protection claim/ })).toBeVisible();
  await expect(consular).not.toHaveAttribute('data-tone', 'done');
  await expect(consular.getByRole('button', { name: 'Review the disclosure' })).toBeVisible();
  await expect(consular.getByRole('button', { name: 'Answer or visit' })).toHaveCount(0);
  await expect(consular.getByRole('button', { name: 'Record informed consent' })).toBeVisible();
  await consular.scrollIntoViewIfNeeded();
  await shot(page, '90-disclosure-conflict-en');

  await page.goto(`${stage.preview.url}#/`);
  // The figures were first loaded at sign-in, before any of this was recorded.
  await page.reload();
  await expect(page.getByText('Review the consular disclosure', { exact: false }).first()).toBeVisible();
  const figures = page.getByTestId('stats-disclosure');
  await expect(figures.getByRole('link', { name: 'Imran Khan' })).toBeVisible();
  await shot(page, '91-disclosure-due-now-en');

  for (const locale of ['az', 'ru'] as const) {
    await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
    await page.goto(`${stage.preview.url}#/person/${personId}`);
    await page.reload();
    await expect(page.getByTestId('disclosure-conflict')).toBeVisible();
    await page.getByTestId('sg-card-consular').scrollIntoViewIfNeeded();
    await shot(page, `90-disclosure-conflict-${locale}`);
  }

  // The day's sync: HQ counts the conflict, not yet reviewed, and opens the person behind it.
  await syncToHq(page, stage.preview);
  const hqPage = await page.context().newPage();
  await signInInEnglish(hqPage, `${stage.hq.url}/`, analyst, 'Compliance across facilities');
  const tile = hqPage.getByRole('link', { name: /Consular disclosure conflicts/ });
  await expect(tile).toContainText('1');
  await expect(tile).toContainText('Not reviewed: 1');
  await expect(tile).toHaveClass(/hq-tile--alarm/);
  await shot(hqPage, '93-disclosure-hq-en');
  for (const locale of ['az', 'ru'] as const) {
    await hqPage.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
    await hqPage.reload();
    await expect(hqPage.getByRole('heading', { level: 1 })).not.toHaveText('Compliance across facilities');
    await shot(hqPage, `93-disclosure-hq-${locale}`);
  }
  await hqPage.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await hqPage.reload();
  await hqPage.getByRole('link', { name: /Consular disclosure conflicts/ }).click();
  await expect(hqPage.getByRole('link', { name: 'Imran Khan' })).toBeVisible({ timeout: 30_000 });
  await shot(hqPage, '94-disclosure-hq-cases-en');

  // The review, through the card's form in English.
  await page.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await page.reload();
  await page.getByTestId('sg-card-consular').getByRole('button', { name: 'Review the disclosure' }).click();
  const form = page.getByTestId('disclosure-review-form');
  await form.getByLabel('What the consulate was told').fill('Name, nationality and place of detention (note verbale NV-11)');
  await form.getByRole('button', { name: 'Save the review' }).click();
  await expect(page.getByTestId('sg-card-consular')).toContainText('Disclosure reviewed');
  await expect(page.getByTestId('disclosure-consent-needed')).toBeVisible();
  await shot(page, '92-disclosure-reviewed-en');

  // Once the review has reached HQ, the conflict is still counted but no longer unreviewed.
  await syncToHq(page, stage.preview);
  await hqPage.goto(`${stage.hq.url}/`);
  await expect(hqPage.getByRole('link', { name: /Consular disclosure conflicts/ })).toContainText('Not reviewed: 0', { timeout: 30_000 });
  await hqPage.close();
  expect(problems).toEqual([]);
});
