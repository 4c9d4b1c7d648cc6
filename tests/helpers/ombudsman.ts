import { afterEach } from 'vitest';
import { createBackend, type Backend } from '../../main/backend';
import { adminPassword, clientFor, tempDir } from './backend';

/**
 * An ombudsman office installation (facilityKind 'ombudsman_office') with its organisation keys made
 * and a monitor signed in. It runs on a clock the test passes in, so a centre and the office it
 * oversees can share one "now".
 */
export function useOmbudsman() {
  const open: { backend: Backend; remove(): void }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) {
      await o.backend.close();
      o.remove();
    }
  });
  return async (clock: { now: number }, organisation = 'Ombudsman of the Republic of Azerbaijan — NPM') => {
    const dir = tempDir('qeyd-npm-');
    const backend = await createBackend({ dataDir: dir.path, now: () => clock.now, log: () => {} });
    open.push({ backend, remove: dir.remove });
    await clientFor(backend).setup.initialize({
      facilityName: 'Office of the Commissioner for Human Rights (Ombudsman)',
      facilityKind: 'ombudsman_office',
      deviceName: 'Team laptop 1',
      admin: { username: 'admin', displayName: 'Səbinə Əliyeva', password: adminPassword },
    });
    const admin = clientFor(backend);
    await admin.auth.login({ username: 'admin', password: adminPassword });
    await admin.npmOrg.create({ name: organisation });
    await admin.users.create({ username: 'monitor', displayName: 'Leyla Quliyeva', roles: ['ombudsman_monitor'], password: 'password-of-monitor' });
    const monitor = clientFor(backend);
    await monitor.auth.login({ username: 'monitor', password: 'password-of-monitor' });
    return {
      backend,
      admin,
      monitor: monitor,
      /** After the shared clock moved past the idle lock. */
      async signInAgain() {
        await admin.auth.login({ username: 'admin', password: adminPassword });
        await monitor.auth.login({ username: 'monitor', password: 'password-of-monitor' });
      },
      count(table: string): number {
        return (backend.installation.requireStore().sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      },
    };
  };
}
