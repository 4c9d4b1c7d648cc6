import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { shot, usePreview, watchConsole } from './preview';

/**
 * Issue #11 §5: Arabic script pasted into "Name in Latin letters" was accepted and became the person's
 * Latin name. Now the field refuses it at once with a translated error and offers a transliteration the
 * officer takes with one button; in the wizard the pasted text is kept as the original-script name.
 */
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };
const preview = usePreview(admin);
const H = 3_600_000;

async function apiAs(request: APIRequestContext, who: { username: string; password: string }) {
  const call = async (method: string, input: unknown = {}) => {
    const res = await request.post(`${preview.url}rpc/${method}`, { headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' }, data: input });
    const body = (await res.json()) as { ok: boolean; result?: Record<string, unknown>; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.result!;
  };
  await call('auth.login', { username: who.username, password: who.password });
  return call;
}

let personId = '';
test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  await (
    await apiAs(request, admin)
  )('users.create', { ...registrar, roles: ['registrar'] });
  const call = await apiAs(request, registrar);
  const at = Date.now() - 5 * H;
  const made = await call('intake.submit', {
    person: { names: { original: 'Мухаммад Рахими', latin: 'Mukhammad Rakhimi', aliases: [] }, sex: 'male', nationalities: ['AFG'], languages: ['fa'] },
    apprehension: { at: new Date(at - 2 * H).toISOString(), place: 'Bakı, Xətai rayonu', authority: 'Miqrasiya polisi' },
  });
  personId = made.personId as string;
  await request.dispose();
});

async function signIn(page: Page) {
  await page.goto(preview.url);
  await page.getByLabel('İstifadəçi adı').fill(registrar.username);
  await page.getByLabel('Parol').fill(registrar.password);
  await page.getByLabel('Parol').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Vaxtı çatanlar' })).toBeVisible({ timeout: 30_000 });
}

test('Arabic script pasted as the Latin name is refused in az, en and ru; "Use this" takes the suggestion and keeps the pasted name as the original', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page);
  await page.goto(`${preview.url}#/intake/new`);
  await expect(page.getByRole('heading', { level: 2, name: 'Mərhələ 1 / 5: Şəxs' })).toBeVisible();
  const latin = page.getByLabel('Latın hərfləri ilə ad');
  await latin.fill('محمد اکرم');

  await expect(latin).toHaveAttribute('aria-invalid', 'true');
  await expect(latin).toHaveAccessibleDescription(/Bu adı latın hərfləri ilə yazın/);
  await expect(page.getByText('Təklif: Muhammad Akram')).toBeVisible();
  await expect(page.getByText('Yapışdırılan ad orijinal əlifbada ad kimi saxlanacaq.')).toBeVisible();
  await shot(page, 'latin-name-suggestion-az');

  await page.getByLabel('Dil', { exact: true }).selectOption('en');
  await expect(page.getByLabel('Name in Latin letters')).toHaveAccessibleDescription(/Write this name in Latin letters/);
  await expect(page.getByText('Suggested: Muhammad Akram')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use this', exact: true })).toBeVisible();
  await shot(page, 'latin-name-suggestion-en');

  await page.getByLabel('Language', { exact: true }).selectOption('ru');
  await expect(page.getByLabel('Имя латиницей')).toHaveAccessibleDescription(/Напишите это имя латиницей/);
  await expect(page.getByText('Предлагается: Muhammad Akram')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Использовать', exact: true })).toBeVisible();
  await shot(page, 'latin-name-suggestion-ru');
  await page.getByLabel('Язык', { exact: true }).selectOption('az');

  await page.getByRole('button', { name: 'Bunu istifadə et', exact: true }).click();
  await expect(latin).toHaveValue('Muhammad Akram');
  await expect(latin).not.toHaveAttribute('aria-invalid', 'true');
  await expect(latin).toBeFocused();
  await expect(page.getByLabel('Orijinal əlifbada ad')).toHaveValue('محمد اکرم');
  await expect(page.getByText('Təklif: Muhammad Akram')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a correction with a Cyrillic Latin name shows the error and the suggestion; "Use this" and save records the Latin form', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page);
  await page.goto(`${preview.url}#/person/${personId}`);
  await page.getByRole('button', { name: 'Məlumatları düzəlt' }).click();
  const form = page.getByRole('region', { name: 'Məlumatları düzəlt' });
  const latin = form.getByLabel('Latın hərfləri ilə ad');
  await latin.fill('Мухаммад Акрамов');
  await expect(latin).toHaveAccessibleDescription(/Bu adı latın hərfləri ilə yazın/);
  await expect(form.getByText('Təklif: Mukhammad Akramov')).toBeVisible();
  // The original-script name is already there: it is left alone.
  await expect(form.getByText('Yapışdırılan ad orijinal əlifbada ad kimi saxlanacaq.')).toHaveCount(0);
  await form.getByRole('button', { name: 'Bunu istifadə et', exact: true }).click();
  await expect(latin).toHaveValue('Mukhammad Akramov');
  await expect(form.getByLabel('Orijinal əlifbada ad')).toHaveValue('Мухаммад Рахими');
  await form.getByLabel('Düzəlişin səbəbi').fill('Pasportun maşınla oxunan zonasına görə');
  await form.getByRole('button', { name: 'Düzəlişi saxla' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Qeydə alındı: Şəxsi məlumatlar düzəldilib.' })).toBeVisible();
  const entry = page.getByRole('region', { name: 'Xronologiya' }).getByRole('listitem').filter({ hasText: 'Ad (latın)' }).first();
  await expect(entry).toContainText('əvvəl Mukhammad Rakhimi → indi Mukhammad Akramov');
  expect(problems).toEqual([]);
});
