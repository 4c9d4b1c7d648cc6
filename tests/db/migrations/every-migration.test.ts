import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../db/migrations';

const here = join(__dirname);

describe('the migrations', () => {
  it('each have their own test file, and each after the first a data test that migrates rows written at the version before it', () => {
    const missing: string[] = [];
    for (const m of migrations) {
      const file = join(here, `${String(m.version).padStart(4, '0')}_${m.name}.test.ts`);
      if (!existsSync(file)) missing.push(`${m.version} (${m.name}): no ${file.slice(here.length + 1)}`);
      else if (m.version > 1 && !new RegExp(`databaseAt\\(${m.version - 1}\\)[\\s\\S]*?migrat`).test(readFileSync(file, 'utf8')))
        missing.push(`${m.version} (${m.name}): no database at version ${m.version - 1} migrated`);
    }
    expect(missing).toEqual([]);
  });
});
