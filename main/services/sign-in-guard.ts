import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../core/contract/errors';
import type { LockoutView } from '../../core/contract/sign-in';
import { defaultSettings } from '../../core/settings';
import { checkAttempt, clearKeys, lockedKeys, minutesUntil, pruneThrottle, recordFailure, secondsUntil, signInBursts, type ThrottleSettings } from '../../core/sign-in-throttle';
import {
  appendSideRecord,
  emptyGuardState,
  newSealKeyPair,
  nextSideLogEpoch,
  readGuardState,
  readSideLog,
  resetSideLog,
  seal,
  sideLogSecretsSchema,
  unseal,
  writeGuardState,
  type GuardState,
  type SideLogSecrets,
  type SideRecord,
} from '../../db/sign-in-log';
import type { ServiceStore } from '../../db/store';
import type { Handlers } from '../api/router';
import type { CallContext } from '../api/call-context';
import type { ServiceInstallation } from './installation';
import { findUserByName } from './users-repo';

export type AttemptPurpose = 'login' | 'recover';

const secretsMetaKey = 'sign_in_log';
const labelSchema = z.object({ purpose: z.enum(['login', 'recover']), subject: z.enum(['user', 'client']), name: z.string() });

/** Audit actions of a refused attempt: the side log's kinds, written the same way when the store is open. */
const failedActions = ['login.failed', 'recover.failed'] as const;

/** Who is calling, as the throttle counts clients: the transport's identity, or the transport itself. */
export function clientOf(call: CallContext): string {
  return call.client ?? call.transport;
}

/**
 * Sign-in that cannot be guessed at (issue #10 §3), for the desktop app, the preview and the HQ console
 * alike since all three call the same handlers: every sign-in and recovery attempt passes the throttle
 * (core/sign-in-throttle.ts) before a password is even tried; failures count against the user name and
 * the client; refusals are audited — in the store when it is open, else in the side log
 * (db/sign-in-log.ts) that the next unlock folds into the audit log. The throttle's state is kept in
 * the side log's state file, so a restart does not reset it.
 */
export class SignInGuard {
  /** Keys with an attempt under way: parallel guesses must not all pass one check before any failure counts. */
  private readonly inFlight = new Set<string>();
  private foldedFor: ServiceStore | null = null;
  /** The throttle settings last copied to the state file, so that most calls need not read it. */
  private settingsCopied: string | null = null;

  constructor(
    private readonly inst: ServiceInstallation,
    private readonly now: () => number,
    private readonly log: (message: string, error: unknown) => void = () => {},
  ) {}

  private get dir(): string {
    return this.inst.dataDir;
  }

  private settings(state: GuardState): ThrottleSettings {
    if (this.inst.isOpen) {
      const s = this.inst.requireStore().settings;
      return { maxFailures: s.signInMaxFailures, lockMinutes: s.signInLockMinutes };
    }
    return state.settings ?? { maxFailures: defaultSettings.signInMaxFailures, lockMinutes: defaultSettings.signInLockMinutes };
  }

  /**
   * Keys are HMACs under the installation's tag salt (as key slots are), so the state file does not
   * list who works here; names compare as sign-in does (case-insensitive, NFC).
   */
  private keysFor(purpose: AttemptPurpose, username: string, client: string): { user: string; client: string } {
    const salt = Buffer.from(this.inst.requireFile().tagSalt, 'base64');
    const tag = (s: string) => createHmac('sha256', salt).update(`qeyd-sign-in-throttle|${s}`).digest('base64url');
    return { user: tag(`${purpose}|user|${username.normalize('NFC').toLowerCase()}`), client: tag(`${purpose}|client|${client}`) };
  }

  /** Wraps `auth.login` and `auth.recover`: the throttle before, the count and the audit after. */
  wrap(auth: Handlers['auth']): Handlers['auth'] {
    return {
      ...auth,
      login: (input, env) => this.attempt('login', input.username, clientOf(env.call), 'error.auth.badCredentials', () => Promise.resolve(auth.login(input, env))),
      recover: (input, env) => this.attempt('recover', input.username, clientOf(env.call), 'error.auth.badRecoveryKey', () => Promise.resolve(auth.recover(input, env))),
    };
  }

