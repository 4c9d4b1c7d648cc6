import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { appOrigin as defaultAppOrigin } from './app-origin';

export const pickPathChannel = 'qeyd:pick-path';

/**
 * What the renderer may ask for (docs/backup.md): the system's dialog for a folder to save a backup in,
 * or for a backup file to restore. It gets back a path to put in the screen's own field; the backend
 * still checks it. Nothing is read or written here.
 */
export const pickPathRequest = z.object({ kind: z.enum(['backupFolder', 'backupFile']) }).strict();
export type PickPathKind = z.infer<typeof pickPathRequest>['kind'];

export type PickPathResult = { ok: true; path: string } | { ok: false; reason: 'canceled' | 'refused' | 'failed' };

export interface PickPathDeps {
  appOrigin?: string;
  /** Electron's dialog.showOpenDialog, bound to the window; a fake in tests. */
  ask(kind: PickPathKind): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function registerPathPicker(ipcMain: Pick<IpcMain, 'handle'>, deps: PickPathDeps): void {
  const origin = deps.appOrigin ?? defaultAppOrigin;
  ipcMain.handle(pickPathChannel, async (rawEvent, raw: unknown): Promise<PickPathResult> => {
    const url = (rawEvent as Pick<IpcMainInvokeEvent, 'senderFrame'>).senderFrame?.url ?? '';
    if (!url.startsWith(origin.endsWith('/') ? origin : `${origin}/`)) return { ok: false, reason: 'refused' };
    const parsed = pickPathRequest.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: 'refused' };
    try {
      const choice = await deps.ask(parsed.data.kind);
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return { ok: false, reason: 'canceled' };
      return { ok: true, path };
    } catch {
      return { ok: false, reason: 'failed' };
    }
  });
}

/** The dialog's options for each kind: a folder that may be created, or one backup file. */
export function pickPathDialogOptions(kind: PickPathKind): { properties: ('openDirectory' | 'createDirectory' | 'openFile')[]; filters?: { name: string; extensions: string[] }[] } {
  return kind === 'backupFolder' ? { properties: ['openDirectory', 'createDirectory'] } : { properties: ['openFile'], filters: [{ name: 'Qeyd backup', extensions: ['qeyd-backup'] }] };
}
