import type { AsylumStatus } from '../../core/asylum';
import type { Exit, Handover, IdentityDocument, OutcomeType, Regime } from '../../core/episode';
import type { PersonDetails } from '../../core/person';
import type { ReferralType, Screening } from '../../core/vulnerability';
import { composeName, georgianAzerbaijani, origins, otherScriptForms, otherSpelling, pickOrigin, statelessOrigin, type ComposedName, type Origin } from './names';
import { Prng } from './prng';
import { death, duringStay, exitPath, inHospitalNow, pendingPath, releaseByAppeal, type StayContext, type StayForce, type StayState, type StayStep } from './stay';

/**
 * One synthetic person and what happened to them, as the sequence of calls staff would have made:
 * intake, screening, referrals, asylum steps, extensions, reviews, the non-refoulement check, the exit.
 * Everything is derived from (seed, index) alone, so a person's story is the same whether it is played
 * through the backend's handlers or written as events, and whichever batch it falls in.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** How far back the register's history reaches. */
const HISTORY_DAYS = 3 * 365;

export type StaffRole = 'registrar' | 'duty' | 'head' | 'lawyer' | 'medical';
export type TargetState = 'DECISION_PENDING' | 'ACTIVE' | 'EXTENSION_PENDING' | 'RELEASE_DUE' | 'EXIT_PENDING' | 'CLOSED';

export interface Apprehension {
  at: string;
  place: string;
  authority: string;
}
export interface Decision {
  issuingBody: string;
  officialPosition: string;
  officialRank?: string;
  officialName: string;
  basis: string;
  date: string;
  number: string;
  termEnd: string;
}
export interface Medical {
  at: string;
  examiner: string;
  visibleInjuries: boolean;
  injuriesDescription?: string;
  illTreatmentComplaint: boolean;
  complaintDescription?: string;
}
export interface Admission {
  regime: Regime;
  decision: Decision;
  admittedAt: string;
  handover: Handover;
  medical?: Medical;
  property: { item: string; quantity: number; notes?: string }[];
}

interface StepBase {
  /** When it happened (the order in which steps are played). */
  at: number;
  actor: StaffRole;
  person: number;
}

export type Step = StepBase &
  (
    | { kind: 'intake'; episode: string; newPerson: boolean; documents: IdentityDocument[]; apprehension: Apprehension; admission?: Admission }
    | { kind: 'admit'; episode: string; apprehension: Apprehension; admission: Admission }
    | { kind: 'screen'; episode: string; screening: Screening; claim?: string }
    | { kind: 'refer'; episode: string; referral: string; type: ReferralType; reason: string }
    | { kind: 'progressReferral'; referral: string; progress: { stage: 'sent' | 'accepted' | 'declined' | 'outcome'; at: string; note?: string } }
    | { kind: 'assessAge'; assessment: { at: string; method: 'documents' | 'interview' | 'medical'; assessor: string; minAge: number; maxAge: number; notes?: string } }
    | { kind: 'appointGuardian'; guardian: { appointedAt: string; authority: string; name: string; contact: string } }
    | { kind: 'express'; episode?: string; claim: string; expression: { at: string; place: 'border' | 'centre' | 'other'; words: string; language: string } }
    | { kind: 'forward'; claim: string; forward: { at: string; reference: string } }
    | { kind: 'asylumStatus'; claim: string; change: { status: Exclude<AsylumStatus, 'EXPRESSED' | 'FORWARDED'>; at: string; decision?: 'granted' | 'refused'; reference?: string } }
    | { kind: 'requestExtension'; episode: string; note?: string }
    | { kind: 'extend'; episode: string; decision: Decision }
    | { kind: 'review'; episode: string; conclusion: 'continue' | 'release_recommended'; notes?: string }
    | { kind: 'scheduleExit'; episode: string; plannedAt: string; plannedOutcome: OutcomeType }
    | { kind: 'nrCheck'; episode: string; check: { at: string; result: 'cleared' | 'not_cleared'; basis: string } }
    | { kind: 'close'; episode: string; exit: Exit }
    | { kind: 'merge'; into: number; reason: string }
    | StayStep
  );

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Profile {
  index: number;
  origin: Origin;
  female: boolean;
  name: ComposedName;
  details: PersonDetails;
  /** Another record of the same person, registered earlier under another script (a true duplicate). */
  duplicateOf: number | null;
  documents: IdentityDocument[];
}

