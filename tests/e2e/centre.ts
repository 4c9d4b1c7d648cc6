import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { enrollmentCode, startHqServer, type HqServer } from './hq-server';
import { initializeViaApi, startPreview, type Preview } from './preview';

/** The people of the stories: the centre's administrator and registrar, HQ's console administrator and analyst. */
export const admin = { username: 'admin', displayName: 'Əli Məmmədov', password: 'gecə növbəsi 2025' };
export const registrar = { username: 'leyla.h', displayName: 'Leyla Hüseynova', password: 'çay və şəkər 77' };
export const hqAdmin = { username: 'hqadmin', displayName: 'HQ administrator', password: 'baş idarə konsolu 2026' };
export const analyst = { username: 'leyla.a', displayName: 'Leyla Abbasova', password: 'hesabat və rəqəmlər 26', roles: ['hq_analyst'] };

const headers = { 'content-type': 'application/json', 'x-qeyd-client': '1' };

/** One envelope call on a request context that keeps its session cookie; `url` ends with a slash. */
export async function call(request: APIRequestContext, url: string, method: string, input: unknown): Promise<unknown> {
  const body = (await (await request.post(`${url}rpc/${method}`, { headers, data: input })).json()) as { ok: boolean; result?: unknown };
  expect(body.ok, `${method}: ${JSON.stringify(body)}`).toBe(true);
  return body.result;
}

/** One envelope call from the page, in its signed-in session. */
export async function rpc<T>(page: Page, method: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ method, input }) => {
      const r = await fetch(`./rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' }, body: JSON.stringify(input) });
      return (await r.json()) as { ok: boolean; result?: unknown };
    },
    { method, input },
  );
  expect(envelope.ok, `${method}: ${JSON.stringify(envelope)}`).toBe(true);
  return envelope.result as T;
}

/** The app's language, as a user's earlier choice, then the page again. */
export async function inLocale(page: Page, locale: 'az' | 'en' | 'ru'): Promise<void> {
  await page.evaluate((l) => window.localStorage.setItem('qeyd.locale', l), locale);
  await page.reload();
}

/** A new centre (the preview on a fresh installation) with its administrator and a registrar. */
export async function centre(playwright: PlaywrightWorkerArgs['playwright']): Promise<Preview> {
  const preview = await startPreview();
  const request = await playwright.request.newContext();
  await initializeViaApi(request, preview.url, admin);
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, preview.url, 'users.create', { ...registrar, roles: ['registrar'] });
  await request.dispose();
  return preview;
}

/**
 * A new centre enrolled with a real HQ, whose console has its administrator (set up from HQ's shell)
 * and an analyst who reads the figures.
 */
export async function centreWithHq(playwright: PlaywrightWorkerArgs['playwright']): Promise<{ preview: Preview; hq: HqServer }> {
  const [preview, hq] = await Promise.all([centre(playwright), startHqServer()]);
  const request = await playwright.request.newContext();
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, preview.url, 'sync.enroll', { hqUrl: hq.url, code: enrollmentCode(hq, 'Bakı mərkəzi') });
  await request.dispose();
  hq.cli(['setup-console', '--username', hqAdmin.username, '--display-name', hqAdmin.displayName], `${hqAdmin.password}\n`);
  const atHq = await playwright.request.newContext();
  await call(atHq, `${hq.url}/`, 'auth.login', { username: hqAdmin.username, password: hqAdmin.password });
  await call(atHq, `${hq.url}/`, 'users.create', analyst);
  await atHq.dispose();
  return { preview, hq };
}

/** Signs `who` in on the page at `url` (a centre or HQ's console) in English, and waits for `landing`'s heading. */
export async function signInInEnglish(page: Page, url: string, who: { username: string; password: string }, landing: string): Promise<void> {
  await page.goto(url);
  await inLocale(page, 'en');
  await page.getByLabel('User name').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: landing })).toBeVisible({ timeout: 30_000 });
}

/** The day's sync at `preview`, whatever it carries: its administrator presses Sync now from another desk. */
export async function syncNow(page: Page, preview: Preview): Promise<void> {
  const request = await page
    .context()
    .browser()!
    .newContext()
    .then((c) => c.request);
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  await call(request, preview.url, 'sync.run', {});
}

/** The day's sync: the centre's administrator presses Sync now from another desk (the sync spec tests the screen). */
export async function syncToHq(page: Page, preview: Preview): Promise<void> {
  const request = await page
    .context()
    .browser()!
    .newContext()
    .then((c) => c.request);
  await call(request, preview.url, 'auth.login', { username: admin.username, password: admin.password });
  const run = (await call(request, preview.url, 'sync.run', {})) as { pushed: number; quarantined: number };
  expect(run.pushed).toBeGreaterThan(0);
  expect(run.quarantined).toBe(0);
}

/**
 * One centre enrolled with HQ for the whole spec file (`centreWithHq`), stopped after the last test, as
 * `usePreview` does for a lone centre. The object's parts stand for them once `beforeAll` has run.
 */
export function useCentreWithHq(): { readonly preview: Preview; readonly hq: HqServer } {
  let started: { preview: Preview; hq: HqServer } | undefined;
  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(180_000);
    started = await centreWithHq(playwright);
  });
  test.afterAll(async () => {
    await started?.preview.stop();
    await started?.hq.dispose();
  });
  const ready = () => {
    if (!started) throw new Error('the centre and HQ start in beforeAll');
    return started;
  };
  return {
    get preview() {
      return ready().preview;
    },
    get hq() {
      return ready().hq;
    },
  };
}

const hour = 3_600_000;

/**
 * A lawful intake by court decision, admitted at `at`, as a registrar records it through the API when the
 * screen under test is another one. What a spec looks for (names, nationality, term, numbers) it passes.
 */
export function lawfulIntake(
  at: number,
  person: { names: readonly [original: string, latin: string]; nationality: string; birthDate?: string },
  over: { decisionNumber?: string; termEnd?: number; serviceId?: string; medical?: boolean } = {},
) {
  return {
    person: {
      names: { original: person.names[0], latin: person.names[1], aliases: [] },
      sex: 'male',
      birth: { date: person.birthDate ?? '1990-05-12', estimated: false },
      nationalities: [person.nationality],
      stateless: false,
      languages: ['fa'],
    },
    documents: [],
    apprehension: { at: new Date(at - 2 * hour).toISOString(), place: 'Bakı, Xətai rayonu', authority: 'Miqrasiya polisi' },
    admission: {
      regime: 'forced_court',
      decision: {
        issuingBody: 'Xətai rayon məhkəməsi',
        officialPosition: 'Hakim',
        officialName: 'N. Əliyev',
        basis: 'Miqrasiya Məcəlləsi',
        date: new Date(at - hour).toISOString().slice(0, 10),
        number: over.decisionNumber ?? '2-3001/2026',
        termEnd: new Date(over.termEnd ?? at + 30 * 24 * hour).toISOString(),
      },
      admittedAt: new Date(at).toISOString(),
      handover: { body: 'Miqrasiya polisi', officerPosition: 'Müfəttiş', officerName: 'T. Rzayev', serviceId: over.serviceId ?? 'MP-5001', signed: true },
      ...(over.medical === false ? {} : { medical: { at: new Date(at + 600_000).toISOString(), examiner: 'Dr. S. Əliyeva', visibleInjuries: false, illTreatmentComplaint: false } }),
      property: [],
    },
  };
}
