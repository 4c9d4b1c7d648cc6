/** One numbered schema step. `up` runs inside a transaction with the version bump, all or nothing. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}
