import { expect, test, type Page } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { initializeViaApi, shot, startPreview, watchConsole, type Preview } from './preview';

/**
 * Issue #11 §1: a registrar sends the consular notice an Urdu speaker asked for; an hour later he asks
 * for asylum. The consular card must say the consulate was already told, owe a review, and offer no
 * consul's visit until he consents; the facility figures name him. Screenshots in az, en and ru.
 */
let preview: Preview;
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };

test.beforeAll(async ({ playwright }) => {
  preview = await startPreview();
  const request = await playwright.request.newContext({ baseURL: preview.url });
  await initializeViaApi(request, preview.url, admin);
  const headers = { 'content-type': 'application/json', 'x-qeyd-client': '1' };
  expect((await (await request.post('rpc/auth.login', { headers, data: { username: admin.username, password: admin.password } })).json()).ok).toBe(true);
  expect((await (await request.post('rpc/users.create', { headers, data: { ...registrar, roles: ['registrar'] } })).json()).ok).toBe(true);
  await request.dispose();
});

test.afterAll(async () => {
  await preview?.stop();
});

async function rpc<T>(page: Page, method: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ method, input }) => {
      const r = await fetch(`./rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' }, body: JSON.stringify(input) });
      return (await r.json()) as { ok: boolean; result?: unknown };
    },
    { method, input },
  );
  expect(envelope.ok, `${method}: ${JSON.stringify(envelope)}`).toBe(true);
  return envelope.result as T;
}

test('a consulate told before the asylum claim is flagged on the card, owed a review, and counted', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.goto(preview.url);
  await page.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await page.reload();
  await page.getByLabel('User name').fill(registrar.username);
  await page.getByLabel('Password').fill(registrar.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Due now' })).toBeVisible({ timeout: 30_000 });

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

  await page.goto(`${preview.url}#/person/${personId}`);
  const consular = page.getByTestId('sg-card-consular');
  await expect(consular).toContainText('Disclosure conflict');
  await expect(consular.getByRole('region', { name: /The consulate was told before the protection claim/ })).toBeVisible();
  await expect(consular).not.toHaveAttribute('data-tone', 'done');
  await expect(consular.getByRole('button', { name: 'Review the disclosure' })).toBeVisible();
  await expect(consular.getByRole('button', { name: 'Answer or visit' })).toHaveCount(0);
  await expect(consular.getByRole('button', { name: 'Record informed consent' })).toBeVisible();
  await consular.scrollIntoViewIfNeeded();
  await shot(page, '90-disclosure-conflict-en');

  await page.goto(`${preview.url}#/`);
  // The figures were first loaded at sign-in, before any of this was recorded.
  await page.reload();
  await expect(page.getByText('Review the consular disclosure', { exact: false }).first()).toBeVisible();
  const figures = page.getByTestId('stats-disclosure');
  await expect(figures.getByRole('link', { name: 'Imran Khan' })).toBeVisible();
  await shot(page, '91-disclosure-due-now-en');

  for (const locale of ['az', 'ru'] as const) {
    await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
    await page.goto(`${preview.url}#/person/${personId}`);
    await page.reload();
    await expect(page.getByTestId('disclosure-conflict')).toBeVisible();
    await page.getByTestId('sg-card-consular').scrollIntoViewIfNeeded();
    await shot(page, `90-disclosure-conflict-${locale}`);
  }

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
  expect(problems).toEqual([]);
});
