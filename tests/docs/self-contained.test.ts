import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue #12: a clone of this repository is all a reader has. The domain and architecture texts live in
 * docs/, every citation of them names that path, and every link between the documents and the code
 * resolves, so nothing points at a folder that exists only on the machine the project started on.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const self = 'tests/docs/self-contained.test.ts';

/** What a clone holds: tracked files, plus new ones not yet committed (CI sees them once they are). */
function repoFiles(): string[] {
  let listed: string[];
  try {
    listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0');
  } catch {
    // A copy without .git (an exported tarball): every file but what the build and the install make.
    listed = walk('');
  }
  return [...new Set(listed.filter(Boolean))].filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile());
}

const notSource = new Set(['.git', 'node_modules', 'dist', 'test-results', 'playwright-report', 'coverage']);
function walk(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) return notSource.has(e.name) ? [] : walk(path);
    return e.isFile() ? [path] : [];
  });
}

const files = repoFiles();
const fileSet = new Set(files);
const dirSet = new Set(
  files.flatMap((f) =>
    f
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
  ),
);
const exists = (path: string): boolean => fileSet.has(path) || dirSet.has(path);

const isText = (f: string): boolean => /\.(ts|tsx|cts|mts|js|mjs|cjs|json|md|yml|yaml|html|css|sh)$/.test(f) || !basename(f).includes('.');
const textOutsideDocs = files.filter((f) => !f.startsWith('docs/') && f !== self && isText(f) && !f.startsWith('node_modules/'));
const docs = files.filter((f) => f.startsWith('docs/') && f.endsWith('.md'));

/** `path:line: text` for every line matching `pattern` (global) in `list`. */
function linesMatching(list: readonly string[], pattern: RegExp): string[] {
  const found: string[] = [];
  for (const f of list) {
    readFileSync(join(root, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (new RegExp(pattern.source, pattern.flags).test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

/** "domain.md §5", "architecture §3", "domain §5 rule 6": a clone finds them only as docs/domain.md §5. */
const bareCitation = /(?<!docs\/)\b(domain|architecture)\.md\b|(?<!docs\/)\b(domain|architecture)(?= ?§)/;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      m[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

describe('the repository is self-contained (issue #12)', () => {
  it('no file outside docs/ points at the shared folder beside the repository', () => {
    expect(textOutsideDocs.length).toBeGreaterThan(100);
    expect(linesMatching(textOutsideDocs, /\.\.\/shared\/|\bshared\/(domain|architecture)\.md/)).toEqual([]);
  });

  it("nor does any document in docs/: they are the project's own", () => {
    expect(linesMatching(docs, /\.\.\/shared\/|\bshared\/(domain|architecture)\.md/)).toEqual([]);
  });

  it('the domain, architecture and source documents are in docs/', () => {
    for (const doc of ['docs/domain.md', 'docs/architecture.md', 'docs/design.md', 'docs/sources/README.md']) expect(exists(doc), doc).toBe(true);
  });

  it('every citation of the domain or the architecture outside docs/ names docs/', () => {
    expect(linesMatching(textOutsideDocs, bareCitation)).toEqual([]);
  });

  it('a bare citation is caught, and a docs/ one is not', () => {
    const bare = bareCitation;
    expect(bare.test('/** domain.md §5 rule 3 */')).toBe(true);
    expect(bare.test('(architecture §9)')).toBe(true);
    expect(bare.test('(docs/domain.md §5 rule 3)')).toBe(false);
    expect(bare.test('(docs/architecture.md §3)')).toBe(false);
    expect(bare.test('the second trust domain (docs/domain.md §1)')).toBe(false);
  });

  it('every link in docs/ to another repository file resolves, anchors included', () => {
    expect(docs.length).toBeGreaterThan(4);
    const broken: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const resolved = path === '' ? doc : normalize(join(dirname(doc), path)).replace(/\/$/, '');
        if (!exists(resolved)) {
          broken.push(`${doc}: (${target}) → ${resolved} does not exist`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(join(root, resolved), 'utf8')).has(anchor)) {
          broken.push(`${doc}: (${target}) → no heading #${anchor} in ${resolved}`);
        }
      }
      // Paths written as code (`core/sync.ts`, `db/migrations/`) name repository files too; a
      // placeholder (`<feature>`, `*`, `...`) does not.
      for (const m of text.matchAll(/`((?:core|db|main|renderer|hq|scripts|tests|docs)\/[^`\s]*)`/g)) {
        const path = m[1]!.replace(/\/$/, '');
        if (/[*<>]|\.\.\./.test(path)) continue;
        if (!exists(path)) broken.push(`${doc}: \`${m[1]}\` does not exist`);
      }
    }
    expect(broken).toEqual([]);
  });
});
