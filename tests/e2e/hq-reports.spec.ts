import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { lowKdfCostVariable } from '../../db/kdf-cost';
import { startHqServer, type HqServer } from './hq-server';
import { watchConsole } from './preview';

/**
 * HQ's national reports (issue #16 "Done when"): two centres' desks (scripts/hq-demo.ts) sync real
 * records to a real HQ; the administrator creates an analyst through the Users screen; the analyst opens
 * Reports, looks at every report, filters admissions to one facility and one sex, reads the chart and
 * its table, opens the people behind a figure and one of them, exports a table as XLSX (read back here
 * with exceljs: headers in the interface language, counts as numbers, no published count in 1..4, the
 * filters and the analyst named) and the statistical annex as PDF; the administrator then finds the
 * figure's opening and both exports in the audit log.
 */
const shots = '/tmp/shots';
const downloads = '/tmp/pw-reports-downloads';
const admin = { username: 'hqadmin', displayName: 'HQ administrator', password: 'baş idarə konsolu 2026' };
const analyst = { username: 'leyla.a', displayName: 'Leyla Abbasova', password: 'hesabat və rəqəmlər 26' };
/** HQ's head of statistics: an analyst who also administers, so sets each facility's places. */
const chief = { username: 'rauf.m', displayName: 'Rauf Məmmədov', password: 'yerlər və doluluq 2026' };
const baku = 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi';

// core/reports/model.ts reportIds (not imported: it pulls in the country lists, JSON Playwright's loader refuses).
const reportIds = ['occupancy', 'admissions', 'stay', 'screening', 'asylum', 'removals', 'safeguards', 'incidents', 'ombudsman', 'tracing'] as const;

