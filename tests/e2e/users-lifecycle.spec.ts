import { expect, test, type Page } from '@playwright/test';
import { shot, submitSignIn, usePreview, watchConsole } from './preview';

/**
 * Issue #10 §4 on screen: an administrator changes a user's roles, resets their password, disables and
 * enables the account; the user then signs in with the one-time password and must choose their own
 * before anything else opens. Everything is found by role and accessible name, in Azerbaijani.
 */
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const preview = usePreview(admin);
const samir = { username: 'samir', displayName: 'Samir Quliyev', password: 'çay və limon 88' };

async function oneTimePassword(page: Page, username: string): Promise<string> {
  const panel = page.getByRole('region', { name: `${username} üçün birdəfəlik parol` });
  await expect(panel).toBeVisible({ timeout: 60_000 });
  const value = (await panel.getByLabel('Birdəfəlik parol').textContent())!.trim();
  expect(value).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await panel.getByRole('button', { name: 'Verildi — gizlət' }).click();
  await expect(panel).toHaveCount(0);
  return value;
}

test('an administrator changes roles, resets, disables and enables an account; the user replaces the one-time password first', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto(preview.url);
  await submitSignIn(page, admin);
  await expect(page.getByRole('heading', { level: 1, name: 'Ümumi baxış' })).toBeVisible({ timeout: 30_000 });
  const created = await page.request.post(`${preview.url}rpc/users.create`, {
    headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' },
    data: { ...samir, roles: ['registrar'] },
  });
  expect(((await created.json()) as { ok: boolean }).ok).toBe(true);

  await page.getByRole('navigation').getByRole('link', { name: 'İstifadəçilər' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'İstifadəçilər' })).toBeVisible();
  // Your own row offers nothing: your password and roles go through other doors.
  const own = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: admin.username }) });
  await expect(own).toContainText('siz');
  await expect(own.getByRole('button')).toHaveCount(0);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: samir.username }) });

  // Roles: only a centre's roles are offered.
  await row.getByRole('button', { name: 'Rolları dəyiş' }).click();
  const roles = page.getByRole('region', { name: 'samir istifadəçisinin rolları' });
  await expect(roles.getByRole('checkbox', { name: 'Ombudsmanın monitorinq əməkdaşı' })).toHaveCount(0);
  await roles.getByRole('checkbox', { name: 'Növbətçi əməkdaş' }).check();
  await roles.getByRole('button', { name: 'Rolları saxla' }).click();
  await expect(page.getByText('samir istifadəçisinin rolları dəyişdirildi.', { exact: false })).toBeVisible();
  await expect(row).toContainText('Növbətçi əməkdaş');

  // A reset: explained, confirmed, then the one-time password shown once.
  await row.getByRole('button', { name: 'Parolu sıfırla' }).click();
  const reset = page.getByRole('region', { name: 'samir istifadəçisinin parolunu sıfırla' });
  await expect(reset).toContainText('Hazırkı parolu dərhal işləməz olur');
  await reset.getByRole('button', { name: 'Birdəfəlik parol ver' }).click();
  await oneTimePassword(page, samir.username);

  // Disable: the database is re-keyed; the row shows the account inactive and offers only Enable.
  await row.getByRole('button', { name: 'Deaktiv et' }).click();
  const disable = page.getByRole('region', { name: 'samir istifadəçisini deaktiv et' });
  await disable.getByRole('button', { name: 'Deaktiv et və açarı yenilə' }).click();
  await expect(page.getByText('samir deaktiv edildi və verilənlər bazasının açarı yeniləndi.')).toBeVisible({ timeout: 60_000 });
  await expect(row).toContainText('Xeyr');
  await expect(row.getByRole('button', { name: 'Parolu sıfırla' })).toHaveCount(0);
  await shot(page, '25-user-disabled');

  await row.getByRole('button', { name: 'Aktivləşdir' }).click();
  await page.getByRole('region', { name: 'samir istifadəçisini aktivləşdir' }).getByRole('button', { name: 'Aktivləşdir və birdəfəlik parol ver' }).click();
  const otp = await oneTimePassword(page, samir.username);
  await expect(row).toContainText('Bəli');

  // The user signs in with it and lands on the one screen that replaces it.
  await page.getByRole('button', { name: 'Çıxış' }).click();
  await submitSignIn(page, { username: samir.username, password: otp });
  await expect(page.getByRole('heading', { level: 1, name: 'Öz parolunuzu seçin' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await page.getByLabel('Birdəfəlik parol').fill(otp);
  await page.getByLabel('Yeni parol', { exact: true }).fill('mənim öz parolum 2026');
  await page.getByLabel('Yeni parolu təkrarlayın').fill('mənim öz parolum 2026');
  await shot(page, '26-first-password');
  await page.getByRole('button', { name: 'Parolumu saxla' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vaxtı çatanlar' })).toBeVisible({ timeout: 30_000 });

  expect(problems).toEqual([]);
});
