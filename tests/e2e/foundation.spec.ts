import { expect, test } from '@playwright/test';
import { shot, startPreview, watchConsole, type Preview } from './preview';

/**
 * The first night of a new installation, as an officer lives it: setup, the recovery key, signing in,
 * reading the screen in their language, signing out, and a mistyped password.
 */
let preview: Preview;

test.beforeAll(async () => {
  preview = await startPreview();
});

test.afterAll(async () => {
  await preview?.stop();
});

const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };

test('first run: setup, recovery key, sign in, languages, sign out, wrong password', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto(preview.url);

  // The browser asks for Azerbaijani (playwright.config.ts), so the first screen speaks it.
  await expect(page.getByRole('heading', { level: 1, name: 'İlkin quraşdırma' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'az');
  await expect(page.getByLabel('Saat qurşağı')).toHaveValue('Asia/Baku');
  await shot(page, '01-setup');

  // Submitting an empty form: each field says what is wrong, next to it, in Azerbaijani.
  await page.getByRole('button', { name: 'Quraşdırmanı tamamla' }).click();
  const facilityName = page.getByLabel('Müəssisənin adı');
  await expect(facilityName).toHaveAttribute('aria-invalid', 'true');
  await expect(facilityName).toBeFocused();
  await expect(facilityName).toHaveAccessibleDescription('Mütləqdir.');
  await expect(page.getByRole('alert')).toContainText('Bəzi sahələrə diqqət yetirin.');
  await expect(page.getByRole('alert').getByRole('button', { name: 'Müəssisənin adı' })).toBeVisible();
  await page.getByLabel('Parol', { exact: true }).fill('qısa');
  await page.getByLabel('Parolu təkrarlayın').fill('başqa');
  await page.getByRole('button', { name: 'Quraşdırmanı tamamla' }).click();
  await expect(page.getByLabel('Parol', { exact: true })).toHaveAccessibleDescription(/Parol ən azı 10 simvoldan ibarət olmalıdır\./);
  await expect(page.getByLabel('Parolu təkrarlayın')).toHaveAccessibleDescription('Parollar eyni deyil.');
  await shot(page, '02-setup-errors');

  await facilityName.fill('Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi');
  await page.getByLabel('Müəssisənin növü').selectOption({ label: 'Saxlanma mərkəzi' });
  await page.getByLabel('Cihazın adı').fill('Növbətçi masası 1');
  await page.getByLabel('İstifadəçi adı').fill(admin.username);
  await page.getByLabel('Adı və soyadı').fill(admin.displayName);
  await page.getByLabel('Parol', { exact: true }).fill(admin.password);
  await page.getByLabel('Parolu təkrarlayın').fill(admin.password);
  await page.getByRole('button', { name: 'Quraşdırmanı tamamla' }).click();

  // The recovery key: shown once, large, and the way on is closed until it is stored.
  await expect(page.getByRole('heading', { level: 1, name: 'Bərpa açarı' })).toBeVisible({ timeout: 30_000 });
  const key = page.getByTestId('recovery-key');
  await expect(key).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{1,4}){8,}$/);
  await expect(page.getByText('Bu açar yalnız bir dəfə göstərilir.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Çap et' })).toBeEnabled();
  const proceed = page.getByRole('button', { name: 'Davam et' });
  await expect(proceed).toBeDisabled();
  await shot(page, '03-recovery-key');
  // The printed sheet: only the key and what it belongs to, no buttons or menus.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Çap et' })).toBeHidden();
  await expect(page.getByText('Qeyd — bu vərəqi seyfdə saxlayın')).toBeVisible();
  await shot(page, '03b-recovery-key-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('checkbox', { name: 'Bərpa açarını etibarlı yerdə saxladım' }).check();
  await expect(proceed).toBeEnabled();
  await proceed.click();

  // Sign in with the keyboard alone: Enter submits.
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();
  await expect(page.getByText('Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi')).toBeVisible();
  await expect(page.getByLabel('İstifadəçi adı')).toBeFocused();
  await shot(page, '04-login');
  await page.getByLabel('İstifadəçi adı').fill(admin.username);
  await page.getByLabel('Parol').fill(admin.password);
  await page.getByLabel('Parol').press('Enter');

  // The shell shows who is signed in, with which role, where.
  await expect(page.getByRole('heading', { level: 1, name: 'Ümumi baxış' })).toBeVisible({ timeout: 30_000 });
  const header = page.getByRole('banner');
  await expect(header).toContainText(admin.displayName);
  await expect(header).toContainText('Administrator');
  await expect(header).toContainText('Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi');
  const nav = page.getByRole('navigation', { name: 'Əsas menyu' });
  await expect(nav.getByRole('link', { name: 'Əsas səhifə' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'İstifadəçilər' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit jurnalı' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('15 dəqiqə fəaliyyətsizlikdən sonra');
  await expect(page.getByRole('main')).toContainText('Növbətçi masası 1');
  await shot(page, '05-home-az');
  // A dimmed room at night: the dark scheme follows the operating system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, '05b-home-az-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Russian: the choice applies at once, sets <html lang> and survives a reload.
  await page.getByLabel('Dil', { exact: true }).selectOption('ru');
  await expect(page.getByRole('heading', { level: 1, name: 'Обзор' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('main')).toContainText('Через 15 минут бездействия');
  await expect(header).toContainText('Администратор');
  await shot(page, '06-home-ru');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Обзор' })).toBeVisible();

  await page.getByRole('link', { name: 'Пользователи' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Пользователи' })).toBeVisible();
  await expect(page.getByRole('cell', { name: admin.displayName })).toBeVisible();
  await shot(page, '07-users-ru');

  await page.getByRole('link', { name: 'Журнал аудита' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Журнал аудита' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Вход в систему' }).first()).toBeVisible();
  // Times follow the facility (Asia/Baku, UTC+4), not this browser (UTC).
  const firstTime = await page.locator('tbody time').first().getAttribute('datetime');
  const baku = new Date(Date.parse(firstTime!) + 4 * 3600_000).toISOString();
  const expected = `${baku.slice(8, 10)}.${baku.slice(5, 7)}.${baku.slice(0, 4)} ${baku.slice(11, 19)}`;
  await expect(page.locator('tbody time').first()).toHaveText(expected);
  await expect(page.getByRole('cell', { name: 'Первоначальная настройка' })).toBeVisible();
  await page.getByRole('button', { name: 'Проверить целостность' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Целостность подтверждена' })).toBeVisible();
  await shot(page, '08-audit-ru');

  // English, briefly, then back to Azerbaijani.
  await page.getByLabel('Язык', { exact: true }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await shot(page, '09-audit-en');
  await page.getByLabel('Language', { exact: true }).selectOption('az');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit jurnalı' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'az');
  await page.getByRole('link', { name: 'Əsas səhifə' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ümumi baxış' })).toBeVisible();

  await page.getByRole('button', { name: 'Çıxış' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Sistemdən çıxdınız.');
  await shot(page, '10-signed-out');

  // A wrong password is refused with the translated reason, announced as an alert.
  await page.getByLabel('İstifadəçi adı').fill(admin.username);
  await page.getByLabel('Parol').fill('yanlış parol 123');
  await page.getByLabel('Parol').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('İstifadəçi adı və ya parol səhvdir.');
  await expect(page.getByLabel('Parol')).toHaveValue('');
  await expect(page.getByLabel('Parol')).toBeFocused();
  await shot(page, '11-login-refused');

  // After a reload the session is gone for good: sign-in again, not the shell.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();

  expect(problems).toEqual([]);
});

test('the built page has nothing inline that the strict CSP would block', async ({ request }) => {
  const res = await request.get(preview.url);
  const html = await res.text();
  expect(html).toContain('http-equiv="Content-Security-Policy"');
  expect(html).toMatch(/script-src 'self';/);
  expect(html).toMatch(/style-src 'self';/);
  // Every script is a file; there are no <style> blocks, style attributes or inline handlers.
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\bsrc=/);
  expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/);
  expect(html).not.toMatch(/<style\b/);
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/\son[a-z]+=/);
  expect(res.headers()['content-security-policy']).toContain("script-src 'self'");
});
