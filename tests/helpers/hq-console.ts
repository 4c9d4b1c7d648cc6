import { createClient } from '../../core/contract/client';
import { setUpConsole } from '../../hq/console/setup';
import type { useCentre } from './centre';

export const consolePassword = 'hq console passphrase 2026';

/** Sets up the console's administrator (hqadmin) in a running HQ's data directory. */
export function setUpHqConsole(hq: { dataDir: string }): Promise<unknown> {
  return setUpConsole({ dataDir: hq.dataDir, facilityName: 'SMS headquarters', username: 'hqadmin', displayName: 'HQ administrator', password: consolePassword });
}

export interface Answer {
  status: number;
  body: { ok: boolean; result?: unknown; error?: { messageKey: string; params?: Record<string, unknown> } };
}

/**
 * A browser on the console: the same envelope calls over /rpc, its session in a cookie. `call` gives the
 * HTTP status and envelope, `raw` the envelope alone, `api` the typed client over the same session.
 */
export function browserOn(url: string) {
  let cookie = '';
  const call = async (method: string, input: unknown): Promise<Answer> => {
    const res = await fetch(`${url}/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-qeyd-client': '1', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(input ?? {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const raw = async (method: string, input: unknown): Promise<unknown> => (await call(method, input)).body;
  return { api: createClient(raw), raw, call };
}

/** The console's analyst (hq_analyst), created by hqadmin and signed in on a browser of their own. */
export async function analystOn(hq: { url: string }) {
  const browser = browserOn(hq.url);
  await browser.api.auth.login({ username: 'hqadmin', password: consolePassword });
  await browser.api.users.create({ username: 'analyst', displayName: 'Leyla Analyst', roles: ['hq_analyst'], password: 'analyst passphrase 2026' });
  await browser.api.auth.logout();
  await browser.api.auth.login({ username: 'analyst', password: 'analyst passphrase 2026' });
  return browser;
}

/** A centre enrolled with HQ as the named facility, its registrar signed in (docs/sync.md, enrolment). */
export async function enrolledCentre(newCentre: ReturnType<typeof useCentre>, hq: { url: string; code(facility?: string): Promise<string> }, facility: string) {
  const centre = await newCentre();
  await centre.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code(facility) });
  return { centre, desk: await centre.as('registrar') };
}
