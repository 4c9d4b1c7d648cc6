import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A test that called `pdftoppm` passed on the developer's machine and failed on a new one, because
 * nothing installed it. Every program the project's tests and scripts start must be named in
 * scripts/ci/system-deps.sh, which installs what is missing on a fresh machine.
 */

const root = join(import.meta.dirname, '../../..');
const depsScript = readFileSync(join(root, 'scripts/ci/system-deps.sh'), 'utf8');

/** Tools that come with Node itself or from node_modules, installed by `npm ci`, not by apt. */
const nodeTools = new Set(['node', 'npx', 'npm', 'tsx']);

function declared(kind: 'programs' | 'files'): Map<string, string> {
  const block = new RegExp(`declare -A ${kind}=\\(([\\s\\S]*?)\\n\\)`).exec(depsScript)?.[1] ?? '';
  return new Map([...block.matchAll(/\[([^\]]+)\]=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(c|m)?tsx?$/.test(name) ? [path] : [];
  });
}

// execFileSync('pdftoppm', …), spawn("npx", …), execSync('pdfinfo x.pdf'), execa('psql', …), and the
// test runner's own wrapper run('label', 'npx', …).
const callPatterns = [
  /(?<![.\w])(?:execFileSync|execFile|spawnSync|spawn|execaSync|execa)\(\s*(['"`])([^'"`\s$]+)\1/g,
  /(?<![.\w])(?:execSync|exec)\(\s*(['"`])([^'"`\s$]+)[\s'"`]/g,
  /(?<![.\w])run\(\s*'[^']*',\s*(['"])([^'"\s]+)\1/g,
];

function spawnedPrograms(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const dir of ['tests', 'scripts', 'main', 'hq', 'db', 'core']) {
    for (const file of sourceFiles(join(root, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of callPatterns) {
        for (const m of text.matchAll(pattern)) {
          const program = m[2]!.split('/').pop()!;
          found.set(program, [...(found.get(program) ?? []), relative(root, file)]);
        }
      }
    }
  }
  return found;
}

describe('system dependencies of a fresh machine', () => {
  const programs = declared('programs');
  const spawned = spawnedPrograms();

  it('the scan sees the programs the printed-PDF tests call, so it cannot pass by seeing nothing', () => {
    expect(spawned.has('pdftoppm')).toBe(true);
    expect(spawned.has('pdfinfo')).toBe(true);
  });

  it('every program a test or script starts is installed by system-deps.sh or comes with Node', () => {
    const missing = [...spawned].filter(([program]) => !nodeTools.has(program) && !programs.has(program));
    expect(missing.map(([program, files]) => `${program} (${[...new Set(files)].join(', ')})`)).toEqual([]);
  });

  it('the browser Playwright drives is one system-deps.sh installs', () => {
    const config = readFileSync(join(root, 'playwright.config.ts'), 'utf8');
    const browser = /executablePath:\s*'([^']+)'/.exec(config)?.[1];
    expect(browser).toBe('/usr/bin/chromium');
    expect(programs.get('chromium')).toBe('chromium');
  });

  it('the programs the PostgreSQL set-up script runs are installed too', () => {
    const script = readFileSync(join(root, 'scripts/ci/postgres.sh'), 'utf8');
    for (const program of ['pg_lsclusters', 'pg_createcluster', 'pg_ctlcluster', 'pg_isready', 'psql', 'createdb', 'su']) {
      expect(script).toContain(program);
      expect(programs.has(program), program).toBe(true);
    }
  });

  it('every declared file is named with the package that ships it', () => {
    const files = declared('files');
    expect(files.size).toBeGreaterThan(0);
    for (const [path, pkg] of files) {
      expect(path.startsWith('/')).toBe(true);
      expect(pkg).toMatch(/^[a-z0-9][a-z0-9.+-]+$/);
    }
  });
});