  private async attempt<T>(purpose: AttemptPurpose, username: string, client: string, failureKey: string, run: () => Promise<T>): Promise<T> {
    const keys = this.keysFor(purpose, username, client);
    const both = [keys.user, keys.client];
    const method = `auth.${purpose}`;
    if (both.some((k) => this.inFlight.has(k))) throw new ApiError({ code: 'rule', messageKey: 'error.auth.slowDown', params: { seconds: 1 } });
    let { state } = readGuardState(this.dir);
    const s = this.settings(state);
    const now = this.now();
    const verdict = checkAttempt(state.throttle, both, now, s);
    if (!verdict.allowed) {
      const entry = state.throttle[verdict.key];
      // One line per wait, not one per refused try: a script hammering a locked name must not fill the disk.
      if (entry && !entry.refusalRecorded) {
        state = { ...state, throttle: { ...state.throttle, [verdict.key]: { ...entry, refusalRecorded: true } } };
        writeGuardState(this.dir, state);
        this.record(state, { kind: `${purpose}.throttled`, username, client, at: now, until: verdict.until }, method);
      }
      throw verdict.reason === 'locked'
        ? new ApiError({ code: 'rule', messageKey: 'error.auth.locked', params: { minutes: minutesUntil(verdict.until, now), until: new Date(verdict.until).toISOString() } })
        : new ApiError({ code: 'rule', messageKey: 'error.auth.slowDown', params: { seconds: secondsUntil(verdict.until, now) } });
    }
    for (const k of both) this.inFlight.add(k);
    try {
      const result = await run();
      const fresh = readGuardState(this.dir).state;
      // Whoever holds the recovery key outranks a lock on the name: a guesser who locked the only
      // administrator out must not keep the centre out of its own records until someone unlocks it.
      const cleared = purpose === 'recover' ? [keys.user, this.keysFor('login', username, client).user] : [keys.user];
      writeGuardState(this.dir, { ...fresh, throttle: pruneThrottle(clearKeys(fresh.throttle, cleared), this.now(), this.settings(fresh)) });
      this.foldIfUnlocked();
      return result;
    } catch (e) {
      if (e instanceof ApiError && e.messageKey === failureKey) this.countFailure(purpose, username, client, keys, method);
      throw e;
    } finally {
      for (const k of both) this.inFlight.delete(k);
    }
  }

  private countFailure(purpose: AttemptPurpose, username: string, client: string, keys: { user: string; client: string }, method: string): void {
    const at = this.now();
    let state = readGuardState(this.dir).state;
    const s = this.settings(state);
    const { state: throttle, locked } = recordFailure(state.throttle, [keys.user, keys.client], at, s);
    const sealTo = this.sealPublicKey(state);
    if (sealTo) {
      const label = (key: string, subject: 'user' | 'client', name: string) => {
        const entry = throttle[key];
        if (entry && !entry.label) throttle[key] = { ...entry, label: seal(sealTo, JSON.stringify({ purpose, subject, name })) };
      };
      label(keys.user, 'user', username);
      label(keys.client, 'client', client);
    }
    state = { ...state, throttle };
    writeGuardState(this.dir, state);
    state = this.record(state, { kind: `${purpose}.failed`, username, client, at }, method);
    if (locked.length > 0) {
      const until = Math.max(...locked.map((k) => throttle[k]?.lockedUntil ?? at));
      this.record(state, { kind: `${purpose}.locked`, username, client, at, until }, method);
    }
  }

  private sealPublicKey(state: GuardState): string | null {
    if (state.log) return state.log.sealPublicKey;
    const secrets = this.inst.isOpen ? this.secrets(this.inst.requireStore()) : null;
    return secrets?.sealPublicKey ?? null;
  }

  /** Into the audit log if the store is open, else into the side log. Returns the state as now saved. */
  private record(state: GuardState, record: SideRecord, method: string): GuardState {
    if (this.inst.isOpen) {
      writeAudit(this.inst.requireStore(), record, method);
      return state;
    }
    return appendSideRecord(this.dir, state, record);
  }

  private secrets(store: ServiceStore): SideLogSecrets | null {
    const raw = store.meta(secretsMetaKey);
    if (!raw) return null;
    try {
      return sideLogSecretsSchema.parse(JSON.parse(raw));
    } catch {
      return null;
    }
  }

  /**
   * After any call: if the store was opened since the last fold (a sign-in, a recovery, the setup),
   * fold the side log into the audit log and start a new epoch; and keep the throttle settings the
   * closed store will need.
   */
  afterCall(): void {
    try {
      this.foldIfUnlocked();
      if (!this.inst.isOpen) return;
      const s = this.settings(emptyGuardState);
      const copied = `${s.maxFailures}/${s.lockMinutes}`;
      if (copied === this.settingsCopied) return;
      const { state, found } = readGuardState(this.dir);
      if (found === 'ok' && (state.settings?.maxFailures !== s.maxFailures || state.settings?.lockMinutes !== s.lockMinutes)) {
        writeGuardState(this.dir, { ...state, settings: s });
      }
      this.settingsCopied = copied;
    } catch (e) {
      // Never fail the call that was answered; the next call tries again.
      this.log('sign-in side log', e);
    }
  }

  private foldIfUnlocked(): void {
    if (!this.inst.isOpen) {
      this.foldedFor = null;
      return;
    }
    const store = this.inst.requireStore();
    if (this.foldedFor === store) return;
    this.fold(store);
    this.foldedFor = store;
  }

