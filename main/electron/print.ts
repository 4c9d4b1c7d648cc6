import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { appOrigin as defaultAppOrigin } from './app-origin';

export const printChannel = 'qeyd:print-pdf';

/** What the renderer may ask for: a file name to suggest and the page orientation. Nothing else. */
export const printRequest = z
  .object({
    suggestedName: z
      .string()
      .trim()
      .min(1)
      .max(120)
      // eslint-disable-next-line no-control-regex -- control characters are what a file name may not hold
      .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/),
    landscape: z.boolean().default(false),
  })
  .strict();

export type PrintResult = { ok: true; path: string } | { ok: false; reason: 'canceled' | 'refused' | 'failed' };

type PrintEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender: { printToPDF(options: { pageSize: 'A4'; landscape: boolean; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Buffer> };
};

export interface PrintDeps {
  appOrigin?: string;
  /** Electron's dialog.showSaveDialog, bound to the window; a fake in tests. */
  askWhereToSave(defaultName: string): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(path: string, data: Buffer): Promise<void>;
}

/**
 * "Print to PDF" for the official documents (register extracts, rights letters): the page's own print
 * view, rendered by Chromium at A4 with its CSS page rules, saved where the officer chooses.
 */
export function registerPrint(ipcMain: Pick<IpcMain, 'handle'>, deps: PrintDeps): void {
  const origin = deps.appOrigin ?? defaultAppOrigin;
  ipcMain.handle(printChannel, async (rawEvent, raw: unknown): Promise<PrintResult> => {
    const event = rawEvent as PrintEvent;
    const url = event.senderFrame?.url ?? '';
    if (!url.startsWith(origin.endsWith('/') ? origin : `${origin}/`)) return { ok: false, reason: 'refused' };
    const parsed = printRequest.safeParse(raw);
    if (!parsed.success) return { ok: false, reason: 'refused' };
    try {
      const pdf = await event.sender.printToPDF({ pageSize: 'A4', landscape: parsed.data.landscape, printBackground: true, preferCSSPageSize: true });
      const name = parsed.data.suggestedName.toLowerCase().endsWith('.pdf') ? parsed.data.suggestedName : `${parsed.data.suggestedName}.pdf`;
      const choice = await deps.askWhereToSave(name);
      if (choice.canceled || !choice.filePath) return { ok: false, reason: 'canceled' };
      await deps.writeFile(choice.filePath, pdf);
      return { ok: true, path: choice.filePath };
    } catch {
      return { ok: false, reason: 'failed' };
    }
  });
}
