import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { enrollmentCode, startHqServer } from './hq-server';
import { shot, startPreview, usePreview, watchConsole, type Preview } from './preview';

/**
 * Issue #13 §4: the administrator takes a backup from the Backup screen into a folder (a USB drive in
 * real life); a second, empty installation restores it at first start with the administrator's
 * password and signs in. Screens are read by role and label, and shot in az, en and ru.
 */
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const preview = usePreview(admin);
let folder: string;
let second: Preview | undefined;

test.beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'qeyd-e2e-backups-'));
});

test.afterAll(async () => {
  await second?.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function inLanguage(page: Page, locale: 'az' | 'en' | 'ru') {
  await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
  await page.reload();
}

test('a backup taken on the Backup screen restores at first start of another installation', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await page.addInitScript(() => {
    if (!window.localStorage.getItem('qeyd.locale')) window.localStorage.setItem('qeyd.locale', 'en');
  });
  await page.goto(preview.url);
  await page.getByLabel('User name', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  // The daily reminder: no backup yet, said in the header.
  await expect(page.getByRole('link', { name: 'No backup yet' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation').getByRole('link', { name: 'Backup', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backup of this laptop' })).toBeVisible();

  const where = page.getByLabel('Folder to save the backup in');
  await where.fill(join(folder, 'not-there'));
  await page.getByRole('button', { name: 'Take backup now' }).click();
  await expect(where).toHaveAttribute('aria-invalid', 'true');
  await expect(where).toHaveAccessibleDescription(/No folder at this path/);

  await where.fill(folder);
  await page.getByRole('button', { name: 'Take backup now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Backup saved: qeyd-backup-.*\.qeyd-backup/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'No backup yet' })).toHaveCount(0);
  const files = readdirSync(folder).filter((f) => f.endsWith('.qeyd-backup'));
  expect(files).toHaveLength(1);
  await shot(page, 'backup-en');
  await inLanguage(page, 'az');
  await expect(page.getByRole('heading', { level: 1, name: 'Bu noutbukun ehtiyat nüsxəsi' })).toBeVisible({ timeout: 30_000 });
  await shot(page, 'backup-az');
  await inLanguage(page, 'ru');
  await expect(page.getByRole('heading', { level: 1, name: 'Резервная копия этого ноутбука' })).toBeVisible({ timeout: 30_000 });
  await shot(page, 'backup-ru');

  // A new laptop: the app at first start, on an empty data folder.
  second = await startPreview();
  await page.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await page.goto(second.url);
  await page.getByRole('button', { name: 'Restore from a backup instead' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Restore from backup' })).toBeVisible();
  await page.getByLabel('Path of the backup file').fill(join(folder, files[0]!));
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('Növbətçi masası 1', { exact: true })).toBeVisible();
  await page.getByLabel('User name', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/does not open the backup/);
  await shot(page, 'restore-en');
  for (const [locale, title] of [
    ['az', 'Ehtiyat nüsxədən bərpa'],
    ['ru', 'Восстановление из резервной копии'],
  ] as const) {
    await inLanguage(page, locale);
    await page.getByRole('button', { name: locale === 'az' ? 'Bunun əvəzinə ehtiyat nüsxədən bərpa edin' : 'Вместо этого восстановить из резервной копии' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.getByLabel(locale === 'az' ? 'Ehtiyat faylın yolu' : 'Путь к файлу резервной копии').fill(join(folder, files[0]!));
    await page.getByRole('button', { name: locale === 'az' ? 'Faylı yoxlayın' : 'Проверить файл' }).click();
    await expect(page.getByText('Növbətçi masası 1', { exact: true })).toBeVisible();
    await shot(page, `restore-${locale}`);
  }

  await inLanguage(page, 'en');
  await page.getByRole('button', { name: 'Restore from a backup instead' }).click();
  await page.getByLabel('Path of the backup file').fill(join(folder, files[0]!));
  await page.getByLabel('User name', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText('The backup was restored. Sign in with your usual account.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await page.getByLabel('User name', { exact: true }).fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('navigation')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Növbətçi masası 1').or(page.getByText('Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi')).first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('after a restore, the old laptop’s sync is refused as the superseded copy and says so', async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  const hq = await startHqServer();
  const fresh = await startPreview();
  try {
    const request = await playwright.request.newContext();
    const call =
      (base: string) =>
      async (method: string, input: unknown = {}) => {
        const res = await request.post(`${base}rpc/${method}`, { headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' }, data: input });
        const body = (await res.json()) as { ok: boolean; result?: Record<string, unknown>; error?: unknown };
        if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
        return body.result!;
      };
    // The old laptop: enrolled, synced, backed up.
    const old = call(preview.url);
    await old('auth.login', { username: admin.username, password: admin.password });
    await old('sync.enroll', { hqUrl: hq.url, code: enrollmentCode(hq, 'Bakı mərkəzi') });
    await old('sync.run');
    const made = await old('backup.create', { folder });
    // The new laptop restores that backup and syncs once.
    const neu = call(fresh.url);
    await neu('restore.apply', { path: made.path, username: admin.username, password: admin.password });
    await neu('auth.login', { username: admin.username, password: admin.password });
    await neu('sync.run');
    await request.dispose();

    // The old laptop, still alive, tries again.
    await page.addInitScript(() => {
      if (!window.localStorage.getItem('qeyd.locale')) window.localStorage.setItem('qeyd.locale', 'en');
    });
    await page.goto(`${preview.url}#/sync`);
    // isVisible does not wait: read it only once the page shows either the sign-in form or the app.
    const userName = page.getByLabel('User name', { exact: true });
    await expect(userName.or(page.getByRole('navigation')).first()).toBeVisible({ timeout: 30_000 });
    if (await userName.isVisible()) {
      await page.getByLabel('User name', { exact: true }).fill(admin.username);
      await page.getByLabel('Password', { exact: true }).fill(admin.password);
      await page.getByLabel('Password', { exact: true }).press('Enter');
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Sync with HQ', exact: true }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByText(/the same device was restored from a backup on another computer/).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('This device is “Növbətçi masası 1”: give HQ this name when you call.')).toBeVisible();
    await shot(page, 'sync-superseded-en');
    await inLanguage(page, 'az');
    await expect(page.getByText(/İki nüsxədən biri mərkəzdə ləğv edilməlidir/).first()).toBeVisible({ timeout: 30_000 });
    await shot(page, 'sync-superseded-az');
    await inLanguage(page, 'ru');
    await expect(page.getByText(/Одну из двух копий нужно отозвать в центре/).first()).toBeVisible({ timeout: 30_000 });
    await shot(page, 'sync-superseded-ru');
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
  } finally {
    await fresh.stop();
    await hq.dispose().catch(() => undefined);
  }
});
