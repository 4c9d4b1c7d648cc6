import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { lowKdfCostVariable } from '../../db/kdf-cost';
import { startHqServer, type HqServer } from './hq-server';
import { watchConsole } from './preview';

/**
 * Tracing inquiries at the HQ console (issue #14 §3), as an analyst works them: two centres' desks
 * (scripts/hq-demo.ts) have synced real records; the analyst records a consulate's inquiry written in
 * Cyrillic, finds the person registered at a centre, confirms the candidate and records the answer; the
 * list puts an overdue inquiry first; a form with no name is refused with the reason beside the field.
 */
const shots = '/tmp/shots';
const admin = { username: 'hqadmin', displayName: 'HQ administrator', password: 'baş idarə konsolu 2026' };
const analyst = { username: 'leyla.a', displayName: 'Leyla Abbasova', password: 'axtarış sorğuları 2026' };
const baku = 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi';

let hq: HqServer;

/** The console's /rpc as a browser calls it, its session in a cookie (the spec cannot load the contract's JSON imports). */
function consoleCalls(url: string) {
  let cookie = '';
  return async (method: string, input: unknown): Promise<unknown> => {
    const res = await fetch(`${url}/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qeyd-client': '1', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const body = (await res.json()) as { ok: boolean; result?: unknown; error?: unknown };
    if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
    return body.result;
  };
}

/** A day in Baku, as the console counts due dates. */
const bakuDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Baku', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));

test.beforeAll(async () => {
  test.setTimeout(180_000);
  hq = await startHqServer();
  hq.cli(['setup-console', '--username', admin.username, '--display-name', admin.displayName], `${admin.password}\n`);
  execFileSync('npx', ['tsx', 'scripts/hq-demo.ts', '--hq', hq.url, '--data-dir', hq.dataDir], {
    env: { ...process.env, QEYD_HQ_DATA_DIR: hq.dataDir, QEYD_HQ_KEY_FILE: hq.keyFile, QEYD_HQ_DATABASE_URL: '', [lowKdfCostVariable]: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The analyst's account, and an inquiry received six weeks ago that nobody answered.
  const call = consoleCalls(hq.url);
  await call('auth.login', { username: admin.username, password: admin.password });
  await call('users.create', { username: analyst.username, displayName: analyst.displayName, roles: ['hq_analyst'], password: analyst.password });
  await call('auth.login', { username: analyst.username, password: analyst.password });
  const received = bakuDate(Date.now() - 42 * 86_400_000);
  await call('tracing.open', {
    requester: { category: 'icrc_red_crescent', name: 'ICRC Baku delegation', contact: 'tracing.bak@icrc.org' },
    subject: { names: ['Omid Karimi'], sex: 'male', age: 27, lastKnownPlace: 'Astara' },
    legalBasis: 'ICRC mandate (Geneva Conventions, Restoring Family Links)',
    consent: 'not_required',
    receivedOn: received,
  });
  // The consulate of the country Samir Haddad (scripts/hq-demo.ts) fled asks where he is: he asked for asylum.
  await call('tracing.open', {
    requester: { category: 'consulate', name: 'Embassy of the Syrian Arab Republic', contact: 'consular@example.sy' },
    subject: { names: ['Samir Haddad'], sex: 'male', nationality: 'SYR' },
    legalBasis: 'Note verbale 211/2026',
    consent: 'none',
    receivedOn: bakuDate(Date.now()),
  });
  mkdirSync(shots, { recursive: true });
});

test.afterAll(async () => {
  await hq?.dispose();
});

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/hq-tracing-${name}.png`, fullPage: true });
}

