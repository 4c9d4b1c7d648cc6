import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from '../core/contract/client';
import { letterStatusOf } from '../core/rights-letters';
import type { CallContext } from '../main/api/call-context';
import { createBackend, type Backend } from '../main/backend';
import { lowerKdfCostIfTesting } from '../db/kdf-cost';
import { openRunningHq } from './seed/running-hq';

/**
 * `npm run hq:demo -- --hq http://127.0.0.1:8780 [--data-dir <HQ data dir>] [--keep]`
 *
 * Gives a running HQ something to show: three device installations (two desks of a Baku centre and one
 * of a Yevlax centre) in temporary folders, each enrolled with a fresh one-time code, each recording a
 * few SYNTHETIC detainees (invented names) — rights told on time, late or not at all, consular notices
 * sent, opposed or overdue, a defender met or not, one asylum claim and one child — and each synced to HQ. The codes are
 * made against HQ's database directly (as `npm run hq:admin -- create-enrollment-code` does), so the
 * data directory (or QEYD_HQ_DATABASE_URL) must be the running server's. Device folders are deleted at
 * the end unless --keep is given.
 */

const hour = 3_600_000;
const day = 24 * hour;
const minute = 60_000;

interface Story {
  latin: string;
  original: string;
  sex: 'male' | 'female';
  birth: string;
  nationality: string;
  languages: string[];
  /** how long ago the person was apprehended */
  apprehendedAgo: number;
  /** rights told this long after apprehension; null: not told (yet) */
  rightsAfter: number | null;
  letterLanguage: string;
  consular: { wish: 'requests' | 'expressly_opposes' | 'declines'; sentAfter: number | null } | null;
  /** first contact with a defender this long after apprehension; null: none yet */
  defenderAfter: number | null;
  /** asked for asylum this long after apprehension (a protection case: HQ's tracing answers to a consulate are withheld) */
  asylumAfter?: number;
}

interface Desk {
  facility: string;
  device: string;
  stories: Story[];
}

const desks: Desk[] = [
  {
    facility: 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi',
    device: 'Növbətçi masası 1',
    stories: [
      {
        latin: 'Mohammad Rahimi',
        original: 'محمد رحیمی',
        sex: 'male',
        birth: '1991-03-14',
        nationality: 'AFG',
        languages: ['fa'],
        apprehendedAgo: 26 * hour,
        rightsAfter: 35 * minute,
        letterLanguage: 'fa',
        consular: { wish: 'requests', sentAfter: 2 * hour },
        defenderAfter: 6 * hour,
      },
      {
        latin: 'Nodira Karimova',
        original: 'Нодира Каримова',
        sex: 'female',
        birth: '1988-07-02',
        nationality: 'UZB',
        languages: ['uz', 'ru'],
        apprehendedAgo: 5 * hour,
        rightsAfter: null,
        letterLanguage: 'uz',
        consular: null,
        defenderAfter: null,
      },
      {
        latin: 'Samir Haddad',
        original: 'سمير حداد',
        sex: 'male',
        birth: '1979-11-20',
        nationality: 'SYR',
        languages: ['ar'],
        apprehendedAgo: 3 * day,
        rightsAfter: 3 * hour + 10 * minute,
        letterLanguage: 'ar',
        consular: { wish: 'expressly_opposes', sentAfter: null },
        defenderAfter: 30 * hour,
        asylumAfter: 5 * hour,
      },
    ],
  },
  {
    facility: 'Bakı Qanunsuz Miqrantların Saxlanılması Mərkəzi',
    device: 'Növbətçi masası 2',
    stories: [
      {
        latin: 'Bilal Ahmed',
        original: 'بلال احمد',
        sex: 'male',
        birth: '1995-01-09',
        nationality: 'PAK',
        languages: ['ur'],
        apprehendedAgo: 10 * day,
        rightsAfter: 40 * minute,
        letterLanguage: 'ur',
        consular: { wish: 'requests', sentAfter: null },
        defenderAfter: null,
      },
      {
        latin: 'Oleksandr Petrenko',
        original: 'Олександр Петренко',
        sex: 'male',
        birth: '1984-05-30',
        nationality: 'UKR',
        languages: ['ru'],
        apprehendedAgo: 20 * day,
        rightsAfter: 20 * minute,
        letterLanguage: 'ru',
        consular: { wish: 'requests', sentAfter: 90 * minute },
        defenderAfter: 4 * hour,
      },
    ],
  },
  {
    facility: 'Yevlax Qanunsuz Miqrantların Saxlanılması Mərkəzi',
    device: 'Qəbul masası',
    stories: [
      {
        latin: 'Ali Rezaei',
        original: 'علی رضایی',
        sex: 'male',
        birth: '2010-09-12',
        nationality: 'IRN',
        languages: ['fa'],
        apprehendedAgo: 8 * hour,
        rightsAfter: 2 * hour,
        letterLanguage: 'fa',
        consular: { wish: 'declines', sentAfter: null },
        defenderAfter: null,
      },
      {
        latin: 'Amina Yusuf',
        original: 'Amina Yusuf',
        sex: 'female',
        birth: '1993-02-17',
        nationality: 'NGA',
        languages: ['en'],
        apprehendedAgo: 2 * day,
        rightsAfter: 45 * minute,
        letterLanguage: 'en',
        consular: { wish: 'requests', sentAfter: 3 * hour },
        defenderAfter: 5 * hour,
      },
      {
        latin: 'Rustam Nazarov',
        original: 'Рустам Назаров',
        sex: 'male',
        birth: '1990-12-01',
        nationality: 'TJK',
        languages: ['tg', 'ru'],
        apprehendedAgo: 45 * day,
        rightsAfter: 30 * minute,
        letterLanguage: 'tg',
        consular: { wish: 'requests', sentAfter: 2 * hour },
        defenderAfter: 3 * hour,
      },
    ],
  },
];

