import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Resolves a URL path to a file inside `root`, or null. Paths that climb out of the root ("..", encoded
 * or not) resolve to null, never to a file elsewhere on the disk.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<{ path: string; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    const s = await stat(candidate);
    if (s.isDirectory()) return resolveStatic(root, join(decoded, 'index.html'));
    if (!s.isFile()) return null;
  } catch {
    return null;
  }
  return { path: candidate, type: mimeTypes[extname(candidate).toLowerCase()] ?? 'application/octet-stream' };
}

export async function readStatic(path: string): Promise<Buffer> {
  return readFile(path);
}
