import { expect, test, type Page } from '@playwright/test';
import { shot, submitSignIn, usePreview, watchConsole } from './preview';

/** An administrator creates a registrar; the registrar sees only what the role allows. */
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const preview = usePreview(admin);
const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };

/** An administrator lands on the overview; whoever reads the register, on the deadlines board. */
async function signIn(page: Page, who: { username: string; password: string }, home = 'Ümumi baxış') {
  await submitSignIn(page, who);
  await expect(page.getByRole('heading', { level: 1, name: home })).toBeVisible({ timeout: 30_000 });
}

test('admin creates a registrar, who sees no Users or Audit log', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto(preview.url);
  await signIn(page, admin);

  await page.getByRole('navigation').getByRole('link', { name: 'İstifadəçilər' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'İstifadəçilər' })).toBeVisible();
  const open = page.getByRole('button', { name: 'Yeni istifadəçi' });
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const form = page.getByRole('region', { name: 'Yeni istifadəçi' });
  await expect(form.getByLabel('İstifadəçi adı')).toBeFocused();

  // Nothing filled in: every field and the role group explain themselves.
  await form.getByRole('button', { name: 'İstifadəçini yarat' }).click();
  await expect(form.getByLabel('İstifadəçi adı')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('group', { name: 'Rollar' })).toContainText('Ən azı 1 seçin.');
  await shot(page, '20-new-user-errors');

  // A taken user name is refused by the server and shown beside the field.
  await form.getByLabel('İstifadəçi adı').fill('admin');
  await form.getByLabel('Adı və soyadı').fill(registrar.displayName);
  await form.getByRole('checkbox', { name: 'Qeydiyyatçı' }).check();
  await form.getByLabel('Parol', { exact: true }).fill(registrar.password);
  await form.getByLabel('Parolu təkrarlayın').fill(registrar.password);
  await form.getByRole('button', { name: 'İstifadəçini yarat' }).click();
  await expect(form.getByLabel('İstifadəçi adı')).toHaveAccessibleDescription(/Bu istifadəçi adı artıq istifadə olunur\./);
  // The field that needs fixing has the focus and is not hidden under the sticky header.
  await expect(form.getByLabel('İstifadəçi adı')).toBeFocused();
  const fieldBox = (await form.getByLabel('İstifadəçi adı').boundingBox())!;
  const headerBox = (await page.getByRole('banner').boundingBox())!;
  expect(fieldBox.y).toBeGreaterThanOrEqual(headerBox.y + headerBox.height);
  await shot(page, '21-new-user-taken');

  await form.getByLabel('İstifadəçi adı').fill(registrar.username);
  await form.getByRole('button', { name: 'İstifadəçini yarat' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${registrar.username} istifadəçisi yaradıldı.` })).toBeVisible({ timeout: 30_000 });
  const row = page.getByRole('row').filter({ hasText: registrar.username });
  await expect(row).toContainText(registrar.displayName);
  await expect(row).toContainText('Qeydiyyatçı');
  await expect(row).toContainText('Bəli');
  await shot(page, '22-users-created');

  await page.getByRole('button', { name: 'Çıxış' }).click();
  await signIn(page, registrar, 'Vaxtı çatanlar');
  const header = page.getByRole('banner');
  await expect(header).toContainText(registrar.displayName);
  await expect(header).toContainText('Qeydiyyatçı');
  const nav = page.getByRole('navigation', { name: 'Əsas menyu' });
  await expect(nav.getByRole('link', { name: 'Vaxtı çatanlar' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'İş yeri' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'İstifadəçilər' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Audit jurnalı' })).toHaveCount(0);
  await shot(page, '23-registrar-home');

  // Typing the address of a screen the role may not open lands on the role's home.
  await page.goto(`${preview.url}#/users`);
  await expect(page.getByRole('heading', { level: 1, name: 'Vaxtı çatanlar' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'İstifadəçilər' })).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('a call that finds the session gone returns to sign-in with the reason', async ({ page, context }) => {
  await page.goto(preview.url);
  await signIn(page, admin);
  // The server forgets this browser's session (as after a restart or the idle lock).
  await context.clearCookies();
  await page.getByRole('navigation').getByRole('link', { name: 'Audit jurnalı' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Əvvəlcə sistemə daxil olun.');
  await shot(page, '24-session-lost');
});
