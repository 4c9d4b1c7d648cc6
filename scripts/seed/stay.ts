import { answerDueAt, type ComplaintAddressee, type ComplaintLodge, type AppealFile, type AppealHearing, type AppealOutcomeRecord } from '../../core/complaints';
import type { Contact, ContactCategory, ContactReview } from '../../core/contacts';
import type { AppealOutcome as MeasureAppealOutcome, Breach, Decision as MeasureDecision, Hearing as MeasureHearing, MeasureType, Notice } from '../../core/discipline';
import { measureDays } from '../../core/discipline';
import type { OutcomeType, Regime } from '../../core/episode';
import { pathwayOfOutcome, stateBurialFrom, type BodyRecord, type Death, type ExitPathway, type ExitStep } from '../../core/exits';
import { exitExamOwed, type BodyRegion, type HospitalAdmission, type Injury, type InjuryReport, type MedicalVisit } from '../../core/health';
import type { PropertyAcknowledgement, Release } from '../../core/property';
import { receiptNeedsInterpreter } from '../../core/property';
import { defaultSettings } from '../../core/settings';
import { addCalendarDays, localDate } from '../../core/time';
import type { Prng } from './prng';
import type { Admission, DistributiveOmit, Profile, StaffRole, Step } from './stories';

/**
 * The weeks and months of a stay (issue #15): outside contacts, requests and complaints, appeals against
 * the placement, discipline, property, health, the exit pathway's steps and, very rarely, a death in
 * custody. Each part draws from its own stream (stories.ts `Stream`), so adding one never reshuffles the
 * stories written before it, and every step lands between the episode's start and its exit, never after
 * the seed's `now`.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const TZ = defaultSettings.timeZone === 'Asia/Baku' ? defaultSettings.timeZone : 'Asia/Baku';
const local = (ms: number) => localDate(ms, TZ);

/** New kinds of step, each one call of a section's handler (play-api.ts) or the events it appends (write-events.ts). */
export type StayStep =
  | { kind: 'contact'; episode: string; ref: string; contact: Contact }
  | { kind: 'contactReview'; ref: string; review: ContactReview }
  | { kind: 'complaint'; episode: string; ref: string; complaint: ComplaintLodge }
  | { kind: 'complaintForward'; ref: string; forward: { at: string; via?: string } }
  | { kind: 'complaintAnswer'; ref: string; answer: { at: string; from: string; text: string } }
  | { kind: 'complaintEscalate'; episode: string; ref: string; newRef: string; original: ComplaintLodge; escalation: { addressee: ComplaintAddressee; receivedAt: string; note?: string } }
  | { kind: 'appeal'; episode: string; ref: string; appeal: AppealFile }
  | { kind: 'appealHearing'; ref: string; hearing: AppealHearing }
  | { kind: 'appealDecision'; ref: string; outcome: AppealOutcomeRecord }
  | { kind: 'breach'; episode: string; ref: string; breach: Breach }
  | { kind: 'disciplineHearing'; ref: string; hearing: MeasureHearing }
  | { kind: 'disciplineDecision'; ref: string; decision: MeasureDecision; officerName: string }
  | { kind: 'disciplineNotice'; ref: string; notice: Notice }
  | { kind: 'disciplineAppeal'; ref: string; appeal: { filedAt: string; to: string } }
  | { kind: 'disciplineAppealOutcome'; ref: string; outcome: MeasureAppealOutcome }
  | { kind: 'disciplineDrop'; ref: string; drop: { at: string; reason: string } }
  | { kind: 'propertyItems'; episode: string; ref: string; record: PropertyRecord }
  | { kind: 'propertyAck'; episode: string; items: string[]; acknowledgement: PropertyAcknowledgement }
  | { kind: 'propertyRelease'; episode: string; items: string[]; release: Release }
  | { kind: 'medicalVisit'; episode: string; visit: MedicalVisit }
  | { kind: 'exitExamNotDone'; episode: string; notDone: { at: string; reason: string } }
  | { kind: 'hospitalAdmit'; episode: string; ref: string; stay: HospitalAdmission }
  | { kind: 'hospitalReturn'; ref: string; returnedAt: string }
  | { kind: 'injury'; episode: string; ref: string; injury: Injury }
  | { kind: 'injuryReport'; ref: string; report: InjuryReport }
  | { kind: 'exitStep'; episode: string; pathway: ExitPathway; step: ExitStep }
  | { kind: 'death'; episode: string; death: Death }
  | {
      kind: 'deathNotice';
      episode: string;
      notification: {
        recipient: 'family' | 'consul' | 'prosecutor' | 'ombudsman';
        at: string;
        toWhom: string;
        channel: 'in_person' | 'phone' | 'letter' | 'email' | 'diplomatic_note' | 'other';
        reference?: string;
      };
    }
  | { kind: 'body'; episode: string; body: BodyRecord };

/** What property.recordItems takes, in its parsed form (quantity given, so both paths append the same payload). */
export interface PropertyRecord {
  takenAt: string;
  source: 'admission' | 'later';
  reason?: string;
  items: { kind: 'item' | 'money'; description: string; quantity: number; amount?: string; currency?: string; storage?: string }[];
}

export type Emit = (s: DistributiveOmit<Step, 'person'>) => void;

/** What the showcase forces on a person's last episode, so a small set shows every kind at least once. */
export interface StayForce {
  exit?: OutcomeType;
  lawyerRefused?: boolean;
  allContacts?: boolean;
  complaints?: ComplaintAddressee[];
  staffComplaint?: boolean;
  appeal?: boolean;
  discipline?: boolean;
  hospitalNow?: boolean;
  hospitalStay?: boolean;
  injuryNotSeen?: boolean;
  followUp?: boolean;
}

/** One episode as the stay's parts need it. */
export interface StayContext {
  index: number;
  profile: Profile;
  episode: string;
  now: number;
  /** When the episode's records may start (the admission, or the intake that opened it). */
  start: number;
  admission: Admission | null;
  regime: Regime;
  child: boolean;
  /** An adult whose age is not in doubt (isolation is never imposed on a child, nor on someone who may be one). */
  surelyAdult: boolean;
  illness: boolean;
  protection: boolean;
  force: StayForce;
}

/** The episode's running state the exit needs: the property held and an open hospital stay. */
export interface StayState {
  items: string[];
  /** An appeal against the placement is on record (one is enough). */
  appealed?: boolean;
  lastTakenAt: number;
  refs: number;
}

