import { describe, expect, it } from 'vitest';
import { appOrigin } from '../../../main/electron/app-origin';
import { pickPathChannel, pickPathDialogOptions, registerPathPicker, type PickPathKind } from '../../../main/electron/pick-path';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

function setUp(choice: { canceled: boolean; filePaths: string[] } | Error) {
  const handlers = new Map<string, Handler>();
  const asked: PickPathKind[] = [];
  registerPathPicker({ handle: (channel: string, h: Handler) => void handlers.set(channel, h) } as never, {
    ask: async (kind) => {
      asked.push(kind);
      if (choice instanceof Error) throw choice;
      return choice;
    },
  });
  const event = (url: string) => ({ senderFrame: { url } });
  return { handler: handlers.get(pickPathChannel)!, asked, event };
}

describe('the system dialog for a backup folder or file (desktop shell)', () => {
  it('hands the app window the path the administrator chose, and nothing when they cancel', async () => {
    const chosen = setUp({ canceled: false, filePaths: ['/media/usb/qeyd'] });
    expect(await chosen.handler(chosen.event(`${appOrigin}/index.html#/backup`), { kind: 'backupFolder' })).toEqual({ ok: true, path: '/media/usb/qeyd' });
    expect(chosen.asked).toEqual(['backupFolder']);
    const canceled = setUp({ canceled: true, filePaths: [] });
    expect(await canceled.handler(canceled.event(`${appOrigin}/index.html`), { kind: 'backupFile' })).toEqual({ ok: false, reason: 'canceled' });
    const broken = setUp(new Error('no display'));
    expect(await broken.handler(broken.event(`${appOrigin}/index.html`), { kind: 'backupFile' })).toEqual({ ok: false, reason: 'failed' });
  });

  it('refuses another page and any other request without opening a dialog', async () => {
    const t = setUp({ canceled: false, filePaths: ['/etc'] });
    expect(await t.handler(t.event('https://evil.example/'), { kind: 'backupFolder' })).toEqual({ ok: false, reason: 'refused' });
    expect(await t.handler(t.event(`${appOrigin}.evil.example/`), { kind: 'backupFolder' })).toEqual({ ok: false, reason: 'refused' });
    for (const bad of [{ kind: 'anyFile' }, { kind: 'backupFolder', defaultPath: '/etc' }, null, 'backupFolder']) {
      expect(await t.handler(t.event(`${appOrigin}/index.html`), bad)).toEqual({ ok: false, reason: 'refused' });
    }
    expect(t.asked).toEqual([]);
  });

  it('asks for a folder that may be created, or one backup file', () => {
    expect(pickPathDialogOptions('backupFolder').properties).toEqual(['openDirectory', 'createDirectory']);
    expect(pickPathDialogOptions('backupFile')).toEqual({ properties: ['openFile'], filters: [{ name: 'Qeyd backup', extensions: ['qeyd-backup'] }] });
  });
});
