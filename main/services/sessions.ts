import { randomBytes } from 'node:crypto';
import { ApiError } from '../../core/contract/errors';
import type { Role } from '../../core/permissions';

export interface Session {
  token: string;
  userId: string;
  username: string;
  roles: Role[];
  lastActivity: number;
  /** Opened with a one-time password (issue #10 §4): only the password change is allowed. */
  mustChangePassword?: boolean;
}

/**
 * Signed-in sessions, in memory only: a restart signs everyone out, which is what a duty desk expects of
 * a locked screen. A session idle longer than the configured minutes is locked and must sign in again.
 */
export class Sessions {
  private readonly byToken = new Map<string, Session>();
  /** Tokens whose session the idle timer ended: their next call hears "locked", not "signed out". */
  private readonly lockedTokens = new Set<string>();

  constructor(
    private readonly idleMinutes: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  open(user: { userId: string; username: string; roles: Role[]; mustChangePassword?: boolean }): Session {
    const session: Session = { ...user, token: randomBytes(32).toString('base64url'), lastActivity: this.now() };
    this.byToken.set(session.token, session);
    return session;
  }

  /**
   * The live session for a token; an idle one is closed and reported as locked. `touch` false: the call
   * is a screen refreshing itself (a poll), not a person at the keyboard, so it keeps nothing unlocked.
   */
  resolve(token: string | null, touch = true): Session | null {
    if (!token) return null;
    if (this.lockedTokens.delete(token)) throw new ApiError({ code: 'session_locked', messageKey: 'error.sessionLocked' });
    const s = this.byToken.get(token);
    if (!s) return null;
    if (this.now() - s.lastActivity > this.idleMinutes() * 60_000) {
      this.byToken.delete(token);
      throw new ApiError({ code: 'session_locked', messageKey: 'error.sessionLocked' });
    }
    if (touch) s.lastActivity = this.now();
    return s;
  }

  close(token: string | null): void {
    if (!token) return;
    this.byToken.delete(token);
    this.lockedTokens.delete(token);
  }

  /** A user's roles changed or their account was disabled: their open sessions follow at once. */
  closeUser(userId: string): void {
    for (const [t, s] of this.byToken) if (s.userId === userId) this.byToken.delete(t);
  }

  get count(): number {
    return this.byToken.size;
  }

  /**
   * Ends every session idle longer than the lock time, whether or not anyone calls (issue #10 §5: the
   * timer, not the next click, decides). Returns how many ended.
   */
  expireIdle(): number {
    const limit = this.idleMinutes() * 60_000;
    let ended = 0;
    for (const [t, s] of this.byToken) {
      if (this.now() - s.lastActivity > limit) {
        this.byToken.delete(t);
        // Bounded: a window closed while locked never calls again, and its token must not pile up.
        if (this.lockedTokens.size >= 1000) this.lockedTokens.clear();
        this.lockedTokens.add(t);
        ended++;
      }
    }
    return ended;
  }

  /** When the next session would lock if nobody touches it, or null if nobody is signed in. */
  nextIdleAt(): number | null {
    let earliest: number | null = null;
    for (const s of this.byToken.values()) if (earliest === null || s.lastActivity < earliest) earliest = s.lastActivity;
    return earliest === null ? null : earliest + this.idleMinutes() * 60_000 + 1;
  }
}