let hq: HqServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  hq = await startHqServer();
  hq.cli(['setup-console', '--username', admin.username, '--display-name', admin.displayName], `${admin.password}\n`);
  execFileSync('npx', ['tsx', 'scripts/hq-demo.ts', '--hq', hq.url, '--data-dir', hq.dataDir], {
    env: { ...process.env, QEYD_HQ_DATA_DIR: hq.dataDir, QEYD_HQ_KEY_FILE: hq.keyFile, QEYD_HQ_DATABASE_URL: '', [lowKdfCostVariable]: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(shots, { recursive: true });
  mkdirSync(downloads, { recursive: true });
});

test.afterAll(async () => {
  await hq?.dispose();
});

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/hq-report-${name}.png`, fullPage: true });
}

async function signIn(page: Page, who: { username: string; password: string }, landing: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: landing })).toBeVisible({ timeout: 30_000 });
}

/**
 * The strings of a PDF's document information dictionary. pdfkit writes each as a literal string, UTF-16BE
 * with a byte-order mark when not ASCII, either in the dictionary or as an indirect object it points to.
 */
function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = pdf.toString('latin1');
  const literalAt = (start: number): string => {
    let i = start + 1;
    const bytes: number[] = [];
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    while (i < text.length && text[i] !== ')') {
      if (text[i] === '\\') {
        i += 1;
        bytes.push(escapes[text[i]!] ?? text.charCodeAt(i));
      } else bytes.push(text.charCodeAt(i));
      i += 1;
    }
    const b = Buffer.from(bytes);
    return b[0] === 0xfe && b[1] === 0xff ? b.subarray(2).swap16().toString('utf16le') : b.toString('latin1');
  };
  const out: Record<string, string> = {};
  for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) {
    const direct = new RegExp(`/${key} \\(`).exec(text);
    const indirect = new RegExp(`/${key} (\\d+) 0 R`).exec(text);
    if (direct) out[key] = literalAt(direct.index + key.length + 2);
    else if (indirect) {
      const obj = new RegExp(`\\n${indirect[1]} 0 obj\\s*\\(`).exec(text);
      if (obj) out[key] = literalAt(obj.index + obj[0].length - 1);
    }
  }
  return out;
}

test('an HQ analyst filters a report, opens the people behind a figure, exports XLSX and the annex; the administrator sees it audited', async ({ page }) => {
  test.setTimeout(300_000);
  const problems = watchConsole(page);
  await page.goto(`${hq.url}/`);
  await page.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await page.reload();

  // The administrator creates the analyst; an administrator alone reads no reports.
  await signIn(page, admin, 'Overview');
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await expect(nav.getByRole('link', { name: 'Reports' })).toHaveCount(0);
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
  await page.getByRole('button', { name: 'New user' }).click();
  await form.getByLabel('User name').fill(chief.username);
  await form.getByLabel('Full name').fill(chief.displayName);
  await form.getByRole('checkbox', { name: 'HQ analyst' }).check();
  await form.getByRole('checkbox', { name: 'Administrator' }).check();
  await form.getByLabel('Password', { exact: true }).fill(chief.password);
  await form.getByLabel('Repeat password').fill(chief.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('row').filter({ hasText: chief.username })).toContainText('HQ analyst', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Log out' }).click();

  // The analyst finds Reports in the menu, beside the compliance overview.
  await signIn(page, analyst, 'Compliance across facilities');
  await expect(nav.getByRole('link')).toHaveText(['Facilities & devices', 'Compliance', 'Reports', 'Tracing inquiries', 'Register']);
  await nav.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'National reports' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Internal — exact counts for HQ analysts', { exact: true })).toBeVisible();
  await expect(page.getByText(/^Figures as of /)).toBeVisible();

  // Every report, as it looks: each draws its tables (a chart or, for a table with no chart, the numbers).
  const picker = page.getByRole('navigation', { name: 'Reports' });
  await expect(picker.getByRole('link')).toHaveCount(reportIds.length);
  for (const [i, id] of reportIds.entries()) {
    await picker.getByRole('link').nth(i).click();
    await expect(page).toHaveURL(new RegExp(`report=${id}`));
    await expect(picker.getByRole('link').nth(i)).toHaveAttribute('aria-current', 'page');
    const tables = page.locator('section.reports-table');
    await expect(tables.first()).toBeVisible({ timeout: 30_000 });
    // ECharts has drawn into every visible chart.
    for (const chart of await page.locator('.reports-chart:not(.reports-chart--hidden) .reports-chart__canvas').all()) await expect(chart.locator('svg')).toBeVisible();
    await shot(page, id);
  }

  // Admissions, filtered to Baku's men.
  await picker.getByRole('link', { name: 'Admissions and exits' }).click();
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Facility').selectOption({ label: baku });
  await filters.getByLabel('Sex').selectOption({ label: 'Male' });
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/report=admissions&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&facility=[^&]+&sex=male$/);
  await expect(filters.getByLabel('Facility')).toHaveValue(/.+/);
  await expect(filters.getByLabel('Sex')).toHaveValue('male');

  // By nationality: the chart, described for screen readers, then its table view.
  const card = page.getByTestId('report-table-admissions_nationality');
  const title = (await card.getByRole('heading', { level: 2 }).textContent())!;
  const chart = card.getByRole('img');
  await expect(chart.locator('svg')).toBeVisible();
  await expect(chart).toHaveAttribute('aria-label', /the largest figure is 1: /);
  const toggle = card.getByRole('button', { name: 'Table view' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const table = card.getByRole('table', { name: title });
  await expect(table).toBeVisible();
  // Baku's four men, four nationalities; women and the other centre are filtered out.
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.getByRole('row', { name: /Afghanistan/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Uzbekistan/ })).toHaveCount(0);
  await expect(table.locator('tfoot th')).toHaveText('Total');
  await expect(table.locator('tfoot td').last()).toHaveText('4');
  await page.evaluate(() => window.scrollTo(0, 0));
  await card.screenshot({ path: `${shots}/hq-report-admissions-table.png` });
  await shot(page, 'admissions-filtered');

  // The people behind one figure: the internal count is exact (1); the list names him.
  await table.getByRole('button', { name: /^1: .*Afghanistan.*\. Show the people$/ }).click();
  const people = card.getByRole('region', { name: /^People behind the figure: .*Afghanistan/ });
  await expect(people.getByText('Showing 1 of 1')).toBeVisible();
  await expect(people.getByRole('link')).toHaveText(['Mohammad Rahimi']);
  await shot(page, 'admissions-people');
  const filtered = page.url();
  await people.getByRole('link', { name: 'Mohammad Rahimi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Mohammad Rahimi/ })).toBeVisible({ timeout: 30_000 });
  // Back returns to the same filtered report.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'National reports' })).toBeVisible();
  expect(page.url()).toBe(filtered);
  await expect(filters.getByLabel('Sex')).toHaveValue('male');
  await card.getByRole('button', { name: 'Table view' }).click();
  await expect(table.getByRole('row', { name: /Afghanistan/ })).toBeVisible();

  // The table as XLSX, read back: published, so every small count is hidden.
  const xlsxDownload = page.waitForEvent('download');
  await card.getByRole('button', { name: `XLSX: ${title}` }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/^qeyd-admissions-admissions_nationality-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(page.getByRole('status').filter({ hasText: /^Saved qeyd-admissions/ })).toContainText('watermarked with your name and the time');
  const xlsxPath = `${downloads}/${xlsx.suggestedFilename()}`;
  await xlsx.saveAs(xlsxPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxPath);
  const [filtersSheet, tableSheet] = book.worksheets;
  const sheetText = (s: ExcelJS.Worksheet) => {
    const lines: string[] = [];
    s.eachRow((r) => lines.push((r.values as ExcelJS.CellValue[]).slice(1).map(String).join(' | ')));
    return lines.join('\n');
  };
  const filterText = sheetText(filtersSheet!);
  expect(filterText).toContain(baku);
  expect(filterText).toContain('Male');
  expect(filterText).toContain(analyst.displayName);
  // The header row is the screen's, in English: the row header and the sex columns.
  const uiHead = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
  let headRow = 0;
  tableSheet!.eachRow((r, n) => {
    if (headRow === 0 && r.getCell(1).value === uiHead[0]) headRow = n;
  });
  expect(headRow).toBeGreaterThan(0);
  const sheetHead = (tableSheet!.getRow(headRow).values as ExcelJS.CellValue[]).slice(1).map(String);
  expect(sheetHead.slice(0, uiHead.length - 1)).toEqual(uiHead.slice(0, -1));
  // Below it: counts are number cells, and none is in 1..4; a hidden count is text, never its value.
  const numbers: number[] = [];
  const texts: string[] = [];
  tableSheet!.eachRow((r, n) => {
    if (n <= headRow) return;
    r.eachCell((c, col) => {
      if (col === 1) return;
      if (typeof c.value === 'number') numbers.push(c.value);
      else texts.push(String(c.value));
    });
  });
  expect(numbers.length).toBeGreaterThan(0);
  expect(numbers.filter((n) => n >= 1 && n <= 4)).toEqual([]);
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.every((t) => !/^\d+$/.test(t))).toBe(true);

  // The same table as CSV: headers in English, the small counts hidden the same way.
  const csvDownload = page.waitForEvent('download');
  await card.getByRole('button', { name: `CSV: ${title}` }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toMatch(/^qeyd-admissions-admissions_nationality-.*\.csv$/);
  const csvPath = `${downloads}/${csvFile.suggestedFilename()}`;
  await csvFile.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv).toContain(uiHead.slice(0, -1).join(','));
  expect(csv).toMatch(/Afghanistan,<5,0,0,0/);

  // The whole report as one workbook: the filters sheet and a sheet per table.
  const allDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (XLSX)' }).click();
  const allFile = await allDownload;
  expect(allFile.suggestedFilename()).toMatch(/^qeyd-admissions-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const allPath = `${downloads}/${allFile.suggestedFilename()}`;
  await allFile.saveAs(allPath);
  const allBook = new ExcelJS.Workbook();
  await allBook.xlsx.readFile(allPath);
  expect(allBook.worksheets).toHaveLength(1 + (await page.locator('section.reports-table').count()));

  // The statistical annex, in Azerbaijani.
  await page.getByLabel('Language of exports').selectOption('az');
  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Statistical annex (PDF)' }).click();
  const pdfFile = await pdfDownload;
  expect(pdfFile.suggestedFilename()).toMatch(/^qeyd-annex-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-az\.pdf$/);
  const pdfPath = `${downloads}/${pdfFile.suggestedFilename()}`;
  await pdfFile.saveAs(pdfPath);
  const pdf = readFileSync(pdfPath);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const info = pdfInfo(pdf);
  expect(info.Author).toContain(analyst.displayName);
  expect(info.Title).toBeTruthy();
  expect(info.Keywords).toMatch(/, az$/);
  expect(info.Creator).toBe('Qeyd');

  // Print and grayscale: the controls go, the charts and their tables stay and stay apart.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Apply' })).toBeHidden();
  await expect(card.getByRole('table', { name: title })).toBeVisible();
  await shot(page, 'admissions-print');
  // On A4's width the charts are drawn again to fit the page, not cut at its edge.
  await page.setViewportSize({ width: 794, height: 1123 });
  for (const figure of await page.locator('figure.reports-chart').all()) {
    await expect(async () => {
      const [svg, box] = await Promise.all([figure.locator('svg').first().boundingBox(), figure.boundingBox()]);
      expect(svg!.width).toBeLessThanOrEqual(box!.width + 1);
    }).toPass();
  }
  await shot(page, 'admissions-print-a4');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.emulateMedia({ media: 'screen' });
  await filters.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/report=admissions$/);
  await picker.getByRole('link', { name: 'Safeguards' }).click();
  await expect(page.locator('section.reports-table').first()).toBeVisible();
  // Through the CSSOM: the console's content security policy refuses inline style sheets.
  await page.evaluate(() => {
    document.documentElement.style.filter = 'grayscale(1)';
  });
  await shot(page, 'safeguards-grayscale');
  await picker.getByRole('link', { name: 'Occupancy' }).click();
  await expect(page.locator('section.reports-table').first()).toBeVisible();
  await shot(page, 'occupancy-grayscale');
  await page.evaluate(() => {
    document.documentElement.style.filter = '';
  });

  // The same screen in Azerbaijani and Russian: labels, months and numbers in the language.
  await picker.getByRole('link', { name: 'Safeguards' }).click();
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('az');
  await expect(page.getByRole('heading', { level: 1, name: 'Milli hesabatlar' })).toBeVisible();
  await expect(page.locator('section.reports-table').first()).toBeVisible();
  await shot(page, 'safeguards-az');
  await page.getByRole('combobox', { name: 'Dil', exact: true }).selectOption('ru');
  await expect(page.getByRole('heading', { level: 1, name: 'Национальные отчёты' })).toBeVisible();
  await shot(page, 'safeguards-ru');
  await page.getByRole('combobox', { name: 'Язык', exact: true }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'National reports' })).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();

  // The administrator sees the figure's opening and both exports, under the analyst's name.
  await signIn(page, admin, 'Overview');
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  for (const method of ['hqReports.people', 'hqReports.export', 'hqReports.annex']) {
    await expect(page.getByRole('row').filter({ hasText: method }).filter({ hasText: analyst.displayName }).first()).toBeVisible();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/hq-report-audit.png`, fullPage: true });
  await page.getByRole('button', { name: 'Log out' }).click();

  // An analyst who also administers sets a facility's places; occupancy is then measured against them.
  await signIn(page, chief, 'Compliance across facilities');
  await nav.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Occupancy' }).click();
  const places = page.getByRole('region', { name: 'Places per facility' });
  await places.getByRole('spinbutton', { name: `Places at ${baku}` }).fill('20');
  await places.getByRole('button', { name: `Save the places at ${baku}` }).click();
  await expect(places.getByRole('status')).toHaveText('Saved.');
  // Baku holds five: a quarter of its twenty places.
  const rate = page.getByTestId('report-table-occupancy_rate');
  await expect(rate.getByRole('img')).toHaveAttribute('aria-label', /25%/);
  await rate.getByRole('button', { name: 'Table view' }).click();
  await expect(rate.getByRole('row', { name: new RegExp(baku) })).toContainText('25%');
  await rate.getByRole('button', { name: 'Table view' }).click();
  await shot(page, 'occupancy-capacity');

  expect(problems).toEqual([]);
});