const staffInitials = ['R.', 'E.', 'A.', 'S.', 'T.', 'F.', 'N.', 'K.', 'V.'];
const staffSurnames = ['Quliyev', 'Məmmədov', 'Həsənov', 'Əliyev', 'Hüseynov', 'Abbasov', 'Kərimov', 'Rzayev', 'Babayev'];
const officer = (r: Prng) => `${r.pick(['baş inspektor', 'inspektor', 'növbətçi'])} ${r.pick(staffInitials)} ${r.pick(staffSurnames)}`;
const clinicians = ['Dr. S. Əliyeva', 'Dr. N. Hüseynova', 'Dr. F. Məmmədov', 'Dr. G. Rzayeva', 'Feldşer T. Babayev'];
const lawyers = ['Vəkil Ə. Sadıqov', 'Vəkil L. Mirzəyeva', 'Vəkil R. Kazımlı', 'Vəkil N. Orucova'];
const relatives = [
  ['qardaşı', 'brother'],
  ['bacısı', 'sister'],
  ['həyat yoldaşı', 'spouse'],
  ['anası', 'mother'],
  ['əmisi oğlu', 'cousin'],
  ['dostu', 'friend'],
] as const;

/** A Poisson count with mean `mean`, capped: visits, calls and consultations over a stay. */
function poisson(r: Prng, mean: number, cap: number): number {
  if (mean <= 0) return 0;
  const l = Math.exp(-Math.min(mean, 30));
  let k = 0;
  let p = 1;
  for (;;) {
    p *= r.next();
    if (p <= l || k >= cap) return k;
    k++;
  }
}

/** The first language the person speaks, and whether forms in it need an interpreter at this centre. */
const languageOf = (p: Profile) => p.details.languages[0] ?? 'ru';
const centreSpeaks = (l: string) => l === 'az' || l === 'ru' || l === 'tr';
const interpreters = ['Tərcüməçi M. Nəzərova', 'Tərcüməçi H. Rəhimi', 'Tərcüməçi Ş. Əhmədi', 'Tərcüməçi O. Karimov'];

// ——— §1 Outside contacts ———

function contacts(r: Prng, c: StayContext, s: StayState, from: number, to: number, emit: Emit): void {
  if (to - from < 2 * HOUR) return;
  const weeks = (to - from) / WEEK;
  const at = () => from + r.next() * (to - from);
  const ref = () => `${c.episode}:k${s.refs++}`;
  const family = r.pick(relatives);
  const familyName = `${c.profile.name.latin.split(' ')[0] ?? 'X'} (${family[1]})`;
  const visit = (category: ContactCategory, who: string, relation: string | undefined, t: number, minutes: number, supervised: boolean, note?: string) =>
    emit({
      kind: 'contact',
      at: t,
      actor: r.chance(0.7) ? 'duty' : 'registrar',
      episode: c.episode,
      ref: ref(),
      contact: {
        kind: 'visit',
        category,
        who: { name: who, relation },
        at: iso(t),
        durationMinutes: minutes,
        supervision: supervised ? 'supervised' : 'private',
        supervisedBy: supervised ? officer(r) : undefined,
        outcome: 'took_place',
        note,
      },
    });
  const refused = (category: ContactCategory, who: string, t: number, basis: 'visiting_hours' | 'capacity' | 'identity_not_verified' | 'security', reason: string) => {
    const k = ref();
    emit({
      kind: 'contact',
      at: t,
      actor: 'duty',
      episode: c.episode,
      ref: k,
      contact: { kind: 'visit', category, who: { name: who }, at: iso(t), outcome: 'refused', refusal: { reason, basis, by: officer(r) } },
    });
    return k;
  };
  const remote = (kind: 'call' | 'letter' | 'parcel', category: ContactCategory, who: string, relation: string | undefined, t: number) =>
    emit({
      kind: 'contact',
      at: t,
      actor: 'duty',
      episode: c.episode,
      ref: ref(),
      contact: {
        kind,
        category,
        who: { name: who, relation },
        direction: kind === 'parcel' ? 'in' : r.chance(0.6) ? 'out' : 'in',
        at: iso(t),
        ...(kind === 'call' ? { durationMinutes: r.int(3, 20), supervision: r.chance(0.8) ? ('private' as const) : ('supervised' as const) } : {}),
        outcome: 'took_place',
      },
    });
  const fix = (e: Contact) => (e.supervision === 'supervised' && !e.supervisedBy ? { ...e, supervisedBy: officer(r) } : e);
  const call = (category: ContactCategory, who: string, relation: string | undefined, t: number) => {
    const k = ref();
    const contact = fix({
      kind: 'call',
      category,
      who: { name: who, relation },
      direction: r.chance(0.6) ? 'out' : 'in',
      at: iso(t),
      durationMinutes: r.int(3, 20),
      supervision: r.chance(0.85) ? 'private' : 'supervised',
      outcome: 'took_place',
    });
    emit({ kind: 'contact', at: t, actor: 'duty', episode: c.episode, ref: k, contact });
  };

  // Family: most people phone home every week or so; visits, letters and parcels for those with people nearby.
  if (c.force.allContacts || r.chance(0.75)) {
    const n = Math.max(c.force.allContacts ? 1 : 0, poisson(r, 0.9 * weeks, 10));
    for (let i = 0; i < n; i++) call('family', familyName, family[0], at());
    if (c.force.allContacts || r.chance(0.35)) {
      const v = Math.max(c.force.allContacts ? 1 : 0, poisson(r, 0.3 * weeks, 4));
      for (let i = 0; i < v; i++) {
        const t = at();
        if (!c.force.allContacts && r.chance(0.05))
          refused('family', familyName, t, r.pick(['visiting_hours', 'capacity', 'identity_not_verified'] as const), 'Görüş saatından kənar gəldi; növbəti görüş günü bildirildi');
        else visit('family', familyName, family[0], t, r.int(20, 60), r.chance(0.8));
      }
      const letters = Math.max(c.force.allContacts ? 1 : 0, poisson(r, 0.1 * weeks, 3));
      for (let i = 0; i < letters; i++) remote('letter', 'family', familyName, family[0], at());
      const parcels = Math.max(c.force.allContacts ? 1 : 0, poisson(r, 0.15 * weeks, 3));
      for (let i = 0; i < parcels; i++) remote('parcel', 'family', familyName, family[0], at());
    }
  }
  // A defender: about a third see one (the legal-aid card records the state-appointed one's contacts).
  if (c.force.allContacts || c.force.lawyerRefused || r.chance(0.3)) {
    const lawyer = r.pick(lawyers);
    const n = r.int(1, 3);
    for (let i = 0; i < n; i++) {
      const t = at();
      if (r.chance(0.4)) call('lawyer', lawyer, undefined, t);
      else visit('lawyer', lawyer, undefined, t, r.int(30, 90), false);
    }
    // Very rarely a defender is turned away: recorded, flagged, and reviewed by the head the same day.
    if (c.force.lawyerRefused || r.chance(0.01)) {
      const t = from + r.next() * Math.max(HOUR, to - from - 6 * HOUR);
      const k = refused('lawyer', lawyer, t, 'security', 'Vəkilin vəsiqəsi yoxlanılana qədər görüşə buraxılmadı');
      if (r.chance(0.85)) {
        const rt = Math.min(to - MINUTE, c.now - MINUTE, t + r.int(1, 5) * HOUR);
        if (rt > t)
          emit({
            kind: 'contactReview',
            at: rt,
            actor: 'head',
            ref: k,
            review: { at: iso(rt), finding: 'Vəsiqə təsdiq edildi; növbətçiyə göstəriş verildi, görüş həmin gün təşkil olundu', visitArranged: true },
          });
      }
    }
  }
  // The consul: only for someone with a state to ask, and never for a protection case without consent.
  if (!c.protection && c.profile.details.nationalities.length > 0 && (c.force.allContacts || r.chance(0.15))) {
    visit('consul', `${c.profile.details.nationalities[0]} konsulluğu — ${r.pick(['konsul', 'konsul müavini', 'attaşe'])}`, undefined, at(), r.int(20, 60), false);
  }
  if (c.protection && (c.force.allContacts || r.chance(0.4))) visit('unhcr', 'BMT QAK — hüquq məsləhətçisi', undefined, at(), r.int(30, 90), false);
  if (c.force.allContacts || r.chance(0.08))
    visit('ngo', r.pick(['Azərbaycan Qaçqınlar Cəmiyyəti', 'Hüquq Maarifləndirmə Cəmiyyəti', 'Təmiz Dünya QHT']), undefined, at(), r.int(30, 60), r.chance(0.3));
  if (c.force.allContacts || r.chance(0.04)) visit('iom', 'BMqT — könüllü qayıdış üzrə məsləhətçi', undefined, at(), r.int(30, 60), false);
  if (c.force.allContacts || r.chance(0.04)) visit('religious', r.pick(['Axund', 'Pravoslav keşiş', 'İmam']), undefined, at(), r.int(20, 45), r.chance(0.5));
  if (c.force.allContacts || r.chance(0.03)) visit('ombudsman', 'Ombudsman Aparatı — Milli Preventiv Qrup', undefined, at(), r.int(20, 60), false, 'Təkbətək müsahibə');
}

