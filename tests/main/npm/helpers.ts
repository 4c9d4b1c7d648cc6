import { afterEach } from 'vitest';
import type { z } from 'zod';
import type { Client } from '../../../core/contract/client';
import type { visitPlanSchema, interviewSchema } from '../../../core/npm/visit';
import type { Role } from '../../../core/permissions';
import type { CallContext } from '../../../main/api/call-context';
import { createBackend, type Backend } from '../../../main/backend';
import { adminPassword, clientFor, tempDir } from '../../helpers/backend';
import { useCentre } from '../../helpers/centre';

export type Caller = Client & { ctx: CallContext };

export interface Office {
  backend: Backend;
  clock: { now: number };
  admin: Caller;
  monitor: Caller;
  /** Another user of this installation with the given roles. */
  as(role: Role, name?: string): Promise<Caller>;
  /** Moves the clock and signs everyone in again (the idle lock). */
  advance(ms: number): Promise<void>;
  iso(offsetMs?: number): string;
  count(table: string): number;
}

/**
 * An ombudsman office installation (facility kind ombudsman_office) on a test clock, with its
 * administrator (organisation keys) and a monitor (visits). Closed after each test.
 */
export function useOffice() {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });
  return async (opts: { start?: string; createOrg?: boolean; name?: string } = {}): Promise<Office> => {
    const clock = { now: Date.parse(opts.start ?? '2026-03-02T07:00:00Z') };
    const dir = tempDir('qeyd-npm-');
    const backend = await createBackend({ dataDir: dir.path, now: () => clock.now, log: () => {}, autoSync: { startupDelayMs: 10 ** 9 } });
    open.push({ close: async () => (await backend.close(), dir.remove()) });
    await clientFor(backend).setup.initialize({
      facilityName: opts.name ?? 'Ombudsman Office — NPM Department',
      facilityKind: 'ombudsman_office',
      deviceName: 'Team laptop 1',
      admin: { username: 'admin', displayName: 'Səbinə Əliyeva', password: adminPassword },
    });
    const admin = clientFor(backend);
    await admin.auth.login({ username: 'admin', password: adminPassword });
    const users = new Map<string, Caller>();
    const as = async (role: Role, name: string = role) => {
      let c = users.get(name);
      if (!c) {
        await admin.users.create({ username: name, displayName: `User ${name}`, roles: [role], password: `password-of-${name}` });
        c = clientFor(backend);
        await c.auth.login({ username: name, password: `password-of-${name}` });
        users.set(name, c);
      }
      return c;
    };
    const monitor = await as('ombudsman_monitor', 'monitor');
    if (opts.createOrg !== false) await admin.npmOrg.create({ name: 'Human Rights Commissioner (Ombudsman) of Azerbaijan' });
    return {
      backend,
      clock,
      admin,
      monitor,
      as,
      async advance(ms) {
        clock.now += ms;
        for (const [name, c] of users) await c.auth.login({ username: name, password: `password-of-${name}` });
        await admin.auth.login({ username: 'admin', password: adminPassword });
      },
      iso: (offsetMs = 0) => new Date(clock.now + offsetMs).toISOString(),
      count: (table) => (backend.installation.requireStore().sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    };
  };
}

/** A centre (detention_centre) as tests/helpers/centre.ts makes it, re-exported for NPM tests. */
export { useCentre };

export const minutes = (n: number) => n * 60_000;
export const days = (n: number) => n * 86_400_000;

export function plan(facilityId: string, over: Partial<z.input<typeof visitPlanSchema>> = {}): z.input<typeof visitPlanSchema> {
  return {
    facilityId,
    type: 'regular',
    announced: false,
    plannedFor: '2026-03-02',
    team: [
      { name: 'Leyla Məmmədova', role: 'head', gender: 'female' },
      { name: 'Dr. Elnur Quliyev', role: 'doctor', gender: 'male' },
      { name: 'Aziz Karimov', role: 'interpreter', gender: 'male', note: 'fa, ps' },
    ],
    ...over,
  };
}

/** Words that must never be found outside the office's memory. */
export const secrets = {
  notes: 'Said the night-shift guard Rustamov struck him with a baton in the shower block',
  name: 'Zarmina Hotakzai',
  registerNo: 'ZQ-90817',
  allegation: 'Handcuffed to the radiator for six hours',
} as const;

export function interview(at: string, over: Partial<z.input<typeof interviewSchema>> = {}): z.input<typeof interviewSchema> {
  return {
    private: true,
    kind: 'individual',
    at,
    consentScope: ['anonymised_in_report'],
    reprisalRisk: 'high',
    language: 'ps',
    interpreterUsed: true,
    confidential: {
      notes: secrets.notes,
      intervieweeName: secrets.name,
      registerNo: secrets.registerNo,
      allegations: [secrets.allegation],
      claims: { rights_informed: 'no', lawyer_contact: 'unsure' },
    },
    ...over,
  };
}

/** The office knows a centre by its identity file: returns the centre's facility id at the office. */
export async function introduce(office: Office, centreAdmin: Caller): Promise<string> {
  const file = await centreAdmin.npmCentre.identity({});
  const { facility } = await office.monitor.npmFacilities.add({ content: file.content });
  return facility.facilityId;
}

/** Plans a visit and walks it on site at the office clock (arrival a minute ago). */
export async function visitOnSite(office: Office, facilityId: string, over: Partial<z.input<typeof visitPlanSchema>> = {}): Promise<string> {
  const { visitId } = await office.monitor.npmVisits.plan({ plan: plan(facilityId, { plannedFor: office.iso().slice(0, 10), ...over }) });
  await office.monitor.npmVisits.move({ visitId, to: 'ON_SITE', at: office.iso(-minutes(1)) });
  return visitId;
}
