import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../core/contract/client';
import type { FacilityKind } from '../../core/fields';
import type { Role } from '../../core/permissions';
import type { CallContext } from '../../main/api/call-context';
import { createBackend, type Backend, type BackendOptions } from '../../main/backend';

export const adminPassword = 'correct horse battery staple';

export function tempDir(prefix = 'qeyd-test-', parent: string = tmpdir()): { path: string; remove(): void } {
  const path = mkdtempSync(join(parent, prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A signed-in (or not) caller of the backend, holding its own session token as a window would. */
export function clientFor(backend: Backend): Client & { ctx: CallContext } {
  const ctx: CallContext = {
    transport: 'internal',
    sessionToken: null,
    setSessionToken(t) {
      ctx.sessionToken = t;
    },
  };
  const client = createClient((method, input) => backend.handle(method, input, ctx));
  // The client is a proxy that answers every property with a method; `ctx` is handed out beside it.
  return new Proxy(client, { get: (target, key) => (key === 'ctx' ? ctx : Reflect.get(target, key)) }) as Client & { ctx: CallContext };
}

export interface TestInstallation {
  backend: Backend;
  dataDir: string;
  recoveryKey: string;
  admin: Client & { ctx: CallContext };
  /** Creates a user with the given roles and returns a client signed in as them. */
  userWith(roles: Role[], username?: string): Promise<Client & { ctx: CallContext }>;
  /** Signs a client in again (after the test clock jumped past the idle lock). */
  signInAgain(client: Client, username: string): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function setUpInstallation(opts: { now?: () => number; facilityKind?: FacilityKind } = {}): Promise<TestInstallation> {
  const dir = tempDir();
  const backend = await createBackend({ dataDir: dir.path, now: opts.now, log: () => {} });
  const anon = clientFor(backend);
  const { recoveryKey } = await anon.setup.initialize({
    facilityName: 'Baku Temporary Accommodation Centre',
    facilityKind: opts.facilityKind ?? 'detention_centre',
    deviceName: 'Duty desk 1',
    admin: { username: 'admin', displayName: 'Aygün Həsənova', password: adminPassword },
  });
  const admin = clientFor(backend);
  await admin.auth.login({ username: 'admin', password: adminPassword });
  return {
    backend,
    dataDir: dir.path,
    recoveryKey,
    admin,
    async userWith(roles, username) {
      const name = username ?? `user${++counter}`;
      await admin.users.create({ username: name, displayName: `User ${name}`, roles, password: `password-of-${name}` });
      const c = clientFor(backend);
      await c.auth.login({ username: name, password: `password-of-${name}` });
      return c;
    },
    async signInAgain(client, username) {
      await client.auth.login({ username, password: username === 'admin' ? adminPassword : `password-of-${username}` });
    },
    async close() {
      await backend.close();
      dir.remove();
    },
  };
}

/**
 * A duty desk set up with its administrator signed in, built with the backend options a test needs
 * (hand-run timers, a test clock); `cleanups` closes it and removes its data.
 */
export async function signedInDesk(
  options: Omit<BackendOptions, 'dataDir' | 'log'>,
  cleanups: (() => Promise<void> | void)[],
  prefix = 'qeyd-desk-',
): Promise<{ backend: Backend; admin: Client & { ctx: CallContext } }> {
  const dir = tempDir(prefix);
  const backend = await createBackend({ ...options, dataDir: dir.path, log: () => {} });
  cleanups.push(async () => {
    await backend.close();
    dir.remove();
  });
  const admin = clientFor(backend);
  await admin.setup.initialize({
    facilityName: 'Baku centre',
    facilityKind: 'detention_centre',
    deviceName: 'Duty desk 1',
    admin: { username: 'admin', displayName: 'Admin', password: adminPassword },
  });
  await admin.auth.login({ username: 'admin', password: adminPassword });
  return { backend, admin };
}
