import { describe, expect, it } from 'vitest';
import { useHq } from '../helpers/hq';
import { consolePassword, setUpHqConsole } from '../helpers/hq-console';

const hqs = useHq();

/** Signs in on the console as a browser behind (or not behind) the TLS proxy would, and returns the session cookie HQ set. */
async function sessionCookie(url: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${url}/rpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-qeyd-client': '1', ...headers },
    body: JSON.stringify({ username: 'hqadmin', password: consolePassword }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie') ?? '';
}

describe('the console session cookie behind the documented TLS proxy', () => {
  it('is Secure when a trusted proxy says the browser came over https, and not over plain http', async () => {
    const hq = await hqs.startWithConsole('sqlite', { trustProxy: ['127.0.0.1'] });
    await setUpHqConsole(hq);
    const overTls = await sessionCookie(hq.url, { 'x-forwarded-proto': 'https' });
    expect(overTls).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Secure$/);
    const plain = await sessionCookie(hq.url);
    expect(plain).toMatch(/HttpOnly; SameSite=Strict; Path=\/$/);
  });

  it('ignores the header when no proxy is trusted (the default): anyone could send it', async () => {
    const hq = await hqs.startWithConsole('sqlite');
    await setUpHqConsole(hq);
    expect(await sessionCookie(hq.url, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
  });

  it('ignores the header from an address that is not the trusted proxy', async () => {
    const hq = await hqs.startWithConsole('sqlite', { trustProxy: ['10.9.8.7'] });
    await setUpHqConsole(hq);
    expect(await sessionCookie(hq.url, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
  });
});