  /** Verifies the side log, writes what it holds (and any sign of tampering) to the audit log, starts afresh. */
  private fold(store: ServiceStore): void {
    const secrets = this.secrets(store);
    const { state } = readGuardState(this.dir);
    const found = secrets ? readSideLog(this.dir, secrets) : null;
    const next = nextSideLogEpoch(secrets, secrets ?? newSealKeyPair());
    store.atomically(() => {
      if (found) {
        for (const r of found.records) writeAudit(store, r, r.kind.startsWith('recover') ? 'auth.recover' : 'auth.login');
        if (found.problem) {
          store.audit({ actor: null, action: `signInLog.${found.problem.kind}`, method: 'auth.login', outcome: 'failed', detail: JSON.stringify({ atLine: found.problem.atSeq }) });
        }
        if (found.dropped > 0) {
          store.audit({ actor: null, action: 'signInLog.overflow', method: 'auth.login', outcome: 'failed', detail: JSON.stringify({ dropped: found.dropped }) });
        }
      }
      store.setMeta(secretsMetaKey, JSON.stringify(next));
    });
    resetSideLog(this.dir, next, { ...state, settings: this.settings(state) });
  }

  /** The locks in force, named for the administrator. */
  lockouts(): LockoutView[] {
    const store = this.inst.requireStore();
    const secrets = this.secrets(store);
    const { state } = readGuardState(this.dir);
    const out: LockoutView[] = [];
    for (const { key, entry } of lockedKeys(state.throttle, this.now())) {
      const sealed = state.throttle[key]?.label;
      const opened = sealed && secrets ? unseal(secrets.sealPrivateKey, sealed) : null;
      const label = opened === null ? null : labelSchema.safeParse(safeJson(opened));
      if (!label?.success) continue;
      const user = label.data.subject === 'user' ? findUserByName(store, label.data.name) : undefined;
      out.push({
        lockId: key,
        purpose: label.data.purpose,
        subject: label.data.subject,
        name: label.data.name,
        userId: user?.user_id ?? null,
        displayName: user?.display_name ?? null,
        failures: entry.failures,
        lockedUntil: new Date(entry.lockedUntil).toISOString(),
      });
    }
    return out.sort((a, b) => a.lockedUntil.localeCompare(b.lockedUntil) || a.name.localeCompare(b.name));
  }

  handlers(): Handlers['signIn'] {
    return {
      lockouts: () => ({ lockouts: this.lockouts() }),
      unlock: (input, env) => {
        const store = this.inst.requireStore();
        const lock = this.lockouts().find((l) => l.lockId === input.lockId);
        if (!lock) throw new ApiError({ code: 'not_found', messageKey: 'error.signIn.notLocked' });
        const { state } = readGuardState(this.dir);
        writeGuardState(this.dir, { ...state, throttle: clearKeys(state.throttle, [lock.lockId]) });
        store.audit({
          actor: env.session.userId,
          action: 'signIn.unlocked',
          method: 'signIn.unlock',
          entityType: lock.userId ? 'user' : null,
          entityId: lock.userId,
          outcome: 'ok',
          detail: JSON.stringify({ name: lock.name, purpose: lock.purpose, subject: lock.subject }),
        });
        return { ok: true as const };
      },
      bursts: (input) => {
        const store = this.inst.requireStore();
        const rows = store.q.all(
          store.qb
            .selectFrom('audit_log')
            .select(['detail'])
            .where('action', 'in', [...failedActions])
            .orderBy('seq', 'desc')
            .limit(10_000),
        );
        const failures = rows.flatMap((r) => {
          const d = attemptDetail.safeParse(safeJson(r.detail));
          return d.success ? [{ username: d.data.username, at: d.data.at }] : [];
        });
        return {
          bursts: signInBursts(failures)
            .slice(0, input.limit)
            .map((b) => ({ username: b.username, count: b.count, from: new Date(b.from).toISOString(), to: new Date(b.to).toISOString() })),
        };
      },
    };
  }
}

/** What an attempt's audit line carries: the name tried, when (the fold writes later), and from where. */
const attemptDetail = z.object({ username: z.string(), at: z.number(), client: z.string(), until: z.number().optional() });

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function writeAudit(store: ServiceStore, r: SideRecord, method: string): void {
  const user = r.username ? findUserByName(store, r.username) : undefined;
  store.audit({
    actor: null,
    action: r.kind,
    method,
    entityType: user ? 'user' : null,
    entityId: user?.user_id ?? null,
    outcome: 'denied',
    detail: JSON.stringify({ username: r.username, at: r.at, client: r.client, ...(r.until !== undefined ? { until: r.until } : {}) }),
  });
}
