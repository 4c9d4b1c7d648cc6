/** Where the HQ key given at start comes from (docs/hq-keys.md): a key file, a passphrase typed at the terminal, or, for development only, a key file beside the data. */
import { existsSync, writeFileSync } from 'node:fs';
import type { HqConfig } from './config';
import type { HqDatabase } from './db';
import { HqKeyError, hqKeysExist, newHqKeyFileText, readHqKeyFile, type HqKeySource } from './vault';

/** The shortest passphrase HQ accepts: it stands between a copied disk and every record HQ holds. */
export const minPassphraseLength = 16;

/** Reads a line from the terminal without echoing it. */
export function askHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let typed = '';
    const done = (error: Error | null) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || ch === '\u0004') return done(new HqKeyError('no HQ passphrase given'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/** A passphrase from the terminal: asked twice for a new database, where a typo would lock HQ out for good. */
async function passphraseFromTerminal(hq: HqDatabase): Promise<HqKeySource> {
  const fresh = !(await hqKeysExist(hq));
  const passphrase = await askHidden(fresh ? `Qeyd HQ: choose the HQ passphrase (at least ${minPassphraseLength} characters): ` : 'Qeyd HQ: HQ passphrase: ');
  if (fresh) {
    if (passphrase.length < minPassphraseLength) throw new HqKeyError(`the HQ passphrase must be at least ${minPassphraseLength} characters`);
    if ((await askHidden('Qeyd HQ: the same passphrase again: ')) !== passphrase) throw new HqKeyError('the two passphrases differ; nothing was set up');
  }
  return { kind: 'passphrase', passphrase };
}

/**
 * The development key file, `<data dir>.dev-key`: beside the data, not in it, so that `npm run hq` needs
 * no step, but on the same disk, so it protects nothing. Only `npm run hq` (start.ts --dev-key-file) uses it.
 */
export function devKeyFile(dataDir: string): { path: string; created: boolean } {
  const path = `${dataDir.replace(/[/\\]+$/, '')}.dev-key`;
  if (existsSync(path)) return { path, created: false };
  writeFileSync(path, newHqKeyFileText(), { mode: 0o600, flag: 'wx' });
  return { path, created: true };
}

/**
 * The key for this start: QEYD_HQ_KEY_FILE if set; else a passphrase asked on the terminal (when HQ is
 * first used); else refused, since nothing else may open HQ's records. `hq` is the database the key is
 * for (read only to tell a new database from an existing one).
 */
export function hqKeySource(config: Pick<HqConfig, 'keyFile'>, hq: () => HqDatabase, isTTY: boolean = process.stdin.isTTY === true): HqKeySource | (() => Promise<HqKeySource>) {
  if (config.keyFile) return { kind: 'file', key: readHqKeyFile(config.keyFile) };
  if (isTTY) return () => passphraseFromTerminal(hq());
  throw new HqKeyError(
    'QEYD_HQ_KEY_FILE is not set and there is no terminal to ask for the HQ passphrase: set QEYD_HQ_KEY_FILE to the HQ key file (npm run hq:admin -- create-key-file --out <path>; docs/hq-keys.md)',
  );
}
