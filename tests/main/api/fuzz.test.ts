import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMethodNames, lookupMethod } from '../../../core/contract';
import { apiErrorSchema } from '../../../core/contract/errors';
import { catalogs } from '../../../core/i18n';
import type { CallContext } from '../../../main/api/call-context';
import { startWebServer } from '../../../main/web/server';
import { setUpInstallation, tempDir, type TestInstallation } from '../../helpers/backend';

/**
 * Property-based fuzzing of the RPC transport (issue #10): every method of the contract, given
 * arbitrary JSON and values no JSON carries (lone surrogates, NUL, huge and non-finite numbers, deep
 * nesting), over the in-process transport and over the preview's HTTP. Whatever it is sent, the
 * backend answers with a translated envelope, never `internal` nor a 500, and the audit log and
 * every event chain still verify afterwards. Bounded by a fixed number of runs and a fixed seed.
 */

let inst: TestInstallation;
let web: Awaited<ReturnType<typeof startWebServer>>;
let port: number;
let cookie = '';
/** The same session in-process, as a window's IPC would hold it: one sign-in serves both transports. */
const ctx: CallContext = { transport: 'internal', sessionToken: null, setSessionToken: (t) => (ctx.sessionToken = t) };
const root = tempDir();
const username = 'fuzzer';
const password = `password-of-${username}`;

beforeAll(async () => {
  inst = await setUpInstallation();
  // Allowed nearly everything a centre does, so refusals are about the input, not the role.
  await inst.userWith(['admin', 'registrar', 'centre_head'], username);
  mkdirSync(join(root.path, 'assets'));
  writeFileSync(join(root.path, 'index.html'), '<!doctype html><title>Qeyd</title>');
  web = await startWebServer({ backend: inst.backend, staticRoot: root.path, port: 0 });
  port = Number(new URL(web.url).port);
  await signIn();
});
afterAll(async () => {
  await web.close();
  await inst.close();
  root.remove();
});

function post(path: string, body: string, withCookie = cookie): Promise<{ status: number; body: string; setCookie: string | undefined; json: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', 'x-qeyd-client': '1', ...(withCookie ? { cookie: withCookie } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            setCookie: res.headers['set-cookie']?.[0],
            json: String(res.headers['content-type']).startsWith('application/json'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function signIn(): Promise<void> {
  const r = await post('/rpc/auth.login', JSON.stringify({ username, password }));
  expect(r.status).toBe(200);
  cookie = r.setCookie!.split(';')[0]!;
  ctx.sessionToken = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
}

/** Some inputs are valid (auth.logout takes `{}`): sign in again whenever the session has gone. */
async function stillSignedIn(): Promise<void> {
  const r = JSON.parse((await post('/rpc/auth.session', '{}')).body) as { ok: boolean; result?: { session: unknown } };
  if (!r.ok || !r.result?.session) await signIn();
}

function expectTranslated(method: string, env: unknown, status?: number) {
  const e = env as { ok: boolean; error?: unknown };
  if (status !== undefined) expect(status, method).toBeLessThan(500);
  if (e.ok) return;
  const error = apiErrorSchema.parse(e.error);
  expect(error.code, `${method}: ${JSON.stringify(error)}`).not.toBe('internal');
  for (const lang of ['az', 'en', 'ru'] as const) {
    expect(catalogs[lang][error.messageKey], `${lang} ${error.messageKey}`).toBeTruthy();
    for (const f of Object.values(error.fields ?? {})) expect(catalogs[lang][f.key], `${lang} ${f.key}`).toBeTruthy();
  }
}

const illFormed = fc.constantFrom('\uD800', '\uDFFF', 'Zarmina\uD83D', '\uDE00x', 'a\u0000b', '\u0000');
const hostileString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), illFormed, fc.constantFrom('%ZZ', '%E0%A4%A', '__proto__', 'constructor', '', ' ', 'x'.repeat(5000)));
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31, 2 ** 31 - 1, 2 ** 53, -(2 ** 63), Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324, -0, Number.NaN, Infinity, -Infinity),
);
const deep = fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.oneof(illFormed, fc.constant('x'))).map(([depth, leaf]) => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { v };
  return v;
});