// ——— §2 Requests, complaints and appeals ———

const complaintSubjects: Record<string, [string, string]> = {
  conditions: ['conditions', 'Otaqda isitmə işləmir, gecələr soyuqdur'],
  food: ['food', 'Halal yemək verilmir'],
  health: ['health', 'Diş ağrısına görə həkimə baxılmasını xahiş edir'],
  contact: ['contact', 'Ailəsinə zəng etmək üçün əlavə vaxt istəyir'],
  property: ['property', 'Telefonundakı nömrələri köçürmək üçün telefona baxmaq istəyir'],
  legal_status: ['legal_status', 'Sığınacaq ərizəsinin nə yerdə olduğunu soruşur'],
  detention: ['detention', 'Saxlanmanın qanunsuz olduğunu bildirir, azad edilməsini tələb edir'],
};
const addressees: Record<ComplaintAddressee, string> = {
  centre_head: 'Mərkəzin rəisi',
  sms: 'Dövlət Miqrasiya Xidməti',
  ombudsman: 'Ombudsman Aparatı',
  court: 'Bakı İnzibati Məhkəməsi',
  prosecutor: 'Bakı şəhər prokurorluğu',
};

function complaints(r: Prng, c: StayContext, s: StayState, from: number, to: number, emit: Emit): void {
  if (!c.admission || to - from < DAY) return;
  const weeks = (to - from) / WEEK;
  const forced = c.force.complaints ?? [];
  const n = forced.length + poisson(r, Math.min(0.08 * weeks, 1), 3) + (c.force.staffComplaint ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const staff = (c.force.staffComplaint && i === n - 1) || (i >= forced.length && r.chance(0.04));
    const addressee: ComplaintAddressee =
      i < forced.length ? forced[i]! : staff ? r.pick(['centre_head', 'ombudsman', 'prosecutor'] as const) : r.weighted({ centre_head: 50, sms: 15, ombudsman: 15, prosecutor: 10, court: 10 });
    const [category, subject] = staff ? ['treatment_by_staff', 'Növbətçinin ona qarşı kobud davrandığını və itələdiyini bildirir'] : r.pick(Object.values(complaintSubjects));
    const lodgedBy = r.weighted({ person: 80, lawyer: 15, family: 5 });
    const received = from + r.next() * (to - from - 2 * HOUR);
    const complaint: ComplaintLodge = {
      kind: category === 'health' || category === 'contact' || category === 'property' ? 'request' : 'complaint',
      category: category as ComplaintLodge['category'],
      subject,
      lodgedBy,
      lodgedByName: lodgedBy === 'lawyer' ? r.pick(lawyers) : lodgedBy === 'family' ? 'Qardaşı' : undefined,
      receivedAt: iso(received),
      addressee,
      ...(staff ? { aboutStaff: { named: `Növbətçi ${r.pick(staffInitials)} ${r.pick(staffSurnames)}`, userIds: [] } } : {}),
    };
    const ref = `${c.episode}:q${s.refs++}`;
    emit({ kind: 'complaint', at: received, actor: r.chance(0.7) ? 'registrar' : 'duty', episode: c.episode, ref, complaint });
    // Only the head may act on a complaint about staff (the others may not read it).
    const handler: StaffRole = staff ? 'head' : 'registrar';
    let reached = received;
    if (addressee !== 'centre_head') {
      const late = r.chance(0.08);
      const f = received + (late ? r.int(26, 72) : r.int(1, 20)) * HOUR + r.int(0, 59) * MINUTE;
      if (f >= to || f > c.now - MINUTE || r.chance(0.03)) continue;
      emit({ kind: 'complaintForward', at: f, actor: handler, ref, forward: { at: iso(f), via: r.pick(['Poçt', 'Elektron poçt', 'Kuryer']) } });
      reached = f;
    }
    const due = answerDueAt({ addressee, receivedAt: iso(received), forwardedAt: addressee === 'centre_head' ? null : iso(reached) }, defaultSettings);
    const fate = r.weighted({ onTime: 70, late: 15, open: 15 });
    if (fate === 'open') continue;
    const a = fate === 'onTime' ? reached + r.next() * (due - reached) * 0.9 : due + r.int(1, 12) * DAY;
    // An answer may come after the person left, but never after now.
    if (a > c.now - MINUTE) continue;
    emit({
      kind: 'complaintAnswer',
      at: a,
      actor: handler,
      ref,
      answer: { at: iso(a), from: addressees[addressee], text: r.pick(['Müraciət təmin edildi', 'Müraciət araşdırıldı, pozuntu aşkar edilmədi', 'Tələb qismən təmin edildi; izahat verildi']) },
    });
    // Now and then an answer does not satisfy, and the person takes it to the ombudsman.
    if (addressee !== 'ombudsman' && r.chance(0.06)) {
      const e = a + r.int(1, 10) * DAY;
      if (e < to && e < c.now - MINUTE) {
        const newRef = `${c.episode}:q${s.refs++}`;
        emit({
          kind: 'complaintEscalate',
          at: e,
          actor: handler,
          episode: c.episode,
          ref,
          newRef,
          original: complaint,
          escalation: { addressee: 'ombudsman', receivedAt: iso(e), note: 'Cavabla razı deyil' },
        });
      }
    }
  }
  // An appeal to the court against the placement (forced placements only): most are upheld.
  if (c.regime === 'forced_court' && ((c.force.appeal && c.force.exit !== 'released_decision') || r.chance(0.1))) appeal(r, c, s, from, to, emit, r.weighted({ upheld: 80, other: 10, pending: 10 }));
}

