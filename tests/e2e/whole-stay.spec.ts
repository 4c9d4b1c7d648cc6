import { expect, test, type APIRequestContext } from '@playwright/test';
import { admin, call, centre, inLocale, registrar, rpc, signInInEnglish, syncNow } from './centre';
import { enrollmentCode, startHqServer, type HqServer } from './hq-server';
import { shot, watchConsole, type Preview } from './preview';
import { intakeAt } from '../helpers/intake';

/**
 * Issue #15, done when: one man's whole stay, from admission to the day he leaves. Admitted at Baku, he
 * complains about the heating, his lawyer visits him, the centre's doctor takes him to hospital and he
 * comes back — held all the while — and he is transferred to Ganja. Ganja admits him with a handover
 * check, sees what Baku recorded, and he leaves by assisted voluntary return with IOM, each step of it
 * recorded before the stay can close. Screenshots of each stage in en, and of the last in az and ru.
 */
let baku: Preview;
let ganja: Preview;
let hq: HqServer;

const doctor = { username: 'nigar.h', displayName: 'Dr. Nigar Həsənova', password: 'tibb məntəqəsi 2026' };
const head = { username: 'rauf.m', displayName: 'Rauf Məmmədov', password: 'mərkəzin rəhbəri 2026' };

async function signedIn(playwright: { request: { newContext(): Promise<APIRequestContext> } }, url: string, who: { username: string; password: string }) {
  const request = await playwright.request.newContext();
  await call(request, url, 'auth.login', { username: who.username, password: who.password });
  return request;
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(240_000);
  [baku, ganja, hq] = await Promise.all([centre(playwright), centre(playwright), startHqServer()]);
  for (const [preview, name] of [
    [baku, 'Bakı mərkəzi'],
    [ganja, 'Gəncə mərkəzi'],
  ] as const) {
    const request = await signedIn(playwright, preview.url, admin);
    await call(request, preview.url, 'sync.enroll', { hqUrl: hq.url, code: enrollmentCode(hq, name) });
    await call(request, preview.url, 'users.create', { ...doctor, roles: ['medical_officer'] });
    await call(request, preview.url, 'users.create', { ...head, roles: ['centre_head'] });
    await request.dispose();
  }
});

test.afterAll(async () => {
  await baku?.stop();
  await ganja?.stop();
  await hq?.dispose();
});

const sync = syncNow;