const allRights = ['reasons', 'legal_basis_and_term', 'legal_aid', 'interpreter', 'consular', 'asylum', 'complaint_and_appeal', 'medical', 'family_contact', 'ombudsman'] as const;

function clientFor(backend: Backend): Client {
  const ctx: CallContext = {
    transport: 'internal',
    sessionToken: null,
    setSessionToken(t) {
      ctx.sessionToken = t;
    },
  };
  return createClient((method, input) => backend.handle(method, input, ctx));
}

const iso = (ms: number) => new Date(ms).toISOString();

async function record(desk: Client, s: Story, now: number): Promise<void> {
  const apprehended = now - s.apprehendedAgo;
  // Brought in an hour after apprehension, or at once when that hour has not passed yet.
  const admitted = Math.min(apprehended + hour, now - minute);
  const { personId, episodeId } = await desk.intake.submit({
    person: {
      names: { original: s.original, latin: s.latin, aliases: [] },
      sex: s.sex,
      birth: { date: s.birth, estimated: false },
      nationalities: [s.nationality],
      stateless: false,
      languages: s.languages,
    },
    documents: [
      { type: 'passport', series: s.nationality.slice(0, 1), number: String(1_000_000 + (Math.floor(apprehended / 1000) % 9_000_000)), issuingState: s.nationality, verification: 'unverified' },
    ],
    apprehension: { at: iso(apprehended), place: 'Bakı, Nəsimi rayonu', authority: 'Miqrasiya polisi' },
    admission: {
      regime: 'forced_court',
      decision: {
        issuingBody: 'Nəsimi Rayon Məhkəməsi',
        officialPosition: 'Hakim',
        officialName: 'R. Quliyev',
        basis: 'Miqrasiya Məcəlləsi, ölkədən çıxarılma',
        date: iso(admitted).slice(0, 10),
        number: `2-${Math.floor(apprehended / 1000) % 9000}/2026`,
        termEnd: iso(admitted + 90 * day),
      },
      admittedAt: iso(admitted),
      handover: { body: 'Miqrasiya polisi', officerPosition: 'Müfəttiş', officerName: 'E. Məmmədov', serviceId: 'MP-4471', signed: true },
      medical: { at: iso(admitted + 10 * minute), examiner: 'Dr. S. Əliyeva', visibleInjuries: false, illTreatmentComplaint: false },
      property: [{ item: 'Mobil telefon', quantity: 1 }],
    },
  });
  if (s.rightsAfter !== null) {
    const at = iso(Math.min(apprehended + s.rightsAfter, now - minute));
    await desk.vulnerability.screen({ episodeId, screening: { at } });
    const letter = {
      at,
      mode: 'written' as const,
      language: s.letterLanguage,
      templateId: 'rights-letter',
      templateVersion: '2026-11-01',
      items: [...allRights],
      acknowledgement: { kind: 'signature' as const },
      copyHanded: true,
    };
    if (letterStatusOf(s.letterLanguage, letter.templateVersion) === 'draft') {
      // A letter no lawyer has reviewed yet goes only with an interpreter who checked it with the person (issue #11 §7).
      const { useId } = await desk.safeguards.recordInterpreter({
        personId,
        episodeId,
        use: {
          at,
          language: s.letterLanguage,
          interpreterName: 'S. Qureshi',
          kind: 'contract',
          purpose: 'rights',
          genderPreferenceMet: true,
          affiliationChecked: true,
          affiliatedWithOriginState: false,
        },
      });
      await desk.safeguards.notifyRights({ episodeId, notification: { ...letter, interpreterUseId: useId, interpreterCheckedLetter: true } });
    } else {
      await desk.safeguards.notifyRights({ episodeId, notification: letter });
    }
  }
  if (s.consular) {
    const informedAt = iso(Math.min(apprehended + (s.rightsAfter ?? 0) + 5 * minute, now - minute));
    const { noticeId } = await desk.safeguards.openConsular({ episodeId, open: { states: [s.nationality], informedAt, wish: s.consular.wish } });
    if (s.consular.sentAfter !== null) {
      await desk.safeguards.sendConsular({
        noticeId,
        sent: { at: iso(apprehended + s.consular.sentAfter), mission: `Embassy (${s.nationality})`, channel: 'note_verbale', reference: `N-${episodeId.slice(0, 6)}` },
      });
    }
  }
  if (s.asylumAfter !== undefined) {
    await desk.asylum.express({ personId, episodeId, expression: { at: iso(apprehended + s.asylumAfter), place: 'centre', words: 'Geri qayıda bilmərəm', language: s.languages[0] ?? 'ar' } });
  }
  if (s.defenderAfter !== null) {
    const { requestId } = await desk.safeguards.requestLegalAid({ episodeId, request: { requestedAt: iso(apprehended + 30 * minute), requestedBy: 'detainee', funding: 'state' } });
    await desk.safeguards.assignDefender({ requestId, defender: { at: iso(apprehended + s.defenderAfter - 30 * minute), name: 'Vəkil N. Abbasova', barNumber: 'VK-1187' } });
    await desk.safeguards.recordLegalContact({ requestId, contact: { at: iso(apprehended + s.defenderAfter), mode: 'in_person', durationMinutes: 40, confidential: true } });
  }
}

