import { expect, test } from '@playwright/test';
import { admin, call, centre, registrar, signInInEnglish, useCentreWithHq } from './centre';
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
  const at = Date.now() - 3 * H;
  await call(atBaku, baku.preview.url, 'intake.submit', {
    person: {
      names: { original: 'Гусейнов Али', latin: 'Guseynov Ali', aliases: [] },
      sex: 'male',
      birth: { date: '1990-05-12', estimated: false },
      nationalities: ['IRN'],
      stateless: false,
      languages: ['fa'],
    },
    documents: [],
    apprehension: { at: new Date(at - 2 * H).toISOString(), place: 'Bakı, Xətai rayonu', authority: 'Miqrasiya polisi' },
    admission: {
      regime: 'forced_court',
      decision: {
        issuingBody: 'Xətai rayon məhkəməsi',
        officialPosition: 'Hakim',
        officialName: 'N. Əliyev',
        basis: 'Miqrasiya Məcəlləsi',
        date: new Date(at - H).toISOString().slice(0, 10),
        number: '2-3001/2026',
        termEnd: new Date(at + 30 * 24 * H).toISOString(),
      },
      admittedAt: new Date(at).toISOString(),
      handover: { body: 'Miqrasiya polisi', officerPosition: 'Inspektor', officerName: 'E. Məmmədov', serviceId: 'MP-4471', signed: true },
      property: [],
    },
  });
  await call(atBaku, baku.preview.url, 'sync.run', {});
  await atBaku.dispose();
});

test.afterAll(async () => {
  await ganja?.stop();
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