/** An appeal against the placement decision: filed, heard once or twice, decided (or pending). Returns when it was decided. */
function appeal(r: Prng, c: StayContext, s: StayState, from: number, to: number, emit: Emit, outcome: 'upheld' | 'other' | 'pending' | 'release_ordered'): number | null {
  const filed = Math.min(to - 2 * DAY, from + r.int(1, 6) * DAY);
  if (filed <= from) return null;
  const ref = `${c.episode}:a${s.refs++}`;
  s.appealed = true;
  const court = r.pick(['Nəsimi Rayon Məhkəməsi', 'Bakı Apellyasiya Məhkəməsi', 'Yasamal Rayon Məhkəməsi']);
  emit({ kind: 'appeal', at: filed, actor: 'registrar', episode: c.episode, ref, appeal: { decision: 'placement', filedAt: iso(filed), court, note: 'Vəkil vasitəsilə şikayət' } });
  const span = Math.min(to, c.now) - filed;
  const hearings = r.int(1, 2);
  let last = filed;
  for (let h = 0; h < hearings; h++) {
    const t = filed + span * ((h + 1) / (hearings + 1.5));
    if (local(t) <= local(last) && h > 0) break;
    const next = h + 1 < hearings ? local(filed + span * ((h + 2) / (hearings + 1.5))) : undefined;
    emit({
      kind: 'appealHearing',
      at: t,
      actor: 'registrar',
      ref,
      hearing: { on: local(t), result: h + 1 < hearings ? 'İş təxirə salındı — sənədlər tələb edildi' : 'Tərəflər dinlənildi', ...(next && next > local(t) ? { nextOn: next } : {}) },
    });
    last = t;
  }
  if (outcome === 'pending') return null;
  const d = last + r.int(1, 6) * HOUR;
  if (d >= to || d > c.now - MINUTE) return null;
  const texts = {
    upheld: 'Şikayət təmin edilmədi — saxlanma qanunidir',
    other: 'İş yenidən baxılmaq üçün birinci instansiyaya qaytarıldı',
    release_ordered: 'Saxlanma qərarı ləğv edildi — dərhal azad edilsin',
  };
  emit({ kind: 'appealDecision', at: d, actor: 'registrar', ref, outcome: { outcome, at: iso(d), note: texts[outcome] } });
  return d;
}

// ——— §3 Discipline ———

function discipline(r: Prng, c: StayContext, s: StayState, from: number, to: number, emit: Emit): void {
  if (!c.admission || to - from < 3 * DAY) return;
  const weeks = (to - from) / WEEK;
  if (!c.force.discipline && !r.chance(Math.min(0.08, 0.02 + 0.01 * weeks))) return;
  const occurred = from + r.next() * (to - from - 2 * DAY);
  const detected = occurred + r.int(0, 6) * HOUR;
  const inquiry = !c.force.discipline && r.chance(0.1);
  const [what, ruleText] = r.pick([
    ['Yataq otağında siqaret çəkib', 'Daxili intizam qaydaları, 4.2 — siqaret yalnız ayrılmış yerdə'],
    ['Başqa saxlanılan şəxslə dalaşıb', 'Daxili intizam qaydaları, 3.1 — zorakılıq'],
    ['Gecə yoxlamasında yerində olmayıb', 'Daxili intizam qaydaları, 5.4 — gündəlik rejim'],
    ['Əmlaka qəsdən ziyan vurub (pəncərə şüşəsi)', 'Daxili intizam qaydaları, 6.2 — əmlakın qorunması'],
  ] as const);
  const ref = `${c.episode}:d${s.refs++}`;
  emit({
    kind: 'breach',
    at: detected + 20 * MINUTE,
    actor: 'duty',
    episode: c.episode,
    ref,
    breach: { what, rule: ruleText, occurredAt: iso(occurred), detectedAt: iso(detected), place: r.pick(['Yataq korpusu, 2-ci mərtəbə', 'Yeməkxana', 'Həyət']), inquiry },
  });
  if (!c.force.discipline && r.chance(0.15)) {
    const t = detected + r.int(2, 48) * HOUR;
    if (t < to && t < c.now) emit({ kind: 'disciplineDrop', at: t, actor: 'head', ref, drop: { at: iso(t), reason: 'Pozuntu sübut olunmadı; şəxslə söhbət aparıldı' } });
    return;
  }
  const language = languageOf(c.profile);
  const heard = detected + r.int(2, 30) * HOUR;
  if (heard >= to || heard > c.now - MINUTE) return;
  const viaInterpreter = !centreSpeaks(language);
  emit({
    kind: 'disciplineHearing',
    at: heard,
    actor: 'duty',
    ref,
    hearing: {
      at: iso(heard),
      language: viaInterpreter ? 'az' : language,
      ...(viaInterpreter ? { interpreterName: r.pick(interpreters), interpreterLanguage: language } : {}),
      statement: r.pick(['Günahını etiraf edir, təkrar olmayacağını deyir', 'Dalaşmanı digər şəxsin başladığını bildirir', 'Qaydanı bilmədiyini deyir']),
    },
  });
  const inquiryDone = inquiry ? detected + r.int(3, 12) * DAY : undefined;
  const decided = Math.max(heard, inquiryDone ?? 0) + r.int(1, inquiry ? 48 : 40) * HOUR;
  if (decided >= to || decided > c.now - MINUTE) return;
  const measure: MeasureType = r.weighted(
    c.surelyAdult ? { warning: 50, reprimand: 30, restriction_of_privileges: 17, isolation: 3 } : { warning: 55, reprimand: 30, restriction_of_privileges: 15, isolation: 0 },
  );
  const startsOn = local(decided);
  const days = measure === 'isolation' ? r.int(1, 5) : measure === 'restriction_of_privileges' ? r.int(3, 14) : 1;
  const endsOn = addCalendarDays(startsOn, days - 1);
  emit({
    kind: 'disciplineDecision',
    at: decided,
    actor: 'head',
    ref,
    officerName: 'Mərkəzin rəisi R. Hüseynova',
    decision: {
      measureType: measure,
      decisionNo: `İT-${new Date(decided).getUTCFullYear()}-${c.index}-${s.refs}`,
      decidedAt: iso(decided),
      ...(inquiryDone !== undefined ? { inquiryCompletedAt: iso(inquiryDone) } : {}),
      startsOn,
      endsOn,
      reasons: 'Şəxs dinlənildi; pozuntunun xarakteri və şəxsin davranışı nəzərə alındı (MC 90.5)',
    },
  });
  const noticeAt = decided + (r.chance(0.9) ? r.int(5, 50) * MINUTE : r.int(2, 8) * HOUR);
  if (noticeAt >= to || noticeAt > c.now - MINUTE) return;
  emit({ kind: 'disciplineNotice', at: noticeAt, actor: 'duty', ref, notice: { copyHandedAt: iso(noticeAt), appealExplainedAt: iso(noticeAt), language } });
  if (c.force.discipline || r.chance(0.12)) {
    const filed = noticeAt + r.int(1, 3) * DAY;
    if (filed >= to || filed > c.now - MINUTE) return;
    emit({ kind: 'disciplineAppeal', at: filed, actor: 'registrar', ref, appeal: { filedAt: iso(filed), to: r.pick(['Ombudsman Aparatı', 'Dövlət Miqrasiya Xidməti', 'Nəsimi Rayon Məhkəməsi']) } });
    const decidedAppeal = filed + r.int(5, 20) * DAY;
    if (decidedAppeal > c.now - MINUTE || !r.chance(0.7)) return;
    const lasting = measureDays(startsOn, endsOn) > 1;
    const outcome = r.weighted(lasting ? { upheld: 60, annulled: 20, changed: 20 } : { upheld: 75, annulled: 25, changed: 0 });
    emit({
      kind: 'disciplineAppealOutcome',
      at: decidedAppeal,
      actor: 'registrar',
      ref,
      outcome: { outcome, decidedAt: iso(decidedAppeal), ...(outcome === 'changed' ? { endsOn: addCalendarDays(startsOn, Math.max(0, days - 1 - r.int(1, days - 1))) } : {}) },
    });
  }
}

