import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { dateBox, fillDate, initializeViaApi, shot, startPreview, watchConsole, type Preview } from './preview';

/**
 * Safeguards from the first hour, as the night registrar lives them: a Persian speaker is brought in
 * two hours after apprehension; the rights, consul and lawyer cards are red; an independent interpreter
 * and a written Persian letter follow; the letter prints right to left with its QR code; the person
 * asks for asylum, so the consular notice is blocked and says why; a defender is assigned and met; and
 * the due-now board empties of each item as it is done.
 */
let preview: Preview;
const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };
const safeguardKinds = ['rights_notification', 'rights_renotify', 'written_rights_letter', 'consular_inform', 'consular_send', 'defender_contact'];
const dir = 'test-results/screenshots';

test.beforeAll(async ({ playwright }) => {
  preview = await startPreview();
  const request = await playwright.request.newContext({ baseURL: preview.url });
  await initializeViaApi(request, preview.url, admin);
  const headers = { 'content-type': 'application/json', 'x-qeyd-client': '1' };
  expect((await (await request.post('rpc/auth.login', { headers, data: { username: admin.username, password: admin.password } })).json()).ok).toBe(true);
  const created = await (await request.post('rpc/users.create', { headers, data: { ...registrar, roles: ['registrar'] } })).json();
  expect(created.ok, JSON.stringify(created)).toBe(true);
  await request.dispose();
});

test.afterAll(async () => {
  await preview?.stop();
});

