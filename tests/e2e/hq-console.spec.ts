import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lowKdfCostVariable } from '../../db/kdf-cost';
import { startHqServer, type HqServer } from './hq-server';
import { fillDate, watchConsole } from './preview';

/**
 * HQ staff's console, as HQ uses it: the HQ server runs beside its event store; the console is set up
 * from the server's shell; three desks of two centres (scripts/hq-demo.ts) enroll and sync real
 * records; the administrator creates an analyst through the Users screen; the analyst reads the
 * facilities and the compliance overview, opens the people behind a figure and one person's page; the
 * administrator then finds that read in the audit log.
 */
const shots = '/tmp/shots';
const admin = { username: 'hqadmin', displayName: 'HQ administrator', password: 'baş idarə konsolu 2026' };
const analyst = { username: 'leyla.a', displayName: 'Leyla Abbasova', password: 'hesabat və rəqəmlər 26' };
const baku = 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi';
const yevlax = 'Yevlax Qanunsuz Miqrantların Saxlanılması Mərkəzi';

let hq: HqServer;
let hqUrl: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  hq = await startHqServer();
  hqUrl = hq.url;
  // From the server's shell, as an operator would: the console and its first administrator, then demo data.
  hq.cli(['setup-console', '--username', admin.username, '--display-name', admin.displayName], `${admin.password}\n`);
  execFileSync('npx', ['tsx', 'scripts/hq-demo.ts', '--hq', hqUrl, '--data-dir', hq.dataDir], {
    env: { ...process.env, QEYD_HQ_DATA_DIR: hq.dataDir, QEYD_HQ_KEY_FILE: hq.keyFile, QEYD_HQ_DATABASE_URL: '', [lowKdfCostVariable]: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(shots, { recursive: true });
});

test.afterAll(async () => {
  await hq?.dispose();
});

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/hq-${name}.png`, fullPage: true });
}

async function signIn(page: Page, who: { username: string; password: string }, landing: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: landing })).toBeVisible({ timeout: 30_000 });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
}

test('HQ reads every facility: devices, compliance figures, the people behind a figure, and the audited read', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.goto(`${hqUrl}/`);
  await page.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await page.reload();

  // The administrator manages accounts, the devices (to revoke a lost one), the audit log and settings; records and figures are not theirs.
  await signIn(page, admin, 'Overview');
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await expect(nav.getByRole('link')).toHaveText(['Home', 'Facilities & devices', 'Audit log', 'Users', 'Settings']);
  await expect(page.getByRole('banner')).toContainText('Headquarters');

  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('region', { name: 'New user' });
  await form.getByLabel('User name').fill(analyst.username);
  await form.getByLabel('Full name').fill(analyst.displayName);
  await form.getByRole('checkbox', { name: 'HQ analyst' }).check();
  await form.getByLabel('Password', { exact: true }).fill(analyst.password);
  await form.getByLabel('Repeat password').fill(analyst.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('row').filter({ hasText: analyst.username })).toContainText('HQ analyst', { timeout: 30_000 });
  await signOut(page);

  // The analyst starts at the compliance overview: no intake, no deadlines board, no sync.
  await signIn(page, analyst, 'Compliance across facilities');
  await expect(nav.getByRole('link')).toHaveText(['Facilities & devices', 'Compliance', 'Reports', 'Tracing inquiries', 'Register']);
  await expect(nav.getByRole('link', { name: 'Compliance' })).toHaveAttribute('aria-current', 'page');

  // Today: one child held (the target is none) and people with overdue deadlines, both red.
  const children = page.getByRole('link', { name: /Children held now/ });
  await expect(children).toContainText('1');
  await expect(children).toHaveClass(/hq-tile--alarm/);
  await expect(page.getByRole('link', { name: /People with an overdue deadline/ })).toHaveClass(/hq-tile--alarm/);

  // The table: one row per facility and a totals row; the demo's default 30 days leave out the person
  // apprehended 45 days ago.
  const table = page.getByRole('table', { name: /By facility/ });
  const bakuRow = table.getByRole('row', { name: new RegExp(`^${baku}`) });
  const yevlaxRow = table.getByRole('row', { name: new RegExp(`^${yevlax}`) });
  const totalRow = table.getByRole('row', { name: /^All facilities/ });
  await expect(bakuRow.getByRole('cell').nth(0)).toHaveText('5');
  await expect(yevlaxRow.getByRole('cell').nth(0)).toHaveText('2');
  await expect(totalRow.getByRole('cell').nth(0)).toHaveText('7');
  await expect(page.getByTestId('chart-rights').getByRole('img', { name: new RegExp(`^${baku}: 3 within 1 h, 1 late, 1 not told`) })).toBeVisible();
  await expect(page.getByTestId('chart-consular').getByRole('img', { name: new RegExp(`^${baku}: 2 sent, 1 blocked, 1 overdue`) })).toBeVisible();
  await shot(page, 'compliance');

  // Sorting: children first puts Yevlax on top; sorting by facility again puts Baku back.
  await table.getByRole('button', { name: /children/ }).click();
  await expect(table.getByRole('columnheader', { name: /children/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.locator('tbody tr').first()).toContainText(yevlax);
  await table.getByRole('button', { name: /Facility/ }).click();
  await expect(table.locator('tbody tr').first()).toContainText(baku);

  // A period whose end is before its start is refused on the spot; a preset changes the address.
  await fillDate(page, 'From', '2026-11-20');
  await fillDate(page, 'To', '2026-11-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert')).toHaveText('The end of the period must not be before its start.');
  await page.getByRole('link', { name: 'Last 90 days' }).click();
  await expect(page).toHaveURL(/#\/hq\/compliance\?from=/);
  await expect(page.getByRole('link', { name: 'Last 90 days' })).toHaveAttribute('aria-current', 'true');
  await expect(totalRow.getByRole('cell').nth(0)).toHaveText('8');

  // Facilities and devices: every desk with its last push and what HQ holds of it.
  await nav.getByRole('link', { name: 'Facilities & devices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Facilities and devices' })).toBeVisible();
  await expect(page.getByText(/HQ holds \d+ events from 3 devices in 2 facilities\./)).toBeVisible();
  const bakuDevices = page.getByRole('region', { name: baku });
  await expect(bakuDevices.getByRole('row', { name: /Növbətçi masası 1/ })).toContainText('Pushed within 24 h');
  await expect(bakuDevices.getByRole('row', { name: /Növbətçi masası 2/ })).toBeVisible();
  await expect(page.getByRole('region', { name: yevlax }).getByRole('row', { name: /Qəbul masası/ })).toContainText(/just now|ago/);
  await shot(page, 'facilities');

  // The people behind a figure, then one person: the drill-down is the person page, read-only here.
  await nav.getByRole('link', { name: 'Compliance' }).click();
  await page.getByRole('link', { name: `1: Rights not told, ${baku}. Show the people` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rights not told' })).toBeVisible();
  await expect(page.getByText('Opening a person’s record is written to the audit log under your name.')).toBeVisible();
  const cases = page.getByRole('table', { name: '1 person' });
  await expect(cases.getByRole('row', { name: /Nodira Karimova/ })).toContainText(baku);
  await shot(page, 'cases');
  await page.getByRole('link', { name: 'Back to the compliance overview' }).click();
  await page.getByRole('link', { name: /Children held now/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Children held today' })).toBeVisible();
  await page.getByRole('link', { name: 'Ali Rezaei' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Ali Rezaei/ })).toBeVisible({ timeout: 30_000 });
  // An analyst reads; nothing on the page offers to record or correct.
  await expect(page.getByRole('button', { name: /^(Correct|Record|Admit|Release|Transfer|Extend)/ })).toHaveCount(0);
  await shot(page, 'person');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Children held today' })).toBeVisible();

  // The register of every facility, read-only: nothing offers a new intake.
  await nav.getByRole('link', { name: 'Register' }).click();
  await expect(page.getByRole('link', { name: 'Ali Rezaei' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: /intake/i })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /intake/i })).toHaveCount(0);
  await shot(page, 'register');

  // The same overview in Azerbaijani and Russian.
  await nav.getByRole('link', { name: 'Compliance' }).click();
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('az');
  await expect(page.getByRole('heading', { level: 1, name: 'Müəssisələr üzrə təminatlara riayət' })).toBeVisible();
  await shot(page, 'compliance-az');
  await page.getByRole('combobox', { name: 'Dil', exact: true }).selectOption('ru');
  await expect(page.getByRole('heading', { level: 1, name: 'Соблюдение гарантий по учреждениям' })).toBeVisible();
  await shot(page, 'compliance-ru');
  await page.getByRole('navigation').getByRole('link', { name: 'Учреждения и устройства' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Учреждения и устройства' })).toBeVisible();
  await shot(page, 'facilities-ru');
  await page.getByRole('combobox', { name: 'Язык', exact: true }).selectOption('en');

  // Seen from this browser a day and a half later, the desks are amber; four days later, red.
  const syncedAt = Date.now();
  await page.clock.setFixedTime(syncedAt + 36 * 3_600_000);
  await nav.getByRole('link', { name: 'Compliance' }).click();
  await nav.getByRole('link', { name: 'Facilities & devices' }).click();
  await expect(bakuDevices.getByRole('row', { name: /Növbətçi masası 1/ })).toContainText('No push for over 24 h');
  await expect(bakuDevices.getByRole('row', { name: /Növbətçi masası 1/ })).toContainText(/1 d 1\d h ago/);
  await shot(page, 'facilities-stale');
  await page.clock.setFixedTime(syncedAt + 96 * 3_600_000);
  await nav.getByRole('link', { name: 'Compliance' }).click();
  await nav.getByRole('link', { name: 'Facilities & devices' }).click();
  await expect(bakuDevices.getByRole('row', { name: /Növbətçi masası 2/ })).toContainText('No push for over 72 h');
  await shot(page, 'facilities-red');
  await signOut(page);

  // The administrator sees the analyst's reads in the audit log: the figure's list and the person.
  await signIn(page, admin, 'Overview');
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const personRead = page.getByRole('row').filter({ hasText: 'persons.view' }).filter({ hasText: analyst.displayName });
  await expect(personRead.first()).toContainText('Viewed');
  await expect(page.getByRole('row').filter({ hasText: 'hq.cases' }).filter({ hasText: analyst.displayName }).first()).toContainText('People behind a compliance figure');
  await shot(page, 'audit');

  expect(problems).toEqual([]);
});
