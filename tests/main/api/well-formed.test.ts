import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../../core/i18n';
import { setUpInstallation, type TestInstallation } from '../../helpers/backend';
import { intakeAt } from '../../helpers/intake';

let inst: TestInstallation;
beforeAll(async () => {
  inst = await setUpInstallation();
});
afterAll(() => inst.close());

const lone = ['\uD800', '\uDFFF', 'Zarmina\uD83D', '\uDE00 Rahimi', 'a\u0000b'];

function counts() {
  const s = inst.backend.installation.requireStore();
  const n = (t: string) => (s.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { events: n('events'), persons: n('persons'), users: n('users') };
}

async function expectIllFormedRefusal(method: string, input: unknown, field: string, caller = inst.admin) {
  const env = await inst.backend.handle(method, input, caller.ctx);
  expect(env).toMatchObject({ ok: false, error: { code: 'validation', messageKey: 'error.validation', fields: { [field]: { key: 'error.field.illFormedText' } } } });
}

describe('text with a lone surrogate or a NUL, refused at the router', () => {
  it('the key is translated in every language', () => {
    for (const lang of ['az', 'en', 'ru'] as const) expect(catalogs[lang]['error.field.illFormedText']).toBeTruthy();
  });

  it('a refused npmVisits.get with a lone surrogate in visitId leaves the audit log intact', async () => {
    const registrar = await inst.userWith(['registrar']); // no visit.read: the refusal that was audited
    for (const caller of [inst.admin, registrar]) {
      for (const bad of lone) await expectIllFormedRefusal('npmVisits.get', { visitId: bad }, 'visitId', caller);
    }
    const verified = await inst.admin.audit.verify();
    expect(verified.auditIntact).toBe(true);
    expect(verified.eventChainIntact).toBe(true);
  });

  it('an intake with a broken character in a name is refused with the field path, and nothing is written', async () => {
    const registrar = await inst.userWith(['registrar']);
    const before = counts();
    for (const bad of lone) {
      const input = intakeAt(Date.now(), {}, { names: { original: bad, latin: 'Zarmina Rahimi', aliases: [] } });
      await expectIllFormedRefusal('intake.submit', input, 'person.names.original', registrar);
    }
    expect(counts()).toEqual(before);
    expect((await inst.admin.audit.verify()).auditIntact).toBe(true);
  });

  it('a NUL in a password or a broken character in an object key is refused before sign-in is tried', async () => {
    const anon = { ctx: { transport: 'internal' as const, sessionToken: null, setSessionToken: () => {} } };
    await expectIllFormedRefusal('auth.login', { username: 'admin', password: 'correct horse\u0000battery' }, 'password', anon as never);
    await expectIllFormedRefusal('auth.login', { username: 'admin', ['pass\uD800']: 'x' }, 'pass\uFFFD', anon as never);
    expect((await inst.admin.audit.verify()).auditIntact).toBe(true);
  });

  it("a broken character hidden deeper than any schema looks (a correction's free-form value) is refused too", async () => {
    const registrar = await inst.userWith(['registrar']);
    const { personId } = await registrar.intake.submit(intakeAt(Date.now()));
    const before = counts();
    let deep: unknown = 'x\uD800';
    for (let i = 0; i < 500; i++) deep = [deep];
    const env = await inst.backend.handle('persons.correct', { personId, changes: { nameOriginal: deep }, reason: 'typo' }, registrar.ctx);
    expect(env).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(counts()).toEqual(before);
    expect((await inst.admin.audit.verify()).auditIntact).toBe(true);
  });
});
