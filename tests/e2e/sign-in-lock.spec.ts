import { expect, test, type APIRequestContext } from '@playwright/test';
import { shot, submitSignIn, usePreview, watchConsole } from './preview';

/**
 * Issue #10 §3 on screen: someone guesses a registrar's password at the duty desk until the name and the
 * desk are locked; the right password is then refused too. The administrator, already signed in, sees
 * both locks under Users and lifts them; the audit screen shows the burst of failures.
 */
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const preview = usePreview(admin);
const samir = { username: 'samir', displayName: 'Samir Quliyev', password: 'çay və limon 88' };

interface Envelope {
  ok: boolean;
  error?: { code: string; messageKey: string; params?: { seconds?: number; minutes?: number } };
}

async function login(request: APIRequestContext, password: string): Promise<Envelope> {
  const response = await request.post(`${preview.url}rpc/auth.login`, {
    headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' },
    data: { username: samir.username, password },
  });
  expect(response.status()).toBeLessThan(500);
  return (await response.json()) as Envelope;
}

test('a guessed password locks the name and the desk; the administrator sees both, lifts them, and the audit shows the burst', async ({ page, playwright }) => {
  const problems = watchConsole(page);
  await page.goto(preview.url);
  await submitSignIn(page, admin);
  await expect(page.getByRole('heading', { level: 1, name: 'Ümumi baxış' })).toBeVisible({ timeout: 30_000 });
  const created = await page.request.post(`${preview.url}rpc/users.create`, {
    headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' },
    data: { ...samir, roles: ['registrar'] },
  });
  expect(((await created.json()) as Envelope).ok).toBe(true);

  // The guesser: no session, the same desk. Each refusal says how long to wait; they wait and go on.
  const guesser = await playwright.request.newContext();
  const refusals: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await login(guesser, `guess number ${attempt}`);
    expect(answer.ok).toBe(false);
    refusals.push(answer.error!.messageKey);
    if (answer.error!.messageKey === 'error.auth.locked') break;
    if (answer.error!.messageKey === 'error.auth.slowDown') await page.waitForTimeout((answer.error!.params!.seconds ?? 1) * 1000 + 250);
  }
  expect(refusals).toContain('error.auth.badCredentials');
  expect(refusals.at(-1)).toBe('error.auth.locked');
  // During the lock the right password is refused as well, with the time left.
  const right = await login(guesser, samir.password);
  expect(right.error?.messageKey).toBe('error.auth.locked');
  expect(right.error?.params?.minutes).toBeGreaterThan(0);

  await page.getByRole('navigation').getByRole('link', { name: 'İstifadəçilər' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'İstifadəçilər' })).toBeVisible();
  const locks = page.getByRole('region', { name: 'Kilidlənmiş girişlər' });
  const lockTable = locks.getByRole('table', { name: /Qüvvədə olan \d+ kilid/ });
  const nameLock = lockTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /İstifadəçi adı samir/ }) });
  await expect(nameLock).toContainText('Giriş');
  const deskLock = lockTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Pəncərə və ya brauzer/ }) });
  await expect(deskLock).toHaveCount(1);
  await shot(page, '27-locked-accounts');

  await nameLock.getByRole('button', { name: 'samir kilidini aç' }).click();
  await expect(locks.getByText('samir kilidi açıldı.')).toBeVisible();
  await deskLock.getByRole('button', { name: /kilidini aç$/ }).click();
  await expect(locks.getByText('Heç nə kilidlənməyib.')).toBeVisible();

  // Unlocked: the right password works again.
  expect((await login(guesser, samir.password)).ok).toBe(true);
  await guesser.dispose();

  await page.getByRole('navigation').getByRole('link', { name: 'Audit jurnalı' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit jurnalı' })).toBeVisible();
  const bursts = page.getByRole('region', { name: 'Uğursuz girişlər' });
  await expect(bursts.getByRole('listitem').filter({ hasText: '“samir” üçün' })).toContainText(/\d+ uğursuz giriş/);
  await shot(page, '28-sign-in-bursts');

  expect(problems).toEqual([]);
});