// ——— §5 Property ———

const storages = ['Seyf №1', 'Əşya anbarı, rəf 3', 'Əşya anbarı, rəf 7'];

function propertyAtAdmission(r: Prng, c: StayContext, s: StayState, to: number, emit: Emit): void {
  const a = c.admission;
  if (!a) return;
  const admitted = Date.parse(a.admittedAt);
  a.property.forEach((_, i) => s.items.push(`${c.episode}#adm${i}`));
  s.lastTakenAt = admitted;
  // Money goes in the safe against the person's signature; most arrive with some.
  const taken = admitted + r.int(5, 40) * MINUTE;
  if (r.chance(0.65) && taken < to && taken < c.now - MINUTE) {
    const ref = `${c.episode}:p${s.refs++}`;
    const currency = r.weighted({ AZN: 4, USD: 4, RUB: 2, EUR: 1 });
    const record: PropertyRecord = {
      takenAt: iso(taken),
      source: 'admission',
      items: [{ kind: 'money', description: 'Nağd pul', quantity: 1, amount: String(r.int(5, 900)), currency, storage: storages[0] }],
    };
    if (r.chance(0.3)) record.items.push({ kind: 'item', description: r.pick(['Pasport üzlüyü', 'Qulaqlıq', 'Kəmər', 'Eynək']), quantity: 1, storage: r.pick(storages) });
    emit({ kind: 'propertyItems', at: taken, actor: 'registrar', episode: c.episode, ref, record });
    record.items.forEach((_, i) => s.items.push(`${ref}:${i}`));
    s.lastTakenAt = taken;
  }
  if (s.items.length === 0) return;
  // The person signs the inventory; a receipt in a language the centre has no wording for is read by an interpreter.
  const at = s.lastTakenAt + r.int(5, 30) * MINUTE;
  if (at >= to || at > c.now - MINUTE) return;
  const language = languageOf(c.profile);
  const ack = r.weighted({ signature: 90, mark: 7, refused: 3 });
  emit({
    kind: 'propertyAck',
    at,
    actor: 'registrar',
    episode: c.episode,
    items: [...s.items],
    acknowledgement: {
      at: iso(at),
      acknowledgement: ack === 'refused' ? { kind: 'refused', witness: officer(r) } : { kind: ack },
      language,
      ...(receiptNeedsInterpreter(language) ? { interpreterName: r.pick(interpreters) } : {}),
    },
  });
}

/** A parcel with something not allowed inside, kept until the person leaves. */
function propertyLater(r: Prng, c: StayContext, s: StayState, from: number, to: number, emit: Emit): void {
  if (!c.admission || to - from < 2 * DAY || !r.chance(0.04)) return;
  const taken = from + r.next() * (to - from - DAY);
  const ref = `${c.episode}:p${s.refs++}`;
  const record: PropertyRecord = {
    takenAt: iso(taken),
    source: 'later',
    reason: 'Bağlamada icazə verilməyən əşya',
    items: [{ kind: 'item', description: r.pick(['Ülgüc', 'Şüşə qabda ədviyyat', 'Kəsici alət']), quantity: 1, storage: storages[1] }],
  };
  emit({ kind: 'propertyItems', at: taken, actor: 'duty', episode: c.episode, ref, record });
  s.items.push(`${ref}:0`);
  s.lastTakenAt = Math.max(s.lastTakenAt, taken);
}

// ——— §4 Health ———

const bodyRegions: BodyRegion[] = ['head', 'face', 'chest', 'back', 'left_arm', 'right_arm', 'left_leg', 'right_hand'];

