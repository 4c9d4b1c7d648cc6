import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMethodNames, lookupMethod } from '../../../core/contract';
import { can, roles, rolesForKind, type Role } from '../../../core/permissions';
import { facilityKinds, type FacilityKind } from '../../../core/fields';
import { setUpInstallation, type TestInstallation } from '../../helpers/backend';

let inst: TestInstallation;
/** One installation of each kind: a role is tried where it exists (issue #10 §4), never elsewhere. */
const byKind = new Map<FacilityKind, TestInstallation>();
beforeAll(async () => {
  inst = await setUpInstallation();
  byKind.set('detention_centre', inst);
});
afterAll(async () => {
  for (const i of byKind.values()) await i.close();
});

async function installationFor(role: Role): Promise<TestInstallation> {
  const kind = facilityKinds.find((k) => rolesForKind(k).includes(role))!;
  let i = byKind.get(kind);
  if (!i) {
    i = await setUpInstallation({ facilityKind: kind });
    byKind.set(kind, i);
  }
  return i;
}

describe("the router enforces each role's permissions", () => {
  for (const role of roles) {
    it(`a ${role} is refused every method their role does not grant, and allowed the rest`, async () => {
      const inst = await installationFor(role);
      const caller = await inst.userWith([role]);
      for (const method of allMethodNames()) {
        const def = lookupMethod(method)!;
        if (def.access.kind !== 'permission') continue;
        const env = await inst.backend.handle(method, {}, caller.ctx);
        const refused = !env.ok && env.error.code === 'forbidden';
        expect(refused, `${role} → ${method}`).toBe(!can([role], def.access.permission));
      }
    });
  }

  it('nobody signed in is refused everything but the public methods', async () => {
    const ctx = { transport: 'internal' as const, sessionToken: null, setSessionToken() {} };
    for (const method of allMethodNames()) {
      const def = lookupMethod(method)!;
      const env = await inst.backend.handle(method, {}, ctx);
      if (def.access.kind === 'public') continue;
      expect(env, method).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
  });

  it('a forged session token is treated as no session', async () => {
    const ctx = { transport: 'internal' as const, sessionToken: 'forged-token', setSessionToken() {} };
    const env = await inst.backend.handle('users.list', {}, ctx);
    expect(env).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it("an administrator cannot read a person's record (need to know), and the attempt is audited", async () => {
    const registrar = await inst.userWith(['registrar']);
    const { person } = await registrar.persons.register({ details: { names: { original: 'Ana', latin: 'Ana' }, sex: 'female' } });
    const env = await inst.backend.handle('persons.get', { personId: person.personId }, inst.admin.ctx);
    expect(env).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { entries } = await inst.admin.audit.list({ entityId: person.personId });
    expect(entries.map((e) => [e.action, e.outcome])).toContainEqual(['read.denied', 'denied']);
  });
});
