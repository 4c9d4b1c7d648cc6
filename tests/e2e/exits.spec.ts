import { mkdirSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { centre, inLocale, registrar, rpc, signInInEnglish } from './centre';
import { shot, watchConsole, type Preview } from './preview';

/**
 * Issue #15 §6 on the person's page: an assisted voluntary return scheduled, its steps recorded one by
 * one on the Exit card's checklist (consent not ticked as informed is refused beside its box); a death in custody recorded, with the notifications owed after it and
 * the body. Screenshots in en, az and ru.
 */
let preview: Preview;

test.beforeAll(async ({ playwright }) => {
  preview = await centre(playwright);
});

test.afterAll(async () => {
  await preview?.stop();
});

async function card(locator: Locator, name: string) {
  mkdirSync('test-results/screenshots', { recursive: true });
  await locator.screenshot({ path: `test-results/screenshots/${name}.png` });
}

test('an assisted voluntary return step by step, and a death in custody with its notifications', async ({ page }) => {
  test.setTimeout(300_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, preview.url, registrar, 'Due now');
  const intake = intakeAt(Date.now() - 3 * 60 * 60_000, {}, { names: { original: 'Rəhimi Əhməd', latin: 'Rahimi Ahmad', aliases: [] } });
  const { personId, episodeId } = await rpc<{ personId: string; episodeId: string }>(page, 'intake.submit', { ...intake, admission: { ...intake.admission!, property: [] } });
  await rpc(page, 'episodes.scheduleExit', { episodeId, plannedAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), plannedOutcome: 'avr_iom' });

  await page.goto(`${preview.url}#/person/${personId}`);
  const exit = page.getByTestId('exit-card');
  await expect(exit).toContainText('Assisted voluntary return (IOM)', { timeout: 30_000 });
  await expect(exit.getByTestId('exit-steps').locator('tr[data-step="consent"]')).toContainText('Waits for an earlier step');

  await exit.getByRole('button', { name: 'Record: Counselling by IOM' }).click();
  const counselling = page.getByTestId('exit-step-form-counselling');
  await counselling.getByLabel('Counselled by').fill('IOM Baku, L. Karimova');
  await counselling.getByLabel('Language', { exact: true }).fill('Dari');
  await counselling.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(counselling).toBeHidden();
  await expect(exit.locator('tr[data-step="counselling"]')).toContainText('Done');

  await exit.getByRole('button', { name: 'Record: Informed consent' }).click();
  const consent = page.getByTestId('exit-step-form-consent');
  await consent.getByLabel('Language', { exact: true }).fill('Dari');
  await consent.getByLabel('Interpreter (if one was used)').fill('A. Rahimi');
  // Not ticked as informed: refused beside the box.
  await consent.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(consent).toContainText('Consent to return counts only when the person was informed');
  await card(exit, '180-exit-consent-refused-en');
  await consent.getByLabel('The person was informed of what return means and consents').check();
  await consent.getByLabel('Given in a language the person understands').check();
  await consent.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(consent).toBeHidden();
  await expect(exit.locator('tr[data-step="consent"]')).toContainText('Done');
  await card(exit, '181-exit-checklist-en');

  await inLocale(page, 'az');
  await expect(page.getByTestId('exit-card')).toContainText('Məlumatlı razılıq', { timeout: 30_000 });
  await card(page.getByTestId('exit-card'), '182-exit-checklist-az');
  await inLocale(page, 'en');

  // A second person dies in custody.
  const other = intakeAt(Date.now() - 5 * 60 * 60_000, {}, { names: { original: 'Karimi Ali', latin: 'Karimi Ali', aliases: [] } });
  const second = await rpc<{ personId: string }>(page, 'intake.submit', { ...other, admission: { ...other.admission!, property: [] } });
  await page.goto(`${preview.url}#/person/${second.personId}`);
  const deathCard = page.getByTestId('death-card');
  await deathCard.getByRole('button', { name: 'Record a death in custody' }).click({ timeout: 30_000 });
  const form = page.getByTestId('death-form');
  await form.getByLabel('Place', { exact: true }).fill('Block B, room 12');
  await form.getByLabel('Found by').fill('Duty officer R. Hüseynov');
  await form.getByLabel('Doctor who certified the death').fill('Dr. S. Əliyeva');
  await form.getByLabel('Certificate number').fill('DC-2026-031');
  await form.getByLabel('Cause stated by the doctor').fill('Acute myocardial infarction (provisional)');
  await form.getByLabel('Circumstances').fill('Found unresponsive at the morning count; resuscitation by the duty nurse failed.');
  await form.getByLabel('The family is known').check();
  await form.getByRole('button', { name: 'Record a death in custody' }).click();
  await expect(form).toBeHidden();
  const table = deathCard.getByTestId('death-notifications');
  await expect(table.locator('tr[data-recipient="prosecutor"]')).toContainText('Owed');

  await deathCard.getByRole('button', { name: 'Record a notification' }).click();
  const notify = page.getByTestId('death-notify-form');
  await notify.getByLabel('To', { exact: true }).selectOption('prosecutor');
  await notify.getByLabel('Name and office').fill('Nasimi district prosecutor, duty officer');
  await notify.getByLabel('How').selectOption('phone');
  await notify.getByLabel('Reference').fill('PR-88');
  await notify.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(notify).toBeHidden();
  await expect(table.locator('tr[data-recipient="prosecutor"]')).toContainText('Nasimi district prosecutor');
  await expect(deathCard.getByTestId('death-body')).toContainText('Not claimed yet');
  await card(deathCard, '183-death-in-custody-en');
  await shot(page, '184-death-person-page-en');

  // Due now lists what the death still owes, though the stay is closed.
  await page.goto(`${preview.url}#/due`);
  await expect(page.locator('body')).toContainText('Tell the ombudsman of the death', { timeout: 30_000 });

  await inLocale(page, 'ru');
  await page.goto(`${preview.url}#/person/${second.personId}`);
  await expect(page.getByTestId('death-card')).toContainText('Уведомления', { timeout: 30_000 });
  await card(page.getByTestId('death-card'), '185-death-in-custody-ru');
  expect(problems).toEqual([]);
});