/** One RPC call from inside the signed-in page (same cookie, same origin, same header as the app). */
async function rpc<T>(page: Page, method: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ method, input }) => {
      const r = await fetch(`./rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' }, body: JSON.stringify(input) });
      return (await r.json()) as { ok: boolean; result?: unknown; error?: unknown };
    },
    { method, input },
  );
  expect(envelope.ok, `${method}: ${JSON.stringify(envelope)}`).toBe(true);
  return envelope.result as T;
}

async function owed(page: Page, personId: string): Promise<string[]> {
  const { items } = await rpc<{ items: { kind: string; personId: string }[] }>(page, 'dueNow.list', { includeUpcoming: true });
  return items
    .filter((i) => i.personId === personId && safeguardKinds.includes(i.kind))
    .map((i) => i.kind)
    .sort();
}

async function setLocale(page: Page, locale: 'az' | 'en' | 'ru') {
  await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
  await page.reload();
}

/** The panel alone, at full size, to look at closely beside the full-page capture. */
async function panelShot(page: Page, name: string) {
  mkdirSync(dir, { recursive: true });
  // The sticky header would cover the top of a tall element; hidden for this capture only (CSSOM, not a style tag).
  const header = page.locator('.shell__header');
  await header.evaluate((h: HTMLElement) => (h.style.visibility = 'hidden'));
  await page.getByTestId('safeguards-panel').screenshot({ path: `${dir}/${name}.png` });
  await header.evaluate((h: HTMLElement) => (h.style.visibility = ''));
}

/**
 * The intake wizard, as the registrar uses it: the person (names in both scripts, Persian spoken), no
 * documents, apprehended two hours ago, held while the court decision is awaited. Returns the new
 * person's id from the address the wizard lands on.
 */
async function intakeThroughWizard(page: Page): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: 'Yeni qəbul' }).click();
  await page
    .getByRole('link', { name: 'Yeni qəbula başla' })
    .or(page.getByRole('button', { name: 'Yeni qəbula başla' }))
    .first()
    .click();
  await page.getByLabel('Orijinal əlifbada ad').fill('محمد رحیمی');
  await page.getByLabel('Latın hərfləri ilə ad').fill('Mohammad Rahimi');
  await page.getByLabel('Cinsi').selectOption({ label: 'Kişi' });
  await fillDate(page, 'Doğum tarixi', '1991-03-14');
  const nationality = page.getByRole('combobox', { name: 'Vətəndaşlıq' });
  await nationality.fill('Əfqan');
  await page.getByRole('option', { name: 'Əfqanıstan' }).first().click();
  const languages = page.getByRole('combobox', { name: 'Şəxsin başa düşdüyü dillər' });
  await languages.fill('Fars');
  await page.getByRole('option', { name: 'Fars dili' }).first().click();
  await page.getByRole('button', { name: /^Növbəti: / }).click();
  await expect(page.getByRole('heading', { name: /Mərhələ 2 \/ 5/ })).toBeVisible();
  await page.getByRole('button', { name: /^Növbəti: / }).click();
  await expect(page.getByRole('heading', { name: /Mərhələ 3 \/ 5/ })).toBeVisible();
  // The facility's wall clock (Baku, UTC+4) two hours and five minutes ago.
  const local = new Date(Date.now() + 4 * 3_600_000 - 125 * 60_000).toISOString().slice(0, 16);
  await fillDate(page, 'Saxlanılma vaxtı', local);
  await page.getByLabel('Yer', { exact: true }).fill('Bakı, Nizami rayonu');
  await page.getByLabel('Saxlayan orqan').fill('Miqrasiya polisi');
  await page.getByRole('radio', { name: /Hələ qərar yoxdur/ }).check();
  await page.getByRole('button', { name: /^Növbəti: / }).click();
  await expect(page.getByRole('heading', { name: /Mərhələ 4 \/ 5/ })).toBeVisible();
  await page.getByRole('button', { name: /^Növbəti: / }).click();
  await expect(page.getByRole('heading', { name: /Mərhələ 5 \/ 5/ })).toBeVisible();
  await page.getByRole('button', { name: 'Qəbulsuz saxla (qərar gözlənilir)' }).click();
  await expect(page).toHaveURL(/#\/person\/[^/]+$/, { timeout: 20_000 });
  return decodeURIComponent(/#\/person\/([^/?]+)/.exec(page.url())![1]!);
}

const card = (page: Page, kind: 'rights' | 'consular' | 'legalAid' | 'interpreters'): Locator => page.getByTestId(`sg-card-${kind}`);

test('first hour of a Persian speaker: interpreter, Persian letter, asylum blocks the consul, defender met', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();
  await page.getByLabel('İstifadəçi adı').fill(registrar.username);
  await page.getByLabel('Parol').fill(registrar.password);
  await page.getByLabel('Parol').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Vaxtı çatanlar' })).toBeVisible({ timeout: 30_000 });

  // Brought in through the intake wizard, apprehended two hours ago: the first hour is already gone.
  const personId = await intakeThroughWizard(page);
  const view = await rpc<{ episodes: { episodeId: string }[] }>(page, 'persons.view', { personId });
  const episodeId = view.episodes[0]!.episodeId;
  expect(await owed(page, personId)).toEqual(['consular_inform', 'defender_contact', 'rights_notification']);

  await page.goto(`${preview.url}#/`);
  const figures = page.getByTestId('safeguard-figures');
  await expect(figures).toBeVisible();
  await expect(figures.getByTestId('stats-rights')).toContainText('Hələ yox');
  await expect(page.getByText('Səbəbləri və hüquqları bildirin').first()).toBeVisible();
  await shot(page, '40-due-now-before');

  // ---------- The person page: overdue first and red ----------
  await page.goto(`${preview.url}#/person/${personId}`);
  const panel = page.getByTestId('safeguards-panel');
  await expect(panel.getByRole('heading', { name: 'İlk saatdan təminatlar' })).toBeVisible();
  await expect(card(page, 'rights')).toHaveAttribute('data-tone', 'overdue');
  await expect(panel.locator('.sg-card').first()).toHaveAttribute('data-testid', 'sg-card-rights');
  await expect(card(page, 'rights')).toContainText('Gecikib');
  await expect(card(page, 'rights')).toContainText('Hələ bildirilməyib');
  await expect(panel).toContainText('Hüquqlar şəxsin başa düşdüyü dildə izah edilənədək');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, '41-person-safeguards-overdue');
  await panelShot(page, '41-person-safeguards-overdue-panel');

  // ---------- An interpreter: the affiliation question must be answered ----------
  await card(page, 'rights').getByTestId('record-interpreter-from-rights').click();
  const interp = page.getByTestId('interpreter-form');
  await expect(dateBox(interp, 'Tarix və vaxt').getByRole('spinbutton').first()).toBeFocused();
  await expect(interp.getByLabel('Dil')).toHaveValue('fa');
  await interp.getByLabel('Tərcüməçinin adı').fill('Mina Jafari');
  await interp.getByLabel('Tərcüməçi', { exact: true }).selectOption({ label: 'Müqavilə ilə' });
  await interp.getByRole('button', { name: 'Tərcüməçini qeyd et' }).click();
  await expect(interp.getByRole('group', { name: /mənşə ölkəsinin səfirliyi/ })).toContainText('Bu suala cavab verin.');
  await interp.scrollIntoViewIfNeeded();
  await shot(page, '42-interpreter-affiliation-required');
  await panelShot(page, '42-interpreter-affiliation-required-panel');
  await interp.getByRole('radio', { name: 'Əlaqə yoxdur — yoxlanılıb' }).check();
  await interp.getByRole('button', { name: 'Tərcüməçini qeyd et' }).click();
  await expect(interp).toBeHidden();
  await expect(card(page, 'interpreters')).toContainText('Mina Jafari');
  await expect(card(page, 'interpreters')).toContainText('mənşə dövləti ilə əlaqəsi yoxdur (yoxlanılıb)');

  // ---------- A written notification in Persian ----------
  await card(page, 'rights').getByTestId('record-rights').click();
  const rights = page.getByTestId('rights-form');
  await expect(dateBox(rights, 'Bildirilmə vaxtı').getByRole('spinbutton').first()).toBeFocused();
  await expect(rights.getByLabel('Dil', { exact: true })).toHaveValue('fa');
  await expect(rights.getByTestId('template-version')).toContainText('2026-11-01');
  await expect(rights.getByTestId('template-version')).toContainText('qaralama');
  // The interpreter just recorded is offered for this notification.
  await expect(rights.getByLabel('Tərcüməçi', { exact: true })).not.toHaveValue('');
  await rights.getByRole('button', { name: 'Bildirişi qeyd et' }).click();
  await expect(rights.getByRole('group', { name: 'İzah edilən hüquqlar' })).toContainText('Ən azı 1 seçin.');
  await rights.scrollIntoViewIfNeeded();
  await shot(page, '43-rights-form-errors');
  await panelShot(page, '43-rights-form-errors-panel');
  await rights.getByRole('checkbox', { name: 'Bütün hüquqlar' }).check();
  await expect(rights.getByRole('checkbox', { name: 'Ombudsmanla təkbətək söhbət' })).toBeChecked();
  // The Persian letter is a draft (issue #11 §7): said plainly, no reviewed language he reads, the interpreter confirms.
  const draftNotice = rights.getByRole('note', { name: 'Bu tərcümə hüquqi yoxlamadan keçməyib' });
  await expect(draftNotice).toContainText('Şəxsin başa düşdüyü dillərdən heç birində yoxlanılmış məktub yoxdur.');
  await rights.getByRole('checkbox', { name: 'Tərcüməçi tərcümə edilmiş məktubu şəxslə yoxlayıb' }).check();
  await rights.getByRole('button', { name: 'Bildirişi qeyd et' }).click();
  await expect(rights).toBeHidden();
  await expect(panel.getByText('Hüquqların bildirilməsi qeydə alındı.')).toBeVisible();
  await expect(card(page, 'rights')).toHaveAttribute('data-tone', 'done');
  // Done things recede: the rights card now stands after the open ones.
  await expect(panel.locator('.sg-card').first()).not.toHaveAttribute('data-testid', 'sg-card-rights');
  await expect(card(page, 'rights')).toContainText('10 hüquqdan 10 izah edilib');
  await expect(card(page, 'rights').getByTestId('rights-draft-used')).toContainText('tərcüməçi mətni şəxslə yoxlayıb');
  expect(await owed(page, personId)).toEqual(['consular_inform', 'defender_contact']);

  // ---------- The letter, right to left, with its QR code ----------
  const code = (await card(page, 'rights').locator('.mono').first().textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await card(page, 'rights').getByTestId('letter-link').click();
  const letter = page.getByTestId('rights-letter');
  await expect(letter).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(letter).toHaveAttribute('dir', 'rtl');
  await expect(letter).toHaveAttribute('lang', 'fa');
  await expect(letter.getByRole('heading', { level: 1 })).toHaveText('اطلاعات دربارهٔ حقوق شما');
  await expect(letter.getByTestId('draft-warning')).toContainText('پیش‌نویس ترجمه');
  await expect(letter.getByTestId('verify-code')).toHaveText(code);
  await expect(letter.locator('ol.rl-rights > li')).toHaveCount(10);
  const qr = letter.locator('img.rl-qr');
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.src.startsWith('data:image/svg+xml'))).toBe(true);
  // The Persian text is set in the bundled Naskh face, not a system fallback.
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Naskh Arabic"', 'حقوق'))).toBe(true);
  // Right to left: the title stands at the right, the QR code block at the left.
  const title = (await letter.getByRole('heading', { level: 1 }).boundingBox())!;
  const verify = (await letter.locator('.rl-verify').boundingBox())!;
  expect(verify.x + verify.width).toBeLessThan(title.x);
  await shot(page, '44-letter-fa');
  mkdirSync(dir, { recursive: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(`${dir}/44-letter-fa.pdf`, pdf);
  if (existsSync('/usr/bin/pdftoppm')) {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', `${dir}/44-letter-fa.pdf`, `${dir}/44-letter-fa-pdf`]);
    const pages = execFileSync('pdfinfo', [`${dir}/44-letter-fa.pdf`]).toString();
    // One sheet: the letter fits on a single A4 page.
    expect(pages).toMatch(/Pages:\s+1\b/);
    expect(pages).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  }

  // ---------- Asylum: the consular notice is blocked and says why ----------
  await page.goto(`${preview.url}#/person/${personId}`);
  await rpc(page, 'asylum.express', { personId, episodeId, expression: { at: new Date().toISOString(), place: 'centre', words: 'من از بازگشت به افغانستان می‌ترسم', language: 'fa' } });
  await page.reload();
  await expect(panel.getByText('Müdafiə işi', { exact: true })).toBeVisible();
  // A change of status asks for the rights again.
  await expect(card(page, 'rights')).toContainText('Yenidən bildirilməlidir');
  await card(page, 'consular').getByTestId('open-consular').click();
  const open = page.getByTestId('consular-open-form');
  await expect(open.getByText('Əfqanıstan', { exact: false }).first()).toBeVisible();
  await open.getByRole('radio', { name: 'Fərqi yoxdur' }).check();
  await open.getByRole('button', { name: 'İstəyi qeyd et' }).click();
  await expect(open).toBeHidden();
  const consular = card(page, 'consular');
  await expect(consular).toContainText('Bloklanıb — müdafiə');
  await expect(consular.getByTestId('consular-blocked')).toContainText('Şəxs sığınacaq istəyib');
  await expect(consular.getByTestId('policy-conflict')).toContainText('Baş idarəyə görünür');
  await consular.getByTestId('send-consular').click();
  const send = page.getByTestId('send-form');
  await send.getByLabel('Nümayəndəlik').fill('Əfqanıstan İslam Respublikasının səfirliyi');
  await send.getByLabel('İstinad nömrəsi').fill('N-2026/114');
  await send.getByRole('button', { name: 'Göndərilmiş kimi qeyd et' }).click();
  await expect(send.getByRole('alert')).toContainText('Konsulluğa onun məlumatlı razılığı olmadan xəbər verilmir.');
  await consular.scrollIntoViewIfNeeded();
  await shot(page, '45-consular-blocked-send-refused');
  await panelShot(page, '45-consular-blocked-send-refused-panel');
  await send.getByRole('button', { name: 'Ləğv et' }).click();
  expect(await owed(page, personId)).toEqual(['defender_contact', 'rights_renotify']);

  // ---------- Legal aid: request, defender, a confidential meeting ----------
  const legal = card(page, 'legalAid');
  await legal.getByTestId('request-legal-aid').click();
  await page.getByTestId('legal-request-form').getByRole('button', { name: 'Müraciəti qeyd et' }).click();
  await expect(legal).toContainText('Müraciət var — müdafiəçi hələ yoxdur');
  await legal.getByTestId('assign-defender').click();
  const defender = page.getByTestId('defender-form');
  await defender.getByLabel('Müdafiəçinin adı').fill('Adv. Lalə Hüseynova');
  await defender.getByLabel('Vəkillər kollegiyası nömrəsi').fill('B-1021');
  await defender.getByRole('button', { name: 'Təyin et' }).click();
  await expect(legal).toContainText('Müdafiəçi təyin olunub — hələ görüşməyib');
  await legal.getByTestId('record-contact').click();
  const contact = page.getByTestId('contact-form');
  await contact.getByLabel('Müddət (dəqiqə)').fill('45');
  await contact.getByLabel('Müddət (dəqiqə)').press('Enter');
  await expect(contact).toBeHidden();
  await expect(legal).toContainText('Müdafiəçi ilə görüşüb');
  await expect(legal).toContainText('məxfi');
  expect(await owed(page, personId)).toEqual(['rights_renotify']);

  // ---------- Rights again after the change of status, and the board is clear ----------
  await card(page, 'rights').getByTestId('record-rights').click();
  await page.getByTestId('rights-form').getByRole('checkbox', { name: 'Bütün hüquqlar' }).check();
  await page.getByTestId('rights-form').getByRole('checkbox', { name: 'Tərcüməçi tərcümə edilmiş məktubu şəxslə yoxlayıb' }).check();
  await page.getByTestId('rights-form').getByRole('button', { name: 'Bildirişi qeyd et' }).click();
  await expect(page.getByTestId('rights-form')).toBeHidden();
  expect(await owed(page, personId)).toEqual([]);
  await expect(card(page, 'consular')).toHaveAttribute('data-tone', 'attention');
  await expect(panel.locator('.sg-card').first()).toHaveAttribute('data-testid', 'sg-card-consular');
  await shot(page, '46-person-safeguards-after');
  await panelShot(page, '46-person-safeguards-after-panel');

  await page.goto(`${preview.url}#/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Vaxtı çatanlar' })).toBeVisible();
  await expect(page.getByText('Səbəbləri və hüquqları bildirin')).toHaveCount(0);
  await expect(page.getByText('Müdafiəçi ilə əlaqə', { exact: true })).toHaveCount(0);
  await expect(figures.getByTestId('stats-consular')).toContainText('Bloklanıb');
  await expect(figures).toContainText('Milli bildiriş qaydası ilə 1 ziddiyyət');
  await shot(page, '47-due-now-after');

  // ---------- English and Russian ----------
  await page.goto(`${preview.url}#/person/${personId}`);
  await setLocale(page, 'en');
  await expect(panel.getByRole('heading', { name: 'Safeguards from the first hour' })).toBeVisible();
  await expect(card(page, 'consular')).toContainText('The person has asked for asylum');
  await expect(card(page, 'consular')).toContainText('National auto-reporting conflicts with the protection block — HQ sees this case.');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, '48-person-safeguards-en');
  await panelShot(page, '48-person-safeguards-en-panel');

  await setLocale(page, 'ru');
  await page.goto(`${preview.url}#/verify-letter`);
  await expect(page.getByRole('heading', { level: 1, name: 'Проверка уведомления о правах' })).toBeVisible();
  await page.getByLabel('Код проверки').fill(code.toLowerCase());
  await page.getByLabel('Код проверки').press('Enter');
  const verdict = page.getByTestId('verify-result');
  await expect(verdict).toContainText('Подлинное');
  await expect(verdict).toContainText('Mohammad Rahimi');
  await expect(verdict).toContainText('2026-11-01');
  await shot(page, '49-verify-letter-ru');
  await page.goto(`${preview.url}#/`);
  await expect(page.getByTestId('safeguard-figures')).toContainText('Учтено 1 содержание');
  await page.getByTestId('safeguard-figures').scrollIntoViewIfNeeded();
  await shot(page, '4a-due-now-figures-ru');
  await setLocale(page, 'az');

  expect(problems).toEqual([]);
});