export interface Story {
  profile: Profile;
  steps: Step[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => iso(ms).slice(0, 10);

// Streams of the generator: one per question, so a change in one does not reshuffle the others.
const enum Stream {
  Duplicate = 1,
  Profile = 2,
  Timeline = 3,
  // The stay (issue #15, scripts/seed/stay.ts): one stream per part and episode, drawn after the timeline.
  Stay = 4,
  Exit = 5,
  ExitOutcome = 6,
}

export const duplicateShare = 0.02;

interface Showcase {
  target?: TargetState;
  nationality?: string;
  stateless?: boolean;
  female?: boolean;
  /** Age in years at `now`. */
  age?: number;
  flags?: Partial<Flags>;
  /** This record is a second record of the person at this position of the run. */
  duplicateOf?: number;
  /** What the last episode's stay shows (scripts/seed/stay.ts). */
  stay?: StayForce;
  /** The last episode's placement (an appeal to a court is against a forced placement). */
  regime?: Regime;
}

/**
 * The first people of every run show every case at least once, so that even a small demonstration
 * set (and the seed's own test) holds each episode state, a stateless person, an unaccompanied child,
 * presumed trafficking, an asylum claim and a true duplicate. Everyone after them is drawn at random.
 */
const showcase: readonly Showcase[] = [
  { target: 'ACTIVE', nationality: 'AFG', female: false, age: 29, flags: { asylum: true }, stay: { allContacts: true, complaints: ['ombudsman'], injuryNotSeen: true, followUp: true } },
  { target: 'CLOSED' },
  { target: 'DECISION_PENDING' },
  { target: 'EXTENSION_PENDING', stay: { lawyerRefused: true, appeal: true, discipline: true, complaints: ['centre_head', 'sms'] } },
  { target: 'RELEASE_DUE', stay: { complaints: ['prosecutor', 'court'] } },
  { target: 'EXIT_PENDING', stateless: true, age: 41, stay: { hospitalNow: true } },
  { target: 'ACTIVE', nationality: 'AFG', age: 16, flags: { unaccompanied: true } },
  { target: 'ACTIVE', nationality: 'UZB', female: true, age: 23, flags: { trafficking: true, asylum: false }, stay: { staffComplaint: true } },
  { duplicateOf: 0 },
  { target: 'CLOSED' },
  // Every way out (issue #15 §6), each once, for people it fits (removal only for those it may apply to).
  { target: 'CLOSED', nationality: 'UZB', female: false, age: 34, flags: { asylum: false, trafficking: false }, stay: { exit: 'avr_iom', hospitalStay: true } },
  { target: 'CLOSED', nationality: 'GEO', female: false, age: 45, flags: { asylum: false, trafficking: false }, stay: { exit: 'deported_readmission' } },
  { target: 'CLOSED', nationality: 'TJK', female: false, age: 27, flags: { asylum: false, trafficking: false }, stay: { exit: 'expelled', discipline: true } },
  { target: 'CLOSED', nationality: 'IRN', female: false, age: 38, flags: { asylum: false, trafficking: false }, stay: { exit: 'departed_voluntarily' } },
  { target: 'CLOSED', nationality: 'RUS', female: false, age: 50, flags: { asylum: false, trafficking: false }, stay: { exit: 'regularised' } },
  { target: 'CLOSED', nationality: 'UZB', female: true, age: 25, flags: { trafficking: true, asylum: false }, stay: { exit: 'thb_residence_permit' } },
  { target: 'CLOSED', nationality: 'PAK', female: false, age: 31, flags: { asylum: false, trafficking: false }, regime: 'forced_court', stay: { exit: 'released_decision', appeal: true } },
  { target: 'CLOSED', nationality: 'TUR', female: false, age: 44, flags: { asylum: false, trafficking: false }, stay: { exit: 'died' } },
  { target: 'CLOSED', nationality: 'KGZ', female: false, age: 30, flags: { asylum: false, trafficking: false }, stay: { exit: 'released_term_expired' } },
];
const showcaseOf = (index: number, firstIndex: number): Showcase | undefined => showcase[index - firstIndex];

/** Whether record `index` is a second record of an earlier person (~2%). */
export function isDuplicate(seed: number, index: number, firstIndex: number): boolean {
  const shown = showcaseOf(index, firstIndex);
  if (shown) return shown.duplicateOf !== undefined;
  return new Prng(seed, index, Stream.Duplicate).chance(duplicateShare);
}

// ——— Texts a registrar would type (Azerbaijani, as on the centre's forms) ———

const courts = [
  'Nəsimi Rayon Məhkəməsi',
  'Yasamal Rayon Məhkəməsi',
  'Binəqədi Rayon Məhkəməsi',
  'Xətai Rayon Məhkəməsi',
  'Nərimanov Rayon Məhkəməsi',
  'Səbail Rayon Məhkəməsi',
  'Sabunçu Rayon Məhkəməsi',
  'Suraxanı Rayon Məhkəməsi',
  'Astara Rayon Məhkəməsi',
  'Biləsuvar Rayon Məhkəməsi',
];
const staffSurnames = ['Quliyev', 'Məmmədov', 'Həsənov', 'Əliyev', 'Hüseynov', 'Abbasov', 'Kərimov', 'Rzayev', 'Nəsirov', 'Babayev', 'Cəfərov', 'Orucov'];
const staffInitials = ['R.', 'E.', 'A.', 'S.', 'T.', 'F.', 'N.', 'K.', 'V.', 'Ş.', 'Ü.', 'İ.'];
const places: [string, string][] = [
  ['Bakı, Nəsimi rayonu, 28 May küçəsi', 'Daxili İşlər Nazirliyi — Nəsimi RPİ'],
  ['Bakı, Heydər Əliyev Beynəlxalq Hava Limanı', 'Dövlət Sərhəd Xidməti'],
  ['Astara sərhəd-keçid məntəqəsi', 'Dövlət Sərhəd Xidməti'],
  ['Qırmızı Körpü sərhəd-keçid məntəqəsi', 'Dövlət Sərhəd Xidməti'],
  ['Samur sərhəd-keçid məntəqəsi', 'Dövlət Sərhəd Xidməti'],
  ['Biləsuvar sərhəd-keçid məntəqəsi', 'Dövlət Sərhəd Xidməti'],
  ['Bakı Beynəlxalq Dəniz Ticarət Limanı', 'Dövlət Sərhəd Xidməti'],
  ['Bakı, Yasamal rayonu, tikinti sahəsi', 'Dövlət Miqrasiya Xidməti'],
  ['Sumqayıt, bazar ərazisi', 'Dövlət Miqrasiya Xidməti'],
  ['Bakı, Binəqədi rayonu', 'Daxili İşlər Nazirliyi — Binəqədi RPİ'],
  ['Gəncə, dəmir yolu vağzalı', 'Daxili İşlər Nazirliyi — Gəncə ŞPİ'],
];
const propertyItems = ['Mobil telefon', 'Pul (manat)', 'Pul (ABŞ dolları)', 'Çanta', 'Qol saatı', 'Bank kartı', 'Telefon şarj cihazı', 'Üzük', 'Açarlar', 'Siqaret'];
const examiners = ['Dr. S. Əliyeva', 'Dr. N. Hüseynova', 'Dr. F. Məmmədov', 'Dr. G. Rzayeva', 'Dr. T. Babayev'];

/** Asylum requests in the person's own words and language (docs/domain.md §5 rule 9: any words, any language). */
const asylumWords: Record<string, [string, string][]> = {
  AFG: [
    ['من پناهندگی می‌خواهم، نمی‌توانم به افغانستان برگردم.', 'fa'],
    ['اگر برگردم طالبان مرا می‌کشند. کمک می‌خواهم.', 'fa'],
    ['زه پناه غواړم، بېرته نشم تلای.', 'ps'],
  ],
  IRN: [
    ['درخواست پناهندگی دارم. در ایران جانم در خطر است.', 'fa'],
    ['نمی‌خواهم به ایران برگردم، مرا زندانی می‌کنند.', 'fa'],
  ],
  SYR: [['أطلب اللجوء، حياتي في خطر إذا عدت إلى سوريا.', 'ar']],
  IRQ: [['أريد الحماية، لا أستطيع العودة إلى العراق.', 'ar']],
  TJK: [
    ['Ман паноҳандагӣ мехоҳам, ба ватан баргашта наметавонам.', 'tg'],
    ['Прошу убежища. Дома меня посадят.', 'ru'],
  ],
  UZB: [['Прошу убежища, мне нельзя возвращаться — меня там преследуют.', 'ru']],
  RUS: [['Прошу политического убежища. На родине мне грозит преследование.', 'ru']],
  PAK: [['مجھے پناہ چاہیے، واپس جانا میری جان کے لیے خطرہ ہے۔', 'ur']],
  TUR: [['Sığınma talep ediyorum, ülkeme dönersem hayatım tehlikede.', 'tr']],
  GEO: [['Прошу убежища.', 'ru']],
  KGZ: [['Баш калкалоо сурайм. Мекениме кайта албайм.', 'ky']],
  BGD: [['আমি আশ্রয় চাই, দেশে ফিরলে আমার বিপদ।', 'bn']],
  IND: [['I want asylum. I cannot go back, they will kill me.', 'en']],
  '': [['Я прошу защиты, у меня нет никакого гражданства.', 'ru']],
};

const referralReasons: Record<ReferralType, string> = {
  child_nrm: 'Müşayiətsiz uşaq — AQUPDK-ya (uşaq NRM) və qəyyumluq orqanına göndəriş',
  thb_nrm: 'İnsan alveri əlamətləri — Milli Yönləndirmə Mexanizmi (NK qərarı 123/2009)',
  asylum: 'Sığınacaq istəyi — Qaçqın statusunun müəyyən edilməsi şöbəsinə',
  medical: 'Ciddi xəstəlik / travma — tibbi müayinə və müalicə',
  unhcr: 'BMT QAK ilə əlaqə (şəxsin istəyi ilə)',
  iom_avr: 'BMqT — könüllü qayıdış proqramı',
};

/** Keyed by outcome; a string record, as the outcome list grows with the sections of issue #15 (a transfer that arrives). */
const exitBasis: Record<string, string> = {
  released_term_expired: 'Saxlanma müddəti bitdi — azad etmə protokolu',
  released_decision: 'Məhkəmə qərarı ilə azad edildi',
  expelled: 'İnzibati qaydada ölkədən çıxarılma qərarı icra edildi',
  deported_readmission: 'Readmissiya sazişi əsasında təhvil verildi',
  avr_iom: 'BMqT vasitəsilə könüllü qayıdış',
  transferred_shelter: 'İnsan alveri qurbanları üçün sığınacağa köçürüldü',
  transferred_child_care: 'Uşaq müəssisəsinə köçürüldü (qəyyumluq orqanının qərarı)',
  transferred_hospital: 'Xəstəxanaya köçürüldü',
  transferred_criminal_custody: 'Cinayət işi üzrə istintaq təcridxanasına köçürüldü',
  refugee_status: 'Qaçqın statusu verildi — azad edildi',
  died: 'Vəfat etdi — prokurorluğa və konsulluğa məlumat verildi',
  escaped: 'Qaçma — polisə məlumat verildi',
  departed_voluntarily: 'Ölkəni könüllü tərk etdi',
  regularised: 'Yaşayış icazəsi verildi — azad edildi',
  thb_residence_permit: 'Müvəqqəti yaşayış icazəsi verildi — azad edildi',
  transferred_centre: 'Başqa yerləşdirmə mərkəzinə köçürüldü',
};

const receivers: Partial<Record<OutcomeType, string>> = {
  expelled: 'Dövlət Sərhəd Xidməti',
  deported_readmission: 'Dövlət Sərhəd Xidməti (readmissiya)',
  avr_iom: 'BMqT Azərbaycan nümayəndəliyi',
  transferred_shelter: 'İnsan alveri qurbanları üçün sığınacaq',
  transferred_child_care: 'Bakı şəhəri uşaq evi',
  transferred_hospital: 'Respublika Klinik Xəstəxanası',
  transferred_criminal_custody: 'Bakı İstintaq Təcridxanası',
};

function staffName(r: Prng): string {
  return `${r.pick(staffInitials)} ${r.pick(staffSurnames)}`;
}

function handover(r: Prng, body: string): Handover {
  return {
    body,
    officerPosition: r.pick(['inspektor', 'baş inspektor', 'sahə müvəkkili', 'növbətçi']),
    officerRank: r.pick(['leytenant', 'baş leytenant', 'kapitan', 'mayor']),
    officerName: staffName(r),
    serviceId: `${body.startsWith('Dövlət Sərhəd') ? 'DSX' : body.startsWith('Dövlət Miqrasiya') ? 'DMX' : 'DİN'}-${r.digits(5)}`,
    signed: r.chance(0.97),
  };
}

// ——— Who the person is ———

function birthFor(r: Prng, now: number, female: boolean): { ms: number | null; estimated: boolean; basis?: string } {
  if (r.chance(0.02)) return { ms: null, estimated: false };
  const kind = r.next();
  // ~5% children (mostly teenagers), ~3% over 60, the rest working-age adults.
  const age = kind < 0.05 ? r.int(r.chance(0.8) ? 14 : 6, 17) : kind < 0.08 ? r.int(60, 76) : Math.round(18 + Math.abs(r.next() + r.next() + r.next() - 1.5) * 22 + (female ? 1 : 0));
  const estimated = r.chance(age < 18 ? 0.35 : 0.1);
  const ms = now - age * 365.25 * DAY - r.int(0, 364) * DAY;
  if (estimated) {
    // An estimate is written as 1 January of the estimated year, as registers do.
    const year = new Date(ms).getUTCFullYear();
    return { ms: Date.UTC(year, 0, 1), estimated: true, basis: r.pick(['Şəxsin öz sözlərinə əsasən; sənəd yoxdur', 'Xarici görünüşə görə təxmini', 'Qohumun ifadəsi əsasında']) };
  }
  return { ms, estimated: false };
}

function documentsFor(r: Prng, origin: Origin, stateless: boolean, child: boolean, now: number): IdentityDocument[] {
  const verification = () => r.weighted({ verified: 50, unverified: 36, doubtful: 10, false: 4 });
  const held = () => (r.chance(0.5) ? `Q-${r.int(2023, 2026)}-${r.digits(5)}` : undefined);
  if (stateless) {
    return r.chance(0.5) ? [{ type: 'other', series: 'SSRİ', number: `${r.digits(6)}`, verification: verification(), heldReceipt: held() }] : [{ type: 'none', verification: 'unverified' }];
  }
  const docs: IdentityDocument[] = [];
  const kind = r.next();
  const state = origin.nationality;
  if (child && kind < 0.5) docs.push({ type: 'birth_certificate', number: `${r.hex(2).toUpperCase()}-${r.digits(6)}`, issuingState: state, verification: verification() });
  else if (kind < 0.7) {
    docs.push({
      type: 'passport',
      series: r.hex(2).toUpperCase().replace(/[0-9]/g, 'P'),
      number: r.digits(7),
      issuingState: state,
      validUntil: dateOf(now + r.int(-700, 3000) * DAY),
      verification: verification(),
      heldReceipt: held(),
    });
  } else if (kind < 0.75) docs.push({ type: 'border_document', number: r.digits(8), issuingState: state, verification: verification() });
  else if (kind < 0.78) docs.push({ type: 'other', number: `ID-${r.digits(9)}`, issuingState: state, verification: verification() });
  else docs.push({ type: 'none', verification: 'unverified' });
  return docs;
}

/** The person a record is about; for a duplicate, the same person as `duplicateOf`, written otherwise. */
export function profile(seed: number, index: number, now: number, firstIndex: number): Profile {
  if (isDuplicate(seed, index, firstIndex)) {
    const r = new Prng(seed, index, Stream.Profile);
    // The earlier record is a nearby, non-duplicate person of the same run.
    const shown = showcaseOf(index, firstIndex)?.duplicateOf;
    let of = shown !== undefined ? firstIndex + shown : index - r.int(1, Math.min(200, index - firstIndex));
    while (of > firstIndex && isDuplicate(seed, of, firstIndex)) of--;
    const original = profile(seed, of, now, firstIndex);
    return duplicateProfile(r, original, index, now);
  }
  const r = new Prng(seed, index, Stream.Profile);
  const shown = showcaseOf(index, firstIndex);
  const stateless = shown?.stateless ?? r.chance(0.02);
  let origin = stateless ? statelessOrigin : shown?.nationality ? origins.find((o) => o.nationality === shown.nationality)! : pickOrigin(r);
  if (origin.nationality === 'GEO' && r.chance(0.12)) origin = georgianAzerbaijani;
  const female = shown?.female ?? r.chance(origin.nationality === 'RUS' || origin.nationality === 'UZB' ? 0.3 : 0.15);
  const name = composeName(r, origin, female);
  const birth = shown?.age !== undefined ? { ms: now - (shown.age + 0.4) * 365.25 * DAY, estimated: false } : birthFor(r, now, female);
  const aliases: string[] = [];
  // A Russian-language document (common along the northern route) leaves the Cyrillic spelling behind.
  if (origin.script !== 'cyrillic' && r.chance(0.12)) aliases.push(name.russian);
  if (r.chance(0.04)) aliases.push(composeName(r, origin, female).latin);
  let nationalities = stateless ? [] : [origin.nationality];
  if (!stateless && r.chance(0.03)) nationalities = [...nationalities, r.pick(['RUS', 'TUR', 'IRN', 'UZB'].filter((n) => n !== origin.nationality))];
  // Nationality claimed but not established: recorded as unknown, not as stateless.
  if (!stateless && r.chance(0.01)) nationalities = [];
  const child = birth.ms !== null && now - birth.ms < 18 * 365.25 * DAY;
  const details: PersonDetails = {
    names: { original: name.original, latin: name.latin, patronymic: name.patronymic, aliases },
    sex: r.chance(0.003) ? 'other' : female ? 'female' : 'male',
    birth: birth.ms === null ? undefined : { date: dateOf(birth.ms), estimated: birth.estimated, basis: birth.basis },
    nationalities,
    stateless,
    languages: [...r.pick(origin.languages)],
  };
  return { index, origin, female, name, details, duplicateOf: null, documents: documentsFor(r, origin, stateless, child, now) };
}

function duplicateProfile(r: Prng, original: Profile, index: number, now: number): Profile {
  const d = original.details;
  const forms = otherScriptForms(original.name, original.origin).filter((f) => f !== d.names.original && f !== d.names.latin);
  const originalName = forms.length ? r.pick(forms) : otherSpelling(r, original.name);
  let birth = d.birth;
  if (birth && r.chance(0.4)) {
    // Registered the first time without papers: the year was estimated.
    const year = Number(birth.date.slice(0, 4)) + r.int(-1, 1);
    birth = { date: `${year}-01-01`, estimated: true, basis: 'Şəxsin öz sözlərinə əsasən; sənəd yoxdur' };
  }
  const details: PersonDetails = {
    names: { original: originalName, latin: otherSpelling(r, original.name), aliases: [] },
    sex: d.sex,
    birth,
    nationalities: r.chance(0.8) ? d.nationalities : [],
    stateless: d.stateless,
    languages: r.chance(0.5) ? ['ru'] : d.languages,
  };
  if (details.names.latin === originalName && forms.length > 1) details.names.original = forms.find((f) => f !== details.names.latin) ?? originalName;
  return {
    index,
    origin: original.origin,
    female: original.female,
    name: original.name,
    details,
    duplicateOf: original.index,
    documents: r.chance(0.6) ? [{ type: 'none', verification: 'unverified' }] : documentsFor(r, original.origin, d.stateless, false, now),
  };
}

// ——— What happened to them ———

interface Flags {
  child: boolean;
  unaccompanied: boolean;
  ageInDoubt: boolean;
  trafficking: boolean;
  asylum: boolean;
  torture: boolean;
  disability: boolean;
  pregnancy: boolean;
  illness: boolean;
  older: boolean;
  sogi: boolean;
}

function flagsFor(r: Prng, p: Profile, atMs: number, forced: Partial<Flags> = {}): Flags {
  const birth = p.details.birth ? Date.parse(`${p.details.birth.date}T00:00:00Z`) : null;
  const age = birth === null ? null : (atMs - birth) / (365.25 * DAY);
  const child = age !== null && age < 18;
  const young = age !== null && age < 21;
  const protectionOrigins = ['AFG', 'IRN', 'SYR', 'IRQ', ''];
  return {
    child,
    unaccompanied: child && r.chance(0.45),
    ageInDoubt: (child && p.details.birth?.estimated === true) || (young && !child && r.chance(0.12)),
    trafficking: r.chance(p.female ? 0.07 : 0.012),
    asylum: r.chance(protectionOrigins.includes(p.origin.nationality) ? 0.16 : 0.03),
    torture: r.chance(0.03),
    disability: r.chance(0.02),
    pregnancy: p.female && age !== null && age >= 17 && age <= 43 && r.chance(0.06),
    illness: r.chance(0.035),
    older: age !== null && age >= 60,
    sogi: r.chance(0.004),
    ...forced,
  };
}

function pickTarget(r: Prng): TargetState {
  return r.weighted({ CLOSED: 66, ACTIVE: 14, EXTENSION_PENDING: 4, RELEASE_DUE: 3, EXIT_PENDING: 6, DECISION_PENDING: 7 });
}

function decisionFor(r: Prng, regime: Regime, atMs: number, termEndMs: number, extension = false): Decision {
  const court = regime === 'forced_court';
  return {
    issuingBody: court ? r.pick(courts) : 'Dövlət Miqrasiya Xidməti',
    officialPosition: court ? 'hakim' : r.pick(['şöbə rəisi', 'rəis müavini']),
    officialRank: court ? undefined : r.pick(['miqrasiya xidməti polkovniki', 'miqrasiya xidməti mayoru']),
    officialName: staffName(r),
    basis: court
      ? extension
        ? 'Saxlanma müddətinin uzadılması — çıxarılma qərarının icrası davam edir'
        : 'Ölkədən inzibati qaydada çıxarılma qərarının icrasınadək saxlanma'
      : regime === 'voluntary_expulsion'
        ? 'Ölkədən çıxarılma qərarı olan şəxsin ərizəsi əsasında könüllü yerləşdirmə (NK 267/2008)'
        : 'Sığınacaq axtaran şəxsin ərizəsi əsasında könüllü yerləşdirmə (3 aya qədər)',
    date: dateOf(atMs - (r.chance(0.5) ? DAY : 0)),
    number: court ? `${r.int(2, 4)}(${r.int(100, 199)})-${r.int(100, 9999)}/${new Date(atMs).getUTCFullYear()}` : `DMX-${r.digits(5)}`,
    termEnd: iso(termEndMs),
  };
}

function medicalFor(r: Prng, atMs: number): Medical {
  const injuries = r.chance(0.05);
  const complaint = r.chance(0.03);
  return {
    at: iso(atMs),
    examiner: r.pick(examiners),
    visibleInjuries: injuries,
    injuriesDescription: injuries ? r.pick(['Sol qolda göyərmə', 'Alında sıyrıq', 'Bilək nahiyəsində qandal izləri', 'Sağ gözün ətrafında hematoma']) : undefined,
    illTreatmentComplaint: complaint,
    complaintDescription: complaint ? r.pick(['Saxlanma zamanı döyüldüyünü bildirir', 'Sərhəddə ona qarşı güc tətbiq edildiyini deyir', 'Жаловался на избиение при задержании']) : undefined,
  };
}

interface EpisodePlan {
  target: TargetState;
  apprehendedAt: number;
  /** Null while DECISION_PENDING (and for an episode closed before any decision). */
  admittedAt: number | null;
  lateAdmission: boolean;
  regime: Regime;
  termEnd: number;
  exitAt: number | null;
}

/** Times of one episode that ends in `target` at `now`, not starting before `notBefore`. */
function planEpisode(r: Prng, target: TargetState, now: number, notBefore: number, notAfter: number, endBy = now - HOUR): EpisodePlan {
  const regime: Regime = r.weighted({ forced_court: 76, voluntary_expulsion: 14, voluntary_protection: 10 });
  const term = (admitted: number) => admitted + (regime === 'voluntary_protection' ? r.int(30, 90) : regime === 'voluntary_expulsion' ? 30 : r.pick([30, 30, 45, 60, 90])) * DAY;
  const span = (lo: number, hi: number) => Math.max(notBefore, now - hi) + r.next() * Math.max(HOUR, Math.min(notAfter, now - lo) - Math.max(notBefore, now - hi));
  switch (target) {
    case 'DECISION_PENDING': {
      const apprehendedAt = now - r.int(1, 70) * HOUR - r.int(0, 59) * 60_000;
      return { target, apprehendedAt, admittedAt: null, lateAdmission: false, regime, termEnd: 0, exitAt: null };
    }
    case 'ACTIVE': {
      const admittedAt = now - r.int(2, 80 * 24) * HOUR;
      let termEnd = term(admittedAt);
      while (termEnd <= now + 2 * DAY) termEnd += 30 * DAY;
      return { target, apprehendedAt: admittedAt - r.int(1, 20) * HOUR, admittedAt, lateAdmission: false, regime, termEnd, exitAt: null };
    }
    case 'EXTENSION_PENDING': {
      const termEnd = now + r.int(6, 10 * 24) * HOUR;
      const admittedAt = termEnd - r.pick([30, 45, 60]) * DAY;
      return { target, apprehendedAt: admittedAt - r.int(1, 20) * HOUR, admittedAt, lateAdmission: false, regime: 'forced_court', termEnd, exitAt: null };
    }
    case 'RELEASE_DUE': {
      // The term ended and nobody has recorded an extension or the release yet.
      const termEnd = now - r.int(1, 96) * HOUR;
      const admittedAt = termEnd - r.pick([30, 45, 60]) * DAY;
      return { target, apprehendedAt: admittedAt - r.int(1, 20) * HOUR, admittedAt, lateAdmission: false, regime, termEnd, exitAt: null };
    }
    case 'EXIT_PENDING': {
      const admittedAt = now - r.int(5, 100) * DAY;
      let termEnd = term(admittedAt);
      while (termEnd <= now + DAY) termEnd += 30 * DAY;
      return { target, apprehendedAt: admittedAt - r.int(1, 20) * HOUR, admittedAt, lateAdmission: false, regime, termEnd, exitAt: null };
    }
    case 'CLOSED': {
      const apprehendedAt = span(6 * DAY, HISTORY_DAYS * DAY);
      const neverAdmitted = r.chance(0.04);
      const lateAdmission = !neverAdmitted && r.chance(0.1);
      const admittedAt = neverAdmitted ? null : apprehendedAt + (lateAdmission ? r.int(20, 47) : r.int(1, 12)) * HOUR;
      const start = admittedAt ?? apprehendedAt;
      const termEnd = admittedAt === null ? 0 : term(admittedAt);
      // Most stays are short (removal within weeks); a few drag on for months.
      const held = neverAdmitted ? r.int(4, 46) * HOUR : Math.round((2 + 160 * r.next() ** 2) * DAY);
      const exitAt = Math.min(now - HOUR, endBy, start + held);
      return { target, apprehendedAt, admittedAt, lateAdmission, regime, termEnd, exitAt: Math.max(exitAt, start + 2 * HOUR) };
    }
  }
}

/** Who does what: intake and routine steps by registrars and duty officers, checks by the head. */
function routine(r: Prng): StaffRole {
  return r.chance(0.7) ? 'registrar' : 'duty';
}

export function story(seed: number, index: number, now: number, firstIndex: number): Story {
  const p = profile(seed, index, now, firstIndex);
  const r = new Prng(seed, index, Stream.Timeline);
  const steps: Step[] = [];
  const person = index;
  const add = (s: DistributiveOmit<Step, 'person'>) => steps.push({ person, ...s });

  // A duplicate is an earlier record of someone registered again later under another spelling.
  let plans: EpisodePlan[];
  if (p.duplicateOf !== null) {
    const original = story(seed, p.duplicateOf, now, firstIndex);
    const firstSeen = Math.min(...original.steps.filter((s) => s.kind === 'intake').map((s) => s.at));
    const window = firstSeen - 14 * DAY - (now - HISTORY_DAYS * DAY);
    const from = window > 20 * DAY ? now - HISTORY_DAYS * DAY : now - 2 * HISTORY_DAYS * DAY;
    plans = [planEpisode(r, 'CLOSED', now, from, firstSeen - 14 * DAY, firstSeen - 7 * DAY)];
    // A registrar later notices the two records and merges them (about a third of the time).
    if (r.chance(0.35))
      add({
        kind: 'merge',
        at: Math.min(now - 30_000, firstSeen + r.int(2, 72) * HOUR),
        actor: 'registrar',
        into: p.duplicateOf,
        reason: 'Eyni şəxs: doğum tarixi, vətəndaşlıq və adın başqa yazılışı üst-üstə düşür',
      });
  } else {
    const last = planEpisode(r, showcaseOf(index, firstIndex)?.target ?? pickTarget(r), now, now - HISTORY_DAYS * DAY, now);
    last.regime = showcaseOf(index, firstIndex)?.regime ?? last.regime;
    plans = [last];
    // Some are detained again: an earlier, closed episode before this one.
    if (r.chance(0.08) && last.apprehendedAt - (now - HISTORY_DAYS * DAY) > 60 * DAY) {
      plans.unshift(planEpisode(r, 'CLOSED', now, now - HISTORY_DAYS * DAY, last.apprehendedAt - 30 * DAY, last.apprehendedAt - 7 * DAY));
    }
  }

  let asylumClaims = 0;
  let lastScreeningAt = 0;
  let hasGuardian = false;
  let everTrafficking = false;
  plans.forEach((plan, n) => {
    const episode = `${index}:e${n}`;
    const [place, authority] = r.pick(places);
    const apprehension: Apprehension = { at: iso(plan.apprehendedAt), place, authority };
    const flags = flagsFor(r, p, plan.apprehendedAt, showcaseOf(index, firstIndex)?.flags);
    let admitted: Admission | null = null;
    const admission = (admittedAt: number): Admission =>
      (admitted = {
        regime: plan.regime,
        decision: decisionFor(r, plan.regime, admittedAt, plan.termEnd),
        admittedAt: iso(admittedAt),
        handover: handover(r, authority.startsWith('Daxili') ? 'Daxili İşlər Nazirliyi' : authority),
        medical: r.chance(0.88) ? medicalFor(r, Math.min(now - 60_000, admittedAt + r.int(10, 300) * 60_000)) : undefined,
        property: Array.from({ length: r.int(0, 3) }, () => ({ item: r.pick(propertyItems), quantity: r.chance(0.85) ? 1 : r.int(2, 50) })),
      }) satisfies Admission;
    const admittedInIntake = plan.admittedAt !== null && !plan.lateAdmission;
    const intakeAt = admittedInIntake ? plan.admittedAt! : Math.min(now - 30_000, plan.apprehendedAt + r.int(10, 90) * 60_000);
    add({
      kind: 'intake',
      at: intakeAt,
      actor: routine(r),
      episode,
      newPerson: n === 0,
      documents: n === 0 ? p.documents : [],
      apprehension,
      admission: admittedInIntake ? admission(plan.admittedAt!) : undefined,
    });
    if (plan.admittedAt !== null && plan.lateAdmission) add({ kind: 'admit', at: plan.admittedAt, actor: routine(r), episode, apprehension, admission: admission(plan.admittedAt) });
    // Nothing about the episode can be recorded before the intake that opened it.
    const start = Math.max(plan.admittedAt ?? plan.apprehendedAt, intakeAt);

    // The exit is fixed first, so that nothing below lands after it. A stay longer than the term was
    // extended by a new decision, or ended by release on the day the term ran out (MC 2025).
    let termEnd = plan.termEnd;
    let exitAt = plan.exitAt;
    // The exit is planned after the last extension: a planned exit takes the episode out of the states an extension needs.
    let lastExtensionAt = 0;
    if (exitAt !== null && plan.admittedAt !== null) {
      while (termEnd <= exitAt) {
        if (r.chance(0.25)) {
          exitAt = Math.min(now - 60_000, termEnd + r.int(0, 360) * 60_000);
          break;
        }
        const requested = termEnd - r.int(2, 6) * DAY;
        if (requested > plan.admittedAt) add({ kind: 'requestExtension', at: requested, actor: 'registrar', episode, note: 'Müddət bitmədən uzadılma üçün məhkəməyə müraciət' });
        const decidedAt = Math.max(requested + HOUR, termEnd - DAY, plan.admittedAt + HOUR);
        const next = termEnd + r.pick([30, 60]) * DAY;
        add({ kind: 'extend', at: decidedAt, actor: 'registrar', episode, decision: decisionFor(r, plan.regime, decidedAt, next, true) });
        lastExtensionAt = Math.max(decidedAt, requested);
        termEnd = next;
      }
    }
    const end = Math.min(now, exitAt ?? now);
    const within = (fromMs: number, lo: number, hi: number) => Math.min(end - 60_000, fromMs + lo + r.next() * (hi - lo));

    // Screening within 24 h of admission mostly; some late, some never (these show as overdue).
    const shown = showcaseOf(index, firstIndex) !== undefined;
    const screened = shown || (plan.admittedAt !== null ? r.chance(0.93) : r.chance(0.3));
    let claim: string | undefined;
    if (screened) {
      const at = within(start, HOUR, r.chance(0.9) ? 20 * HOUR : 60 * HOUR);
      if (at > start) {
        const words = flags.asylum && (shown || r.chance(0.7)) ? r.pick(asylumWords[p.origin.nationality] ?? asylumWords['']!) : null;
        if (words) claim = `${index}:c${asylumClaims++}`;
        const screening: Screening = {
          at: iso(at),
          ageInDoubt: flags.ageInDoubt,
          unaccompaniedOrSeparated: flags.unaccompanied,
          traffickingIndicators: flags.trafficking,
          asylumWords: words?.[0],
          asylumWordsLanguage: words?.[1],
          tortureOrTrauma: flags.torture,
          disability: flags.disability,
          pregnancy: flags.pregnancy,
          seriousIllness: flags.illness,
          olderAge: flags.older,
          sogiRisk: flags.sogi,
          notes: r.chance(0.1) ? r.pick(['Tərcüməçi ilə aparıldı', 'Şəxs yorğun idi, təkrar söhbət planlaşdırılıb', 'С переводчиком по телефону']) : undefined,
        };
        add({ kind: 'screen', at, actor: routine(r), episode, screening, claim });
        lastScreeningAt = at;
        everTrafficking ||= flags.trafficking;

        const referral = (type: ReferralType, at0: number, stages: number) => {
          const ref = `${index}:r${steps.length}`;
          add({ kind: 'refer', at: at0, actor: routine(r), episode, referral: ref, type, reason: referralReasons[type] });
          let t = at0;
          const declined = r.chance(0.1);
          const path: ('sent' | 'accepted' | 'declined' | 'outcome')[] = declined ? ['sent', 'declined'] : ['sent', 'accepted', 'outcome'];
          for (const stage of path.slice(0, stages)) {
            const next = within(t, HOUR, 5 * DAY);
            if (next <= t) break;
            t = next;
            add({ kind: 'progressReferral', at: t, actor: routine(r), referral: ref, progress: { stage, at: iso(t), note: stage === 'outcome' ? 'Cavab alındı' : undefined } });
          }
        };
        if (flags.ageInDoubt) {
          const t = Math.max(at, within(at, 2 * HOUR, 3 * DAY));
          const child = flags.child || r.chance(0.4);
          const lo = child ? r.int(14, 17) : r.int(18, 20);
          add({
            kind: 'assessAge',
            at: t,
            actor: routine(r),
            assessment: {
              at: iso(t),
              method: r.weighted({ documents: 2, interview: 6, medical: 2 }),
              assessor: r.pick(['Psixoloq L. Quliyeva', 'Dr. F. Məmmədov', 'Sosial işçi A. Kərimova']),
              minAge: lo,
              maxAge: lo + r.int(0, 2),
              notes: 'Şübhə olduqda uşaq kimi davranılır',
            },
          });
        }
        if (flags.unaccompanied && flags.child) {
          if (!hasGuardian && r.chance(0.8)) {
            const t = Math.max(at, within(at, 2 * HOUR, r.chance(0.8) ? 20 * HOUR : 4 * DAY));
            add({
              kind: 'appointGuardian',
              at: t,
              actor: 'registrar',
              guardian: {
                appointedAt: iso(t),
                authority: 'Nəsimi rayon İcra Hakimiyyəti — qəyyumluq və himayə orqanı',
                name: `${r.pick(['Günel', 'Aytən', 'Rauf', 'Elnur'])} ${r.pick(staffSurnames)}`,
                contact: `+994 12 ${r.int(400, 599)} ${r.digits(2)} ${r.digits(2)}`,
              },
            });
            hasGuardian = true;
          }
          if (r.chance(0.85)) referral('child_nrm', Math.max(at, within(at, HOUR, 12 * HOUR)), r.int(1, 3));
        }
        if (flags.trafficking && r.chance(0.85)) referral('thb_nrm', Math.max(at, within(at, HOUR, 20 * HOUR)), r.int(1, 3));
        if ((flags.illness || flags.torture || flags.pregnancy) && r.chance(0.6)) referral('medical', Math.max(at, within(at, HOUR, 2 * DAY)), r.int(0, 3));
        if (claim && r.chance(0.3)) referral(r.chance(0.5) ? 'unhcr' : 'asylum', Math.max(at, within(at, HOUR, 2 * DAY)), r.int(1, 2));
      }
    }
    // Asylum asked for at the border, recorded by whoever heard it.
    if (!claim && flags.asylum && r.chance(0.5)) {
      const words = r.pick(asylumWords[p.origin.nationality] ?? asylumWords['']!);
      claim = `${index}:c${asylumClaims++}`;
      const at = Math.min(end - 60_000, plan.apprehendedAt + r.int(5, 120) * 60_000);
      // Said at the border, written down once the person is on the register (with the time it was said).
      add({
        kind: 'express',
        at: Math.max(at, intakeAt + 1000),
        actor: r.pick(['duty', 'lawyer', 'registrar'] as const),
        episode,
        claim,
        expression: { at: iso(at), place: 'border', words: words[0], language: words[1] },
      });
    }
    let granted = false;
    if (claim) {
      const expressedAt = steps.find((s) => (s.kind === 'screen' || s.kind === 'express') && s.claim === claim)!.at;
      // Forwarded the same day (docs/domain.md §5 rule 9) — mostly; the rest show as overdue.
      if (r.chance(0.88)) {
        let t = within(expressedAt, 30 * 60_000, r.chance(0.9) ? 6 * HOUR : 3 * DAY);
        if (t > expressedAt) {
          add({ kind: 'forward', at: t, actor: 'registrar', claim, forward: { at: iso(t), reference: `QSMŞ-${new Date(t).getUTCFullYear()}-${r.digits(5)}` } });
          const grant = r.chance(0.3);
          const path: { status: 'REGISTERED' | 'DECIDED' | 'APPEAL' | 'FINAL'; decision?: 'granted' | 'refused' }[] = [
            { status: 'REGISTERED' },
            { status: 'DECIDED', decision: grant ? 'granted' : 'refused' },
          ];
          if (!grant && r.chance(0.5)) path.push({ status: 'APPEAL' });
          path.push({ status: 'FINAL', decision: grant || r.chance(0.2) ? 'granted' : 'refused' });
          const taken = plan.target === 'CLOSED' ? path.length : r.int(0, path.length - 1);
          for (const change of path.slice(0, taken)) {
            const next = within(t, DAY, 25 * DAY);
            if (next <= t) break;
            t = next;
            add({ kind: 'asylumStatus', at: t, actor: 'registrar', claim, change: { ...change, at: iso(t) } });
            if (change.status === 'FINAL') granted = change.decision === 'granted';
          }
        }
      }
    }

    // Removal needs a cleared non-refoulement check made after the latest protection fact, and is
    // never planned for anyone who asked for asylum, shows trafficking indicators, is a child, or has
    // no state to go to.
    const removalPossible = asylumClaims === 0 && !everTrafficking && p.details.nationalities.length > 0 && !flags.child;
    const clearCheck = (before: number, g: Prng = r) => {
      const lo = Math.max(lastScreeningAt, start);
      const at = Math.max(lo + 60_000, Math.min(before - 60_000, before - g.int(1, 48) * HOUR));
      add({
        kind: 'nrCheck',
        at: Math.min(at, before - 30_000),
        actor: 'head',
        episode,
        check: { at: iso(Math.min(at, before - 30_000)), result: 'cleared', basis: 'Geri göndərilmə halında təqib, işgəncə və ya həyat təhlükəsi riski müəyyən edilməyib; sığınacaq istəyi yoxdur' },
      });
    };

    // The stay itself (issue #15): contacts, complaints, discipline, health and property, each on its own stream.
    const lastEpisode = n === plans.length - 1;
    const force: StayForce = { ...(lastEpisode ? showcaseOf(index, firstIndex)?.stay : undefined) };
    const stayStreams = (part: number) => new Prng(seed, index, Stream.Stay, n, part);
    const x = new Prng(seed, index, Stream.ExitOutcome, n);
    const ageAt = (ms: number) => (p.details.birth ? (ms - Date.parse(`${p.details.birth.date}T00:00:00Z`)) / (365.25 * DAY) : null);
    const stay: StayContext = {
      index,
      profile: p,
      episode,
      now,
      start,
      admission: admitted,
      regime: plan.regime,
      child: flags.child,
      surelyAdult: !flags.child && !flags.ageInDoubt && (ageAt(start) ?? 0) >= 19,
      illness: flags.illness || flags.torture || flags.pregnancy,
      protection: asylumClaims > 0 || everTrafficking || granted || flags.asylum || flags.trafficking,
      force,
    };
    const held: StayState = { items: [], lastTakenAt: 0, refs: 0 };
    const stayAdd = (s0: DistributiveOmit<Step, 'person'>) => add(s0);

    let exitPlannedAt = now;
    if (plan.target === 'EXIT_PENDING') {
      let planned: OutcomeType = removalPossible ? r.weighted({ expelled: 5, deported_readmission: 2, avr_iom: 2 }) : r.chance(0.6) ? 'released_decision' : 'transferred_hospital';
      exitPlannedAt = Math.max(start + HOUR, lastScreeningAt + 2 * HOUR, now - r.int(2, 96) * HOUR);
      if (removalPossible && r.chance(0.8)) clearCheck(exitPlannedAt);
      if (planned === 'avr_iom')
        add({ kind: 'refer', at: exitPlannedAt - 60_000, actor: 'registrar', episode, referral: `${index}:r${steps.length}`, type: 'iom_avr', reason: referralReasons.iom_avr });
      // A hospital is a stay, not an exit (issue #15 §4): the person is in hospital now, still held, the court's release awaited.
      if (planned === 'transferred_hospital') {
        planned = 'released_decision';
        force.hospitalNow = true;
      }
      add({ kind: 'scheduleExit', at: exitPlannedAt, actor: 'registrar', episode, plannedAt: iso(now + r.int(-48, 240) * HOUR), plannedOutcome: planned });
      pendingPath(x, stay, planned, exitPlannedAt, stayAdd);
    }
    const closeAt = plan.target === 'CLOSED' ? Math.max(exitAt!, lastScreeningAt + 2 * 60_000) : null;
    const stayEnd = closeAt === null ? now : closeAt - start > 12 * HOUR ? closeAt - 6 * HOUR : closeAt - 10 * 60_000;
    duringStay(stayStreams, stay, held, start, stayEnd, stayAdd);
    if (force.hospitalNow) inHospitalNow(x, stay, held, stayAdd);

    // A monthly review while the term runs (once the term is over the episode is RELEASE_DUE and
    // reviews are refused).
    if (plan.admittedAt !== null && plan.target !== 'CLOSED' && plan.target !== 'RELEASE_DUE') {
      for (let t = plan.admittedAt + 29 * DAY; t < Math.min(now - HOUR, termEnd, exitPlannedAt - 60_000); t += 30 * DAY) {
        if (r.chance(0.85))
          add({
            kind: 'review',
            at: t,
            actor: 'head',
            episode,
            conclusion: r.chance(0.9) ? 'continue' : 'release_recommended',
            notes: r.chance(0.3) ? 'Çıxarılma sənədləri hələ hazır deyil' : undefined,
          });
      }
    }
    if (plan.target === 'EXTENSION_PENDING') {
      add({
        kind: 'requestExtension',
        at: Math.max(start + HOUR, Math.min(now - HOUR, termEnd - r.int(1, 5) * DAY)),
        actor: 'registrar',
        episode,
        note: 'Çıxarılma qərarının icrası üçün əlavə müddət lazımdır',
      });
    }

    if (plan.target === 'CLOSED') {
      let at = closeAt!;
      let outcome: OutcomeType;
      if (plan.admittedAt !== null && at >= termEnd) outcome = 'released_term_expired';
      else if (granted) outcome = 'refugee_status';
      else if (plan.admittedAt === null) outcome = 'released_decision';
      else if (flags.trafficking) outcome = r.chance(0.7) ? 'transferred_shelter' : 'released_decision';
      else if (flags.child) outcome = flags.unaccompanied ? 'transferred_child_care' : 'released_decision';
      else if (flags.illness && r.chance(0.4)) outcome = 'transferred_hospital';
      else {
        outcome = r.weighted({ released_decision: 20, expelled: 36, deported_readmission: 12, avr_iom: 14, transferred_criminal_custody: 2, died: 0.2, escaped: 0.6 });
        if ((outcome === 'expelled' || outcome === 'deported_readmission' || outcome === 'avr_iom') && !removalPossible) outcome = 'released_decision';
      }
      // The draws below keep the order they had before issue #15, so stories written then stay as they were.
      const drawn = outcome;
      const removal = drawn === 'expelled' || drawn === 'deported_readmission' || drawn === 'avr_iom';
      if (removal) {
        clearCheck(at);
        if (drawn === 'avr_iom')
          add({ kind: 'refer', at: Math.max(lastScreeningAt, start) + 30_000, actor: 'registrar', episode, referral: `${index}:r${steps.length}`, type: 'iom_avr', reason: referralReasons.iom_avr });
        // Whether the exit was planned ahead was drawn here; every pathway now plans it (scripts/seed/stay.ts exitPath).
        r.chance(0.6);
      }
      const closer = routine(r);
      const drawnOfficer = receivers[drawn] ? `${r.pick(['kapitan', 'baş leytenant', 'koordinator'])} ${staffName(r)}` : undefined;
      const convoy = removal && drawn !== 'avr_iom' ? `DMX konvoyu, ${r.int(2, 3)} nəfər` : undefined;
      const notes = r.chance(0.1) ? 'Şəxsi əşyalar tam qaytarıldı' : undefined;

      // Issue #15 §6, on the exit's own stream: a hospital is a stay, not an exit (the court released the
      // person after it); some releases are a residence permit, some removals a departure on the person's
      // own; a trafficking victim may get the temporary permit. The showcase forces one of each.
      if (outcome === 'transferred_hospital') outcome = 'released_decision';
      else if (outcome === 'released_decision' && plan.admittedAt !== null && x.chance(0.1)) outcome = 'regularised';
      else if (outcome === 'expelled' && x.chance(0.12)) outcome = 'departed_voluntarily';
      if (everTrafficking && plan.admittedAt !== null && (outcome === 'transferred_shelter' || outcome === 'released_decision') && x.chance(0.35)) outcome = 'thb_residence_permit';
      // A person the court never placed leaves without a pathway: released when the placement is refused or
      // dropped (main/services/exits.ts assertExitPathway), a child to care, a presumed victim to a shelter.
      if (plan.admittedAt === null)
        outcome = flags.child ? 'transferred_child_care' : everTrafficking ? 'transferred_shelter' : outcome === 'transferred_criminal_custody' ? outcome : 'released_decision';
      const want = force.exit;
      if (want && plan.admittedAt !== null) {
        const removalWanted = want === 'expelled' || want === 'deported_readmission' || want === 'avr_iom';
        if (want === 'released_term_expired') {
          if (at < termEnd && termEnd + 7 * HOUR <= now) at = termEnd + x.int(0, 360) * 60_000;
          if (at >= termEnd) outcome = want;
        } else if (!removalWanted || removalPossible) outcome = want;
      }
      const removalNow = outcome === 'expelled' || outcome === 'deported_readmission' || outcome === 'avr_iom';
      if (removalNow && !removal) {
        clearCheck(at, x);
        if (outcome === 'avr_iom')
          add({ kind: 'refer', at: Math.max(lastScreeningAt, start) + 30_000, actor: 'registrar', episode, referral: `${index}:r${steps.length}`, type: 'iom_avr', reason: referralReasons.iom_avr });
      }
      if (outcome === 'released_decision' && plan.admittedAt !== null && (force.appeal || x.chance(0.05))) releaseByAppeal(x, stay, held, at, stayAdd);
      if (outcome === 'died') {
        death(x, stay, held, at, stayAdd);
        return;
      }
      // Nothing is planned before the last extension or the latest screening (the non-refoulement check's basis).
      const final = plan.admittedAt === null ? { outcome, at } : exitPath(x, stay, held, { outcome, at }, Math.max(lastExtensionAt, lastScreeningAt, start), stayAdd);
      const receiver = receivers[final.outcome];
      const leaves = final.outcome === 'expelled' || final.outcome === 'deported_readmission' || final.outcome === 'avr_iom' || final.outcome === 'departed_voluntarily';
      add({
        kind: 'close',
        at: final.at,
        // The trafficking victim's permit is protection data: the head records it (core/exits.ts restrictedOutcomes).
        actor: final.outcome === 'thb_residence_permit' ? 'head' : closer,
        episode,
        exit: {
          type: final.outcome,
          at: iso(final.at),
          basis: exitBasis[final.outcome] ?? final.outcome,
          receivingBody: receiver,
          receivingOfficer: receiver ? (drawnOfficer ?? `koordinator ${staffName(x)}`) : undefined,
          destinationCountry: leaves ? p.details.nationalities[0] : undefined,
          escort: final.outcome === 'expelled' || final.outcome === 'deported_readmission' ? (convoy ?? `DMX konvoyu, ${x.int(2, 3)} nəfər`) : undefined,
          notes,
        },
      });
    }
  });

  // Steps of one person happen in order; the stable sort keeps same-instant steps in written order.
  steps.sort((a, b) => a.at - b.at);
  return { profile: p, steps };
}
