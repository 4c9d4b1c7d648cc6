import { describe, expect, it } from 'vitest';
import { appOrigin } from '../../../main/electron/app-origin';
import { printChannel, registerPrint } from '../../../main/electron/print';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

function setUp(choice: { canceled: boolean; filePath?: string } = { canceled: false, filePath: '/tmp/extract.pdf' }) {
  const handlers = new Map<string, Handler>();
  const written: { path: string; data: Buffer }[] = [];
  const asked: string[] = [];
  registerPrint({ handle: (channel: string, h: Handler) => void handlers.set(channel, h) } as never, {
    askWhereToSave: async (name) => {
      asked.push(name);
      return choice;
    },
    writeFile: async (path, data) => void written.push({ path, data }),
  });
  const calls: unknown[] = [];
  const event = (url: string) => ({
    senderFrame: { url },
    sender: {
      printToPDF: async (options: unknown) => {
        calls.push(options);
        return Buffer.from('%PDF-1.7 fake');
      },
    },
  });
  return { handler: handlers.get(printChannel)!, written, asked, calls, event };
}

describe('printing to PDF from the app window', () => {
  it('renders the page at A4 and saves it where the officer chooses', async () => {
    const t = setUp();
    const result = await t.handler(t.event(`${appOrigin}/index.html#/print/register`), { suggestedName: 'Register 2026-11', landscape: true });
    expect(result).toEqual({ ok: true, path: '/tmp/extract.pdf' });
    expect(t.calls[0]).toMatchObject({ pageSize: 'A4', landscape: true, printBackground: true });
    expect(t.asked).toEqual(['Register 2026-11.pdf']);
    expect(t.written[0]!.data.toString()).toContain('%PDF');
  });

  it('writes nothing when the officer cancels the save dialog', async () => {
    const t = setUp({ canceled: true });
    expect(await t.handler(t.event(`${appOrigin}/index.html`), { suggestedName: 'x' })).toEqual({ ok: false, reason: 'canceled' });
    expect(t.written).toEqual([]);
  });

  it('a page from another origin, or a file name with a path in it, is refused', async () => {
    const t = setUp();
    expect(await t.handler(t.event('https://evil.example/'), { suggestedName: 'x' })).toEqual({ ok: false, reason: 'refused' });
    expect(await t.handler(t.event(`${appOrigin}/index.html`), { suggestedName: '../../etc/passwd' })).toEqual({ ok: false, reason: 'refused' });
    expect(await t.handler(t.event(`${appOrigin}/index.html`), { suggestedName: 'x', extra: 1 })).toEqual({ ok: false, reason: 'refused' });
    expect(t.calls).toEqual([]);
  });
});
