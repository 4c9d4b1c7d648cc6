import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

interface Target {
  target: string;
  arch?: string[];
}
const targetNames = (targets: Array<string | Target>) => targets.map((t) => (typeof t === 'string' ? t : t.target));

/** electron-builder's own check of a configuration against its schema (what `electron-builder` runs first). */
async function validate(candidate: unknown): Promise<void> {
  const require = createRequire(join(root, 'package.json'));
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  await validateConfiguration(candidate, new DebugLogger(false));
}

describe('the electron-builder configuration', () => {
  it('identifies the app as Qeyd', () => {
    expect(config.appId).toBe('az.qeyd.app');
    expect(config.productName).toBe('Qeyd');
    expect(config.directories.output).toBe('release');
  });

  it('packs only the built app and package.json, into an asar archive', () => {
    expect(config.files.filter((f: string) => !f.startsWith('!'))).toEqual(['dist/**', 'package.json']);
    expect(config.asar).toBe(true);
  });

  it('never leaves out the SQLite driver’s compiled module', () => {
    const exclusions: string[] = config.files.filter((f: string) => f.startsWith('!'));
    expect(exclusions.some((f) => f.includes('better_sqlite3.node'))).toBe(false);
    expect(exclusions.some((f) => f.endsWith('/**/*.node') || f.endsWith('Release/*.node'))).toBe(false);
  });

  it('unpacks the native SQLite module from the archive', () => {
    const unpack: string[] = [config.asarUnpack].flat();
    expect(unpack.some((p) => p.includes('better-sqlite3-multiple-ciphers') && p.endsWith('.node'))).toBe(true);
  });

  it('rebuilds native modules for Electron from source when packaging', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
  });

  it('builds an NSIS installer for Windows', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis']);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('builds an AppImage and a .deb for Linux, filed under Office', () => {
    expect(targetNames(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
  });

  it('flips every Electron fuse that would let someone run code through the app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('starts the entry the Electron build emits', () => {
    expect(pkg.main).toBe('dist/main/electron/main.js');
    expect(pkg.type).toBe('module');
  });

  it('is accepted by electron-builder’s own schema check', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('would be caught by that check if a fuse name were misspelled', async () => {
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validate(broken)).rejects.toThrow(/electronFuses/);
  });
});
