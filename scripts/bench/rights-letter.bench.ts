import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createClient } from '../../core/contract/client';
import type { CallContext } from '../../main/api/call-context';
import { createBackend } from '../../main/backend';
import { startWebServer } from '../../main/web/server';
import config from '../../playwright.config';
import { benchDir, report } from './fixtures';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const allRights = ['reasons', 'legal_basis_and_term', 'legal_aid', 'interpreter', 'consular', 'asylum', 'complaint_and_appeal', 'medical', 'family_contact', 'ombudsman'] as const;

/**
 * rights_letter_pdf_ms: the Persian letter of rights (right to left, Naskh face, QR code) rendered to an
 * A4 PDF by Chromium, as the Print button does in Electron (printToPDF). The preview backend runs in
 * this process on a temporary data directory and a free port; the page is opened and printed once to
 * warm up, then `page.pdf()` is timed over `runs` prints. Target: median ≤ 500 ms.
 */
export async function benchRightsLetterPdf(runs = 20): Promise<number> {
  const staticRoot = join(root, 'dist', 'renderer');
  if (!existsSync(join(staticRoot, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  const dir = benchDir();
  const backend = await createBackend({ dataDir: dir.path, log: () => {} });
  const web = await startWebServer({ backend, staticRoot, port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: config.use?.launchOptions?.args ?? [] });
  try {
    const call = () => {
      const ctx: CallContext = { transport: 'internal', sessionToken: null, setSessionToken: (t) => (ctx.sessionToken = t) };
      return createClient((m, i) => backend.handle(m, i, ctx));
    };
    const admin = call();
    await admin.setup.initialize({
      facilityName: 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi',
      facilityKind: 'detention_centre',
      deviceName: 'Növbətçi masası 1',
      admin: { username: 'admin', displayName: 'Admin', password: 'bench password 1' },
    });
    await admin.auth.login({ username: 'admin', password: 'bench password 1' });
    const registrar = { username: 'registrar', password: 'bench password 2' };
    await admin.users.create({ ...registrar, displayName: 'Leyla Hüseynova', roles: ['registrar'] });
    const api = call();
    await api.auth.login(registrar);

    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const { personId, episodeId } = await api.intake.submit({
      person: {
        names: { original: 'محمد رحیمی', latin: 'Mohammad Rahimi', aliases: [] },
        sex: 'male',
        birth: { date: '1991-03-14', estimated: false },
        nationalities: ['AFG'],
        stateless: false,
        languages: ['fa'],
      },
      documents: [],
      apprehension: { at: iso(now - 2 * 3_600_000), place: 'Bakı, Nizami rayonu', authority: 'Miqrasiya polisi' },
      admission: {
        regime: 'forced_court',
        decision: {
          issuingBody: 'Nəsimi Rayon Məhkəməsi',
          officialPosition: 'Hakim',
          officialName: 'R. Quliyev',
          basis: 'Miqrasiya Məcəlləsi',
          date: iso(now - 3_600_000).slice(0, 10),
          number: '2-1234/2026',
          termEnd: iso(now + 30 * 86_400_000),
        },
        admittedAt: iso(now - 60_000),
        handover: { body: 'Miqrasiya polisi', officerPosition: 'Inspektor', officerName: 'E. Məmmədov', serviceId: 'MP-4471', signed: true },
        property: [],
      },
    });
    const { useId } = await api.safeguards.recordInterpreter({
      personId,
      episodeId,
      use: { at: iso(now), language: 'fa', interpreterName: 'Mina Jafari', kind: 'contract', purpose: 'rights', affiliationChecked: true, affiliatedWithOriginState: false },
    });
    const fa = (await api.safeguards.letterTemplates({})).templates.find((t) => t.language === 'fa')!;
    const { notificationId } = await api.safeguards.notifyRights({
      episodeId,
      notification: {
        at: iso(now),
        mode: 'written',
        language: 'fa',
        templateId: 'rights-letter',
        templateVersion: fa.version,
        interpreterUseId: useId,
        items: [...allRights],
        acknowledgement: { kind: 'signature' },
        copyHanded: true,
      },
    });

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB', timezoneId: 'UTC' });
    // Signed in by the server's own cookie: the login call from the browser context sets it.
    const login = await context.request.post(`${web.url}rpc/auth.login`, { headers: { 'content-type': 'application/json', 'x-qeyd-client': '1' }, data: registrar });
    if (!((await login.json()) as { ok: boolean }).ok) throw new Error('bench sign-in failed');
    const page = await context.newPage();
    await page.goto(`${web.url}#/print/rights/${notificationId}`);
    await page.getByTestId('rights-letter').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 30_000 });
    const options = { format: 'A4', printBackground: true, preferCSSPageSize: true } as const;
    const first = await page.pdf(options);
    if (first.byteLength < 10_000) throw new Error(`the warm-up PDF is suspiciously small (${first.byteLength} bytes)`);

    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await page.pdf(options);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const median = samples.length % 2 ? samples[(samples.length - 1) / 2]! : (samples[samples.length / 2 - 1]! + samples[samples.length / 2]!) / 2;
    report('rights_letter_pdf_ms', Math.round(median * 10) / 10, 'ms');
    await context.close();
    return median;
  } finally {
    await browser.close();
    await web.close();
    await backend.close();
    dir.remove();
  }
}

// Run on its own: `npx tsx scripts/bench/rights-letter.bench.ts`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void benchRightsLetterPdf().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