function health(r: Prng, c: StayContext, s: StayState, from: number, to: number, emit: Emit): void {
  const a = c.admission;
  if (!a || to - from < HOUR) return;
  const weeks = (to - from) / WEEK;
  const visit = (t: number, v: Omit<MedicalVisit, 'at' | 'clinician'>) =>
    emit({ kind: 'medicalVisit', at: t, actor: 'medical', episode: c.episode, visit: { at: iso(t), clinician: r.pick(clinicians), ...v } });
  // Injuries the admission examination saw are written up on the body chart.
  if (a.medical?.visibleInjuries && r.chance(0.6)) {
    const t = Math.max(from, Date.parse(a.medical.at)) + r.int(10, 120) * MINUTE;
    if (t < to && t < c.now - MINUTE)
      emit({
        kind: 'injury',
        at: t,
        actor: 'medical',
        episode: c.episode,
        ref: `${c.episode}:i${s.refs++}`,
        injury: {
          examinedAt: iso(t),
          examiner: r.pick(clinicians),
          region: r.pick(bodyRegions),
          account: 'Saxlanma zamanı yıxıldığını deyir',
          finding: a.medical.injuriesDescription ?? 'Göyərmə',
          seenAtAdmission: 'seen',
        },
      });
  }
  // Consultations: a few for most, more for the ill.
  const ill = c.illness ? 3 : 1;
  const n = Math.max(c.force.followUp ? 1 : 0, poisson(r, 0.25 * weeks * ill, 8));
  for (let i = 0; i < n; i++) {
    const t = from + r.next() * (to - from);
    const [complaint, finding, treatment] = r.pick([
      ['Baş ağrısı', 'Qan təzyiqi 150/95', 'Kaptopril 25 mq'],
      ['Diş ağrısı', 'Kariyes, diş həkiminə yönəltmə', 'Ağrıkəsici'],
      ['Öskürək, hərarət 37.8', 'Kəskin respirator infeksiya', 'Parasetamol, bol maye'],
      ['Yuxusuzluq, narahatlıq', 'Adaptasiya pozuntusu', 'Psixoloqla söhbət'],
      ['Mədə ağrısı', 'Qastrit əlamətləri', 'Omeprazol 20 mq'],
      ['Dəri səpgisi', 'Kontakt dermatit', 'Məlhəm'],
    ] as const);
    const followUp = (c.force.followUp && i === 0) || r.chance(0.2);
    const followUpOn = followUp ? addCalendarDays(local(t), r.int(3, 10)) : undefined;
    visit(t, { kind: 'visit', complaint, finding, treatment: r.chance(0.7) ? treatment : undefined, followUpOn });
    // The follow-up mostly happens on its day (one missed shows on the due-now board).
    if (followUpOn && r.chance(0.85)) {
      const ft = Date.parse(`${followUpOn}T07:00:00Z`) + r.int(0, 6) * HOUR;
      if (ft > t && ft < to && ft < c.now - MINUTE) visit(ft, { kind: 'visit', complaint: 'Təkrar baxış', finding: 'Vəziyyəti yaxşılaşıb', treatment: undefined });
    }
  }
  // A child is examined every two weeks [D 14 days] while held; now and then one is late.
  if (c.child) {
    let t = from + r.int(20, 60) * HOUR;
    while (t < to && t < c.now - MINUTE) {
      visit(t, { kind: 'child_exam', finding: r.pick(['Boy və çəki yaşa uyğundur; sağlamdır', 'Qidalanma qənaətbəxşdir; psixoloji dəstək tövsiyə edilir', 'Sağlamdır']) });
      t += (r.chance(0.92) ? r.int(10, 13) : r.int(16, 19)) * DAY + r.int(0, 8) * HOUR;
    }
  }
  // A hospital stay keeps the person held: taken with an escort, back in a few days.
  if (c.force.hospitalStay || (to - from > 4 * DAY && r.chance(c.illness ? 0.25 : 0.012))) {
    const t = from + r.next() * Math.max(HOUR, to - from - 3 * DAY);
    const ref = `${c.episode}:h${s.refs++}`;
    emit({
      kind: 'hospitalAdmit',
      at: t,
      actor: 'medical',
      episode: c.episode,
      ref,
      stay: {
        at: iso(t),
        hospital: r.pick(['Respublika Klinik Xəstəxanası', 'Bakı şəhər 1 saylı xəstəxana']),
        reason: r.pick(['Kəskin appendisit', 'Pnevmoniya', 'Hipertoniya krizi']),
        escort: 'DMX mühafizəsi, 2 nəfər',
      },
    });
    const back = t + r.int(1, 8) * DAY;
    const until = Math.min(to - DAY, c.now - MINUTE);
    emit({ kind: 'hospitalReturn', at: Math.min(back, until), actor: 'medical', ref, returnedAt: iso(Math.min(back, until)) });
  }
  // An injury not seen at admission: in custody, reported to the prosecutor and the ombudsman [D 24 h].
  if (c.force.injuryNotSeen || (to - from > 3 * DAY && r.chance(0.012))) {
    const t = from + r.next() * (to - from - HOUR);
    const ref = `${c.episode}:i${s.refs++}`;
    emit({
      kind: 'injury',
      at: t,
      actor: 'medical',
      episode: c.episode,
      ref,
      injury: {
        examinedAt: iso(t),
        examiner: r.pick(clinicians),
        region: r.pick(bodyRegions),
        locationNote: 'Təxminən 3×4 sm',
        account: r.pick(['Yataq otağında başqa şəxs vurduğunu deyir', 'Pilləkəndə yıxıldığını deyir', 'Nə baş verdiyini danışmaq istəmir']),
        finding: r.pick(['Təzə hematoma', 'Sıyrıq və şişkinlik', 'Dodaqda kəsik']),
        seenAtAdmission: 'not_seen',
      },
    });
    for (const addressee of ['prosecutor', 'ombudsman'] as const) {
      const fate = c.force.injuryNotSeen ? 'onTime' : r.weighted({ onTime: 85, late: 10, missing: 5 });
      if (fate === 'missing') continue;
      const sent = t + (fate === 'onTime' ? r.int(1, 20) : r.int(30, 72)) * HOUR;
      if (sent > c.now - MINUTE) continue;
      emit({
        kind: 'injuryReport',
        at: sent,
        actor: 'medical',
        ref,
        report: {
          addressee,
          sentTo: addressee === 'prosecutor' ? 'Bakı şəhər prokurorluğu' : 'Ombudsman Aparatı — Milli Preventiv Qrup',
          sentAt: iso(sent),
          reference: `${addressee === 'prosecutor' ? 'PR' : 'OMB'}-${new Date(sent).getUTCFullYear()}-${r.digits(4)}`,
        },
      });
    }
  }
}

/** Someone taken to hospital who is there now (the stay keeps them held, the clocks running). */
export function inHospitalNow(r: Prng, c: StayContext, s: StayState, emit: Emit): void {
  const t = Math.max(c.start + HOUR, c.now - r.int(1, 5) * DAY);
  if (t >= c.now - MINUTE) return;
  emit({
    kind: 'hospitalAdmit',
    at: t,
    actor: 'medical',
    episode: c.episode,
    ref: `${c.episode}:h${s.refs++}`,
    stay: { at: iso(t), hospital: 'Respublika Klinik Xəstəxanası', reason: 'Ağır xroniki xəstəliyin kəskinləşməsi', escort: 'DMX mühafizəsi, 2 nəfər (növbə ilə)' },
  });
}

/** Everything of the stay between `from` and `to` (the exit, or now), each part on its own stream. */
export function duringStay(streams: (part: number) => Prng, c: StayContext, s: StayState, from: number, to: number, emit: Emit): void {
  const until = Math.min(to, c.now - MINUTE);
  propertyAtAdmission(streams(0), c, s, until, emit);
  contacts(streams(1), c, s, from, until, emit);
  complaints(streams(2), c, s, from, until, emit);
  discipline(streams(3), c, s, from, until, emit);
  health(streams(4), c, s, from, until, emit);
  propertyLater(streams(5), c, s, from, until, emit);
}

// ——— §6 Every way out ———

const exitStepAt = (t: number) => ({ at: iso(t) });

/**
 * The steps before an exit: the planned exit (which opens the pathway) after the last extension, each step
 * of the pathway, the examination before leaving, and the property returned. A removal's notice comes at
 * least 48 hours before the person leaves; when the stay leaves no room for it, the exit moves later (or, if
 * that would pass now, the court releases the person instead). Returns the exit as it will be recorded.
 */
