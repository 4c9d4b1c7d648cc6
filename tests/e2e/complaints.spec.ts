import { expect, test, type Page } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { admin, call, centre, inLocale, registrar, rpc, signInInEnglish } from './centre';
import { fillDate, shot, watchConsole, type Preview } from './preview';

/**
 * Issue #15 §2 on the person's page: the registrar records a complaint to the prosecutor and forwards
 * it, records a complaint about staff (which she cannot read back: it shows as restricted), records an
 * appeal against the placement and the court's release order, which goes on the due list. The centre
 * head, not named, reads the staff complaint. Screenshots in en, az and ru.
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

async function lodge(page: Page, values: { category: string; addressee: string; subject: string; staff?: string }) {
  const card = page.getByTestId('complaints-card');
  await card.getByRole('button', { name: 'Record a request or complaint' }).click();
  const form = page.getByTestId('complaint-lodge-form');
  await form.getByLabel('Subject area').selectOption(values.category);
  await form.getByLabel('Addressed to').selectOption(values.addressee);
  await form.getByLabel('What it says').fill(values.subject);
  if (values.staff) {
    await form.getByLabel('It is about staff').check();
    await form.getByLabel('Staff named').fill(values.staff);
  }
  await form.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(form).toBeHidden();
}

test('a complaint forwarded, a complaint about staff kept restricted, an appeal ending in a release order', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, preview.url, registrar, 'Due now');
  const { personId } = await rpc<{ personId: string }>(page, 'intake.submit', intakeAt(Date.now() - 60_000, {}, { names: { original: 'Karimov Jasur', latin: 'Karimov Jasur', aliases: [] } }));
  await page.goto(`${preview.url}#/person/${personId}`);
  const card = page.getByTestId('complaints-card');
  await expect(card).toContainText('No request or complaint recorded.', { timeout: 30_000 });

  // Saved with nothing said: refused, the field named.
  await card.getByRole('button', { name: 'Record a request or complaint' }).click();
  const form = page.getByTestId('complaint-lodge-form');
  await form.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(form.locator('.field--invalid').first()).toBeVisible();
  await shot(page, '150-complaint-form-refused-en');
  await form.getByRole('button', { name: 'Cancel' }).click();

  await lodge(page, { category: 'conditions', addressee: 'prosecutor', subject: 'No hot water in block B for a week.' });
  const rows = card.getByTestId('complaint-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Prosecutor');
  await expect(rows.first()).toContainText('forward by');
  await rows.first().getByRole('button', { name: 'Forwarded…' }).click();
  await page.getByTestId('complaint-forward-form').getByLabel('How (post, e-mail, by hand)').fill('Registered post');
  await page.getByTestId('complaint-forward-form').getByRole('button', { name: 'Record forwarding' }).click();
  await expect(rows.first()).toContainText('forwarded');

  await lodge(page, { category: 'treatment_by_staff', addressee: 'ombudsman', subject: 'Guard R. slapped me on Tuesday.', staff: 'Guard R.' });
  await expect(rows).toHaveCount(2);
  await expect(card).toContainText('Restricted: a complaint about staff.');
  await expect(card).not.toContainText('slapped');

  // The appeal and the court's release order.
  const appeals = page.getByTestId('appeals-card');
  await appeals.getByRole('button', { name: 'Record an appeal' }).click();
  const appealForm = page.getByTestId('appeal-file-form');
  await appealForm.getByLabel('Court').fill('Baku Administrative Court No. 1');
  await appealForm.getByRole('button', { name: 'Record appeal' }).click();
  await expect(appeals.getByTestId('appeal-item')).toContainText('Against the placement decision');
  await appeals.getByRole('button', { name: 'Hearing…' }).click();
  const hearing = page.getByTestId('appeal-hearing-form');
  const bakuToday = new Date(Date.now() + 4 * 3_600_000).toISOString().slice(0, 10);
  await fillDate(hearing, 'Date of hearing', bakuToday);
  await hearing.getByLabel('What happened').fill('Heard the person and the SMS; decision announced the same day.');
  await hearing.getByRole('button', { name: 'Record hearing' }).click();
  await expect(appeals).toContainText('Heard the person and the SMS');
  await appeals.getByRole('button', { name: 'Outcome…' }).click();
  const outcome = page.getByTestId('appeal-outcome-form');
  await outcome.getByLabel('Release ordered').check();
  await outcome.getByRole('button', { name: 'Record decision' }).click();
  await expect(appeals).toContainText('Release ordered');
  await expect(appeals).toContainText('The person is to be released now');
  await expect(page.getByText('Court ordered release — release now').first()).toBeVisible();
  await expect(page.locator('.person__timeline')).toContainText('Restricted complaint (about staff)');
  await card.scrollIntoViewIfNeeded();
  await shot(page, '151-complaints-registrar-en');
  // The two cards close up, as the registrar reads them.
  await card.screenshot({ path: 'test-results/screenshots/151-complaints-card-en.png' });
  await appeals.screenshot({ path: 'test-results/screenshots/151-appeals-card-en.png' });

  await inLocale(page, 'az');
  await expect(page.getByTestId('complaints-card')).toContainText('Müraciətlər və şikayətlər', { timeout: 30_000 });
  await shot(page, '152-complaints-registrar-az');
  await page.getByTestId('complaints-card').screenshot({ path: 'test-results/screenshots/152-complaints-card-az.png' });
  await inLocale(page, 'ru');
  await expect(page.getByTestId('complaints-card')).toContainText('Обращения и жалобы', { timeout: 30_000 });
  await shot(page, '153-complaints-registrar-ru');

  // The centre head, not named, reads it in full.
  const headPage = await (await browser.newContext()).newPage();
  await signInInEnglish(headPage, preview.url, head, 'Due now');
  await headPage.goto(`${preview.url}#/person/${personId}`);
  const headCard = headPage.getByTestId('complaints-card');
  await expect(headCard).toContainText('Guard R. slapped me on Tuesday.', { timeout: 30_000 });
  await expect(headCard).toContainText('About staff: Guard R.');
  await shot(headPage, '154-complaints-head-en');
  await headCard.screenshot({ path: 'test-results/screenshots/154-complaints-card-head-en.png' });
  expect(problems).toEqual([]);
});
