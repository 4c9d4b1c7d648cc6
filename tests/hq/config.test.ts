import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHqDataDir, HqConfigError, loadHqConfig } from '../../hq/config';

const home = process.env.HOME ?? '';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadHqConfig(env, 'linux', '/srv');
  } catch (e) {
    if (e instanceof HqConfigError) return [...e.problems];
    throw e;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the HQ configuration', () => {
  it('defaults to the embedded SQLite database on 127.0.0.1:8780 in the per-user data folder', () => {
    const config = loadHqConfig({}, 'linux', '/srv');
    expect(config.port).toBe(8780);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({ kind: 'sqlite', file: join(config.dataDir, 'hq.sqlite') });
  });

  it('keeps its data where each platform keeps per-user application data', () => {
    expect(defaultHqDataDir({}, 'linux')).toBe(join(home, '.local', 'share', 'qeyd-hq'));
    expect(defaultHqDataDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/qeyd-hq');
    expect(defaultHqDataDir({ APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\op\\AppData\\Roaming', 'qeyd-hq'));
    expect(defaultHqDataDir({}, 'darwin')).toBe(join(home, 'Library', 'Application Support', 'qeyd-hq'));
  });

  it('takes every setting from the environment, resolving a relative data folder against the working directory', () => {
    const config = loadHqConfig({ QEYD_HQ_DATA_DIR: 'hq-data', QEYD_HQ_PORT: '9000', QEYD_HQ_HOST: '0.0.0.0' }, 'linux', '/srv');
    expect(config).toEqual({
      dataDir: '/srv/hq-data',
      port: 9000,
      host: '0.0.0.0',
      database: { kind: 'sqlite', file: '/srv/hq-data/hq.sqlite' },
      requests: { audiences: null, windowMinutes: 5 },
      console: true,
      keyFile: null,
      trustProxy: false,
    });
  });

  it('takes the HQ key file (a relative path against the working directory) and whom to trust about TLS', () => {
    expect(loadHqConfig({ QEYD_HQ_KEY_FILE: 'keys/hq.key' }, 'linux', '/srv').keyFile).toBe('/srv/keys/hq.key');
    expect(loadHqConfig({ QEYD_HQ_KEY_FILE: '/media/key/hq.key' }, 'linux', '/srv').keyFile).toBe('/media/key/hq.key');
    expect(loadHqConfig({ QEYD_HQ_TRUST_PROXY: 'on' }, 'linux', '/srv').trustProxy).toBe(true);
    expect(loadHqConfig({ QEYD_HQ_TRUST_PROXY: 'off' }, 'linux', '/srv').trustProxy).toBe(false);
    expect(loadHqConfig({ QEYD_HQ_TRUST_PROXY: '127.0.0.1, 10.1.0.0/16,::1' }, 'linux', '/srv').trustProxy).toEqual(['127.0.0.1', '10.1.0.0/16', '::1']);
  });

  it('refuses a proxy setting that is neither on, off nor addresses, quoting it', () => {
    for (const bad of ['yes', '10.0.0.1/33', '300.1.1.1', 'proxy.example.org', '10.0.0.0/8/1']) {
      expect(problemsOf({ QEYD_HQ_TRUST_PROXY: bad })[0], bad).toBe(
        `QEYD_HQ_TRUST_PROXY must be off, on, or the TLS proxy's addresses such as 127.0.0.1 or 10.0.0.0/8 (comma-separated) (got "${bad}")`,
      );
    }
  });

  it('takes the addresses devices sign for as origins, and the request window in minutes', () => {
    const config = loadHqConfig({ QEYD_HQ_PUBLIC_URL: 'https://hq.example.org/, https://10.0.0.5:8443/qeyd', QEYD_HQ_REQUEST_WINDOW_MINUTES: '3' }, 'linux', '/srv');
    expect(config.requests).toEqual({ audiences: ['https://hq.example.org', 'https://10.0.0.5:8443'], windowMinutes: 3 });
  });

  it('refuses a public address that is not a web address and a request window outside 1 to 60 minutes', () => {
    expect(problemsOf({ QEYD_HQ_PUBLIC_URL: 'hq.example.org' })[0]).toContain('QEYD_HQ_PUBLIC_URL must be the address devices use');
    for (const minutes of ['0', '61', 'five', '2.5']) {
      expect(problemsOf({ QEYD_HQ_REQUEST_WINDOW_MINUTES: minutes })[0], minutes).toContain('QEYD_HQ_REQUEST_WINDOW_MINUTES must be a whole number of minutes from 1 to 60');
    }
  });

  it('selects PostgreSQL when given a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://hq:pw@db.internal:5432/qeyd', 'postgresql://hq@127.0.0.1/qeyd?sslmode=require']) {
      expect(loadHqConfig({ QEYD_HQ_DATABASE_URL: url }, 'linux', '/srv').database).toEqual({ kind: 'postgres', url });
    }
  });

  it('treats empty variables as unset', () => {
    const config = loadHqConfig({ QEYD_HQ_PORT: '', QEYD_HQ_HOST: ' ', QEYD_HQ_DATABASE_URL: '', QEYD_HQ_DATA_DIR: '' }, 'linux', '/srv');
    expect(config.port).toBe(8780);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database.kind).toBe('sqlite');
  });

  it('accepts port 0, which asks the system for any free port', () => {
    expect(loadHqConfig({ QEYD_HQ_PORT: '0' }, 'linux', '/srv').port).toBe(0);
  });

  it('refuses a port that is not a number from 0 to 65535, quoting the bad value', () => {
    for (const port of ['http', '65536', '-1', '80.5', '8780 ']) {
      const problems = problemsOf({ QEYD_HQ_PORT: port });
      expect(problems, port).toHaveLength(1);
      expect(problems[0]).toContain('QEYD_HQ_PORT must be a whole number from 0 to 65535');
      expect(problems[0]).toContain(`"${port}"`);
    }
  });

  it('refuses a database URL that is not PostgreSQL, without echoing it (it may hold a password)', () => {
    for (const url of ['mysql://root:hunter2@db/qeyd', 'hunter2', 'postgres://']) {
      const problems = problemsOf({ QEYD_HQ_DATABASE_URL: url });
      expect(problems[0]).toContain('QEYD_HQ_DATABASE_URL must be a PostgreSQL URL');
      expect(problems.join('\n')).not.toContain('hunter2');
    }
  });

  it('lists every bad variable at once, so an operator fixes them in one go', () => {
    const problems = problemsOf({ QEYD_HQ_PORT: 'x', QEYD_HQ_HOST: 'bad host!', QEYD_HQ_DATABASE_URL: 'sqlite:hq.db' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['QEYD_HQ_PORT', 'QEYD_HQ_HOST', 'QEYD_HQ_DATABASE_URL']);
  });
});
