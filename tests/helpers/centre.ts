import { afterEach } from 'vitest';
import { ApiError } from '../../core/contract/errors';
import type { Role } from '../../core/permissions';
import { setUpInstallation, type TestInstallation } from './backend';

/**
 * A detention centre on a test clock: an installation whose "now" the test moves, with the roles a
 * scenario needs signed in. `advance` moves the clock and signs everyone in again (the idle lock).
 */
export function useCentre() {
  const open: TestInstallation[] = [];
  afterEach(async () => {
    for (const i of open.splice(0)) await i.close();
  });
  return async (start = '2026-11-23T06:00:00Z') => {
    const clock = { now: Date.parse(start) };
    const inst = await setUpInstallation({ now: () => clock.now });
    open.push(inst);
    const users = new Map<string, Awaited<ReturnType<TestInstallation['userWith']>>>();
    const as = async (role: Role) => {
      let c = users.get(role);
      if (!c) users.set(role, (c = await inst.userWith([role], role)));
      return c;
    };
    return {
      inst,
      clock,
      as,
      async advance(ms: number) {
        clock.now += ms;
        for (const [name, c] of users) await inst.signInAgain(c, name);
        await inst.signInAgain(inst.admin, 'admin');
      },
      count(table: string): number {
        return (inst.backend.installation.requireStore().sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      },
    };
  };
}

export async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}
