import { expect, test } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { admin, call, centre, inLocale, registrar, rpc, signInInEnglish } from './centre';
import { shot, watchConsole, type Preview } from './preview';

/**
 * Issue #15 §1 on the person's page: the registrar records a family visit and a lawyer turned away; the
 * refusal stands out in red as a safeguard failure and goes on the due list; the centre head records the
 * review, which ends it. Screenshots in en, az and ru.
 */
let preview: Preview;
const head = { username: 'rauf.h', displayName: 'Rauf Həsənov', password: 'mərkəz rəisi 2026' };

test.beforeAll(async ({ playwright }) => {
  preview = await centre(playwright);
  const request = await playwright.request.newContext();
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, preview.url, 'users.create', { ...head, roles: ['centre_head'] });
  await request.dispose();
});

test.afterAll(async () => {
  await preview?.stop();
});

test('a family visit, a lawyer turned away flagged in red and owed the head’s review, the review recorded', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, preview.url, registrar, 'Due now');
  const { personId } = await rpc<{ personId: string }>(page, 'intake.submit', intakeAt(Date.now() - 3_600_000, {}, { names: { original: 'Nazarov Rustam', latin: 'Nazarov Rustam', aliases: [] } }));
  await page.goto(`${preview.url}#/person/${personId}`);
  const card = page.getByTestId('contacts-card');
  await expect(card).toContainText('No contact recorded yet.', { timeout: 30_000 });

  // Saved with no name: refused, the field named.
  await card.getByRole('button', { name: 'Record a contact' }).click();
  const form = page.getByTestId('contact-log-form');
  await form.getByRole('button', { name: 'Save the contact' }).click();
  await expect(form.locator('.field--invalid').first()).toBeVisible();
  await shot(page, '170-contacts-form-refused-en');

  // A supervised family visit.
  await form.getByLabel('Who it was (category)').selectOption('family');
  await form.getByLabel('Name or organisation').fill('Leyla Nazarova');
  await form.getByLabel('Relation or organisation (optional)').fill('wife');
  await form.getByLabel('Duration in minutes').fill('40');
  await form.getByLabel('Private or supervised').selectOption('supervised');
  await form.getByLabel('Supervised by').fill('Sgt. R. Mammadov');
  await form.getByRole('button', { name: 'Save the contact' }).click();
  await expect(form).toBeHidden();
  const rows = card.getByTestId('contact-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Leyla Nazarova');
  await expect(rows.first()).toContainText('Supervised by Sgt. R. Mammadov');

  // A lawyer turned away at the gate.
  await card.getByRole('button', { name: 'Record a contact' }).click();
  await form.getByLabel('Who it was (category)').selectOption('lawyer');
  await form.getByLabel('Name or organisation').fill('Adv. Samir Huseynov');
  await form.getByLabel('Refused').check();
  await form.getByLabel('Ground of the refusal').selectOption('visiting_hours');
  await form.getByLabel('Refused by (officer)').fill('Lt. K. Aliyev');
  await form.getByLabel('Legal reason for the refusal').fill('Arrived after 18:00, outside visiting hours');
  await form.getByRole('button', { name: 'Save the contact' }).click();
  await expect(form).toBeHidden();
  await expect(rows).toHaveCount(2);
  const refused = rows.first();
  await expect(refused).toHaveAttribute('data-outcome', 'refused');
  const details = card.getByTestId('contact-detail').first();
  await expect(details).toContainText('Refused by Lt. K. Aliyev (Outside visiting hours): Arrived after 18:00');
  await expect(details).toContainText('Safeguard failure: a lawyer was refused.');
  await expect(refused).toHaveClass(/contacts__row--failure/);
  await expect(page.getByText('Review of a refused lawyer or ombudsman').first()).toBeVisible();
  await expect(page.locator('.person__timeline')).toContainText('Outside contact recorded');

  // The filter by kind.
  await card.getByLabel('Show').selectOption('letter');
  await expect(card).toContainText('No contact recorded yet.');
  await card.getByLabel('Show').selectOption('');
  await expect(rows).toHaveCount(2);

  await card.scrollIntoViewIfNeeded();
  await shot(page, '171-contacts-registrar-en');
  await card.screenshot({ path: 'test-results/screenshots/171-contacts-card-en.png' });

  await inLocale(page, 'az');
  await expect(page.getByTestId('contacts-card')).toContainText('Xarici əlaqələr', { timeout: 30_000 });
  await expect(page.getByTestId('contacts-card')).toContainText('Təminatın pozulması');
  await page.getByTestId('contacts-card').screenshot({ path: 'test-results/screenshots/172-contacts-card-az.png' });
  await inLocale(page, 'ru');
  await expect(page.getByTestId('contacts-card')).toContainText('Внешние контакты', { timeout: 30_000 });
  await expect(page.getByTestId('contacts-card')).toContainText('Нарушение гарантий');
  await page.getByTestId('contacts-card').screenshot({ path: 'test-results/screenshots/173-contacts-card-ru.png' });

  // The centre head reviews the refusal; the row is no longer a failure and nothing is owed.
  const headPage = await (await browser.newContext()).newPage();
  await signInInEnglish(headPage, preview.url, head, 'Due now');
  await expect(headPage.getByText('Review of a refused lawyer or ombudsman').first()).toBeVisible({ timeout: 30_000 });
  await headPage.goto(`${preview.url}#/person/${personId}`);
  const headCard = headPage.getByTestId('contacts-card');
  await headCard.getByRole('button', { name: 'Record the head’s review' }).click();
  const review = headPage.getByTestId('contact-review-form');
  await review.getByLabel('What was found and done').fill('Visiting hours do not bind a defender; the lawyer was called back and met the person at 19:10.');
  await review.getByLabel('The visit was arranged after all').check();
  await headCard.screenshot({ path: 'test-results/screenshots/174-contacts-review-form-en.png' });
  await review.getByRole('button', { name: 'Save the review' }).click();
  await expect(review).toBeHidden();
  const reviewed = headCard.getByTestId('contact-row').first();
  await expect(headCard.getByTestId('contact-detail').first()).toContainText('Reviewed by Rauf Həsənov');
  await expect(headCard).not.toContainText('Safeguard failure');
  await expect(reviewed).not.toHaveClass(/contacts__row--failure/);
  await headCard.screenshot({ path: 'test-results/screenshots/175-contacts-reviewed-en.png' });
  expect(problems).toEqual([]);
});