export function exitPath(
  r: Prng,
  c: StayContext,
  s: StayState,
  exit: { outcome: OutcomeType; at: number },
  notBefore: number,
  emit: Emit,
): { outcome: OutcomeType; at: number; court?: { name: string; reference: string } } {
  let outcome = exit.outcome;
  // Whole milliseconds: a step's time is written as an ISO instant, and must sort after the plan it follows.
  let at = Math.round(exit.at);
  const earliest = Math.ceil(Math.max(notBefore, c.start)) + MINUTE;
  if (pathwayOfOutcome[outcome] === 'removal' && at - earliest < 50 * HOUR) {
    const later = earliest + 50 * HOUR + r.int(0, 24) * HOUR;
    if (later <= c.now - HOUR) at = later;
    else outcome = 'released_decision';
  }
  const pathway = pathwayOfOutcome[outcome];
  const nat = c.profile.details.nationalities[0] ?? 'RUS';
  const language = languageOf(c.profile);
  let court: { name: string; reference: string } | undefined;
  if (pathway) {
    const span = { voluntary_departure: [1, 5], avr_iom: [6, 20], readmission: [7, 25], removal: [3, 7], release_term: [1, 2], release_court: [0, 0], regularisation: [4, 15], thb_permit: [4, 15] }[
      pathway
    ];
    const wanted = at - (span[0] === 0 ? r.int(1, 3) * HOUR : r.int(span[0]!, span[1]!) * DAY);
    const scheduled = Math.round(Math.max(earliest, Math.min(at - 10 * MINUTE, wanted)));
    const actor: StaffRole = pathway === 'thb_permit' ? 'head' : 'registrar';
    emit({ kind: 'scheduleExit', at: scheduled, actor, episode: c.episode, plannedAt: iso(at), plannedOutcome: outcome });
    const steps: ExitStep[] = [];
    const between = (k: number, of: number) => Math.round(scheduled + ((at - scheduled) * k) / (of + 1));
    const last = at - MINUTE;
    switch (pathway) {
      case 'voluntary_departure':
        steps.push({ kind: 'departure', ...exitStepAt(last), place: 'Heydər Əliyev Beynəlxalq Hava Limanı', flight: `J2 ${r.int(100, 999)}` });
        break;
      case 'avr_iom':
        steps.push({ kind: 'counselling', ...exitStepAt(between(1, 4)), by: 'BMqT məsləhətçisi A. Rzayeva', language });
        steps.push({ kind: 'consent', ...exitStepAt(between(2, 4)), language, informed: true, understood: true, ...(centreSpeaks(language) ? {} : { interpreter: r.pick(interpreters) }) });
        steps.push({
          kind: 'travel_document',
          ...exitStepAt(between(3, 4)),
          type: r.chance(0.6) ? 'emergency_travel_document' : 'passport',
          number: `${nat}-${r.digits(7)}`,
          issuedBy: `${nat} konsulluğu`,
        });
        steps.push({ kind: 'departure', ...exitStepAt(last), place: 'Heydər Əliyev Beynəlxalq Hava Limanı', flight: `${r.pick(['J2', 'TK', 'FZ'])} ${r.int(100, 999)}`, escort: 'BMqT əməkdaşı' });
        break;
      case 'readmission':
        steps.push({ kind: 'readmission_request', ...exitStepAt(between(1, 4)), state: nat, agreement: `Azərbaycan ilə ${nat} arasında readmissiya sazişi`, reference: `RA-${r.digits(6)}` });
        steps.push({ kind: 'readmission_acceptance', ...exitStepAt(between(2, 4)), reference: `RA-ACC-${r.digits(6)}` });
        steps.push({ kind: 'travel_document', ...exitStepAt(between(3, 4)), type: 'laissez_passer', number: `LP-${r.digits(7)}`, issuedBy: `${nat} konsulluğu` });
        steps.push({
          kind: 'handover',
          ...exitStepAt(last),
          place: r.pick(['Samur sərhəd-keçid məntəqəsi', 'Qırmızı Körpü sərhəd-keçid məntəqəsi', 'Heydər Əliyev Beynəlxalq Hava Limanı']),
          receivingOfficer: `${nat} sərhəd xidməti — mayor ${r.pick(staffSurnames)}`,
        });
        break;
      case 'removal': {
        // The notice, then the 48 hours to leave (docs/domain.md §4), then the removal.
        const notice = Math.max(scheduled + MINUTE, at - r.int(49, 96) * HOUR);
        steps.push({ kind: 'removal_notice', ...exitStepAt(Math.min(notice, at - 49 * HOUR)), language, ...(centreSpeaks(language) ? {} : { interpreter: r.pick(interpreters) }) });
        steps.push({
          kind: 'departure',
          ...exitStepAt(last),
          place: 'Heydər Əliyev Beynəlxalq Hava Limanı',
          flight: `${r.pick(['J2', 'TK', 'FZ'])} ${r.int(100, 999)}`,
          escort: `DMX konvoyu, ${r.int(2, 3)} nəfər`,
        });
        break;
      }
      case 'release_term':
        steps.push({ kind: 'release_protocol', ...exitStepAt(Math.max(scheduled, at - r.int(5, 60) * MINUTE)), number: `AP-${new Date(at).getUTCFullYear()}-${r.digits(5)}` });
        break;
      case 'release_court': {
        court = {
          name: r.pick(['Nəsimi Rayon Məhkəməsi', 'Yasamal Rayon Məhkəməsi', 'Bakı Apellyasiya Məhkəməsi']),
          reference: `${r.int(2, 4)}(${r.int(100, 199)})-${r.int(100, 9999)}/${new Date(at).getUTCFullYear()}`,
        };
        const t = Math.max(scheduled, at - r.int(10, 90) * MINUTE);
        steps.push({ kind: 'court_order', ...exitStepAt(t), court: court.name, reference: court.reference, decidedOn: local(Math.min(t, at)) });
        break;
      }
      case 'regularisation':
        steps.push({ kind: 'residence_permit', ...exitStepAt(between(1, 2)), number: `MYİ-${r.digits(8)}`, validUntil: addCalendarDays(local(at), 365) });
        steps.push({
          kind: 'registered_address',
          ...exitStepAt(between(2, 2)),
          address: `Bakı, ${r.pick(['Nəsimi', 'Yasamal', 'Xətai', 'Binəqədi'])} rayonu, ${r.pick(['Nizami', 'Füzuli', 'Azadlıq', 'Bakıxanov'])} küç. ${r.int(1, 120)}, mənzil ${r.int(1, 90)}`,
        });
        break;
      case 'thb_permit':
        steps.push({ kind: 'thb_permit', ...exitStepAt(between(1, 1)), number: `İAQ-${r.digits(7)}`, validUntil: addCalendarDays(local(at), 180) });
        break;
    }
    for (const step of steps) emit({ kind: 'exitStep', at: Date.parse(step.at), actor, episode: c.episode, pathway, step });
  }
  // Examined before leaving [GDP], or the reason recorded (a court's release on the spot).
  if (c.admission && exitExamOwed(outcome)) {
    const t = Math.max(earliest, at - r.int(1, 6) * HOUR - r.int(0, 59) * MINUTE);
    if (outcome === 'released_decision' && r.chance(0.3))
      emit({
        kind: 'exitExamNotDone',
        at: Math.min(t, at - 2 * MINUTE),
        actor: 'registrar',
        episode: c.episode,
        notDone: { at: iso(Math.min(t, at - 2 * MINUTE)), reason: 'Məhkəmə qərarı ilə dərhal azad edildi; həkim növbədə deyildi' },
      });
    else
      emit({
        kind: 'medicalVisit',
        at: Math.min(t, at - 2 * MINUTE),
        actor: 'medical',
        episode: c.episode,
        visit: {
          kind: 'exit_exam',
          at: iso(Math.min(t, at - 2 * MINUTE)),
          clinician: r.pick(clinicians),
          finding: r.pick(['Sağlamdır, səfərə yararlıdır', 'Xroniki xəstəlik; dərmanları ilə buraxılır', 'Bədəndə xəsarət yoxdur']),
        },
      });
  }
  releaseProperty(r, c, s, at - r.int(5, 50) * MINUTE, outcome, emit);
  return { outcome, at, court };
}