test('one man’s stay: a complaint, a lawyer’s visit, a hospital stay, a transfer to Ganja and an assisted voluntary return', async ({ page, browser, playwright }) => {
  test.setTimeout(480_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, baku.url, registrar, 'Due now');
  const intake = intakeAt(Date.now() - 4 * 3_600_000, {}, { names: { original: 'Rahimov Jasur', latin: 'Rahimov Jasur', aliases: [] }, nationalities: ['UZB'], languages: ['uz', 'ru'] });
  const { personId, episodeId } = await rpc<{ personId: string; episodeId: string }>(page, 'intake.submit', { ...intake, admission: { ...intake.admission!, property: [] } });
  await page.goto(`${baku.url}#/person/${personId}`);

  // A complaint to the head of the centre about the cold in his room.
  const complaints = page.getByTestId('complaints-card');
  await complaints.getByRole('button', { name: 'Record a request or complaint' }).click();
  const lodge = page.getByTestId('complaint-lodge-form');
  await lodge.getByLabel('Subject area').selectOption('conditions');
  await lodge.getByLabel('Addressed to').selectOption('centre_head');
  await lodge.getByLabel('What it says').fill('The heating in room 14 does not work; it is cold at night.');
  await lodge.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(complaints.getByTestId('complaint-row')).toContainText('The heating in room 14 does not work');
  await complaints.scrollIntoViewIfNeeded();
  await shot(page, '190-stay-complaint-en');

  // His lawyer's visit, in private.
  const contacts = page.getByTestId('contacts-card');
  await contacts.getByRole('button', { name: 'Record a contact' }).click();
  const contact = page.getByTestId('contact-log-form');
  await contact.getByLabel('Who it was (category)').selectOption('lawyer');
  await contact.getByLabel('Name or organisation').fill('Adv. Samir Huseynov');
  await contact.getByLabel('Duration in minutes').fill('50');
  await contact.getByLabel('Private or supervised').selectOption('private');
  await contact.getByRole('button', { name: 'Save the contact' }).click();
  await expect(contacts.getByTestId('contact-row').first()).toContainText('Adv. Samir Huseynov');
  // The first-hour card reads the same log: his lawyer is the defender met (Constitution Art. 61).
  const defender = page.getByRole('article', { name: 'Defender (Constitution Art. 61)' });
  await expect(defender).toContainText('Defender met');
  await expect(defender.getByTestId('lawyer-contact')).toContainText('Lawyer Adv. Samir Huseynov visited on');
  await contacts.scrollIntoViewIfNeeded();
  await shot(page, '191-stay-lawyer-visit-en');

  // The doctor takes him to hospital and he comes back; he is held throughout.
  const doc = await browser.newPage();
  await signInInEnglish(doc, baku.url, doctor, 'Due now');
  await doc.goto(`${baku.url}#/person/${personId}`);
  const health = doc.getByTestId('health-card');
  await health.getByRole('button', { name: 'Taken to hospital' }).click();
  const hospital = doc.getByTestId('health-hospital-form');
  await hospital.getByLabel('Hospital').fill('Baku City Clinical Hospital No. 1');
  await hospital.getByLabel('Escort and guard').fill('Two officers of the centre, in turns');
  await hospital.getByLabel('Reason').fill('Suspected appendicitis');
  await hospital.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(health.getByTestId('health-stays')).toContainText('still in hospital');
  await page.goto(`${baku.url}#/register`);
  await expect(page.getByTestId('register-in-hospital')).toBeVisible({ timeout: 30_000 });
  await shot(page, '192-stay-register-in-hospital-en');
  await health.getByRole('button', { name: 'Returned from hospital' }).click();
  await doc.getByTestId('health-return-form').getByRole('button', { name: 'Record', exact: true }).click();
  await expect(health.getByTestId('health-stays')).not.toContainText('still in hospital');
  await doc.close();

  // The transfer to Ganja, recorded at Baku and carried by HQ.
  await sync(page, baku);
  await sync(page, ganja);
  await page.goto(`${baku.url}#/person/${personId}`);
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dispatch = page.getByTestId('transfer-dispatch-form');
  await dispatch.getByLabel('Receiving centre').selectOption({ label: 'Gəncə mərkəzi' });
  await dispatch.getByLabel('Reason').fill('Return is organised from Ganja with IOM');
  await dispatch.getByLabel('Escort (names)').fill('Sgt. R. Əliyev, Cpl. T. Həsənov');
  await dispatch.getByLabel('Escort’s service').fill('Convoy unit 3');
  await dispatch.getByLabel('Documents going with the person (one a line)').fill('Passport FA1234567');
  await dispatch.getByRole('button', { name: 'Record' }).click();
  await expect(page.getByTestId('person-transfers')).toContainText('In transfer to Gəncə mərkəzi', { timeout: 30_000 });
  await sync(page, baku);
  await sync(page, ganja);

  const atGanja = await browser.newPage();
  await signInInEnglish(atGanja, ganja.url, registrar, 'Due now');
  const incoming = atGanja.getByTestId('transfers-incoming');
  await expect(incoming).toContainText('Rahimov Jasur', { timeout: 30_000 });
  await incoming.getByRole('button', { name: 'Admit with handover check…' }).click();
  const check = atGanja.getByTestId('transfer-admit-form');
  await check.getByLabel('The person is the one named in the package').check();
  await check.getByLabel('The escort was identified').check();
  await check.getByLabel('Received: Passport FA1234567').check();
  await check.getByRole('button', { name: 'Record' }).click();
  await expect(incoming).toContainText('No transfers wait for admission here.', { timeout: 30_000 });

  // At Ganja: what Baku recorded came with him — the complaint, the lawyer's visit.
  await atGanja.goto(`${ganja.url}#/person/${personId}`);
  await expect(atGanja.getByTestId('person-transfers')).toContainText('Received here from Bakı mərkəzi', { timeout: 30_000 });
  await expect(atGanja.getByTestId('complaints-card')).toContainText('The heating in room 14 does not work');
  await expect(atGanja.getByTestId('contacts-card')).toContainText('Adv. Samir Huseynov');
  await shot(atGanja, '193-stay-received-at-ganja-en');

  // Assisted voluntary return with IOM: the exit is planned, each step recorded.
  await rpc(atGanja, 'episodes.scheduleExit', { episodeId, plannedAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), plannedOutcome: 'avr_iom' });
  await atGanja.reload();
  const exit = atGanja.getByTestId('exit-card');
  await exit.getByRole('button', { name: 'Record: Counselling by IOM' }).click({ timeout: 30_000 });
  const counselling = atGanja.getByTestId('exit-step-form-counselling');
  await counselling.getByLabel('Counselled by').fill('IOM Ganja, L. Karimova');
  await counselling.getByLabel('Language', { exact: true }).fill('Uzbek');
  await counselling.getByRole('button', { name: 'Record', exact: true }).click();
  await exit.getByRole('button', { name: 'Record: Informed consent' }).click();
  const consent = atGanja.getByTestId('exit-step-form-consent');
  await consent.getByLabel('Language', { exact: true }).fill('Uzbek');
  await consent.getByLabel('Interpreter (if one was used)').fill('D. Yusupova');
  await consent.getByLabel('The person was informed of what return means and consents').check();
  await consent.getByLabel('Given in a language the person understands').check();
  await consent.getByRole('button', { name: 'Record', exact: true }).click();
  await exit.getByRole('button', { name: 'Record: Travel document' }).click();
  const travel = atGanja.getByTestId('exit-step-form-travel_document');
  await travel.getByLabel('Document type').selectOption('passport');
  await travel.getByLabel('Number').fill('FA1234567');
  await travel.getByLabel('Issued by').fill('Republic of Uzbekistan');
  await travel.getByRole('button', { name: 'Record', exact: true }).click();
  await exit.getByRole('button', { name: 'Record: Departure' }).click();
  const departure = atGanja.getByTestId('exit-step-form-departure');
  await departure.getByLabel('Place (border point, airport)').fill('Heydar Aliyev International Airport');
  await departure.getByLabel('Flight or transport').fill('HY 054 to Tashkent');
  await departure.getByLabel('Escort').fill('IOM operations assistant');
  await departure.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(exit.getByTestId('exit-steps').locator('tr[data-step="departure"]')).not.toContainText('Missing', { timeout: 30_000 });
  await exit.scrollIntoViewIfNeeded();
  await shot(atGanja, '194-stay-avr-steps-en');

  // What the law asks before he leaves: a cleared non-refoulement check (the head) and the examination.
  const atGanjaHead = await signedIn(playwright, ganja.url, head);
  await call(atGanjaHead, ganja.url, 'episodes.recordNonRefoulementCheck', {
    episodeId,
    check: { at: new Date(Date.now() - 60_000).toISOString(), result: 'cleared', basis: 'No asylum claim; return to Uzbekistan assessed with IOM; no risk found.' },
  });
  const atGanjaDoctor = await signedIn(playwright, ganja.url, doctor);
  await call(atGanjaDoctor, ganja.url, 'health.recordVisit', {
    episodeId,
    visit: { kind: 'exit_exam', at: new Date(Date.now() - 60_000).toISOString(), clinician: 'Dr. Nigar Həsənova', finding: 'Fit to travel; scar healing well.' },
  });
  await atGanjaHead.dispose();
  await atGanjaDoctor.dispose();

  await atGanja.reload();
  await atGanja.getByRole('button', { name: 'Close with an outcome' }).click({ timeout: 30_000 });
  const close = atGanja.getByRole('region', { name: 'Close with an outcome' });
  await close.getByLabel('Outcome').selectOption('avr_iom');
  await close.getByLabel('Basis').fill('Assisted voluntary return with IOM; informed consent recorded.');
  await close.getByLabel('Country of destination').selectOption('UZB');
  await close.getByLabel('Receiving body').fill('IOM Tashkent');
  await close.getByLabel('Receiving officer').fill('B. Nazarov, IOM');
  await close.getByRole('button', { name: 'Close the detention' }).click();
  await expect(atGanja.getByText('Assisted voluntary return (IOM)').first()).toBeVisible({ timeout: 30_000 });
  await expect(atGanja.getByRole('button', { name: 'Close with an outcome' })).toHaveCount(0);
  await shot(atGanja, '195-stay-closed-avr-en');
  for (const locale of ['az', 'ru'] as const) {
    await inLocale(atGanja, locale);
    await expect(atGanja.getByText(locale === 'az' ? 'Yardımlı könüllü qayıdış (BMqT)' : 'Добровольное возвращение (МОМ)').first()).toBeVisible({ timeout: 30_000 });
    await shot(atGanja, `195-stay-closed-avr-${locale}`);
  }

  // Baku, after the day's sync: received at Ganja, and closed there as transferred.
  await sync(page, ganja);
  await sync(page, baku);
  // The page is already this person's: a reload, not a same-address navigation, reads what the sync brought.
  await page.reload();
  await expect(page.getByTestId('person-transfers')).toContainText('Received at Gəncə mərkəzi', { timeout: 30_000 });
  await shot(page, '196-stay-confirmed-at-baku-en');
  expect(problems).toEqual([]);
});
