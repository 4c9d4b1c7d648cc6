import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';
import { hqDevice, type HqDevice } from '../helpers/hq-device';
import { useHq, type RunningHq } from '../helpers/hq';
import { dialects } from './harness';

/**
 * Issue #10: a bounded property-based fuzz of every HQ route (sync, enrollment, health, the console's
 * /rpc and its static files) on both engines, with arbitrary paths, headers and bodies, ill-formed text
 * included, and with hostile bodies signed by a real enrolled device so they get past authentication.
 * HQ must never answer 500, and every refusal is the project's envelope with a message in every
 * language, never Fastify's own body. A few hundred requests per engine: seconds, not minutes.
 */

const hqs = useHq();

/** Pieces of text HQ must survive: lone surrogates, NUL, percent-escapes that decode to nothing. */
const nasty = ['\ud800', '\udfff', '\u0000', '\ud83d\ude00', '%ZZ', '%00', '__proto__', 'constructor', '../', ''];
const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...nasty)), { maxLength: 4 }).map((p) => p.join(''));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.constantFrom(2 ** 31, 2 ** 53, -1, 1e300, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A URL path or query piece: printable ASCII and percent-escapes, valid or not. */
const urlPart = fc
  .array(
    fc.oneof(
      fc.constantFrom('%ZZ', '%00', '%ED%A0%80', '%E0%A4%A', '%', '%2', '%C0%AF', '%FF', '..', '/', '='),
      fc.string({ unit: 'binary-ascii', maxLength: 4 }).map((s) => s.replace(/[^\x21-\x7e]|[#?%]/g, '')),
    ),
    { maxLength: 5 },
  )
  .map((p) => p.join(''));
const headerValue = fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

const paths = [
  '/health',
  '/api/enroll',
  '/api/sync/push',
  '/api/sync/manifest',
  '/api/sync/pull',
  '/api/sync/restored',
  '/api/sync/own-events',
  '/api/sync/national-check',
  '/api/sync/transfers',
  '/rpc/',
  '/',
  '/index.html',
  '/assets/',
  '/fonts/',
  '/favicon.svg',
  '/',
];
/** Served as files (the console's renderer, or a plain "not built" note): every other answer is JSON. */
const staticGet = (method: string, url: string) => method === 'GET' && /^\/(index\.html|assets\/|fonts\/|favicon\.svg|$|\?)/.test(url);

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

function expectOurs(method: string, url: string, res: Answer) {
  const where = `${method} ${JSON.stringify(url)} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (staticGet(method, url) && !String(res.headers['content-type']).startsWith('application/json')) return;
  expect(String(res.headers['content-type']), where).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { ok?: boolean; error?: { code?: string; messageKey?: string } };
  if (res.statusCode >= 400 || body.ok === false) {
    expect(body.ok, where).toBe(false);
    expect(Object.keys(body).sort(), where).toEqual(['error', 'ok']);
    for (const catalog of Object.values(catalogs)) expect(catalog[body.error!.messageKey!], where).toBeTruthy();
  } else {
    expect(body.ok ?? (url.startsWith('/health') ? true : undefined), where).toBe(true);
  }
}

/** Sets the value at a path inside a JSON value (arrays and objects), returning a changed copy. */
function replaceAt(value: unknown, pick: number[], replacement: unknown): unknown {
  if (pick.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[pick[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
  copy[key] = replaceAt((value as Record<string, unknown>)[key], pick.slice(1), replacement);
  return copy;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const enrolled = (running: RunningHq): Promise<HqDevice> => hqDevice(running.app, running.hq, cleanups);

for (const dialect of dialects) {
  describe(`HQ fuzzed on ${dialect}`, () => {
    it('answers a path, cookie or method it cannot decode with its own envelope', async () => {
      const running = await hqs.startWithConsole(dialect);
      for (const [method, url, headers] of [
        ['POST', '/rpc/%ZZ', {}],
        ['POST', '/rpc/%E0%A4%A', {}],
        ['GET', '/%ZZ', {}],
        ['GET', `/rpc/${'x'.repeat(200)}`, {}],
        ['POST', '/rpc/auth.session', { cookie: 'qeyd_hq_session=%ZZ' }],
        ['POST', '/rpc/auth.session', { cookie: 'qeyd_hq_session=%00' }],
      ] as const) {
        const res = await running.app.inject({ method, url, headers: { 'content-type': 'application/json', 'x-qeyd-client': '1', ...headers }, payload: method === 'POST' ? '{}' : undefined });
        expectOurs(method, url, res);
        expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      const cleared = await running.app.inject({
        method: 'POST',
        url: '/rpc/auth.session',
        headers: { 'content-type': 'application/json', 'x-qeyd-client': '1', cookie: 'qeyd_hq_session=%ZZ' },
        payload: '{}',
      });
      expect(cleared.json().error.messageKey).toBe('error.malformed');
      expect(String(cleared.headers['set-cookie'])).toMatch(/^qeyd_hq_session=; .*Max-Age=0/);
    });

    it('never answers 500 nor with Fastify’s own body, whatever the route, headers and body', async () => {
      const running = await hqs.startWithConsole(dialect);
      const device = await enrolled(running);
      const anyRequest = fc.record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
        path: fc.tuple(fc.constantFrom(...paths), urlPart).map(([p, tail]) => p + tail),
        query: fc.option(fc.array(fc.tuple(urlPart, urlPart), { maxLength: 3 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&'))),
        contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', undefined),
        body: fc.oneof(
          json.map((v) => JSON.stringify(v) ?? 'null'),
          text,
          fc.constant('{"__proto__":{"x":1}}'),
        ),
        cookie: fc.option(fc.oneof(urlPart, headerValue)),
        client: fc.boolean(),
        auth: fc.option(fc.record({ device: headerValue, time: headerValue, signature: headerValue })),
      });
      await fc.assert(
        fc.asyncProperty(anyRequest, async (r) => {
          const url = r.query === null ? r.path : `${r.path}?${r.query}`;
          const headers: Record<string, string> = {};
          if (r.contentType) headers['content-type'] = r.contentType;
          if (r.cookie !== null) headers.cookie = `qeyd_hq_session=${r.cookie}`;
          if (r.client) headers['x-qeyd-client'] = '1';
          if (r.auth) Object.assign(headers, { 'x-qeyd-device': r.auth.device, 'x-qeyd-time': r.auth.time, 'x-qeyd-signature': r.auth.signature });
          const withBody = r.method === 'POST' || r.method === 'PUT';
          const res = await running.app.inject({ method: r.method, url, headers, ...(withBody ? { payload: r.body } : {}) });
          expectOurs(r.method, url, res);
        }),
        { numRuns: 250, seed: 10_2026 },
      );

      // Signed by the enrolled device, so that hostile bodies reach validation and HQ's stores.
      device.record(3);
      const valid = { events: device.events(), head: device.headOf(device.events()) };
      const signedRequest = fc.oneof(
        fc.record({ url: fc.constantFrom('/api/sync/push', '/api/sync/manifest'), body: json.map((v) => JSON.stringify(v) ?? 'null') }),
        fc.record({
          url: fc.constant('/api/sync/push'),
          body: fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), json).map(([pick, v]) => JSON.stringify(replaceAt(valid, pick, v))),
        }),
        fc.record({
          url: fc.array(fc.tuple(fc.constantFrom('after', 'limit', 'queued'), urlPart), { maxLength: 3 }).map((kv) => `/api/sync/pull?${kv.map(([k, v]) => `${k}=${v}`).join('&')}`),
          body: fc.constant(''),
        }),
      );
      await fc.assert(
        fc.asyncProperty(signedRequest, async ({ url, body }) => {
          const method = url.startsWith('/api/sync/pull') ? 'GET' : 'POST';
          const res = await running.app.inject({ method, url, headers: device.signed(method, url, body), ...(method === 'POST' ? { payload: body } : {}) });
          expectOurs(method, url, res);
        }),
        { numRuns: 200, seed: 10_2026 },
      );
      // And HQ still takes the honest history afterwards.
      const honest = await device.push(device.events());
      expect(honest.statusCode, honest.body).toBe(200);
    });
  });
}
