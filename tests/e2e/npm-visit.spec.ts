import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { fillDate, initializeViaApi, startPreview, watchConsole, type Preview } from './preview';

/**
 * A whole ombudsman visit between two installations, as the two sides live it: the office's laptop
 * (set up as an ombudsman office, organisation keys made by its administrator) and a detention centre
 * (one detainee whose first-hour safeguards are overdue). Files travel between them as downloads and
 * uploads, exactly as on a USB stick: identity files both ways, the register extract, the signed
 * recommendations and the responses. Screenshots go to /tmp/shots/npm-*.png.
 */
let office: Preview;
let centre: Preview;
const shots = '/tmp/shots';
const headers = { 'content-type': 'application/json', 'x-qeyd-client': '1' };

const officeAdmin = { username: 'aysel.admin', displayName: 'Aysel Qasımova', password: 'ombudsman aparatı 2025' };
const monitor = { username: 'rauf.m', displayName: 'Rauf Əliyev', password: 'monitorinq qrupu 7' };
const centreAdmin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
const centreHead = { username: 'sevda.r', displayName: 'Sevda Rəhimova', password: 'mərkəzin rəhbəri 9' };
const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };
const officeName = 'İnsan Hüquqları üzrə Müvəkkil Aparatı — Milli Preventiv Qrup';

async function asUser(request: APIRequestContext, url: string, user: { username: string; password: string }) {
  const login = await (await request.post(`${url}rpc/auth.login`, { headers, data: { username: user.username, password: user.password } })).json();
  expect(login.ok, JSON.stringify(login)).toBe(true);
  return async (method: string, input: unknown) => {
    const body = await (await request.post(`${url}rpc/${method}`, { headers, data: input })).json();
    expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
    return body.result as unknown;
  };
}

test.beforeAll(async ({ playwright }) => {
  [office, centre] = await Promise.all([startPreview(), startPreview()]);
  // The centre: its accounts and one person apprehended two hours ago, rights not yet explained.
  const request = await playwright.request.newContext();
  await initializeViaApi(request, centre.url, centreAdmin);
  const asAdmin = await asUser(request, centre.url, centreAdmin);
  await asAdmin('users.create', { ...centreHead, roles: ['centre_head'] });
  await asAdmin('users.create', { ...registrar, roles: ['registrar'] });
  await request.dispose();
  const asRegistrar = await asUser(await playwright.request.newContext(), centre.url, registrar);
  await asRegistrar('intake.submit', intakeAt(Date.now() - 5 * 60_000));
});

test.afterAll(async () => {
  await Promise.all([office?.stop(), centre?.stop()]);
});

