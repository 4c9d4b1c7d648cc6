import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { initializeViaApi, startPreview, watchConsole, type Preview } from './preview';

/**
 * Issue #13 §5 on screen (docs/npm.md#key-rotation): the office's administrator rotates the
 * organisation key (a button, then a confirmation), the key change file is saved; the centre's
 * administrator picks it on the Ombudsman screen, sees the old and the new fingerprint, and accepts.
 * Both installations are introduced to each other through the API first, as npm-visit.spec.ts does on
 * screen. Screenshots go to /tmp/shots/npm-rotation-*.png.
 */
let office: Preview;
let centre: Preview;
const shots = '/tmp/shots';
const headers = { 'content-type': 'application/json', 'x-qeyd-client': '1' };
const officeAdmin = { username: 'aysel.admin', displayName: 'Aysel Qasımova', password: 'ombudsman aparatı 2025' };
const centreAdmin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const centreHead = { username: 'sevda.r', displayName: 'Sevda Rəhimova', password: 'mərkəzin rəhbəri 9' };

async function asUser(request: APIRequestContext, url: string, user: { username: string; password: string }) {
  const login = await (await request.post(`${url}rpc/auth.login`, { headers, data: { username: user.username, password: user.password } })).json();
  expect(login.ok, JSON.stringify(login)).toBe(true);
  return async <T = unknown>(method: string, input: unknown): Promise<T> => {
    const body = await (await request.post(`${url}rpc/${method}`, { headers, data: input })).json();
    expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
    return body.result as T;
  };
}

let oldFingerprint = '';

test.beforeAll(async ({ playwright }) => {
  [office, centre] = await Promise.all([startPreview(), startPreview()]);
  const officeRequest = await playwright.request.newContext();
  const setUp = await officeRequest.post(`${office.url}rpc/setup.initialize`, {
    headers,
    data: { facilityName: 'İnsan Hüquqları üzrə Müvəkkil Aparatı', facilityKind: 'ombudsman_office', deviceName: 'Səfər noutbuku 1', timeZone: 'Asia/Baku', admin: officeAdmin },
  });
  expect(((await setUp.json()) as { ok: boolean }).ok).toBe(true);
  const asOffice = await asUser(officeRequest, office.url, officeAdmin);
  await asOffice('npmOrg.create', { name: 'Milli Preventiv Qrup' });
  await asOffice('users.create', { username: 'rauf.m', displayName: 'Rauf Əliyev', password: 'monitorinq qrupu 7', roles: ['ombudsman_monitor'] });
  const asMonitor = await asUser(await playwright.request.newContext(), office.url, { username: 'rauf.m', password: 'monitorinq qrupu 7' });
  oldFingerprint = (await asMonitor<{ fingerprint: string }>('npmOrg.status', {})).fingerprint;

  const centreRequest = await playwright.request.newContext();
  await initializeViaApi(centreRequest, centre.url, centreAdmin);
  const asCentreAdmin = await asUser(centreRequest, centre.url, centreAdmin);
  await asCentreAdmin('users.create', { ...centreHead, roles: ['centre_head'] });
  const asHead = await asUser(await playwright.request.newContext(), centre.url, centreHead);
  await asHead('npmCentre.trustOmbudsman', { content: (await asMonitor<{ content: string }>('npmOrg.identity', {})).content });
  await asMonitor('npmFacilities.add', { content: (await asHead<{ content: string }>('npmCentre.identity', {})).content });
});

test.afterAll(async () => {
  await Promise.all([office?.stop(), centre?.stop()]);
});

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  // A full-page shot of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/npm-rotation-${name}.png`, fullPage: true });
}

async function signIn(page: Page, url: string, user: { username: string; password: string }) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('İstifadəçi adı').fill(user.username);
  await page.getByLabel('Parol').fill(user.password);
  await page.getByLabel('Parol').press('Enter');
  await expect(page.getByRole('button', { name: 'Çıxış' })).toBeVisible({ timeout: 30_000 });
}