test('every letter of rights fits one A4 sheet in its own script and direction', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchConsole(page);
  await page.goto(preview.url);
  await page.getByLabel('İstifadəçi adı').fill(registrar.username);
  await page.getByLabel('Parol').fill(registrar.password);
  await page.getByLabel('Parol').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Vaxtı çatanlar' })).toBeVisible({ timeout: 30_000 });
  // A long name in both scripts, to see it wrap rather than overflow.
  const { personId, episodeId } = await rpc<{ personId: string; episodeId: string }>(
    page,
    'intake.submit',
    intakeAt(Date.now() - 5 * 60_000, {}, { names: { original: 'عبدالرحمن نورالدین صدیقی', latin: 'Abdulrahman Nuraddin Siddiqui', aliases: [] }, languages: ['ur'], nationalities: ['PAK', 'AFG'] }),
  );
  const { useId } = await rpc<{ useId: string }>(page, 'safeguards.recordInterpreter', {
    personId,
    episodeId,
    use: { at: new Date().toISOString(), language: 'ur', interpreterName: 'S. Qureshi', kind: 'remote', purpose: 'rights', affiliationChecked: true, affiliatedWithOriginState: false },
  });
  const { templates } = await rpc<{ templates: { language: string; version: string; direction: string }[] }>(page, 'safeguards.letterTemplates', {});
  expect(templates.length).toBe(12);
  const items = ['reasons', 'legal_basis_and_term', 'legal_aid', 'interpreter', 'consular', 'asylum', 'complaint_and_appeal', 'medical', 'family_contact', 'ombudsman'];
  const looked: Record<string, string> = { ar: '4b', hi: '4c', bn: '4d', ru: '4e', ur: '4f' };
  for (const t of templates) {
    const { notificationId } = await rpc<{ notificationId: string }>(page, 'safeguards.notifyRights', {
      episodeId,
      notification: {
        at: new Date().toISOString(),
        mode: 'written',
        language: t.language,
        templateId: 'rights-letter',
        templateVersion: t.version,
        interpreterUseId: useId,
        interpreterCheckedLetter: true,
        items,
        acknowledgement: { kind: 'mark' },
        copyHanded: true,
      },
    });
    await page.goto(`${preview.url}#/print/rights/${notificationId}`);
    const letter = page.getByTestId('rights-letter');
    await expect(letter).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await expect(letter).toHaveAttribute('dir', t.direction);
    const file = `${dir}/letter-${t.language}.pdf`;
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    if (existsSync('/usr/bin/pdfinfo')) expect(execFileSync('pdfinfo', [file]).toString(), `${t.language} letter`).toMatch(/Pages:\s+1\b/);
    if (looked[t.language]) {
      await shot(page, `${looked[t.language]}-letter-${t.language}`);
      if (existsSync('/usr/bin/pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', file, `${dir}/${looked[t.language]}-letter-${t.language}-pdf`]);
    }
  }
  expect(problems).toEqual([]);
});
