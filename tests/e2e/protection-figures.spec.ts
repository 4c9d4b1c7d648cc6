import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { enrollmentCode, startHqServer, type HqServer } from './hq-server';
import { initializeViaApi, shot, startPreview, watchConsole, type Preview } from './preview';

/**
 * Issue #11 §8, docs/domain.md §6: the figures asked for first. A man asks for asylum; another shows
 * trafficking indicators. The facility figures count the request and the two removal holds and open onto
 * the people; after the day's sync HQ counts them per facility and opens them too. Screenshots in az, en, ru.
 */
let preview: Preview;
let hq: HqServer;
const hqAdmin = { username: 'hqadmin', displayName: 'HQ administrator', password: 'baş idarə konsolu 2026' };
const analyst = { username: 'leyla.a', displayName: 'Leyla Abbasova', password: 'hesabat və rəqəmlər 26', roles: ['hq_analyst'] };
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };
const headers = { 'content-type': 'application/json', 'x-qeyd-client': '1' };

async function call(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const body = (await (await request.post(`${url}rpc/${method}`, { headers, data: input })).json()) as { ok: boolean; result?: unknown };
  expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
  return body.result;
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  [preview, hq] = await Promise.all([startPreview(), startHqServer()]);
  const request = await playwright.request.newContext();
  await initializeViaApi(request, preview.url, admin);
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, preview.url, 'users.create', { ...registrar, roles: ['registrar'] });
  await call(request, preview.url, 'sync.enroll', { hqUrl: hq.url, code: enrollmentCode(hq, 'Bakı mərkəzi') });
  await request.dispose();
  hq.cli(['setup-console', '--username', hqAdmin.username, '--display-name', hqAdmin.displayName], `${hqAdmin.password}\n`);
  const atHq = await playwright.request.newContext();
  await call(atHq, `${hq.url}/`, 'auth.login', { username: hqAdmin.username, password: hqAdmin.password });
  await call(atHq, `${hq.url}/`, 'users.create', analyst);
  await atHq.dispose();
});

test.afterAll(async () => {
  await preview?.stop();
  await hq?.dispose();
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

async function setLocale(page: Page, locale: 'az' | 'en' | 'ru') {
  await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
  await page.reload();
}

test('asylum requests and non-refoulement holds: counted at the facility and at HQ, each opening onto the people', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.goto(preview.url);
  await setLocale(page, 'en');
  await page.getByLabel('User name').fill(registrar.username);
  await page.getByLabel('Password').fill(registrar.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Due now' })).toBeVisible({ timeout: 30_000 });

  const now = Date.now() - 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const man = (latin: string, passport: string) =>
    intakeAt(now, { documents: [{ type: 'passport', series: 'P', number: passport, issuingState: 'AFG', verification: 'unverified' }] }, { names: { original: latin, latin, aliases: [] } });
  const asking = await rpc<{ personId: string; episodeId: string }>(page, 'intake.submit', man('Ahmad Rahimi', '3000001'));
  await rpc(page, 'asylum.express', { personId: asking.personId, episodeId: asking.episodeId, expression: { at: iso(now + 30_000), place: 'centre', words: 'I cannot go back', language: 'fa' } });
  const screened = await rpc<{ personId: string; episodeId: string }>(page, 'intake.submit', man('Bashir Karimi', '3000002'));
  await rpc(page, 'vulnerability.screen', { episodeId: screened.episodeId, screening: { at: iso(now + 30_000), traffickingIndicators: true } });
  await rpc(page, 'intake.submit', man('Cawid Nuri', '3000003'));

  // The figures were first loaded at sign-in, before any of this was recorded.
  await page.reload();
  const figures = page.getByTestId('stats-protection');
  await expect(figures.getByTestId('stats-asylum')).toContainText('1');
  await expect(figures.getByTestId('stats-holds')).toContainText('2');
  await figures.getByTestId('stats-holds').getByText('Removal held by non-refoulement now').click();
  await expect(figures.getByRole('link', { name: 'Ahmad Rahimi' })).toBeVisible();
  // The registrar may not read protection data: the trafficking hold shows without its reason.
  await expect(figures.getByTestId('stats-holds')).toContainText('Bashir Karimi · restricted record');
  await expect(figures.getByTestId('stats-holds')).toContainText('Ahmad Rahimi · asylum claim pending');
  await expect(figures).not.toContainText('Cawid Nuri');
  await figures.getByTestId('stats-asylum').getByText('Asylum requests on record').click();
  await figures.scrollIntoViewIfNeeded();
  await shot(page, '95-protection-figures-en');
  for (const locale of ['az', 'ru'] as const) {
    await setLocale(page, locale);
    await page.getByTestId('stats-holds').locator('summary').click();
    await page.getByTestId('stats-asylum').locator('summary').click();
    await expect(page.getByTestId('stats-protection').getByRole('link', { name: 'Bashir Karimi' })).toBeVisible();
    await page.getByTestId('stats-protection').scrollIntoViewIfNeeded();
    await shot(page, `95-protection-figures-${locale}`);
  }

  // The day's sync: HQ counts the request and the holds for the facility, and opens the people.
  const request = await page.context().browser()!.newContext().then((c) => c.request);
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, preview.url, 'sync.run', {});
  const hqPage = await page.context().newPage();
  await hqPage.goto(`${hq.url}/`);
  await setLocale(hqPage, 'en');
  await hqPage.getByLabel('User name').fill(analyst.username);
  await hqPage.getByLabel('Password').fill(analyst.password);
  await hqPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(hqPage.getByRole('heading', { level: 1, name: 'Compliance across facilities' })).toBeVisible({ timeout: 30_000 });
  await expect(hqPage.getByRole('link', { name: /^Removal held by non-refoulement/ })).toContainText('2', { timeout: 30_000 });
  await expect(hqPage.getByRole('link', { name: /^Asylum requests/ })).toContainText('awaiting a decision now: 1');
  await shot(hqPage, '96-protection-hq-en');
  for (const locale of ['az', 'ru'] as const) {
    await setLocale(hqPage, locale);
    await expect(hqPage.getByRole('heading', { level: 1 })).not.toHaveText('Compliance across facilities');
    await shot(hqPage, `96-protection-hq-${locale}`);
  }
  await setLocale(hqPage, 'en');
  await hqPage.getByRole('link', { name: /^Removal held by non-refoulement/ }).click();
  await expect(hqPage.getByRole('link', { name: 'Ahmad Rahimi' })).toBeVisible({ timeout: 30_000 });
  await expect(hqPage.getByRole('row', { name: /Bashir Karimi/ })).toContainText('restricted record');
  await shot(hqPage, '97-protection-hq-cases-en');
  await hqPage.close();
  expect(problems).toEqual([]);
});
