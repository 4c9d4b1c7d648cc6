import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { lawfulIntake } from './centre';
import { enrollmentCode, startHqServer, type HqServer } from './hq-server';
import { initializeViaApi, startPreview, watchConsole, type Preview } from './preview';

/**
 * The device's sync screen against a real HQ server on loopback: an administrator enrolls the device
 * with HQ's one-time code (after a wrong code and an insecure address are refused with their reasons),
 * a registrar's intake goes up with "Sync now", the day-end check confirms HQ has it all; then HQ goes
 * away, and the screen says so calmly — a failure row with a Retry button, the header says "Offline" —
 * and the records wait, ready to be exported to removable media and read back.
 */
let preview: Preview;
let hq: HqServer;
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };
const H = 3_600_000;
const shots = '/tmp/shots';

type Call = (method: string, input?: unknown) => Promise<Record<string, unknown>>;

async function apiAs(request: APIRequestContext, who: { username: string; password: string }): Promise<Call> {
  const call: Call = async (method, input = {}) => {
    const res = await request.post(`${preview.url}rpc/${method}`, { headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' }, data: input });
    const body = (await res.json()) as { ok: boolean; result?: Record<string, unknown>; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result!;
  };
  await call('auth.login', { username: who.username, password: who.password });
  return call;
}

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function signIn(page: Page, who: { username: string; password: string }) {
  // The screens are read in English here; the catalogs' three languages are checked key for key elsewhere.
  await page.addInitScript(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('navigation')).toBeVisible({ timeout: 30_000 });
}

test.beforeAll(async ({ playwright }) => {
  [preview, hq] = await Promise.all([startPreview(), startHqServer()]);
  const request = await playwright.request.newContext();
  await initializeViaApi(request, preview.url, admin);
  const asAdmin = await apiAs(request, admin);
  await asAdmin('users.create', { ...registrar, roles: ['registrar'] });
  await request.dispose();
});

test.afterAll(async () => {
  await hq?.dispose().catch(() => undefined);
  await preview?.stop();
});

test('an administrator enrolls the device; Sync now sends the registrar’s intake; the day is complete at HQ', async ({ page, playwright }) => {
  const problems = watchConsole(page);
  await signIn(page, admin);
  await expect(page.getByRole('link', { name: /Sync with HQ: Not connected to HQ/ })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Sync with HQ', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync with HQ' })).toBeVisible();

  const address = page.getByLabel('HQ address');
  const code = page.getByLabel('Enrollment code');
  const enroll = page.getByRole('button', { name: 'Enroll this device' });

  // Plain http to another machine would carry records in the clear: refused before anything is sent.
  await address.fill('http://hq.example.az');
  await code.fill('ABCDEFGH');
  await enroll.click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/Use an https:\/\/ address/);

  // A code HQ never issued: HQ refuses it, and the reason is beside the code.
  await address.fill(hq.url);
  await code.fill('WRONG-CODE-1234');
  await enroll.click();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription(/The enrollment code is not valid, already used or expired\./);
  await shot(page, 'sync-0-enroll-errors');

  await code.fill(enrollmentCode(hq, 'Bakı mərkəzi'));
  await enroll.click();
  await expect(page.getByText('Bakı mərkəzi', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(page.getByText('No sync has been attempted yet.')).toBeVisible();

  // The registrar records a person; it waits to go.
  const request = await playwright.request.newContext();
  const asRegistrar = await apiAs(request, registrar);
  await asRegistrar('intake.submit', lawfulIntake(Date.now() - 3 * H, { names: ['Али Ахмади', 'Ali Ahmadi'], nationality: 'AFG' }));
  await request.dispose();
  const card = page.getByRole('region', { name: 'Status' });
  const waitingText = card.getByText(/^\d+ records?$/);
  await expect(waitingText).toBeVisible();
  const waiting = Number((await waitingText.textContent())!.split(' ')[0]);
  expect(waiting).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Sync complete: ${waiting} records sent, nothing new from HQ.` })).toBeVisible();
  await expect(card.getByText('Nothing — HQ has everything')).toBeVisible();
  const attempts = page.getByRole('table', { name: /The last 1 attempt/ });
  await expect(attempts.getByRole('row').nth(1)).toContainText('By hand');
  await expect(attempts.getByRole('row').nth(1)).toContainText('Done');
  await expect(attempts.getByRole('row').nth(1)).toContainText(`${waiting} / 0`);
  await expect(page.getByRole('link', { name: 'Sync with HQ: Synced just now' })).toBeVisible();

  await page.getByRole('button', { name: 'Check the day with HQ' }).click();
  await expect(page.getByText(`Complete: HQ holds all ${waiting} records of this device (${waiting} today).`)).toBeVisible();
  await shot(page, 'sync-1-synced');
  expect(problems).toEqual([]);
});

test('HQ goes away: the screen stays calm, the failure has its reason and a Retry, and records can leave on removable media', async ({ page, playwright }) => {
  const problems = watchConsole(page);
  await hq.stop();
  const request = await playwright.request.newContext();
  const asRegistrar = await apiAs(request, registrar);
  await asRegistrar('intake.submit', lawfulIntake(Date.now() - 3 * H, { names: ['Реза Назари', 'Reza Nazari'], nationality: 'AFG' }));
  await request.dispose();

  await signIn(page, registrar);
  await page.getByRole('navigation').getByRole('link', { name: 'Sync with HQ', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync with HQ' })).toBeVisible();
  // A registrar syncs but does not enroll: no enrollment form, no address to change.
  await expect(page.getByLabel('HQ address')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'HQ not reachable — will retry automatically.' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /This is normal without a network\. Work continues; \d+ records wait/ })).toBeVisible();
  // Calm: nothing on the screen is an alarm.
  await expect(page.getByRole('alert')).toHaveCount(0);
  const failure = page
    .getByRole('table', { name: /The last \d+ attempts/ })
    .getByRole('row')
    .nth(1);
  await expect(failure).toContainText('Offline');
  await expect(failure).toContainText('HQ cannot be reached.');
  await expect(failure.getByRole('button', { name: 'Retry' })).toBeEnabled();
  await expect(page.getByRole('link', { name: /^Sync with HQ: Offline · \d+ waiting$/ })).toBeVisible();
  await shot(page, 'sync-2-offline');

  // Retry while HQ is still away: one more offline row, still no alarm.
  const rows = page.getByRole('table', { name: /The last \d+ attempts/ }).getByRole('row');
  const before = await rows.count();
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // No network at all: what HQ has not received leaves as a bundle file, and reads back in.
  await page.getByRole('button', { name: 'Export bundle files' }).click();
  await expect(page.getByText('1 file ready. Save it to the removable medium:')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Save qeyd-.*\.qeyd-bundle$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.qeyd-bundle$/);
  const file = readFileSync(await download.path());
  await page.getByRole('button', { name: 'Import the bundle' }).click();
  await expect(page.getByLabel('Bundle file (.qeyd-bundle)')).toHaveAccessibleDescription('Choose a bundle file first.');
  await page.getByLabel('Bundle file (.qeyd-bundle)').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: file });
  await page.getByRole('button', { name: 'Import the bundle' }).click();
  // This device already holds its own records: reading its own bundle back changes nothing.
  await expect(page.getByText(/^Imported: nothing new, \d+ already here, 0 set aside\.$/)).toBeVisible();
  await shot(page, 'sync-3-media');

  // The same calm screen in the duty desk's languages.
  await page.getByLabel('Language').selectOption('az');
  await expect(page.getByRole('heading', { level: 1, name: 'Mərkəzlə sinxronlaşma' })).toBeVisible();
  await expect(page.getByText('Mərkəzlə əlaqə yoxdur — avtomatik yenidən cəhd ediləcək.')).toBeVisible();
  await shot(page, 'sync-4-offline-az');
  await page.getByLabel('Dil').selectOption('ru');
  await expect(page.getByRole('heading', { level: 1, name: 'Синхронизация с центром' })).toBeVisible();
  await expect(page.getByText('Центр недоступен — повторим автоматически.')).toBeVisible();
  await shot(page, 'sync-5-offline-ru');
  expect(problems).toEqual([]);
});