test('the office rotates its key; the centre sees old → new fingerprints and accepts the change', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'UTC', locale: 'az-AZ', acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchConsole(page);

  // ---------- The office: Rotate key, confirm, the key change file is saved ----------
  await signIn(page, office.url, officeAdmin);
  await page.getByRole('navigation', { name: 'Əsas menyu' }).getByRole('link', { name: 'Təşkilat açarı' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Təşkilat açarı' })).toBeVisible();
  await page.getByRole('button', { name: 'Açarı dəyişdir' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Təşkilatın yeni açarları indi yaradılsın?');
  // Cancelling changes nothing.
  await confirm.getByRole('button', { name: 'Ləğv et' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Açarı dəyişdir' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('alertdialog').getByRole('button', { name: 'Bəli, açarı dəyişdir' }).click()]);
  const file = { name: download.suggestedFilename(), content: readFileSync(await download.path(), 'utf8') };
  expect(file.name).toMatch(/^qeyd-ombudsman-key-change-.*\.json$/);
  await expect(page.getByRole('status').filter({ hasText: 'Yeni açarlar yaradıldı' })).toBeVisible();
  // The file can be downloaded again, for a centre that did not receive it.
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Açar dəyişikliyi faylını yenidən yükləyin' }).click()]);
  expect(readFileSync(await again.path(), 'utf8')).toBe(file.content);
  await shot(page, 'office');

  // ---------- The centre: the file, old → new, Accept ----------
  await signIn(page, centre.url, centreHead);
  await page.getByRole('navigation', { name: 'Əsas menyu' }).getByRole('link', { name: 'Ombudsman' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ombudsman' })).toBeVisible();
  const trusted = page.getByTestId('trusted-ombudsman');
  await expect(trusted.getByTestId('fingerprint')).toHaveText(oldFingerprint);
  const card = page.getByRole('region', { name: 'Ombudsman ofisinin açar dəyişikliyi' });
  await card.getByLabel('Açar dəyişikliyi faylı', { exact: true }).setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.content) });
  await card.getByRole('button', { name: 'Faylı yoxlayın' }).click();
  const preview = card.getByTestId('key-change-preview');
  await expect(preview).toContainText('Açar dəyişikliyi: Milli Preventiv Qrup');
  const prints = preview.getByTestId('fingerprint');
  await expect(prints.nth(0)).toHaveText(oldFingerprint);
  const newFingerprint = (await prints.nth(1).textContent())!;
  expect(newFingerprint).not.toBe(oldFingerprint);
  // Nothing has changed yet: the office is still trusted under its old key.
  await expect(trusted.getByTestId('fingerprint')).toHaveText(oldFingerprint);
  await shot(page, 'centre-preview');
  await card.getByRole('button', { name: 'Yeni açarı qəbul et' }).click();
  await expect(page.getByText('Bundan sonra yeni açara etibar edilir.')).toBeVisible();
  await expect(trusted.getByTestId('fingerprint')).toHaveText(newFingerprint);

  // The same file again is recognised, not recorded twice.
  await card.getByLabel('Açar dəyişikliyi faylı', { exact: true }).setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.content) });
  await card.getByRole('button', { name: 'Faylı yoxlayın' }).click();
  await expect(card.getByText('Bu açar dəyişikliyi artıq qəbul edilib.')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Yeni açarı qəbul et' })).toHaveCount(0);
  // A file that is not a key change is refused with its reason.
  await card.getByLabel('Açar dəyişikliyi faylı', { exact: true }).setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"qeyd-npm-key-rotation"}') });
  await card.getByRole('button', { name: 'Faylı yoxlayın' }).click();
  await expect(card.getByText('Bu fayl Qeyd-in oxuya biləcəyi fayl deyil və ya zədələnib.')).toBeVisible();
  await shot(page, 'centre-accepted');
  expect(problems).toEqual([]);
  await context.close();
});
