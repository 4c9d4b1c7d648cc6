import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * HQ configuration, read from the environment only: an operator sets it in the service unit (systemd,
 * Windows service, container), and no secret (the PostgreSQL password) ever lands in a config file that
 * is backed up with the data.
 *
 *   QEYD_HQ_DATA_DIR      where HQ keeps its files; the embedded database `hq.sqlite` lives here.
 *                         Default: $XDG_DATA_HOME/qeyd-hq (~/.local/share/qeyd-hq) on Linux,
 *                         %APPDATA%\qeyd-hq on Windows, ~/Library/Application Support/qeyd-hq on macOS.
 *   QEYD_HQ_PORT          TCP port to listen on. Default 8780. 0 picks a free port (tests).
 *   QEYD_HQ_HOST          address to bind. Default 127.0.0.1: HQ is reachable from other machines only
 *                         when an operator says so, normally behind a TLS-terminating reverse proxy.
 *   QEYD_HQ_DATABASE_URL  postgres://user:password@host:port/database[?options=...] selects PostgreSQL.
 *                         Unset or empty: the embedded SQLite file, zero set-up.
 *   QEYD_HQ_PUBLIC_URL    the address devices use for HQ, such as https://hq.example.org (several, comma-
 *                         separated, when devices reach it by more than one). Devices sign it into every
 *                         request, and HQ refuses a request signed for another address. Unset: the host
 *                         the request was sent to (its Host header) must match instead.
 *   QEYD_HQ_KEY_FILE      the HQ key file (`npm run hq:admin -- create-key-file`): 32 random bytes, base64,
 *                         mode 0600, on separate media from the data (docs/hq-keys.md). Unset: HQ asks
 *                         for a passphrase on its terminal, and refuses to start without one.
 *   QEYD_HQ_TRUST_PROXY   `off` (default), or the TLS proxy's address(es) (IPs or CIDRs, comma-separated), or
 *                         `on` to trust any: HQ then takes the client's address and protocol from the
 *                         proxy's X-Forwarded-* headers, so the console's cookie is Secure behind TLS.
 *   QEYD_HQ_REQUEST_WINDOW_MINUTES  how far a signed request's time may be from HQ's clock, and so how
 *                         long a captured request could be tried again before its nonce is forgotten.
 *                         Default 5; 1 to 60.
 *   QEYD_HQ_CONSOLE       `on` (default) or `off`: whether this process serves HQ staff's console and
 *                         feeds it. With several HQ processes on one PostgreSQL, exactly one runs it
 *                         (docs/hq-deploy.md); the others serve devices only.
 */
export const defaultHqPort = 8780;
export const defaultHqHost = '127.0.0.1';
export const sqliteFileName = 'hq.sqlite';
export const defaultRequestWindowMinutes = 5;

export type HqDatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface HqConfig {
  dataDir: string;
  port: number;
  host: string;
  database: HqDatabaseConfig;
  /** what a signed device request must carry (hq/sync/routes.ts, docs/sync.md#authentication) */
  requests: HqRequestConfig;
  /** QEYD_HQ_KEY_FILE; null: a passphrase from the terminal (docs/hq-keys.md) */
  keyFile: string | null;
  /** Fastify's trustProxy: whom to believe about X-Forwarded-Proto and -For */
  trustProxy: boolean | string[];
  /** whether this process runs the staff console (one node of several: docs/hq-deploy.md) */
  console: boolean;
}

export interface HqRequestConfig {
  /** the origins devices sign for; null: the request's own Host header */
  audiences: readonly string[] | null;
  windowMinutes: number;
}

/** A configuration an operator must fix; start.ts turns it into a message and exit code 2. */
export class HqConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid Qeyd HQ configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HqConfigError';
  }
}

export function defaultHqDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'qeyd-hq');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'qeyd-hq');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'qeyd-hq');
}

// An empty variable is how shells and service managers "unset" a value, so it means "use the default".
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** An IPv4/IPv6 address, optionally with a /prefix. */
function isAddressOrCidr(s: string): boolean {
  const [addr, prefix, extra] = s.split('/');
  const v = isIP(addr ?? '');
  if (!v || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (v === 4 ? 32 : 128));
}

const envSchema = z.object({
  QEYD_HQ_KEY_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  QEYD_HQ_TRUST_PROXY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((s) => (s === 'on' || s === 'off' ? s === 'on' : s.split(',').map((a) => a.trim())))
      .refine((v) => typeof v === 'boolean' || v.every(isAddressOrCidr), "must be off, on, or the TLS proxy's addresses such as 127.0.0.1 or 10.0.0.0/8 (comma-separated)")
      .optional(),
  ),
  QEYD_HQ_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  QEYD_HQ_PORT: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((n) => n <= 65535, 'must be a whole number from 0 to 65535')
      .optional(),
  ),
  QEYD_HQ_HOST: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[A-Za-z0-9.:\-[\]]+$/, 'must be an IP address or host name, such as 127.0.0.1 or 0.0.0.0')
      .optional(),
  ),
  QEYD_HQ_DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine((s) => {
        try {
          const u = new URL(s);
          return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
        } catch {
          return false;
        }
      }, 'must be a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/qeyd_hq (or unset it to use the embedded SQLite database)')
      .optional(),
  ),
  QEYD_HQ_PUBLIC_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((s) => s.split(',').map((u) => u.trim()))
      .refine((urls) => urls.every((u) => URL.canParse(u) && ['https:', 'http:'].includes(new URL(u).protocol)), 'must be the address devices use, such as https://hq.example.org')
      .transform((urls) => [...new Set(urls.map((u) => new URL(u).origin))])
      .optional(),
  ),
  QEYD_HQ_CONSOLE: z.preprocess(unsetIfEmpty, z.enum(['on', 'off'], { error: 'must be on or off' }).optional()),
  QEYD_HQ_REQUEST_WINDOW_MINUTES: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d{1,2}$/, 'must be a whole number of minutes from 1 to 60')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 60, 'must be a whole number of minutes from 1 to 60')
      .optional(),
  ),
});

/** Reads and checks the environment; throws HqConfigError listing every bad variable at once. */
export function loadHqConfig(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, cwd: string = process.cwd()): HqConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new HqConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const raw = env[name];
        // The database URL carries a password: name the variable, never echo its value.
        const shown = name === 'QEYD_HQ_DATABASE_URL' || raw === undefined ? '' : ` (got "${raw}")`;
        return `${name} ${issue.message}${shown}`;
      }),
    );
  }
  const v = parsed.data;
  const dataDirRaw = v.QEYD_HQ_DATA_DIR ?? defaultHqDataDir(env, platform);
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  return {
    dataDir,
    port: v.QEYD_HQ_PORT ?? defaultHqPort,
    host: v.QEYD_HQ_HOST ?? defaultHqHost,
    database: v.QEYD_HQ_DATABASE_URL ? { kind: 'postgres', url: v.QEYD_HQ_DATABASE_URL } : { kind: 'sqlite', file: join(dataDir, sqliteFileName) },
    requests: { audiences: v.QEYD_HQ_PUBLIC_URL ?? null, windowMinutes: v.QEYD_HQ_REQUEST_WINDOW_MINUTES ?? defaultRequestWindowMinutes },
    keyFile: v.QEYD_HQ_KEY_FILE ? (isAbsolute(v.QEYD_HQ_KEY_FILE) ? v.QEYD_HQ_KEY_FILE : resolve(cwd, v.QEYD_HQ_KEY_FILE)) : null,
    trustProxy: v.QEYD_HQ_TRUST_PROXY ?? false,
    console: v.QEYD_HQ_CONSOLE !== 'off',
  };
}
