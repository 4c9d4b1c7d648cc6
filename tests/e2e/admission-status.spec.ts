import { expect, test } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { centre, inLocale, registrar, rpc, signInInEnglish } from './centre';
import { shot, watchConsole, type Preview } from './preview';

/**
 * Issue #11 §3 and §6: a person admitted but not yet told their rights is never plainly "Held"; the
 * reason for a delay shows on the person page and the due-now board; a real legal lock on removal
 * (asylum) is prominent with its reason, while "no removal assessment yet" is said only in the close
 * form. Screenshots in az, en and ru.
 */
let preview: Preview;

test.beforeAll(async ({ playwright }) => {
  preview = await centre(playwright);
});

test.afterAll(async () => {
  await preview?.stop();
});

test('rights first: the status words agree, the delay reason shows, and only a legal lock is an alarm', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, preview.url, registrar, 'Due now');

  const now = Date.now() - 60_000;
  const { personId } = await rpc<{ personId: string; episodeId: string }>(
    page,
    'intake.submit',
    intakeAt(now, {}, { names: { original: 'عمران خان', latin: 'Imran Khan', aliases: [] }, nationalities: ['PAK'], languages: ['ur'] }),
  );

  // Admitted, rights not yet explained: the detention's badge, the panel and the register agree.
  await page.goto(`${preview.url}#/person/${personId}`);
  const badge = page.getByTestId('episode-status');
  await expect(badge).toHaveText('Held — rights not yet explained');
  await expect(page.getByTestId('admission-callout')).toContainText('Admission is not final');
  // No removal is being considered: no red box for everybody.
  await expect(page.getByTestId('removal-lock')).toHaveCount(0);
  await expect(page.getByText('Removal is locked')).toHaveCount(0);
  await shot(page, '95-rights-pending-en');
  await inLocale(page, 'az');
  await expect(badge).toHaveText('Saxlanılır — hüquqlar hələ izah edilməyib');
  await shot(page, '95-rights-pending-az');
  await inLocale(page, 'ru');
  await expect(badge).toContainText('права ещё не разъяснены');
  await shot(page, '95-rights-pending-ru');
  await inLocale(page, 'en');

  // No Urdu interpreter tonight: the reason is recorded from the rights card.
  await page.getByTestId('record-rights-delay').click();
  const form = page.getByTestId('rights-delay-form');
  await form.getByLabel('Reason').selectOption({ label: 'no interpreter yet' });
  await form.getByLabel('Details').fill('The Urdu interpreter comes at 09:00');
  await form.getByRole('button', { name: 'Record the reason' }).click();
  await expect(badge).toHaveText('Held — rights delayed: no interpreter yet');
  await expect(page.getByTestId('admission-callout')).toContainText('no interpreter yet (The Urdu interpreter comes at 09:00)');
  await shot(page, '96-rights-delayed-en');

  // The due-now board says why the rights item is still open.
  await page.goto(`${preview.url}#/`);
  await page.reload();
  await expect(page.getByText('Delayed: no interpreter yet.', { exact: false }).first()).toBeVisible();
  await shot(page, '97-rights-delayed-due-now-en');

  // Removal considered: "no assessment yet" is information in the close form, not a lock.
  await page.goto(`${preview.url}#/person/${personId}`);
  await page.getByRole('button', { name: 'Close with an outcome' }).click();
  await page.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Expelled' });
  await expect(page.getByTestId('no-removal-assessment')).toContainText('No removal assessment yet.');
  await expect(page.getByRole('alert').filter({ hasText: 'Removal is locked' })).toHaveCount(0);
  await page.getByTestId('no-removal-assessment').scrollIntoViewIfNeeded();
  await shot(page, '98-no-assessment-close-en');

  // An asylum claim is a legal lock: prominent on the person page, with its reason.
  await rpc(page, 'asylum.express', { personId, expression: { at: new Date(Date.now() - 30_000).toISOString(), place: 'centre', words: 'I cannot go back', language: 'ur' } });
  await page.reload();
  const lock = page.getByTestId('removal-lock');
  await expect(lock).toContainText('Removal is locked by law:');
  await expect(lock).toContainText('A request for asylum is pending');
  await expect(lock).not.toContainText('non-refoulement check');
  await lock.scrollIntoViewIfNeeded();
  await shot(page, '99-asylum-lock-en');
  await inLocale(page, 'az');
  await lock.scrollIntoViewIfNeeded();
  await shot(page, '99-asylum-lock-az');
  await inLocale(page, 'ru');
  await lock.scrollIntoViewIfNeeded();
  await shot(page, '99-asylum-lock-ru');
  expect(problems).toEqual([]);
});
