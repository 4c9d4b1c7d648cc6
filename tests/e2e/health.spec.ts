import { expect, test } from '@playwright/test';
import { intakeAt } from '../helpers/intake';
import { admin, call, centre, inLocale, registrar, rpc, signInInEnglish } from './centre';
import { shot, watchConsole, type Preview } from './preview';

/**
 * Issue #15 §4 on the person's page: the centre's doctor records a visit, takes the person to hospital
 * (the registrar sees "In hospital since" and nothing of why), records the return and an injury not seen
 * at admission, which owes reports to the prosecutor and the ombudsman until they are recorded. The
 * registrar sees no Health card and the timeline names the injury only as a restricted record.
 * Screenshots in en, az and ru.
 */
let preview: Preview;
const doctor = { username: 'nigar.h', displayName: 'Dr. Nigar Həsənova', password: 'tibb məntəqəsi 2026' };

test.beforeAll(async ({ playwright }) => {
  preview = await centre(playwright);
  const request = await playwright.request.newContext();
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, preview.url, 'users.create', { ...doctor, roles: ['medical_officer'] });
  await request.dispose();
});

test.afterAll(async () => {
  await preview?.stop();
});

test('a visit, a hospital stay that keeps the person held, an injury not seen at admission and its two reports', async ({ page, browser }) => {
  // Two sessions signed in one after the other on a shared machine: more than the usual three minutes.
  test.setTimeout(360_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, preview.url, registrar, 'Due now');
  const intake = intakeAt(Date.now() - 60 * 60_000, {}, { names: { original: 'Rəhimi Əhməd', latin: 'Rahimi Ahmad', aliases: [] } });
  const { personId, episodeId } = await rpc<{ personId: string; episodeId: string }>(page, 'intake.submit', { ...intake, admission: { ...intake.admission!, property: [] } });

  const doc = await (await browser.newContext()).newPage();
  const docProblems = watchConsole(doc);
  await signInInEnglish(doc, preview.url, doctor, 'Due now');
  await doc.goto(`${preview.url}#/person/${personId}`);
  const card = doc.getByTestId('health-card');
  await expect(card).toContainText('No visible injuries recorded at admission.', { timeout: 30_000 });

  // A visit with a follow-up.
  await card.getByRole('button', { name: 'Record a visit or examination' }).click();
  const visit = doc.getByTestId('health-visit-form');
  await visit.getByLabel('Clinician').fill('Dr. Nigar Həsənova');
  await visit.getByLabel('Complaint').fill('Toothache for three days');
  await visit.getByLabel('Finding').fill('Abscess, lower left molar');
  await visit.getByLabel('Treatment').fill('Amoxicillin 500 mg three times a day');
  await visit.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(visit).toBeHidden();
  await expect(card.getByTestId('health-visits')).toContainText('Abscess, lower left molar');

  // Taken to hospital: the person stays held.
  await card.getByRole('button', { name: 'Taken to hospital' }).click();
  const hospital = doc.getByTestId('health-hospital-form');
  await hospital.getByLabel('Hospital').fill('Baku City Clinical Hospital No. 1');
  await hospital.getByLabel('Escort and guard').fill('Two officers of the centre, in turns');
  await hospital.getByLabel('Reason').fill('Suspected appendicitis');
  await hospital.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(hospital).toBeHidden();
  await expect(card.getByTestId('health-stays')).toContainText('still in hospital');

  // The registrar sees where the person is, never why, and no Health card.
  await page.goto(`${preview.url}#/person/${personId}`);
  await expect(page.getByTestId('health-status')).toContainText('In hospital since', { timeout: 30_000 });
  await expect(page.getByTestId('health-card')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('appendicitis');
  await shot(page, '160-health-in-hospital-registrar-en');

  // Back, then an injury not seen at admission.
  await card.getByRole('button', { name: 'Returned from hospital' }).click();
  await doc.getByTestId('health-return-form').getByRole('button', { name: 'Record', exact: true }).click();
  await expect(card.getByTestId('health-stays')).not.toContainText('still in hospital');
  await card.getByRole('button', { name: 'Record an injury' }).click();
  const injury = doc.getByTestId('health-injury-form');
  // Saved with nothing said: refused, the fields named.
  await injury.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(injury.locator('.field--invalid').first()).toBeVisible();
  await injury.getByLabel('Examined by').fill('Dr. Nigar Həsənova');
  await injury.getByLabel('Where on the body').selectOption('left_arm');
  await injury.getByLabel('Exact place').fill('outer forearm');
  await injury.getByLabel("The person's account").fill('Says he was pushed against the door during the evening count.');
  await injury.getByLabel('Finding').fill('Bruise 4 × 3 cm, fresh');
  await injury.getByLabel('Not seen at admission').check();
  await shot(doc, '161-health-injury-form-en');
  await injury.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(injury).toBeHidden();
  const injuries = card.getByTestId('health-injuries');
  await expect(injuries).toContainText('Prosecutor: not sent yet');
  await expect(injuries).toContainText('Ombudsman: not sent yet');

  // One report recorded; the other still owed.
  await injuries.getByRole('button', { name: 'Record a report sent' }).click();
  const report = doc.getByTestId('health-report-form');
  await report.getByLabel('Sent to').selectOption('prosecutor');
  await report.getByLabel('Office').fill('Nasimi District Prosecutor');
  await report.getByLabel('Reference').fill('NP-118');
  await report.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(report).toBeHidden();
  await expect(injuries).toContainText('Prosecutor:');
  await expect(injuries).toContainText('NP-118');
  await expect(injuries).toContainText('Ombudsman: not sent yet');
  await card.scrollIntoViewIfNeeded();
  await shot(doc, '162-health-card-en');
  for (const locale of ['az', 'ru'] as const) {
    await inLocale(doc, locale);
    await expect(doc.getByTestId('health-injuries')).toContainText('NP-118', { timeout: 30_000 });
    await doc.getByTestId('health-card').scrollIntoViewIfNeeded();
    await shot(doc, `162-health-card-${locale}`);
  }

  // The registrar's timeline: the injury shows as a restricted medical record.
  await page.reload();
  await expect(page.locator('.person__timeline')).toContainText('Medical record made (content restricted to medical staff)', { timeout: 30_000 });
  await expect(page.locator('body')).not.toContainText('Bruise');

  // An exit scheduled: the examination before leaving is owed; the registrar records why it cannot be done.
  await rpc(page, 'episodes.scheduleExit', { episodeId, plannedAt: new Date(Date.now() + 2 * 3_600_000).toISOString(), plannedOutcome: 'released_decision' });
  await page.reload();
  const status = page.getByTestId('health-status');
  await expect(status).toContainText('Medical examination before leaving: not done', { timeout: 30_000 });
  await status.getByRole('button', { name: 'Leaving without examination…' }).click();
  const notDone = page.getByTestId('health-not-done-form');
  await notDone.getByLabel('Reason').fill('Released by the court at the hearing; not brought back to the centre.');
  await shot(page, '163-health-exit-reason-en');
  await notDone.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.getByTestId('health-status')).toHaveCount(0);
  expect(problems).toEqual([]);
  expect(docProblems).toEqual([]);
});
