/** What every sync step shares: the refusal a device is told (its HTTP status and reason, core/sync.ts) and HQ's clock. */

export class SyncRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly ackedSeq?: number,
  ) {
    super(`sync refused: ${reason}`);
  }
}

/** HQ's clock for what it stamps (enrolled, received, server time). */
export const now = () => new Date().toISOString();
