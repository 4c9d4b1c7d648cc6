import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { admin, analyst, call, registrar, rpc, signInInEnglish, useCentreWithHq } from './centre';
import { shot, watchConsole } from './preview';

/**
 * Issue #14 §3: HQ asks the centre holding a man whose family is looking for him to tell him and to ask
 * his consent to disclosure. After the day's sync the registrar sees the request on the due-now board
 * and on his page, asks him in private, and records that he refuses contact and refuses disclosure; the
 * next sync brings the answer to HQ's console. Screenshots in en, az and ru.
 */
const stage = useCentreWithHq();

/** The day's sync, from the administrator's desk. */
async function sync(page: Page) {
  const request = await page
    .context()
    .browser()!
    .newContext()
    .then((c) => c.request);
  await call(request, stage.preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, stage.preview.url, 'sync.run', {});
}

/**
 * A person admitted and synced, about whom an HQ analyst then asks the centre (the inquiry screen calls
 * the same method), and the sync that brings the request to the centre.
 */
async function askedAbout(
  page: Page,
  atHq: APIRequestContext,
  person: { original: string; latin: string; nationality: string; language: string },
  ask: { inquiryId: string; kinds: string[]; requesterCategory: string },
) {
  await signInInEnglish(page, stage.preview.url, registrar, 'Due now');
  const { personId } = await rpc<{ personId: string }>(
    page,
    'intake.submit',
    intakeAt(Date.now() - 60_000, {}, { names: { original: person.original, latin: person.latin, aliases: [] }, nationalities: [person.nationality], languages: [person.language] }),
  );
  await sync(page);
  await call(atHq, `${stage.hq.url}/`, 'auth.login', { username: analyst.username, password: analyst.password });
  const { requestId } = (await call(atHq, `${stage.hq.url}/`, 'tracingCentre.askCentre', { personId, ...ask })) as { requestId: string };
  await sync(page);
  return { personId, requestId };
}

test('the centre sees HQ’s tracing request as a task, records that the person refuses contact, and HQ sees the answer', async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  // At HQ: an analyst working on the family's inquiry asks the centre.
  const atHq = await playwright.request.newContext();
  const inquiryId = '3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const { requestId } = await askedAbout(
    page,
    atHq,
    { original: 'Гусейнов Эльчин', latin: 'Huseynov Elchin', nationality: 'RUS', language: 'ru' },
    { inquiryId, kinds: ['contact_notice', 'consent_to_disclose'], requesterCategory: 'family' },
  );

  // The due-now board: the request with the person, what HQ asks, and who is looking (the category only).
  await page.reload();
  const board = page.getByTestId('tracing-board');
  await expect(board).toContainText('HQ asks: a family member is looking for this person — tell them and record whether they accept contact.');
  await expect(board).toContainText('HQ asks: ask their consent to disclose where they are to a family member.');
  await shot(page, '140-tracing-board-en');

  // The person's page: the card, then the answer form.
  await board.getByRole('link', { name: /Huseynov Elchin/ }).click();
  const card = page.getByTestId('tracing-requests');
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Record the answer…' }).click();
  const form = page.getByTestId('tracing-answer-form');
  // Saved without an answer: each question HQ asked needs one.
  await form.getByRole('button', { name: 'Save the answer' }).click();
  await expect(form.getByText('Record the person’s answer to each question HQ asked.').first()).toBeVisible();
  await form.getByRole('group', { name: 'Consent to disclose where they are' }).getByLabel('Refuses').check();
  await form.getByRole('group', { name: 'Contact with whoever is looking' }).getByLabel('Refuses contact').check();
  await form.getByLabel('Note (optional)').fill('Told in private with a Russian interpreter. Does not want his family told where he is.');
  await card.scrollIntoViewIfNeeded();
  await shot(page, '141-tracing-answer-form-en');
  await form.getByRole('button', { name: 'Save the answer' }).click();
  await expect(card).toContainText('Answered');
  await expect(card).toContainText('Refuses contact');
  await shot(page, '142-tracing-answered-en');

  for (const locale of ['az', 'ru'] as const) {
    await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
    await page.reload();
    await expect(page.getByTestId('tracing-requests')).toBeVisible({ timeout: 30_000 });
    await shot(page, `142-tracing-answered-${locale}`);
  }

  // The next sync brings the answer to HQ.
  await sync(page);
  const answers = (await call(atHq, `${stage.hq.url}/`, 'tracingCentre.centreAnswers', { inquiryId })) as { requests: { requestId: string; status: string; answers: unknown }[] };
  expect(answers.requests).toMatchObject([{ requestId, status: 'answered', answers: { contact: 'refused', consentToDisclose: 'refused' } }]);
  await atHq.dispose();
  expect(problems).toEqual([]);
});

test('a centre that could not ask the person records why, which closes the task and shows at HQ', async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const atHq = await playwright.request.newContext();
  const inquiryId = '4a1c2d3e-5f60-4b7c-8d9e-0f1a2b3c4d5e';
  const { personId, requestId } = await askedAbout(
    page,
    atHq,
    { original: 'نوری احمد', latin: 'Noori Ahmad', nationality: 'AFG', language: 'fa' },
    { inquiryId, kinds: ['consent_to_disclose'], requesterCategory: 'consulate' },
  );

  await page.goto(`${stage.preview.url}#/person/${personId}`);
  const card = page.getByTestId('tracing-requests');
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Could not ask…' }).click();
  const form = page.getByTestId('tracing-not-asked-form');
  // Saved without a reason or a note: both are needed, and nothing is recorded.
  await form.getByRole('button', { name: 'Record that they could not be asked' }).click();
  await expect(form.getByRole('combobox', { name: 'Why' })).toBeVisible();
  await expect(card).not.toContainText('Could not ask ');
  await form.getByRole('combobox', { name: 'Why' }).selectOption('unable_to_understand');
  await form.getByLabel('Note (required): what happened, when, what was tried').fill('No Dari interpreter could be found in three days of trying; the request should go again once one is.');
  await card.scrollIntoViewIfNeeded();
  await shot(page, '143-tracing-not-asked-form-en');
  await form.getByRole('button', { name: 'Record that they could not be asked' }).click();
  await expect(card).toContainText('Could not ask');
  await expect(card).toContainText('Cannot understand it (capacity; no interpreter found)');
  await shot(page, '144-tracing-not-asked-en');
  for (const locale of ['az', 'ru'] as const) {
    await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
    await page.reload();
    await expect(page.getByTestId('tracing-requests')).toBeVisible({ timeout: 30_000 });
    await shot(page, `144-tracing-not-asked-${locale}`);
  }
  await page.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));

  await sync(page);
  const answers = (await call(atHq, `${stage.hq.url}/`, 'tracingCentre.centreAnswers', { inquiryId })) as { requests: { requestId: string; status: string }[] };
  expect(answers.requests).toMatchObject([{ requestId, status: 'could_not_ask', couldNotAskReason: 'unable_to_understand', answers: {} }]);
  await atHq.dispose();
  expect(problems).toEqual([]);
});
