import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { lowKdfCostVariable } from '../../db/kdf-cost';

export interface Preview {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `main/web/start.ts` (the browser preview) on a fresh, empty data directory and waits for its
 * "Qeyd preview: <url>" line. The renderer must already be built (`npm run test:e2e` does it).
 */
export async function startPreview(): Promise<Preview> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qeyd-e2e-'));
  const port = await freePort();
  // Its own process group, so that stopping it also stops what npx started beneath it.
  const child: ChildProcess = spawn('npx', ['tsx', 'main/web/start.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, QEYD_DATA_DIR: dataDir, QEYD_PORT: String(port), NO_COLOR: '1', [lowKdfCostVariable]: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Qeyd preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview server exited with ${code}:\n${output}`));
    });
  });
  // Keep draining so a chatty server never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();

  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5_000));
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One preview for the whole spec file, set up through the API with this administrator and stopped after
 * the last test. The object stands for the preview once `beforeAll` has run.
 */
export function usePreview(admin: { username: string; displayName: string; password: string }): Preview {
  let preview: Preview | undefined;
  test.beforeAll(async ({ playwright }) => {
    preview = await startPreview();
    const request = await playwright.request.newContext();
    await initializeViaApi(request, preview.url, admin);
    await request.dispose();
  });
  test.afterAll(async () => {
    await preview?.stop();
  });
  const started = (): Preview => {
    if (!preview) throw new Error('the preview starts in beforeAll');
    return preview;
  };
  return {
    get url() {
      return started().url;
    },
    get dataDir() {
      return started().dataDir;
    },
    stop: () => started().stop(),
  };
}

/** Fills the sign-in form (in Azerbaijani) and sends it; the caller checks where it lands. */
export async function submitSignIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Sistemə giriş' })).toBeVisible();
  await page.getByLabel('İstifadəçi adı').fill(who.username);
  await page.getByLabel('Parol').fill(who.password);
  await page.getByRole('button', { name: 'Daxil ol' }).click();
}

/** Sets up an installation without the UI, for specs that are about what comes after. */
export async function initializeViaApi(request: APIRequestContext, url: string, admin: { username: string; displayName: string; password: string }) {
  const res = await request.post(`${url}rpc/setup.initialize`, {
    headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' },
    data: {
      facilityName: 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi',
      facilityKind: 'detention_centre',
      deviceName: 'Növbətçi masası 1',
      timeZone: 'Asia/Baku',
      admin,
    },
  });
  const body = (await res.json()) as { ok: boolean };
  expect(body.ok, JSON.stringify(body)).toBe(true);
}

/**
 * The app's date and time box (renderer/components/DateTimeField.tsx): a group of segments named by its
 * label. Finds it by that label, as a screen reader does.
 */
export function dateBox(scope: Page | Locator, label: string | RegExp, options: { exact?: boolean } = {}): Locator {
  return scope.getByRole('group', { name: label, exact: options.exact ?? typeof label === 'string' });
}

/**
 * Types a value into a date and time box the way an officer does: digits into each segment, in whatever
 * order the app's language lays them out. `value` is what a
 * datetime-local input held: "2026-12-07T08:30" or "2026-12-07".
 */
export async function fillDate(scope: Page | Locator, label: string | RegExp, value: string, options: { exact?: boolean } = {}): Promise<void> {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) throw new Error(`fillDate: ${value} is not YYYY-MM-DD or YYYY-MM-DDTHH:mm`);
  const wanted: Record<string, string | undefined> = { year: m[1], month: m[2], day: m[3], hour: m[4], minute: m[5] };
  const segments = dateBox(scope, label, options).getByRole('spinbutton');
  const typed = async () => {
    // evaluateAll does not wait: on a page still loading (just navigated to) it finds no segment, and
    // there would be nothing to type into. Wait for the box, then read its layout.
    await expect(segments.first()).toBeVisible();
    const order = await segments.evaluateAll((els) => els.map((e) => e.getAttribute('data-type') ?? ''));
    expect(order.length, `${String(label)}: segments`).toBeGreaterThan(0);
    // Segment by segment, each checked before the next: on a loaded machine the field hands focus on
    // to the next segment a render later, and digits typed in one burst could land before it did.
    // Typing into a focused segment replaces what it held, so a retry is safe.
    for (const [i, type] of order.entries()) {
      const want = wanted[type];
      if (want === undefined) continue;
      const segment = segments.nth(i);
      await segment.focus();
      await expect(segment).toBeFocused();
      await segment.page().keyboard.type(want);
      await expect(segment, `${String(label)} ← ${value}`).toHaveAttribute('aria-valuenow', String(Number(want)), { timeout: 2_000 });
    }
    // And all of it still there at the end (a form that re-rendered from its first state would lose it).
    const got = await segments.evaluateAll((els) => els.map((e) => [e.getAttribute('data-type') ?? '', e.getAttribute('aria-valuenow') ?? ''] as const));
    for (const [type, now] of got) {
      const want = wanted[type];
      if (want !== undefined) expect(`${type} ${now}`, `${String(label)} ← ${value}`).toBe(`${type} ${Number(want)}`);
    }
  };
  await expect(typed).toPass({ timeout: 10_000 });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  // A full-page capture of a scrolled page would paint the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/**
 * Collects what the page reports as broken: uncaught exceptions and console errors, which include
 * Content-Security-Policy violations (an inline script or style the strict policy blocked).
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Refusals (wrong password, signed out) are 4xx answers by design; Chromium logs each one.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  return problems;
}
