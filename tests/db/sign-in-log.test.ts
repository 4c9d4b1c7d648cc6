import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs } from '../../core/i18n';
import {
  appendSideRecord,
  emptyGuardState,
  newSealKeyPair,
  nextSideLogEpoch,
  readGuardState,
  readSideLog,
  resetSideLog,
  sideLogPaths,
  sideRecordSchema,
  type SideLogSecrets,
  type SideRecord,
} from '../../db/sign-in-log';
import { tempDir } from '../helpers/backend';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const record = (n: number): SideRecord => ({ kind: 'login.failed', username: `user${n}`, client: 'window 1', at: 1_000 + n });

/** A data folder whose side log holds `n` records of one epoch, and the secrets the store would keep. */
function logWith(n: number): { dir: string; secrets: SideLogSecrets } {
  const d = tempDir('qeyd-side-log-');
  dirs.push(d);
  const secrets = nextSideLogEpoch(null, newSealKeyPair());
  let state = resetSideLog(d.path, secrets, emptyGuardState);
  for (let i = 0; i < n; i++) state = appendSideRecord(d.path, state, record(i));
  return { dir: d.path, secrets };
}

describe('the sign-in side log', () => {
  it('reads back every record written, in order, when nothing was touched', () => {
    const { dir, secrets } = logWith(3);
    expect(readSideLog(dir, secrets)).toEqual({ records: [record(0), record(1), record(2)], problem: null, dropped: 0 });
  });

  it('a crash between writing a line and saving the state loses nothing and is not taken for tampering', () => {
    const { dir, secrets } = logWith(2);
    const { state } = readGuardState(dir);
    appendSideRecord(dir, state, record(2));
    // The state as it was before the third line: the crash came before it was saved.
    writeFileSync(sideLogPaths(dir).state, JSON.stringify(state));
    expect(readSideLog(dir, secrets)).toMatchObject({ records: [record(0), record(1), record(2)], problem: null });
  });

  it('a line torn by a crash during its write is not taken for tampering', () => {
    const { dir, secrets } = logWith(2);
    appendFileSync(sideLogPaths(dir).log, '{"epoch":"');
    expect(readSideLog(dir, secrets)).toMatchObject({ records: [record(0), record(1)], problem: null });
  });

  it('the current key on disk cannot rewrite an earlier line', () => {
    const { dir, secrets } = logWith(3);
    const lines = readFileSync(sideLogPaths(dir).log, 'utf8').split('\n').filter(Boolean);
    // Whoever holds the disk holds the current key only; re-MACing line 1 with it does not verify.
    const { state } = readGuardState(dir);
    const forged = JSON.parse(lines[1]!) as { mac: string };
    forged.mac = state.log!.key;
    writeFileSync(sideLogPaths(dir).log, `${[lines[0], JSON.stringify(forged), lines[2]].join('\n')}\n`);
    expect(readSideLog(dir, secrets)).toMatchObject({ records: [record(0)], problem: { kind: 'broken', atSeq: 1 } });
  });

  it('removing the last lines, even with the counter wound back, shows', () => {
    const { dir, secrets } = logWith(3);
    const lines = readFileSync(sideLogPaths(dir).log, 'utf8').split('\n').filter(Boolean);
    writeFileSync(sideLogPaths(dir).log, `${lines[0]}\n`);
    expect(readSideLog(dir, secrets).problem).toEqual({ kind: 'truncated', atSeq: 1 });
    const { state } = readGuardState(dir);
    writeFileSync(sideLogPaths(dir).state, JSON.stringify({ ...state, log: { ...state.log, seq: 1 } }));
    // The key on disk has moved on three times and cannot be wound back to match one line.
    expect(readSideLog(dir, secrets).problem).toEqual({ kind: 'broken', atSeq: 1 });
  });

  it('after a fold the lines of the folded epoch are not read again, even if the log was not yet emptied', () => {
    const { dir, secrets } = logWith(2);
    const before = readFileSync(sideLogPaths(dir).log, 'utf8');
    const next = nextSideLogEpoch(secrets, secrets);
    resetSideLog(dir, next, readGuardState(dir).state);
    writeFileSync(sideLogPaths(dir).log, before);
    expect(readSideLog(dir, next)).toEqual({ records: [], problem: null, dropped: 0 });
  });

  it('every kind of line and every sign of tampering reads as a sentence in each language', () => {
    const actions = [...sideRecordSchema.shape.kind.options, 'signIn.unlocked', 'signInLog.missing', 'signInLog.broken', 'signInLog.truncated', 'signInLog.overflow', 'login.failed'];
    for (const locale of ['az', 'en', 'ru'] as const) {
      expect(
        actions.filter((a) => !(`audit.action.${a}` in catalogs[locale])),
        locale,
      ).toEqual([]);
    }
  });
});
