import { builtinModules } from 'node:module';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Builds the Electron side with vite.electron.config.ts into a temporary folder and checks what would
 * ship: module formats, what stays external, the preload's surface, and the backend host actually
 * serving calls (under Node, with a stand-in for Electron's parent port, since no Electron binary runs
 * here).
 */
const root = join(import.meta.dirname, '..', '..');
let work: string;
let out: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'qeyd-electron-build-'));
  out = join(work, 'electron');
  // The built files import the SQLite driver by package name, as they will from inside app.asar.
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'junction');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.electron.config.ts'], {
    cwd: root,
    env: { ...process.env, QEYD_ELECTRON_OUT_DIR: out },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(out, name), 'utf8');

/** Every module specifier a built ES module imports statically or dynamically. */
function importsOf(built: string): string[] {
  // Block comments first: a bundled library's JSDoc (`/** @import { T } from '.' */`) is no import.
  const code = built.replace(/\/\*[\s\S]*?\*\//g, '');
  const specifiers = new Set<string>();
  for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*["']([^"']+)["']/g)) specifiers.add(m[1]!);
  for (const m of code.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) specifiers.add(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specifiers.add(m[1]!);
  return [...specifiers];
}

// Bundled libraries (exceljs, pdfkit for HQ's exports) name Node's own modules without the prefix.
const isNodeBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s);
const isLocal = (s: string) => s.startsWith('./') || s.startsWith('../');

describe('the Electron build', () => {
  it('emits the main entry, the backend host and the preload side by side', () => {
    for (const file of ['main.js', 'backend-host.js', 'preload.cjs']) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it('loads nothing in the main process but Electron, Node built-ins and its own chunks', () => {
    const foreign = importsOf(read('main.js')).filter((s) => s !== 'electron' && !isNodeBuiltin(s) && !isLocal(s));
    expect(foreign).toEqual([]);
  });

  it('keeps the native SQLite driver external in the backend host and bundles the rest', () => {
    const specifiers = importsOf(read('backend-host.js'));
    expect(specifiers).toContain('better-sqlite3-multiple-ciphers');
    const foreign = specifiers.filter((s) => s !== 'better-sqlite3-multiple-ciphers' && !isNodeBuiltin(s) && !isLocal(s));
    expect(foreign).toEqual([]);
    // A require() by computed path cannot be resolved once bundled; it would fail only at run time.
    expect(read('backend-host.js')).not.toMatch(/__require\(\s*["'][^"']*["']\s*\+/);
  });

  it('makes the preload a self-contained CommonJS script, as a sandboxed preload must be', () => {
    const code = read('preload.cjs');
    expect(code).not.toMatch(/(?:^|\n)\s*(?:import|export)\s/);
    expect(code).not.toMatch(/\bimport\(/);
  });

  it('gives the page exactly one bridge: window.qeyd with call and platform', async () => {
    const required: string[] = [];
    const exposed: Array<[string, Record<string, unknown>]> = [];
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, result: 'pong' });
        },
      },
    };
    const module = { exports: {} };
    runInNewContext(read('preload.cjs'), {
      require: (id: string) => {
        required.push(id);
        if (id === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${id}`);
      },
      module,
      exports: module.exports,
    });
    expect(required).toEqual(['electron']);
    expect(exposed.map(([key]) => key)).toEqual(['qeyd']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual(['call', 'pickPath', 'platform', 'printToPdf']);
    expect(api.platform).toBe('electron');
    const reply = await (api.call as (m: string, i: unknown) => Promise<unknown>)('auth.session', {});
    expect(reply).toEqual({ ok: true, result: 'pong' });
    await (api.printToPdf as (r: unknown) => Promise<unknown>)({ suggestedName: 'letter' });
    expect(invoked).toEqual([
      ['qeyd:call', 'auth.session', {}],
      ['qeyd:print-pdf', { suggestedName: 'letter' }],
    ]);
  });
});

describe('the built backend host', () => {
  it('serves calls over its parent port, keeps sessions and closes cleanly on shutdown', async () => {
    const dataDir = join(work, 'data');
    const harness = join(work, 'harness.mjs');
    // Stands in for Electron's process.parentPort: messages in on stdin, replies out on stdout.
    writeFileSync(
      harness,
      `import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
const port = new EventEmitter();
port.postMessage = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
process.parentPort = port;
await import(pathToFileURL(process.argv[2]).href);
createInterface({ input: process.stdin }).on('line', (line) => port.emit('message', { data: JSON.parse(line) }));
`,
    );
    const child = spawn(process.execPath, [harness, join(out, 'backend-host.js')], {
      env: { ...process.env, QEYD_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each call reads its own reply shape
    const waiting = new Map<number, (reply: any) => void>();
    createInterface({ input: child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line);
      waiting.get(reply.id)?.(reply);
    });
    let nextId = 1;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each call reads its own reply shape
    const call = (method: string, input: unknown, sessionToken: string | null = null): Promise<any> => {
      const id = nextId++;
      const reply = new Promise((resolve) => waiting.set(id, resolve));
      child.stdin.write(`${JSON.stringify({ id, method, input, sessionToken })}\n`);
      // A host that dies (a bad import, say) must fail the test with its own error, not a timeout.
      return Promise.race([
        reply,
        exited.then((code) => {
          throw new Error(`backend host exited with ${code} before answering ${method}:\n${stderr}`);
        }),
      ]);
    };

    try {
      const status = await call('setup.status', {});
      expect(status.envelope).toMatchObject({ ok: true, result: { initialized: false } });
      expect(status).not.toHaveProperty('newSessionToken');

      const password = 'correct horse battery staple';
      const setup = await call('setup.initialize', {
        facilityName: 'Baku Temporary Accommodation Centre',
        facilityKind: 'detention_centre',
        deviceName: 'Duty desk 1',
        admin: { username: 'admin', displayName: 'Aygün Həsənova', password },
      });
      expect(setup.envelope.ok).toBe(true);

      const login = await call('auth.login', { username: 'admin', password });
      expect(login.envelope.ok).toBe(true);
      expect(typeof login.newSessionToken).toBe('string');

      const session = await call('auth.session', {}, login.newSessionToken);
      expect(session.envelope.ok).toBe(true);
      expect(session.envelope.result.session).not.toBeNull();

      const anonymous = await call('auth.session', {}, null);
      expect(anonymous.envelope).toEqual({ ok: true, result: { session: null } });

      child.stdin.write(`${JSON.stringify({ shutdown: true })}\n`);
      expect(await exited).toBe(0);
    } finally {
      child.kill();
    }
  });
});