/** Arbitrary JSON-like values, with the method's own field names among the keys to get past "unknown field". */
function inputFor(method: string): fc.Arbitrary<unknown> {
  const schema = lookupMethod(method)!.input;
  const fields = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const key = fields.length ? fc.oneof(fc.constantFrom(...fields), fc.string(), illFormed) : fc.oneof(fc.string(), illFormed);
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileString,
      hostileNumber,
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 6 }),
    ),
  }));
  const wrapped = fields.length ? fc.record(Object.fromEntries(fields.map((f) => [f, fc.oneof(value, deep)])), { requiredKeys: [] }) : fc.constant({});
  return fc.oneof(value, wrapped, deep);
}

/** Always tried first, for every method: each of its fields a lone surrogate, a NUL deep down, a huge number. */
function examplesFor(method: string): [unknown][] {
  const schema = lookupMethod(method)!.input;
  const fields = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const every = (v: unknown) => Object.fromEntries(fields.map((f) => [f, v]));
  let nested: unknown = 'x\u0000';
  for (let i = 0; i < 100; i++) nested = { v: [nested] };
  return [[every('\uD800')], [every(nested)], [every(2 ** 31)], [every(-1e308)], ['\uDC00']];
}

describe('fuzzing every method of the RPC transport', () => {
  it('never answers internal nor 500, always a translated error, and the audit log still verifies', async () => {
    for (const method of allMethodNames()) {
      await fc.assert(
        fc.asyncProperty(inputFor(method), async (input) => {
          // In-process, as Electron's IPC hands it over: values JSON cannot carry reach the router.
          expectTranslated(method, await inst.backend.handle(method, input, ctx));
          // Over the preview's HTTP: serialized as a browser would, with our session cookie.
          let body: string;
          try {
            body = JSON.stringify(input) ?? 'null';
          } catch {
            body = '[';
          }
          const r = await post(`/rpc/${encodeURIComponent(method)}`, body);
          expectTranslated(method, JSON.parse(r.body), r.status);
        }),
        { numRuns: 4, seed: 10, endOnFailure: true, examples: examplesFor(method) },
      );
      await stillSignedIn();
    }
    const verified = await inst.admin.audit.verify();
    expect(verified.auditIntact).toBe(true);
    expect(verified.eventChainIntact).toBe(true);
  });

  it('a method path or a session cookie the preview cannot decode is refused with the envelope, never a 500', async () => {
    // Printable ASCII only: what an HTTP client lets through, percent signs made likely.
    const printable = fc.string({
      unit: fc.oneof(
        fc.constant('%'),
        fc.constantFrom(...'0123456789ABCDEFZz.'),
        fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      ),
      maxLength: 24,
    });
    await fc.assert(
      fc.asyncProperty(printable, printable, async (path, value) => {
        // No '/', '\\', '?' or '#': the path stays one segment (`..` alone climbs to the app: a 405 to a POST).
        const r = await post(`/rpc/${path.replace(/[/\\;?#]/g, '')}`, '{}', `qeyd_session=${value.replace(/[;,]/g, '')}`);
        expect(r.status, `${path} ${value}`).toBeLessThan(500);
        if (r.json || !['.', '..', '%2e%2e', '.%2e', '%2e.', '%2e'].includes(path.toLowerCase())) expectTranslated(path, JSON.parse(r.body), r.status);
      }),
      {
        numRuns: 150,
        seed: 10,
        examples: [
          ['%E0%A4%A', 'x'],
          ['auth.session', '%ZZ'],
          ['%ZZ', '%'],
          ['..', ''],
        ],
      },
    );
  });
});
