import { expect, test, type Page } from '@playwright/test';
import { initializeViaApi, shot, startPreview, watchConsole, type Preview } from './preview';

/**
 * The first screen speaks the browser's (or, in Electron, the system's) language when the app has it,
 * and a language chosen on the setup screen wins from then on (issue #11 §8). The other specs run with
 * an Azerbaijani browser (playwright.config.ts); these two ask for English and Russian.
 */
const admin = { username: 'admin', displayName: 'Admin', password: 'first language 2026' };

const language = (page: Page) => page.getByRole('group', { name: /Proqramın dili/ });

test.describe('a browser that asks for English', () => {
  test.use({ locale: 'en-US' });
  let preview: Preview;
  test.beforeAll(async () => {
    preview = await startPreview();
  });
  test.afterAll(async () => {
    await preview?.stop();
  });

  test('the setup screen opens in English, and Azerbaijani chosen there stays after a reload and after setup', async ({ page, playwright }) => {
    const problems = watchConsole(page);
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { level: 1, name: 'First-run setup' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The choice is in plain sight, asked in all three languages, each option named in itself.
    await expect(language(page)).toContainText('Language of the app');
    await expect(language(page)).toContainText('Язык программы');
    await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
    await shot(page, '00-first-language-en');

    await page.getByRole('radio', { name: 'Azərbaycanca' }).check();
    await expect(page.getByRole('heading', { level: 1, name: 'İlkin quraşdırma' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'az');
    await expect(page.getByLabel('Müəssisənin adı')).toBeVisible();
    await shot(page, '00-first-language-az');

    // The browser still asks for English; the person's choice wins.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'İlkin quraşdırma' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Azərbaycanca' })).toBeChecked();

    const request = await playwright.request.newContext();
    await initializeViaApi(request, preview.url, admin);
    await request.dispose();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test.describe('a browser that asks for Russian', () => {
  test.use({ locale: 'ru-RU' });
  let preview: Preview;
  test.beforeAll(async () => {
    preview = await startPreview();
  });
  test.afterAll(async () => {
    await preview?.stop();
  });

  test('the setup screen opens in Russian, and English chosen there stays on the sign-in screen', async ({ page, playwright }) => {
    const problems = watchConsole(page);
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Первоначальная настройка' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('radio', { name: 'Русский' })).toBeChecked();
    await shot(page, '00-first-language-ru');

    await page.getByRole('radio', { name: 'English' }).check();
    await expect(page.getByRole('heading', { level: 1, name: 'First-run setup' })).toBeVisible();
    // The small switcher at the top agrees with the large choice.
    await expect(page.getByRole('combobox', { name: 'Language', exact: true })).toHaveValue('en');

    const request = await playwright.request.newContext();
    await initializeViaApi(request, preview.url, admin);
    await request.dispose();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(problems).toEqual([]);
  });
});
