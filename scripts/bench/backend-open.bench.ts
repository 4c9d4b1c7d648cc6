import { createClient } from '../../core/contract/client';
import type { CallContext } from '../../main/api/call-context';
import { createBackend } from '../../main/backend';
import { benchDir, registration, report } from './fixtures';

/**
 * backend_open_ms: from a cold backend to the first answered query on a store of 100k events:
 * read the key slots, derive the key from the password (scrypt), open, migrate, first query.
 */
export async function benchBackendOpen(n = 100_000): Promise<void> {
  const dir = benchDir();
  try {
    const ctx: CallContext = { transport: 'internal', sessionToken: null, setSessionToken: (t) => (ctx.sessionToken = t) };
    const first = await createBackend({ dataDir: dir.path });
    const api = createClient((m, i) => first.handle(m, i, ctx));
    await api.setup.initialize({ facilityName: 'Bench', facilityKind: 'detention_centre', deviceName: 'Desk', admin: { username: 'admin', displayName: 'Admin', password: 'bench password 1' } });
    await api.auth.login({ username: 'admin', password: 'bench password 1' });
    const store = first.installation.requireStore();
    for (let done = 0; done < n; done += 2000) {
      store.command({ userId: 'bench' }, 'bench.seed', (tx) => {
        for (let i = done; i < Math.min(n, done + 2000); i++) tx.append(registration(i));
      });
    }
    await api.users.create({ username: 'registrar', displayName: 'Registrar', roles: ['registrar'], password: 'bench password 2' });
    await first.close();

    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      const t0 = performance.now();
      const backend = await createBackend({ dataDir: dir.path });
      const c: CallContext = { transport: 'internal', sessionToken: null, setSessionToken: (t) => (c.sessionToken = t) };
      const client = createClient((m, i) => backend.handle(m, i, c));
      await client.auth.login({ username: 'registrar', password: 'bench password 2' });
      const page = await client.persons.list({ limit: 50 });
      samples.push(performance.now() - t0);
      if (page.total !== n) throw new Error(`expected ${n} persons, saw ${page.total}`);
      await backend.close();
    }
    samples.sort((a, b) => a - b);
    report('backend_open_ms', samples[Math.floor(samples.length / 2)]!, 'ms');
  } finally {
    dir.remove();
  }
}
