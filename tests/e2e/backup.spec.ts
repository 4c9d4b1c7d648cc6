import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
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