/** Everything the centre holds goes back: signed for, handed on, or kept with its reason. */
function releaseProperty(r: Prng, c: StayContext, s: StayState, when: number, outcome: OutcomeType | 'died', emit: Emit): void {
  if (s.items.length === 0) return;
  const at = Math.max(when, s.lastTakenAt + MINUTE);
  const release: Release =
    outcome === 'escaped'
      ? { at: iso(at), kind: 'retained', retainReason: 'person_escaped', to: 'Mərkəzin əşya anbarı — polisə məlumat verildi' }
      : outcome === 'died'
        ? { at: iso(at), kind: 'retained', retainReason: 'person_died', to: r.chance(0.6) ? 'Ailəsinə veriləcək' : 'Konsulluğa veriləcək' }
        : outcome === 'transferred_criminal_custody'
          ? { at: iso(at), kind: 'handed_over', to: 'Bakı İstintaq Təcridxanası', acknowledgement: { kind: 'signature' } }
          : { at: iso(at), kind: 'returned', acknowledgement: r.chance(0.95) ? { kind: 'signature' } : { kind: 'mark' } };
  emit({ kind: 'propertyRelease', at, actor: 'registrar', episode: c.episode, items: [...s.items], release });
  s.items = [];
}

/**
 * A death in custody (very rare): the record closes the stay; the family (when known), the consul (unless
 * protection forbids it), the prosecutor and the ombudsman are told, and the body is claimed or, after
 * 7 days unclaimed, buried by the state.
 */
export function death(r: Prng, c: StayContext, s: StayState, at: number, emit: Emit): void {
  const died = at - r.int(10, 40) * MINUTE;
  const found = at - r.int(1, 8) * MINUTE;
  const familyKnown = r.chance(0.7);
  emit({
    kind: 'death',
    at,
    actor: 'head',
    episode: c.episode,
    death: {
      diedAt: iso(died),
      place: r.pick(['Yataq korpusu, otaq 12', 'Tibb məntəqəsi', 'Həyət']),
      circumstances: 'Səhər yoxlamasında hərəkətsiz tapıldı; təcili yardım çağırıldı, ölüm qeydə alındı',
      foundBy: officer(r),
      foundAt: iso(found),
      certificate: { doctor: 'Məhkəmə-tibbi ekspert Dr. V. Qasımov', number: `ÖŞ-${r.digits(6)}`, cause: r.pick(['Kəskin ürək çatışmazlığı', 'Miokard infarktı', 'Ekspertiza davam edir']) },
      familyKnown,
    },
  });
  const tell = (recipient: 'family' | 'consul' | 'prosecutor' | 'ombudsman', after: number, toWhom: string, channel: 'phone' | 'letter' | 'diplomatic_note' | 'email') => {
    const t = died + after;
    if (t > c.now - MINUTE) return;
    emit({
      kind: 'deathNotice',
      at: t,
      actor: 'head',
      episode: c.episode,
      notification: { recipient, at: iso(t), toWhom, channel, reference: `${recipient.slice(0, 3).toUpperCase()}-${r.digits(5)}` },
    });
  };
  tell('prosecutor', r.int(20, 55) * MINUTE, 'Bakı şəhər prokurorluğu — növbətçi prokuror', 'phone');
  tell('ombudsman', r.int(2, 12) * HOUR, 'Ombudsman Aparatı', 'email');
  if (familyKnown) tell('family', r.int(3, 20) * HOUR, 'Qardaşı (telefonla)', 'phone');
  if (!c.protection && c.profile.details.nationalities.length > 0) tell('consul', r.int(4, 22) * HOUR, `${c.profile.details.nationalities[0]} səfirliyinin konsulu`, 'diplomatic_note');
  releaseProperty(r, c, s, died + r.int(1, 3) * DAY, 'died', emit);
  const claimed = familyKnown && r.chance(0.8);
  const bodyAt = claimed ? died + r.int(2, 6) * DAY : stateBurialFrom(iso(died)) + r.int(1, 3) * DAY;
  if (bodyAt <= c.now - MINUTE)
    emit({
      kind: 'body',
      at: bodyAt,
      actor: 'head',
      episode: c.episode,
      body: claimed
        ? { kind: 'claimed', at: iso(bodyAt), by: 'Qardaşı', relationship: 'qardaşı' }
        : { kind: 'state_burial', at: iso(bodyAt), place: 'Bakı, Qobustan qəbiristanlığı', arrangedBy: 'Bakı şəhər İcra Hakimiyyəti' },
    });
}

/** An appeal that ends with the court ordering release, shortly before the exit it causes. */
export function releaseByAppeal(r: Prng, c: StayContext, s: StayState, exitAt: number, emit: Emit): boolean {
  if (c.regime !== 'forced_court' || !c.admission || s.appealed || exitAt - c.start < 4 * DAY) return false;
  return appeal(r, c, s, c.start, exitAt - 3 * HOUR, emit, 'release_ordered') !== null;
}

/** Steps of a pathway already taken while the exit is pending (counselling done, the notice served …). */
export function pendingPath(r: Prng, c: StayContext, outcome: OutcomeType, scheduledAt: number, emit: Emit): void {
  const pathway = pathwayOfOutcome[outcome];
  if (!pathway || !r.chance(0.7)) return;
  const language = languageOf(c.profile);
  const nat = c.profile.details.nationalities[0] ?? 'RUS';
  const t = scheduledAt + r.next() * (c.now - MINUTE - scheduledAt);
  if (t <= scheduledAt) return;
  let step: ExitStep | null = null;
  if (pathway === 'avr_iom') step = { kind: 'counselling', ...exitStepAt(t), by: 'BMqT məsləhətçisi A. Rzayeva', language };
  else if (pathway === 'readmission')
    step = { kind: 'readmission_request', ...exitStepAt(t), state: nat, agreement: `Azərbaycan ilə ${nat} arasında readmissiya sazişi`, reference: `RA-${r.digits(6)}` };
  else if (pathway === 'removal') step = { kind: 'removal_notice', ...exitStepAt(t), language, ...(centreSpeaks(language) ? {} : { interpreter: r.pick(interpreters) }) };
  if (step) emit({ kind: 'exitStep', at: t, actor: 'registrar', episode: c.episode, pathway, step });
}
