import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../../core/contract/errors';
import { catalogs } from '../../../core/i18n';
import { rpcHeaders, useWebServer, type Reply } from '../../helpers/web';

const server = useWebServer();

/** An RPC POST with an empty body and the given headers, sent raw so that they reach the server as written. */
function post(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return server.call(path, { method: 'POST', headers: { ...rpcHeaders, ...headers }, body: '{}' });
}

function expectTranslatedRefusal(r: { status: number; body: string }) {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  const body = JSON.parse(r.body) as { ok: boolean; error: unknown };
  expect(body.ok).toBe(false);
  const error = apiErrorSchema.parse(body.error);
  for (const lang of ['az', 'en', 'ru'] as const) expect(catalogs[lang][error.messageKey], `${lang} ${error.messageKey}`).toBeTruthy();
  return error;
}

describe('percent-encoding the preview cannot decode', () => {
  it('a session cookie that is not valid percent-encoding is refused as unreadable, not a 500, and cleared', async () => {
    for (const cookie of ['qeyd_session=%ZZ', 'qeyd_session=%E0%A4%A', 'other=1; qeyd_session=%']) {
      const r = await post('/rpc/auth.session', { cookie });
      expect(expectTranslatedRefusal(r).code).toBe('malformed');
      expect(String(r.headers['set-cookie'])).toMatch(/^qeyd_session=;.*Max-Age=0/);
    }
  });

  it('a method name that is not valid percent-encoding is an unknown method, not a 500', async () => {
    for (const path of ['/rpc/%E0%A4%A', '/rpc/%ZZ', '/rpc/auth.%']) {
      expect(expectTranslatedRefusal(await post(path)).code).toBe('unknown_method');
    }
  });

  it('a well-formed cookie of another application beside ours changes nothing', async () => {
    const r = await post('/rpc/auth.session', { cookie: 'theirs=%ZZ; qeyd_session=abc' });
    expect(r.status).toBe(200);
  });
});