test('an analyst records an inquiry in Cyrillic, finds the person at a centre, confirms and answers; overdue first', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.goto(`${hq.url}/`);
  await page.evaluate(() => window.localStorage.setItem('qeyd.locale', 'en'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('User name').fill(analyst.username);
  await page.getByLabel('Password').fill(analyst.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compliance across facilities' })).toBeVisible({ timeout: 30_000 });

  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await nav.getByRole('link', { name: 'Tracing inquiries' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tracing inquiries' })).toBeVisible();
  await page.getByRole('link', { name: 'New inquiry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New inquiry' })).toBeVisible();

  const form = page.getByTestId('tracing-new');
  await form.getByLabel('Requester', { exact: true }).selectOption('consulate');
  await form.getByLabel('Name of the requester').fill('Consulate General of Uzbekistan');
  await form.getByLabel('Contact (address, telephone, e-mail)').fill('consulate@example.uz, +994 12 000 00 00');
  await form.getByLabel('Legal basis').fill('Note verbale 14/2026, Vienna Convention on Consular Relations Art. 36');
  // No name: refused in place, with the reason beside the field, and nothing recorded.
  await form.getByRole('button', { name: 'Record the inquiry' }).click();
  await expect(form.getByText(/Some fields need attention|This field is required|Required/).first()).toBeVisible();
  await expect(page).toHaveURL(/#\/hq\/tracing\/new$/);
  await form.getByLabel('Names (one per line)').fill('Нодира Каримова');
  await form.getByLabel('Sex', { exact: true }).selectOption('female');
  await shot(page, 'new');
  await form.getByRole('button', { name: 'Record the inquiry' }).click();

  // The inquiry page: the person registered in Latin and Cyrillic at a centre, with score and reasons.
  await expect(page).toHaveURL(/#\/hq\/tracing\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const candidates = page.getByTestId('tracing-candidates');
  const nodira = candidates.getByRole('row', { name: /Nodira Karimova/ });
  await expect(nodira).toContainText(`Held at ${baku}`);
  await expect(nodira).toContainText('Same name');
  await expect(nodira).toContainText('Whereabouts may be disclosed');
  await shot(page, 'inquiry');

  await nodira.getByRole('button', { name: 'Confirm' }).click();
  const review = page.getByTestId('tracing-review');
  await review.getByLabel('Note (what was compared)').fill('Name in both scripts, nationality and birth date agree');
  await review.getByRole('button', { name: 'Record the decision' }).click();
  await expect(nodira).toContainText('Confirmed');
  await expect(nodira).toContainText('Leyla Abbasova');

  await page.getByRole('button', { name: 'Record the answer' }).click();
  const answer = page.getByTestId('tracing-answer');
  await answer.getByLabel('Answer', { exact: true }).selectOption('located');
  await answer.getByLabel('What was said').fill('Held at the Baku centre since her admission.');
  await answer.getByRole('button', { name: 'Record the answer' }).click();
  await expect(page.getByText(/Located — told to Consulate General of Uzbekistan by Letter/)).toBeVisible();
  await shot(page, 'inquiry-answered');

  // The list: the ICRC's unanswered inquiry of six weeks ago first, marked overdue; the answered one is not open.
  await page.getByRole('link', { name: 'All inquiries' }).click();
  const list = page.getByTestId('tracing-list');
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await expect(list.locator('tbody tr').first()).toContainText('Omid Karimi');
  await expect(list.locator('tbody tr').first()).toContainText('Overdue');
  await expect(list.locator('tbody tr').nth(1)).toContainText('Samir Haddad');
  await expect(list.locator('tbody tr').nth(1)).not.toContainText('Overdue');
  await shot(page, 'list');
  await page.getByLabel('Show').selectOption('all');
  await expect(list.locator('tbody tr')).toHaveCount(3);
  await expect(list.locator('tbody tr').first()).toContainText('Overdue');
  await page.getByLabel('Show').selectOption('open');

  // The Syrian consulate asks about a man who asked for asylum: the answer is withheld, and why; his
  // consent can be asked through the centre that holds him.
  await list.getByRole('link', { name: 'Samir Haddad' }).click();
  const samir = page.getByTestId('tracing-candidates').getByRole('row', { name: /Samir Haddad/ });
  await expect(samir).toContainText('Withheld: asylum seeker; nothing to the consulate without the person’s consent');
  await samir.getByRole('button', { name: 'Confirm' }).click();
  await page.getByTestId('tracing-review').getByLabel('Note (what was compared)').fill('Name, nationality and birth date agree');
  await page.getByTestId('tracing-review').getByRole('button', { name: 'Record the decision' }).click();
  await expect(samir).toContainText('Confirmed');
  await page.getByTestId('tracing-centre').getByRole('button', { name: 'Ask consent to disclose' }).click();
  await expect(page.getByTestId('tracing-centre-answers')).toContainText('no answer yet');
  await expect(samir).toContainText('Withheld: the person has been asked and has not answered yet');
  // Telling the consulate where he is is refused, with the reason.
  await page.getByRole('button', { name: 'Record the answer' }).click();
  const withheld = page.getByTestId('tracing-answer');
  await withheld.getByLabel('Answer', { exact: true }).selectOption('located');
  await withheld.getByLabel('What was said').fill('Held at the Baku centre.');
  await withheld.getByRole('button', { name: 'Record the answer' }).click();
  await expect(withheld.getByText('The person has not answered yet. Until they consent, the answer is “withheld”.')).toBeVisible();
  await shot(page, 'inquiry-withheld');
  await withheld.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'All inquiries' }).click();

  // The same list in Azerbaijani and Russian.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('az');
  await expect(page.getByRole('heading', { level: 1, name: 'Axtarış sorğuları' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Dil', exact: true }).selectOption('ru');
  await expect(page.getByRole('heading', { level: 1, name: 'Розыскные запросы' })).toBeVisible();
  await shot(page, 'list-ru');
  await page.getByRole('combobox', { name: 'Язык', exact: true }).selectOption('en');

  // Unidentified persons and deaths: a record a later inquiry can match.
  await page.getByRole('link', { name: 'Unidentified persons and deaths' }).click();
  await page.getByRole('button', { name: 'Record a person or a death' }).click();
  const record = page.getByTestId('tracing-record');
  await record.getByLabel('Sex', { exact: true }).selectOption('male');
  await record.getByLabel('Approximate age, from').fill('25');
  await record.getByLabel('Approximate age, to').fill('30');
  await record.getByLabel('Where found').fill('Astara border crossing');
  await record.getByLabel('Description (clothing, marks, belongings)').fill('Anchor tattoo on the right forearm, green jacket');
  await record.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.getByTestId('tracing-records')).toContainText('Anchor tattoo on the right forearm');
  await shot(page, 'records');

  expect(problems).toEqual([]);
});
