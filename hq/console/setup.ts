import { createBackend } from '../../main/backend';
import { consoleDataDir } from './index';

/**
 * Creates the HQ console installation and its first administrator, from the server's shell only (the
 * web console refuses setup). The password goes through the same rules as on any device; a refusal
 * names the first broken rule in English, as the shell has no language setting.
 */
export async function setUpConsole(opts: { dataDir: string; facilityName: string; username: string; displayName: string; password: string }): Promise<{ recoveryKey: string }> {
  const backend = await createBackend({ dataDir: consoleDataDir(opts.dataDir) });
  try {
    const result = await backend.handle(
      'setup.initialize',
      {
        facilityName: opts.facilityName,
        facilityKind: 'headquarters',
        deviceName: 'HQ console',
        admin: { username: opts.username, displayName: opts.displayName, password: opts.password },
      },
      { transport: 'internal', sessionToken: null, setSessionToken: () => undefined },
    );
    if (!result.ok) {
      const fields = Object.entries(result.error.fields ?? {}).map(([f, m]) => `${f}: ${m.key}`);
      throw new Error(`console setup refused (${result.error.messageKey}${fields.length ? `; ${fields.join(', ')}` : ''})`);
    }
    return result.result as { recoveryKey: string };
  } finally {
    await backend.close();
  }
}