async function shot(page: Page, name: string, fullPage = true) {
  mkdirSync(shots, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/npm-${name}.png`, fullPage });
}

async function signIn(page: Page, url: string, user: { username: string; password: string }) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('İstifadəçi adı').fill(user.username);
  await page.getByLabel('Parol').fill(user.password);
  await page.getByLabel('Parol').press('Enter');
  await expect(page.getByRole('button', { name: 'Çıxış' })).toBeVisible({ timeout: 30_000 });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Çıxış' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();
}

/** Clicks what makes a download and returns the file's text (the "USB stick"). */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; content: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), content: readFileSync(path, 'utf8') };
}

async function upload(page: Page, label: string, file: { name: string; content: string }) {
  await page.getByLabel(label, { exact: true }).setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.content) });
}

/** The facility's wall clock (Baku, UTC+4) `minutesAgo` minutes ago, as a datetime-local input holds it. */
function bakuLocal(minutesAgo: number): string {
  return new Date(Date.now() + 4 * 3_600_000 - minutesAgo * 60_000).toISOString().slice(0, 16);
}

async function centrePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'UTC', locale: 'az-AZ', acceptDownloads: true });
  return context.newPage();
}

test('a whole unannounced visit: keys, facility, fieldwork, extract, findings, recommendations and responses, report', async ({ page, browser }) => {
  test.setTimeout(360_000);
  const problems = watchConsole(page);

  // ---------- The office's laptop is set up as an ombudsman office ----------
  await page.goto(office.url);
  await expect(page.getByRole('heading', { level: 1, name: 'İlkin quraşdırma' })).toBeVisible();
  await page.getByLabel('Müəssisənin adı').fill(officeName);
  await page.getByLabel('Müəssisənin növü').selectOption({ label: 'Ombudsman aparatı' });
  await page.getByLabel('Cihazın adı').fill('Səfər noutbuku 1');
  await page.getByLabel('İstifadəçi adı').fill(officeAdmin.username);
  await page.getByLabel('Adı və soyadı').fill(officeAdmin.displayName);
  await page.getByLabel('Parol', { exact: true }).fill(officeAdmin.password);
  await page.getByLabel('Parolu təkrarlayın').fill(officeAdmin.password);
  await page.getByRole('button', { name: 'Quraşdırmanı tamamla' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bərpa açarı' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('checkbox', { name: 'Bərpa açarını etibarlı yerdə saxladım' }).check();
  await page.getByRole('button', { name: 'Davam et' }).click();
  await signIn(page, office.url, officeAdmin);

  // The administrator's menu: the organisation key, no visits (a monitor's work).
  const nav = page.getByRole('navigation', { name: 'Əsas menyu' });
  await expect(nav.getByRole('link', { name: 'Təşkilat açarı' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Səfərlər' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Təşkilat açarı' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Təşkilat açarı' })).toBeVisible();
  await page.getByLabel('Ofisin adı').fill(officeName);
  await page.getByRole('button', { name: 'Açarları yarat' }).click();
  await expect(page.getByText('Təşkilat açarları yaradıldı.')).toBeVisible();
  // A second laptop's copy of the keys, under a passphrase.
  // Made here, so the form to import them from elsewhere is gone.
  await expect(page.getByRole('region', { name: 'Açar faylını idxal et' })).toHaveCount(0);
  const exportKey = page.getByRole('region', { name: 'Açar faylını ixrac et' });
  await exportKey.getByLabel('Sizin parolunuz').fill(officeAdmin.password);
  await exportKey.getByLabel('Parol ifadəsi', { exact: true }).fill('uzun parol ifadəsi 2025');
  await exportKey.getByLabel('Parol ifadəsi təkrar').fill('uzun parol ifadəsi 2025');
  const keyFile = await download(page, () => page.getByRole('button', { name: 'Açar faylını yüklə' }).click());
  expect(keyFile.content).not.toContain('PRIVATE KEY');
  await expect(page.getByText('Açar faylı saxlanıldı.', { exact: false })).toBeVisible();
  await shot(page, '01-organisation-admin');

  // The monitor's account.
  await nav.getByRole('link', { name: 'İstifadəçilər' }).click();
  await page.getByRole('button', { name: 'Yeni istifadəçi' }).click();
  await page.getByLabel('İstifadəçi adı').fill(monitor.username);
  await page.getByLabel('Adı və soyadı').fill(monitor.displayName);
  await page.getByLabel('Parol', { exact: true }).fill(monitor.password);
  await page.getByLabel('Parolu təkrarlayın').fill(monitor.password);
  await page.getByRole('checkbox', { name: 'Ombudsmanın monitorinq əməkdaşı' }).check();
  await page.getByRole('button', { name: 'İstifadəçini yarat' }).click();
  await expect(page.getByText(`${monitor.username} istifadəçisi yaradıldı.`, { exact: false })).toBeVisible();
  await signOut(page);

  // ---------- The monitor: the office's identity file and fingerprint ----------
  await signIn(page, office.url, monitor);
  await expect(page.getByRole('heading', { level: 1, name: 'Səfərlər' })).toBeVisible();
  await nav.getByRole('link', { name: 'Təşkilat açarı' }).click();
  const orgStatus = page.getByRole('region', { name: 'Bu quraşdırma' });
  await expect(orgStatus).toContainText(officeName);
  await expect(orgStatus).toContainText('Burada açıla bilər');
  const officeFingerprint = (await orgStatus.getByTestId('fingerprint').textContent())!.trim();
  expect(officeFingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){4}$/);
  const officeIdentity = await download(page, () => page.getByRole('button', { name: 'İdentifikasiya faylını yüklə' }).click());
  await shot(page, '02-organisation-monitor');

  // ---------- The centre: its identity file; it trusts the office ----------
  const c = await centrePage(browser);
  const centreProblems = watchConsole(c);
  await signIn(c, centre.url, centreHead);
  await c.getByRole('navigation', { name: 'Əsas menyu' }).getByRole('link', { name: 'Ombudsman' }).click();
  await expect(c.getByRole('heading', { level: 1, name: 'Ombudsman' })).toBeVisible();
  const centreIdentity = await download(c, () => c.getByRole('button', { name: 'İdentifikasiya faylını yüklə' }).click());
  await upload(c, 'Ofisin identifikasiya faylı', officeIdentity);
  // Before trusting, the centre sees whose file it is and the fingerprint the office read out.
  await expect(c.getByTestId('identity-preview')).toContainText(officeName);
  await expect(c.getByTestId('identity-preview').getByTestId('fingerprint')).toHaveText(officeFingerprint);
  await c.getByRole('button', { name: 'Bu ofisə etibar et' }).click();
  await expect(c.getByTestId('trusted-ombudsman')).toContainText(officeName);
  await expect(c.getByTestId('trusted-ombudsman').getByTestId('fingerprint')).toHaveText(officeFingerprint);
  await shot(c, '03-centre-oversight-trusted');

  // ---------- The office adds the centre from its identity file ----------
  await nav.getByRole('link', { name: 'Müəssisələr' }).click();
  await page.getByRole('button', { name: 'Müəssisə əlavə et' }).click();
  await upload(page, 'Mərkəzin identifikasiya faylı', centreIdentity);
  await expect(page.getByTestId('identity-preview')).toContainText('Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi');
  const centreFingerprint = (await page.getByTestId('identity-preview').getByTestId('fingerprint').textContent())!.trim();
  await shot(page, '04-facility-preview');
  await page.getByRole('button', { name: 'Müəssisəni əlavə et' }).click();
  await expect(page.getByText('Əlavə edildi: Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi.')).toBeVisible();
  await expect(page.getByRole('table', { name: /müəssisə/i })).toContainText(centreFingerprint);
  await shot(page, '05-facilities');

  // ---------- Plan an unannounced visit ----------
  await nav.getByRole('link', { name: 'Səfərlər' }).click();
  await page.getByRole('button', { name: 'Səfər planlaşdır' }).click();
  const plan = page.getByRole('region', { name: 'Səfər planlaşdır' });
  await plan.getByLabel('Müəssisə', { exact: true }).selectOption({ label: 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi' });
  await plan.getByLabel('Səfərin növü').selectOption({ label: 'Növbədənkənar' });
  await expect(plan.getByLabel('Müəssisəyə əvvəlcədən bildirilib')).not.toBeChecked();
  await plan.getByLabel('Üzv 1: adı').fill('Rauf Əliyev');
  await plan.getByLabel('Cinsi').selectOption({ label: 'Kişi' });
  await plan.getByRole('button', { name: 'Üzv əlavə et' }).click();
  await plan.getByLabel('Üzv 2: adı').fill('Dr. Nərgiz Həsənova');
  await plan.getByLabel('Rolu').nth(1).selectOption({ label: 'Həkim' });
  await plan.getByLabel('Cinsi').nth(1).selectOption({ label: 'Qadın' });
  await plan.getByRole('button', { name: 'Üzv əlavə et' }).click();
  await plan.getByLabel('Üzv 3: adı').fill('Elvin Babayev');
  await plan.getByLabel('Rolu').nth(2).selectOption({ label: 'Tərcüməçi' });
  await plan.getByLabel('Cinsi').nth(2).selectOption({ label: 'Kişi' });
  await plan.getByLabel('Dillər və ya ixtisas').nth(2).fill('fars, dari');
  await shot(page, '06-plan-visit');
  await plan.getByRole('button', { name: 'Səfəri planlaşdır' }).click();
  await expect(page).toHaveURL(/#\/visit\/[^/]+$/);
  const visitId = decodeURIComponent(/#\/visit\/([^/?]+)/.exec(page.url())![1]!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi');
  await expect(page.getByText('Növbədənkənar · Xəbərdarlıqsız')).toBeVisible();

  // ---------- Arrival, three hours ago ----------
  await fillDate(page, 'Gəliş vaxtı', bakuLocal(180));
  await page.getByRole('button', { name: 'Gəlişi qeyd et' }).click();
  await expect(page.getByRole('navigation', { name: 'Səfərin mərhələləri' }).locator('[aria-current="step"]')).toHaveText(/Yerində/);

  // ---------- Checklist ----------
  const areas = page.getByTestId('areas');
  await areas.getByRole('button', { name: 'Qeyd et: Yaşayış sahəsi və yerləşdirmə' }).click();
  await areas.getByLabel('Qiymət').selectOption({ label: 'Narahatlıq var' });
  await areas.getByLabel('Qrupun gördüyü').fill('Kamerada 6 çarpayı, 9 nəfər saxlanılır; pəncərə açılmır.');
  await areas.getByRole('checkbox', { name: 'Şəxsi müşahidə' }).check();
  await areas.getByRole('checkbox', { name: 'Saxlanılan şəxslər' }).check();
  await areas.getByRole('button', { name: 'Müşahidəni saxla' }).click();
  await expect(areas.getByTestId('area-space')).toContainText('Narahatlıq var');
  await expect(areas.getByRole('button', { name: 'Müşahidəni saxla' })).toHaveCount(0);
  await areas.getByRole('button', { name: 'Qeyd et: Tibbi xidmət' }).click();
  await areas.getByLabel('Qiymət').selectOption({ label: 'Ciddi narahatlıq' });
  await areas.getByLabel('Qrupun gördüyü').fill('Qəbul zamanı tibbi müayinə jurnalı 3 gündür doldurulmayıb.');
  await areas.getByRole('checkbox', { name: 'Tibbi qeydlər' }).check();
  await areas.getByRole('button', { name: 'Müşahidəni saxla' }).click();
  await expect(areas.getByTestId('area-health_care')).toContainText('Ciddi narahatlıq');
  await expect(areas.getByRole('button', { name: 'Müşahidəni saxla' })).toHaveCount(0);
  await areas.getByRole('button', { name: 'Qeyd et: Qida və içməli su' }).click();
  await areas.getByLabel('Qiymət').selectOption({ label: 'Qənaətbəxş' });
  await areas.getByRole('button', { name: 'Müşahidəni saxla' }).click();
  await expect(areas.getByTestId('area-food')).toContainText('Qənaətbəxş');

  // ---------- Registers checked ----------
  const registers = page.getByTestId('registers');
  await registers.getByRole('button', { name: 'Reyestri qeyd et' }).click();
  await registers.getByLabel('Reyestr', { exact: true }).selectOption({ label: 'Saxlanma reyestri' });
  await registers.getByLabel('Qeyd', { exact: true }).fill('Son 30 günün qeydləri yoxlanıldı.');
  await registers.getByRole('button', { name: 'Saxla', exact: true }).click();
  await expect(registers.getByRole('table')).toContainText('Saxlanma reyestri');

  // ---------- An interview without a consent scope: a translated error, nothing saved ----------
  const interviews = page.getByTestId('interviews');
  await interviews.getByRole('button', { name: 'Müsahibəni qeyd et' }).click();
  await expect(interviews.getByLabel('Təxəllüs')).toHaveAttribute('placeholder', 'boş qalsa, avtomatik yaradılır');
  // Interviews happen during the visit, well before anyone comes back for a follow-up.
  await fillDate(interviews, 'Vaxt', bakuLocal(120));
  await interviews.getByLabel('Təqib riski').selectOption({ label: 'Yüksək' });
  await interviews.getByLabel('Dil', { exact: true }).fill('fars');
  await interviews.getByLabel('Tərcüməçi iştirak edib').check();
  await interviews.getByLabel('Qeydlər', { exact: true }).fill('Saxlanılan şəxs deyir ki, ona hüquqları izah edilməyib və konsulluğa zəng etmək istəyi rədd edilib.');
  await interviews.getByLabel('Müsahibə verənin adı').fill('Mukhammad Rakhimi');
  await interviews.getByRole('button', { name: 'İddia əlavə et' }).click();
  await interviews.getByLabel('İddia 1').fill('Saxlanma zamanı polis əməkdaşı tərəfindən itələnib.');
  await interviews.getByLabel('Hüquqları izah edilib').selectOption({ label: 'Xeyr' });
  await interviews.getByLabel('Konsulluğa xəbər verilib').selectOption({ label: 'Xeyr' });
  await interviews.getByRole('button', { name: 'Müsahibəni saxla' }).click();
  const consent = interviews.getByRole('group', { name: 'Verilmiş razılıq' });
  await expect(consent).toContainText('Şəxsin nəyə icazə verdiyini qeyd edin: ən azı bir razılıq həcmi seçin.');
  await expect(interviews.getByRole('alert')).toContainText('Bəzi sahələrə diqqət yetirin.');
  await expect(interviews.getByRole('alert').getByRole('button', { name: 'Verilmiş razılıq' })).toBeVisible();
  await shot(page, '07-interview-consent-error');
  const saved = (await (await page.request.post(`${office.url}rpc/npmVisits.get`, { headers, data: { visitId } })).json()) as { result: { visit: { interviews: unknown[] } } };
  expect(saved.result.visit.interviews).toHaveLength(0);
  await consent.getByRole('checkbox', { name: 'Hesabatda anonim şəkildə' }).check();
  await consent.getByRole('checkbox', { name: 'Orqanlar qarşısında anonim qaldırılsın' }).check();
  await interviews.getByRole('button', { name: 'Müsahibəni saxla' }).click();
  await expect(interviews.getByText('Müsahibə qeydə alındı.')).toBeVisible();
  await expect(interviews.getByTestId('interview-P-01')).toBeVisible();

  // A second person, met in a corridor, who asked that nothing be used outside the office.
  await interviews.getByRole('button', { name: 'Müsahibəni qeyd et' }).click();
  await fillDate(interviews, 'Vaxt', bakuLocal(100));
  await interviews.getByLabel('Təqib riski').selectOption({ label: 'Orta' });
  await interviews.getByLabel('Qeydlər', { exact: true }).fill('Qida barədə şikayət etmir; gecələr işıq söndürülmür.');
  await interviews.getByLabel('Müsahibə verənin adı').fill('Reza Karimi');
  await interviews.getByRole('group', { name: 'Verilmiş razılıq' }).getByRole('checkbox', { name: 'Yalnız ofis üçün' }).check();
  await interviews.getByRole('button', { name: 'Müsahibəni saxla' }).click();
  await expect(interviews.getByTestId('interview-P-02')).toBeVisible();
  // Names stay sealed in the table; shown only on request.
  await expect(interviews.getByRole('table')).not.toContainText('Mukhammad Rakhimi');
  await interviews.getByRole('button', { name: 'P-01 üçün məxfi qeydləri göstər' }).click();
  await expect(interviews.getByTestId('confidential')).toContainText('Mukhammad Rakhimi');
  await shot(page, '08-interviews-confidential');
  await interviews.getByRole('button', { name: 'P-01 üçün məxfi qeydləri gizlət' }).click();

  // ---------- The centre's register extract ----------
  const today = bakuLocal(0).slice(0, 10);
  await fillDate(c, 'Başlanğıc', today);
  await fillDate(c, 'Son', today);
  const extract = await download(c, () => c.getByRole('button', { name: 'Çıxarışı yüklə' }).click());
  await expect(c.getByText('Çıxarış saxlanıldı (1 şəxs).')).toBeVisible();
  const ex = page.getByTestId('extract');
  await upload(page, 'Çıxarış faylı', extract);
  await ex.getByRole('button', { name: 'İdxal et və müqayisə et' }).click();
  const discrepancies = ex.getByTestId('discrepancies');
  await expect(discrepancies).toBeVisible();
  await expect(discrepancies.locator('tr[data-kind="met_not_in_register"]')).toContainText('P-02');
  await expect(discrepancies.locator('tr[data-kind="overdue_deadline"]').first()).toBeVisible();
  await expect(discrepancies).not.toContainText('Reza Karimi');
  await ex.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/npm-09-discrepancies.png` });

  // A tampered extract is refused with the reason, and nothing changes.
  const envelope = JSON.parse(extract.content) as { body: string };
  expect(envelope.body).toContain('Bakı');
  const forged = JSON.stringify({ ...envelope, body: envelope.body.replace('Bakı', 'Baki') });
  await upload(page, 'Çıxarış faylı', { name: 'forged.json', content: forged });
  await ex.getByRole('button', { name: 'İdxal et və müqayisə et' }).click();
  await expect(ex.getByRole('alert')).toContainText('İmza uyğun gəlmir');

  // ---------- Departure, findings, the report draft ----------
  await fillDate(page, 'Gediş vaxtı', bakuLocal(1));
  await page.getByRole('button', { name: 'Gedişi qeyd et' }).click();
  await expect(page.getByRole('navigation', { name: 'Səfərin mərhələləri' }).locator('[aria-current="step"]')).toHaveText(/Yekun müzakirə/);
  const findings = page.getByTestId('findings');
  await findings.getByRole('button', { name: 'Nəticə əlavə et' }).click();
  await findings.getByLabel('Başlıq').fill('Hüquqlar ilk saat ərzində izah edilmir');
  await findings.getByLabel('Standart').fill('Miqrasiya Məcəlləsi, maddə 74.5');
  await findings.getByLabel('Ciddilik').selectOption({ label: 'Yüksək' });
  await findings.getByLabel('Nə müəyyən edilib').fill('Reyestrə görə qəbul edilmiş şəxsə hüquqları iki saatdan artıq müddətdə izah edilməyib.');
  await findings.getByLabel('Tövsiyə', { exact: true }).fill('Hüquqların izahını qəbul anında, şəxsin başa düşdüyü dildə, yazılı məktubla təmin edin.');
  await findings.getByRole('button', { name: 'Nəticəni əlavə et' }).click();
  await expect(findings.getByText('Nəticə əlavə edildi.')).toBeVisible();
  await expect(findings.getByRole('table')).toContainText('Layihə');
  await page.getByRole('button', { name: 'Hesabat layihəsinə başla' }).click();
  await expect(page.getByRole('navigation', { name: 'Səfərin mərhələləri' }).locator('[aria-current="step"]')).toHaveText(/Hesabat layihəsi/);
  const recommendations = await download(page, () => findings.getByRole('button', { name: 'Tövsiyələr faylını ixrac et' }).click());
  await expect(findings.getByRole('table')).toContainText('Göndərilib');
  expect(recommendations.content).not.toContain('Mukhammad');
  expect(recommendations.content).not.toContain('P-01');
  await shot(page, '10-visit-report-draft');

  // ---------- The centre imports the recommendations and answers ----------
  await upload(c, 'Tövsiyələr faylı', recommendations);
  await c.getByRole('button', { name: 'Tövsiyələri idxal et' }).click();
  await expect(c.getByText('1 tövsiyə idxal edildi.')).toBeVisible();
  await c.getByRole('button', { name: 'Cavab ver: Hüquqlar ilk saat ərzində izah edilmir' }).click();
  await c.getByLabel('Qərar').selectOption({ label: 'Qəbul edilib' });
  await c.getByLabel('Cavab verən').fill('S. Rəhimova, mərkəzin rəisi');
  await c.getByLabel('Mərkəzin gördüyü və ya görəcəyi tədbirlər').fill('Növbətçi qeydiyyatçılar üçün təlim keçiriləcək; hüquqlar məktubu qəbul anında veriləcək.');
  await fillDate(c, 'Planlaşdırılan tarix', '2026-12-31');
  await c.getByRole('button', { name: 'Cavabı saxla' }).click();
  await expect(c.getByText('Cavab qeydə alındı.')).toBeVisible();
  await shot(c, '11-centre-responded');
  const responses = await download(c, () => c.getByRole('button', { name: 'Cavablar faylını ixrac et' }).click());

  // ---------- The office takes the responses in ----------
  await page.getByRole('button', { name: 'Hesabatı göndərilmiş kimi qeyd et' }).click();
  await expect(page.getByRole('navigation', { name: 'Səfərin mərhələləri' }).locator('[aria-current="step"]')).toHaveText(/Göndərilib/);
  await upload(page, 'Cavablar faylı', responses);
  await findings.getByRole('button', { name: 'Cavabları idxal et' }).click();
  await expect(findings.getByText('1 cavab qeydə alındı', { exact: false })).toBeVisible();
  await expect(findings.getByRole('table')).toContainText('Cavab verilib');
  await expect(findings.getByRole('table')).toContainText('Qəbul edilib');
  await shot(page, '12-visit-responded');

  await nav.getByRole('link', { name: 'Səfərlər' }).click();
  // The visit page's own tables stay on screen until the list replaces them: wait for the list itself.
  await expect(page).toHaveURL(/#\/visits$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Səfərlər' })).toBeVisible();
  await expect(page.getByRole('table', { name: /səfər/ })).toContainText('Göndərilib');
  await shot(page, '13-visits-list');

  // ---------- The report: pseudonymised, in the chosen language ----------
  await page.goto(`${office.url}#/visit/${visitId}`);
  await page.getByLabel('Hesabatın dili').selectOption('en');
  await page.getByRole('button', { name: 'Səfər hesabatı (PDF)' }).click();
  const report = page.getByTestId('visit-report');
  await expect(report).toHaveAttribute('data-ready', 'true');
  await expect(report).toContainText('Report on a preventive visit');
  await expect(report).toContainText('Living space and accommodation');
  await expect(report.getByTestId('report-interviews')).toContainText('P-01');
  // P-01 allowed anonymised use: the allegation is quoted as said; P-02 allowed none.
  await expect(report.getByTestId('report-interviews')).toContainText('polis əməkdaşı tərəfindən itələnib');
  await expect(report.getByTestId('report-interviews')).toContainText('Withheld: no consent to use in a report.');
  await expect(report).not.toContainText('Mukhammad Rakhimi');
  await expect(report).not.toContainText('Reza Karimi');
  // The toolbar stays in the monitor's language.
  await expect(page.getByRole('button', { name: 'Çap et və ya PDF kimi saxla' })).toBeVisible();
  await shot(page, '14-report-en');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: `${shots}/npm-report-en.pdf`, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${office.url}#/print/visit/${visitId}?lang=ru`);
  await expect(page.getByTestId('visit-report')).toContainText('Отчёт о превентивном визите');
  await expect(page.getByTestId('visit-report')).toHaveAttribute('data-ready', 'true');
  await shot(page, '15-report-ru');
  await page.goto(`${office.url}#/print/visit/${visitId}?lang=az`);
  await expect(page.getByTestId('visit-report')).toContainText('Preventiv səfər haqqında hesabat');
  await expect(page.getByTestId('visit-report')).toHaveAttribute('data-ready', 'true');
  await page.emulateMedia({ media: 'print' });
  // On paper only the document: no menu, no toolbar.
  await expect(page.getByRole('button', { name: 'Çap et və ya PDF kimi saxla' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Əsas menyu' })).toBeHidden();
  await page.pdf({ path: `${shots}/npm-report-az.pdf`, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });

  // ---------- The follow-up visit: reprisal checks owed, where the recommendation stands ----------
  await page.goto(`${office.url}#/visits`);
  await page.getByRole('button', { name: 'Səfər planlaşdır' }).click();
  const followUp = page.getByRole('region', { name: 'Səfər planlaşdır' });
  await followUp.getByLabel('Müəssisə', { exact: true }).selectOption({ label: 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi' });
  await followUp.getByLabel('Səfərin növü').selectOption({ label: 'Təkrar' });
  await followUp.getByLabel('Təkrar yoxlanılan əvvəlki səfər').selectOption({ index: 1 });
  await followUp.getByLabel('Üzv 1: adı').fill('Rauf Əliyev');
  await followUp.getByLabel('Cinsi').selectOption({ label: 'Kişi' });
  await followUp.getByRole('button', { name: 'Səfəri planlaşdır' }).click();
  await expect(page).toHaveURL(/#\/visit\/[^/]+$/);
  expect(page.url()).not.toContain(visitId);
  // A follow-up comes months later; here two minutes ahead (within the allowed clock skew) stands in
  // for that, so everything of the first visit lies before this arrival.
  await fillDate(page, 'Gəliş vaxtı', bakuLocal(-2));
  await page.getByRole('button', { name: 'Gəlişi qeyd et' }).click();
  const reprisals = page.getByTestId('reprisals');
  await expect(reprisals).toContainText('P-01');
  await expect(reprisals).toContainText('P-02');
  await reprisals.getByRole('button', { name: 'P-01 üçün yoxlamanı qeyd et' }).click();
  await reprisals.getByLabel('Nəticə').selectOption({ label: 'Təqib olmayıb' });
  await reprisals.getByRole('button', { name: 'Yoxlamanı saxla' }).click();
  await expect(reprisals.getByText('Təqib yoxlaması qeydə alındı.')).toBeVisible();
  await expect(reprisals.getByRole('button', { name: 'P-01 üçün yoxlamanı qeyd et' })).toHaveCount(0);
  const earlier = page.getByTestId('earlier');
  await expect(earlier).toContainText('Hüquqlar ilk saat ərzində izah edilmir');
  await earlier.getByRole('button', { name: 'Yoxla: Hüquqlar ilk saat ərzində izah edilmir' }).click();
  await earlier.getByLabel('İcra vəziyyəti').selectOption({ label: 'Qismən icra edilib' });
  await earlier.getByLabel('Qrupun müəyyən etdiyi').fill('Məktub verilir, lakin gecə növbəsində gecikmələr davam edir.');
  await earlier.getByRole('button', { name: 'Yoxlamanı saxla' }).click();
  await expect(earlier.getByText('Yoxlama qeydə alındı.')).toBeVisible();
  await expect(earlier.getByRole('table')).toContainText('Təkrar səfərdə yoxlanılıb');
  await shot(page, '16-follow-up');

  // The same page in the other two languages of the interface.
  await page.getByLabel('Dil', { exact: true }).selectOption('ru');
  await expect(page.getByRole('navigation', { name: 'Этапы визита' })).toBeVisible();
  await expect(page.getByTestId('earlier')).toContainText('Проверена при повторном визите');
  await shot(page, '17-follow-up-ru', false);
  await page.getByLabel('Язык', { exact: true }).selectOption('en');
  await expect(page.getByTestId('reprisals')).toContainText('No reprisal');
  await shot(page, '18-follow-up-en', false);
  await page.getByLabel('Language', { exact: true }).selectOption('az');

  expect(problems).toEqual([]);
  expect(centreProblems).toEqual([]);
});
