import { createClient, type Client } from '../../core/contract/client';
import type { Role } from '../../core/permissions';
import type { CallContext } from '../../main/api/call-context';
import { createBackend, type Backend } from '../../main/backend';
import type { StaffRole } from './stories';

/** The facility a fresh demo installation is set up as. */
export const demoFacility = {
  facilityName: 'Bakı Müvəqqəti Yerləşdirmə Mərkəzi',
  facilityKind: 'detention_centre' as const,
  deviceName: 'Qeydiyyat masası 1',
  timeZone: 'Asia/Baku',
};

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
}

/** DEMO accounts with known passwords: for a demonstration or test installation only. */
export function demoUsers(adminPassword: string): Record<'admin' | StaffRole, DemoUser> {
  return {
    admin: { username: 'admin', displayName: 'Aygün Həsənova (admin)', roles: ['admin'], password: adminPassword },
    registrar: { username: 'registrar', displayName: 'Nigar Qasımova', roles: ['registrar'], password: 'qeyd-demo-registrar' },
    duty: { username: 'duty', displayName: 'Elşən Bağırov', roles: ['duty_officer'], password: 'qeyd-demo-duty' },
    head: { username: 'head', displayName: 'Rəna Hüseynova', roles: ['centre_head'], password: 'qeyd-demo-head' },
    lawyer: { username: 'lawyer', displayName: 'Tural Səfərov', roles: ['legal_aid_officer'], password: 'qeyd-demo-lawyer' },
    medical: { username: 'medical', displayName: 'Dr. Səbinə Əliyeva', roles: ['medical_officer'], password: 'qeyd-demo-medical' },
  };
}

export interface SeedInstallation {
  backend: Backend;
  /** One signed-in client per staff role; the stories say who does what. */
  clients: Record<StaffRole, Client>;
  admin: Client;
  users: DemoUser[];
  /** Shown once, when this run created the installation; null when it already existed. */
  recoveryKey: string | null;
  close(): Promise<void>;
}

export function clientOf(backend: Backend): Client {
  const ctx: CallContext = {
    transport: 'internal',
    sessionToken: null,
    setSessionToken(t) {
      ctx.sessionToken = t;
    },
  };
  return createClient((method, input) => backend.handle(method, input, ctx));
}

/**
 * Opens the installation in `dataDir` (setting it up on first use) with every demo user signed in.
 * The backend runs on the seed's fixed clock, so the rules ("not in the future", "term has ended")
 * are judged against the same instant the stories were written for. `facility` names a new installation
 * (the seeded network sets up two centres, scripts/seed/network.ts).
 */
export async function openInstallation(dataDir: string, now: number, adminPassword: string, facility: typeof demoFacility = demoFacility): Promise<SeedInstallation> {
  const backend = await createBackend({
    dataDir,
    now: () => now,
    log: (message, error) => console.error(`[seed] ${message}:`, error),
  });
  const anon = clientOf(backend);
  const accounts = demoUsers(adminPassword);
  let recoveryKey: string | null = null;
  if (!(await anon.setup.status()).initialized) {
    ({ recoveryKey } = await anon.setup.initialize({
      ...facility,
      admin: { username: accounts.admin.username, displayName: accounts.admin.displayName, password: adminPassword },
    }));
  }
  const admin = clientOf(backend);
  try {
    await admin.auth.login({ username: 'admin', password: adminPassword });
  } catch (e) {
    await backend.close();
    throw new Error(`cannot sign in as "admin" in ${dataDir}: set QEYD_SEED_ADMIN_PASSWORD to that installation's admin password (${(e as Error).message})`);
  }
  const existing = new Set((await admin.users.list()).users.map((u) => u.username));
  const clients = {} as Record<StaffRole, Client>;
  for (const role of ['registrar', 'duty', 'head', 'lawyer', 'medical'] as const) {
    const u = accounts[role];
    if (!existing.has(u.username)) await admin.users.create({ username: u.username, displayName: u.displayName, roles: u.roles, password: u.password });
    const c = clientOf(backend);
    await c.auth.login({ username: u.username, password: u.password });
    clients[role] = c;
  }
  return { backend, clients, admin, users: Object.values(accounts), recoveryKey, close: () => backend.close() };
}