async function main(): Promise<void> {
  lowerKdfCostIfTesting(process.env);
  const { values } = parseArgs({ options: { hq: { type: 'string' }, 'data-dir': { type: 'string' }, keep: { type: 'boolean', default: false } }, strict: true });
  if (!values.hq) throw new Error('--hq <url of the running HQ server> is required');
  const hqUrl = values.hq.replace(/\/+$/, '');
  const hq = await openRunningHq(values['data-dir']);
  const now = Date.now();
  const made: { dir: string; backend: Backend }[] = [];
  try {
    for (const [i, d] of desks.entries()) {
      const dir = mkdtempSync(join(tmpdir(), 'qeyd-hq-demo-device-'));
      const backend = await createBackend({ dataDir: dir, log: (m, e) => console.error(`[hq-demo] ${d.device}: ${m}`, e) });
      made.push({ dir, backend });
      const password = `qeyd-demo-${i + 1}-admin`;
      await clientFor(backend).setup.initialize({
        facilityName: d.facility,
        facilityKind: 'detention_centre',
        deviceName: d.device,
        timeZone: 'Asia/Baku',
        admin: { username: 'admin', displayName: 'Demo administrator', password },
      });
      const admin = clientFor(backend);
      await admin.auth.login({ username: 'admin', password });
      await admin.users.create({ username: 'registrar', displayName: 'Demo registrar', roles: ['registrar'], password: `${password}-registrar` });
      await admin.sync.enroll({ hqUrl, code: await hq.code(d.facility) });
      const desk = clientFor(backend);
      await desk.auth.login({ username: 'registrar', password: `${password}-registrar` });
      for (const s of d.stories) await record(desk, s, now);
      const sync = await desk.sync.run({});
      console.log(`${d.facility} / ${d.device}: ${d.stories.length} people recorded, ${sync.pushed} events pushed to HQ${values.keep ? ` (device data in ${dir})` : ''}`);
    }
    console.log(`Done. Sign in to the HQ console at ${hqUrl}/ to see them.`);
  } finally {
    for (const m of made) {
      await m.backend.close();
      if (!values.keep) rmSync(m.dir, { recursive: true, force: true });
    }
    await hq.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
