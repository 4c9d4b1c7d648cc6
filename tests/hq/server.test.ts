import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import type { HqDatabase } from '../../hq/db';
import { migrateHq } from '../../hq/migrate';
import { latestHqSchemaVersion } from '../../hq/migrations';
import { buildHqServer, hqBodyLimit, hqContentSecurityPolicy, hqHealthSchema } from '../../hq/server';
import { createTestDatabase, dialects, type TestDatabase } from './harness';

/** A JSON document of exactly `bytes` bytes. */
function jsonOfSize(bytes: number): string {
  const shell = '{"x":""}';
  return `{"x":"${'a'.repeat(bytes - shell.length)}"}`;
}

describe.each(dialects)('the HQ server on %s', (dialect) => {
  let t: TestDatabase;
  let hq: HqDatabase;
  let app: FastifyInstance;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    hq = await t.open();
    await migrateHq(hq);
    app = buildHqServer({ db: hq, version: packageJson.version });
    // Sync endpoints do not exist yet; this stands in for one so the body rules can be exercised.
    app.post('/test/echo', async (request) => ({ ok: true, bytes: JSON.stringify(request.body).length }));
    await app.ready();
  });
  afterEach(async () => {
    await app?.close();
    await t?.dispose();
  });

  it('answers /health with its version, database kind and schema version', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const health = hqHealthSchema.parse(res.json());
    expect(health).toEqual({ status: 'ok', service: 'qeyd-hq', version: packageJson.version, database: dialect, schemaVersion: latestHqSchemaVersion });
  });

  it('says /health is unavailable, with a 503, when the database is gone', async () => {
    await hq.close();
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', service: 'qeyd-hq', version: packageJson.version, database: dialect });
  });

  it('answers an unknown route with a 404 error envelope', async () => {
    for (const [method, url] of [
      ['GET', '/nothing-here'],
      ['POST', '/health'],
      ['DELETE', '/'],
    ] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({ ok: false, error: { code: 'not_found', messageKey: 'error.notFound' } });
    }
  });

  it('refuses a body that is not valid JSON with 400 malformed', async () => {
    for (const payload of ['{"unterminated": ', '', '{"__proto__": {"admin": true}}']) {
      const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toEqual({ ok: false, error: { code: 'malformed', messageKey: 'error.malformed' } });
    }
  });

  it('refuses a body type it does not read with 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ ok: false, error: { code: 'malformed', messageKey: 'error.malformed' } });
  });

  it('accepts a body of exactly 8 MiB', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: jsonOfSize(hqBodyLimit) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, bytes: hqBodyLimit });
  });

  it('refuses a body one byte over 8 MiB with 413, saying what the limit is', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: jsonOfSize(hqBodyLimit + 1) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ ok: false, error: { code: 'payload_too_large', messageKey: 'error.payloadTooLarge', params: { max: 8 * 1024 * 1024 } } });
  });

  it('turns an unexpected failure into a 500 envelope that reveals nothing', async () => {
    const broken = buildHqServer({ db: hq, version: packageJson.version });
    broken.get('/test/boom', async () => {
      throw new Error('secret internals: SELECT * FROM events');
    });
    const res = await broken.inject({ method: 'GET', url: '/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ ok: false, error: { code: 'internal', messageKey: 'error.internal' } });
    expect(res.body).not.toContain('secret');
    await broken.close();
  });

  it('sends the security headers on every response, errors included', async () => {
    const responses = await Promise.all([
      app.inject({ method: 'GET', url: '/health' }),
      app.inject({ method: 'GET', url: '/nothing-here' }),
      app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '{' }),
      app.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: jsonOfSize(hqBodyLimit + 1) }),
    ]);
    for (const res of responses) {
      expect(res.headers['cache-control'], res.raw.req.url).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe(hqContentSecurityPolicy);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(hqContentSecurityPolicy).toContain("default-src 'none'");
    expect(hqContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(hqContentSecurityPolicy).not.toMatch(/unsafe-(inline|eval)/);
  });
});
