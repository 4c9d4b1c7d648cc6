import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The per-user folder Electron would use for `app.getPath('userData')` with productName "Qeyd", so the
 * preview and the desktop app find the same data by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Qeyd');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Qeyd');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Qeyd');
}
