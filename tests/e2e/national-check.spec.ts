import { expect, test } from '@playwright/test';
import { admin, call, centre, lawfulIntake, registrar, rpc, signInInEnglish, useCentreWithHq } from './centre';
import { enrollmentCode } from './hq-server';
import { shot, watchConsole, type Preview } from './preview';

/**
 * Issue #14 §2: the man Baku admitted as "Гусейнов Али" is brought to the Ganja centre, where the
 * registrar types "Hüseynov Əli". The intake's duplicate check asks HQ too, and shows Baku's record in
 * its own labelled section: facility, register number, names, birth year, current state. With HQ gone,
 * the same section says "Not checked nationally", calmly, and the intake goes on.
 */
const baku = useCentreWithHq();
let ganja: Preview;
const H = 3_600_000;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  ganja = await centre(playwright);
  const request = await playwright.request.newContext();
  await call(request, ganja.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, ganja.url, 'sync.enroll', { hqUrl: baku.hq.url, code: enrollmentCode(baku.hq, 'Gəncə mərkəzi') });
  await request.dispose();
  // Baku's registrar admits the man and syncs.
  const atBaku = await playwright.request.newContext();
  await call(atBaku, baku.preview.url, 'auth.login', { username: registrar.username, password: registrar.password });
  await call(atBaku, baku.preview.url, 'intake.submit', lawfulIntake(Date.now() - 3 * H, { names: ['Гусейнов Али', 'Guseynov Ali'], nationality: 'IRN' }, { serviceId: 'MP-4471', medical: false }));
  await call(atBaku, baku.preview.url, 'sync.run', {});
  await atBaku.dispose();
});

test.afterAll(async () => {
  await ganja?.stop();
});

test('the registrar sees the national match as a task, links the records from the person page, and can undo it', async ({ page }) => {
  const problems = watchConsole(page);
  await signInInEnglish(page, ganja.url, registrar, 'Due now');
  // Recorded at the desk with what HQ answered (the intake screen itself is the next test's).
  const answer = await rpc<{ status: string; checkedAt: string; candidates: unknown[] }>(page, 'national.check', {
    names: { original: 'Hüseynov Əli', latin: 'Guseynov Ali', aliases: [] },
    nationalities: [],
  });
  expect(answer.status).toBe('checked');
  const { personId } = await rpc<{ personId: string }>(page, 'intake.submit', {
    ...lawfulIntake(Date.now() - 3 * H, { names: ['Hüseynov Əli', 'Guseynov Ali'], nationality: 'IRN' }, { serviceId: 'MP-4471', medical: false }),
    national: { checkedAt: answer.checkedAt, candidates: answer.candidates },
  });
  await page.reload();
  const tasks = page.getByRole('region', { name: 'Possible matches at other centres' });
  await expect(tasks).toContainText('Guseynov Ali');
  await shot(page, 'national-check-task');
  await tasks.getByRole('link', { name: 'Open' }).click();
  const section = page.getByRole('region', { name: 'Same person at other centres' });
  await expect(section).toContainText('Bakı mərkəzi');
  await section.getByRole('button', { name: 'Same person: link' }).click();
  await section.getByLabel('Reason').fill('Same passport number seen in Baku’s record');
  await section.getByRole('button', { name: 'Confirm' }).click();
  await expect(section.getByRole('button', { name: 'Undo link' })).toBeVisible();
  await expect(section).toContainText('Same passport number seen in Baku’s record');
  await shot(page, 'national-check-linked');
  expect(personId).toBeTruthy();
  // Undone with a reason: the candidate can be linked again.
  await section.getByRole('button', { name: 'Undo link' }).click();
  await section.getByLabel('Reason').fill('Linked by mistake: a namesake');
  await section.getByRole('button', { name: 'Confirm' }).click();
  await expect(section.getByRole('button', { name: 'Same person: link' })).toBeVisible();
  await expect(section).toContainText('Not linked to any record at another centre.');
  expect(problems).toEqual([]);
});

test('the intake at another centre shows the person found nationally, and "not checked nationally" without HQ', async ({ page }) => {
  const problems = watchConsole(page);
  await signInInEnglish(page, ganja.url, registrar, 'Due now');
  await page.goto(`${ganja.url}#/intake/new`);
  await page.getByLabel('Name in the original script').fill('Hüseynov Əli');
  await page.getByLabel('Name in Latin letters').fill('Guseynov Ali');
  const national = page.getByRole('region', { name: 'Other centres (national check)' });
  await expect(national).toBeVisible({ timeout: 15_000 });
  await expect(national.getByText('Гусейнов Али')).toBeVisible();
  await expect(national).toContainText('Bakı mərkəzi');
  await expect(national).toContainText('Held');
  await expect(national).not.toContainText(/asylum|trafficking/i);
  await shot(page, 'national-check-intake');

  // HQ goes away: the next check says so in its own section, and nothing is shown as an error.
  await baku.hq.stop();
  await page.getByLabel('Name in Latin letters').fill('Guseynov Aly');
  const notChecked = page.getByRole('region', { name: 'Not checked nationally' });
  await expect(notChecked).toBeVisible({ timeout: 20_000 });
  await expect(notChecked).toContainText('HQ did not answer in time');
  await shot(page, 'national-check-offline');
  expect(problems).toEqual([]);
});
