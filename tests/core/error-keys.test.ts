import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** Every 'error.…' key the backend and the domain can answer with, found in their source text. */
function errorKeysInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sources('core'), ...sources('db'), ...sources('main'), ...sources('hq')]) {
    if (file.includes(`${join('core', 'i18n')}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/'(error\.[A-Za-z0-9_.]+)'/g)) found.set(m[1]!, file);
  }
  return found;
}

describe('error messages', () => {
  it('every error key the backend can return is translated in az, en and ru', () => {
    const missing: string[] = [];
    for (const [key, file] of errorKeysInSource()) {
      for (const lang of ['az', 'en', 'ru'] as const) if (!catalogs[lang][key]) missing.push(`${lang}: ${key} (${file})`);
    }
    expect(missing).toEqual([]);
  });
});
