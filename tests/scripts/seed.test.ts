import { afterAll, describe, expect, it } from 'vitest';
import { episodeStates } from '../../core/episode';
import { deviceCode } from '../../core/register-number';
import { openInstallation, type SeedInstallation } from '../../scripts/seed/installation';
import { scriptOf, seed, summarize, type SeedOptions } from '../../scripts/seed/run';
import { profile } from '../../scripts/seed/stories';
import { tempDir } from '../helpers/backend';

const now = Date.parse('2026-11-23T06:00:00Z');
const dirs: { remove(): void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

function options(persons: number, over: Partial<SeedOptions> = {}): SeedOptions {
  const dir = tempDir('qeyd-seed-test-');
  dirs.push(dir);
  return { dataDir: dir.path, persons, seed: 7, now, apiLimit: 2000, histories: Number.POSITIVE_INFINITY, adminPassword: 'seed test admin', ...over };
}

async function everything(inst: SeedInstallation) {
  const api = inst.clients.head;
  const register = await api.register.list({ includeClosed: true, limit: 500 });
  const persons = await api.persons.list({ limit: 500 });
  return { register, persons };
}

/**
 * Issue #15 in the seeded register, read through the real client as the head (who reads medical records and
 * complaints about staff) and the duty officer (who reads neither): every new kind of record is there at least
 * once, and each is consistent with the person it belongs to.
 */
async function theWholeStay(inst: SeedInstallation, personIds: string[]) {
  const head = inst.clients.head;
  const each = <T>(f: (personId: string) => Promise<T>) => Promise.all(personIds.map(f));

  // §1 contacts: visits by everyone the issue names, calls, letters and parcels; a refused lawyer flagged and reviewed.
  const contacts = (await each((personId) => head.contacts.list({ personId }))).flatMap((c) => c.contacts);
  const visitors = new Set(contacts.filter((c) => c.kind === 'visit' && c.outcome === 'took_place').map((c) => c.category));
  expect([...visitors]).toEqual(expect.arrayContaining(['family', 'lawyer', 'consul', 'ngo', 'unhcr', 'iom', 'religious', 'ombudsman']));
  expect(new Set(contacts.map((c) => c.kind))).toEqual(new Set(['visit', 'call', 'letter', 'parcel']));
  const refusedLawyer = contacts.filter((c) => c.category === 'lawyer' && c.outcome === 'refused');
  expect(refusedLawyer.length).toBeGreaterThan(0);
  expect(refusedLawyer.every((c) => c.safeguardFailure && c.refusal !== null)).toBe(true);
  expect(refusedLawyer.some((c) => c.review !== null)).toBe(true);
  // Most people have a contact or two; refusals stay rare.
  expect(contacts.filter((c) => c.outcome === 'refused').length).toBeLessThan(contacts.length / 10);

  // §2 requests and complaints to every addressee, answered, open, forwarded; a staff complaint hidden from the duty officer; appeals heard and decided.
  const registers = await each((personId) => head.complaints.forPerson({ personId }));
  const complaints = registers.flatMap((r) => r.complaints);
  expect(new Set(complaints.map((c) => c.addressee))).toEqual(new Set(['centre_head', 'sms', 'ombudsman', 'court', 'prosecutor']));
  expect(complaints.some((c) => c.status === 'answered')).toBe(true);
  expect(complaints.some((c) => c.status === 'open' || c.status === 'overdue')).toBe(true);
  expect(complaints.some((c) => c.forwardedAt !== null)).toBe(true);
  const aboutStaff = complaints.filter((c) => c.aboutStaff);
  expect(aboutStaff.length).toBeGreaterThan(0);
  const dutyView = (await each((personId) => inst.clients.duty.complaints.forPerson({ personId }))).flatMap((r) => r.complaints).filter((c) => c.aboutStaff);
  expect(dutyView.every((c) => c.restricted && c.detail === null)).toBe(true);
  const appeals = registers.flatMap((r) => r.appeals);
  expect(appeals.some((a) => a.hearings.length > 0 && a.outcome === 'upheld')).toBe(true);
  expect(appeals.some((a) => a.outcome === 'release_ordered')).toBe(true);

  // §3 discipline: a measure decided after a hearing, its copy handed and the appeal explained, an appeal recorded.
  const cases = (await each((personId) => head.discipline.list({ personId }))).flatMap((d) => d.cases);
  expect(cases.some((c) => c.hearing !== null && c.decision !== null && c.notice !== null && c.appeal !== null)).toBe(true);
  expect(cases.every((c) => c.decision === null || (c.hearing !== null && c.hearing.at <= c.decision.decidedAt))).toBe(true);

  // §5 property: items and money taken at admission, acknowledged, returned at exit; nothing held by a closed stay.
  const property = (await each((personId) => head.property.list({ personId }))).flatMap((p) => p.episodes);
  const items = property.flatMap((e) => e.items);
  expect(items.some((i) => i.kind === 'money' && i.acknowledged)).toBe(true);
  expect(items.some((i) => i.kind === 'item' && i.state === 'returned' && i.release?.acknowledgement)).toBe(true);
  expect(property.filter((e) => !e.open).every((e) => e.held === 0)).toBe(true);

  // §4 health: consultations, a follow-up, a child's examinations, a hospital stay (one still there, held), injuries reported, the examination before leaving.
  const records = await each((personId) => head.health.record({ personId }));
  const episodes = records.flatMap((r) => r.episodes);
  const visits = episodes.flatMap((e) => e.visits.map((v) => v.visit));
  expect(new Set(visits.map((v) => v.kind))).toEqual(new Set(['visit', 'child_exam', 'exit_exam']));
  expect(visits.some((v) => v.followUpOn !== undefined)).toBe(true);
  expect(episodes.some((e) => e.hospitalStays.some((h) => h.returnedAt !== null))).toBe(true);
  expect(episodes.some((e) => e.state !== 'CLOSED' && e.inHospitalSince !== null)).toBe(true);
  const notSeen = episodes.flatMap((e) => e.injuries).filter((i) => i.injury.seenAtAdmission === 'not_seen');
  expect(notSeen.some((i) => new Set(i.reports.map((r) => r.report.addressee)).size === 2)).toBe(true);
  // A child's examinations belong to children only.
  const people = new Map((await head.persons.list({ limit: 500 })).persons.map((p) => [p.personId, p]));
  for (const r of records) {
    if (!r.episodes.some((e) => e.visits.some((v) => v.visit.kind === 'child_exam'))) continue;
    const birth = people.get(r.personId)?.birthDate;
    expect(birth && now - Date.parse(birth) < 19 * 365.25 * 86_400_000).toBeTruthy();
  }

  // §6 every way out through its pathway's steps, and a death in custody with its notifications.
  const exits = (await each((personId) => head.exits.view({ personId }))).flatMap((x) => x.episodes);
  const outcomes = new Set(exits.map((e) => e.outcome));
  for (const o of ['departed_voluntarily', 'avr_iom', 'deported_readmission', 'expelled', 'released_term_expired', 'released_decision', 'regularised', 'thb_residence_permit', 'died'] as const) {
    expect(outcomes, o).toContain(o);
  }
  for (const e of exits.filter((x) => x.state === 'CLOSED' && x.planned)) expect(e.steps.every((s) => s.status === 'done')).toBe(true);
  const removal = exits.find((e) => e.outcome === 'expelled' && e.planned);
  expect(removal?.steps.map((s) => s.kind)).toEqual(['removal_notice', 'departure']);
  const death = exits.find((e) => e.death)?.death;
  expect(death?.notifications.find((n) => n.recipient === 'prosecutor')?.status).toBe('notified');
  expect(death?.notifications.find((n) => n.recipient === 'ombudsman')?.status).toBe('notified');
  // Removal and readmission only for people with a cleared non-refoulement check (the handlers refused otherwise).
}

/** The rows of the stay's tables, ids, event ids and recorders aside, in a stable order. */
function stayRows(inst: SeedInstallation) {
  const store = inst.backend.installation.requireStore();
  // Who recorded a step is a signed-in user on one path and the bulk writer on the other.
  const users = (store.sqlite.prepare('SELECT user_id FROM users').all() as { user_id: string }[]).map((u) => u.user_id);
  const anyone = (s: string) => users.reduce((x, u) => x.replaceAll(u, '<user>'), s).replaceAll('\\"seed\\"', '\\"<user>\\"');
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'contacts',
    'complaints',
    'appeals',
    'discipline_cases',
    'property_items',
    'property_acknowledgements',
    'health_visits',
    'hospital_stays',
    'injuries',
    'injury_reports',
    'exit_steps',
    'deaths',
    'death_notifications',
  ]) {
    const rows = store.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    out[table] = rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r)
            .filter(([k]) => !/(_id|_ids|_by|_at_recorded|created_at|updated_at|recorded_at|^escalated_to)$/.test(k) && k !== 'escalated_from' && k !== 'disposition')
            .map(([k, v]) => [k, v]),
        ),
      )
      .map((r) => anyone(JSON.stringify(r)))
      .sort();
  }
  return out;
}

describe('the demo seed', () => {
  it('fills a new installation through the handlers with every kind of person and every episode state, and adds more when run again', async () => {
    const o = options(60);
    const first = await seed(o);
    expect(first.viaApi).toBe(60);
    expect(first.recoveryKey).toMatch(/\w{4}-/);
    expect(first.users.map((u) => u.username)).toEqual(['admin', 'registrar', 'duty', 'head', 'lawyer', 'medical']);

    let inst = await openInstallation(o.dataDir, now, o.adminPassword);
    const { register, persons } = await everything(inst);
    expect(persons.total).toBe(60);
    // Names as people write them: Arabic script (Persian, Urdu, Arabic), Cyrillic, Latin and more.
    const scripts = new Set(persons.persons.map((p) => scriptOf(p.nameOriginal)));
    expect(scripts.size).toBeGreaterThanOrEqual(4);
    expect([...scripts]).toEqual(expect.arrayContaining(['arabic', 'cyrillic']));
    expect(persons.persons.every((p) => scriptOf(p.nameLatin) === 'latin')).toBe(true);
    expect(persons.persons.some((p) => p.stateless && p.nationalities.length === 0)).toBe(true);
    expect(persons.persons.every((p) => p.nationalities.every((n) => /^[A-Z]{3}$/.test(n)))).toBe(true);
    expect(persons.persons.some((p) => p.birthDate !== null && now - Date.parse(p.birthDate) < 18 * 365.25 * 86_400_000)).toBe(true);

    // Every state of the episode machine, RELEASE_DUE included (a term that ran out with no decision).
    const states = new Set(register.rows.map((r) => r.state));
    expect([...states].sort()).toEqual([...episodeStates].sort());
    expect(register.rows.some((r) => r.flags.includes('unaccompanied') && r.flags.includes('child'))).toBe(true);
    expect(register.rows.some((r) => r.restricted)).toBe(true);
    expect(register.rows.some((r) => r.deadlineStatus === 'overdue')).toBe(true);

    const views = await Promise.all(persons.persons.map((p) => inst.clients.head.persons.view({ personId: p.personId })));
    const closed = views.flatMap((v) => v.episodes).filter((e) => e.exit);
    expect(new Set(closed.map((e) => e.exit!.type)).size).toBeGreaterThanOrEqual(3);
    expect(views.some((v) => v.asylumClaims.length > 0)).toBe(true);
    expect(views.some((v) => v.screenings.some((s) => s.screening?.asylumWords && /[\u0600-\u06ff\u0400-\u04ff]/.test(s.screening.asylumWords)))).toBe(true);
    expect(views.some((v) => v.guardians.length > 0 || v.referrals.some((r) => r.type === 'child_nrm'))).toBe(true);
    expect(views.some((v) => v.referrals.some((r) => r.type === 'thb_nrm'))).toBe(true);
    // A removal happened only after a cleared non-refoulement check (the handler would refuse otherwise).
    const removed = views.filter((v) => v.episodes.some((e) => e.exit && ['expelled', 'deported_readmission', 'avr_iom'].includes(e.exit.type)));
    for (const v of removed) expect(v.nonRefoulementChecks.some((c) => c.result === 'cleared')).toBe(true);

    await theWholeStay(
      inst,
      persons.persons.map((p) => p.personId),
    );

    // A true duplicate: the same person recorded earlier in another script is found by the intake check.
    const original = profile(o.seed, 0, now, 0);
    const duplicate = profile(o.seed, 8, now, 0);
    expect(duplicate.duplicateOf).toBe(0);
    expect(scriptOf(duplicate.details.names.original)).not.toBe(scriptOf(original.details.names.original));
    const { matches } = await inst.clients.registrar.intake.checkDuplicates({
      names: original.details.names,
      birthDate: original.details.birth?.date,
      nationalities: original.details.nationalities,
    });
    const names = matches.map((m) => m.person.nameOriginal);
    expect(names).toContain(original.details.names.original);
    const other = matches.find((m) => m.person.nameOriginal === duplicate.details.names.original);
    const merged = views.some((v) => v.mergedRecords.length > 0 && v.person.nameOriginal === original.details.names.original);
    // Either both records come back, or the registrar already merged them and the survivor stands for both.
    expect(other !== undefined || merged).toBe(true);
    await inst.close();

    const second = await seed(o);
    expect(second.firstIndex).toBe(60);
    expect(second.recoveryKey).toBeNull();
    inst = await openInstallation(o.dataDir, now, o.adminPassword);
    const again = await everything(inst);
    expect(again.persons.total).toBe(120);
    expect(new Set(again.register.rows.map((r) => r.state)).size).toBe(episodeStates.length);
    const verify = await inst.admin.audit.verify();
    expect(verify).toMatchObject({ auditIntact: true, eventChainIntact: true });
    expect((await inst.admin.users.list()).users).toHaveLength(6);
    await inst.close();
  });

  it('writes the same register as events as it does through the handlers', async () => {
    const viaApi = options(40);
    const viaEvents = options(40, { apiLimit: 0 });
    const a = await seed({ ...viaApi, keepOpen: true });
    const b = await seed({ ...viaEvents, keepOpen: true });
    expect([a.viaApi, a.viaEvents, b.viaApi, b.viaEvents]).toEqual([40, 0, 0, 40]);
    // Ids differ (the handlers make random ones), and so does each installation's device code in front
    // of the register numbers; everything else, the numbers' counts included, must not.
    const rows = async (inst: SeedInstallation) => {
      const code = deviceCode(inst.backend.installation.requireStore().device.deviceId);
      return (await inst.clients.registrar.register.list({ includeClosed: true, limit: 500 })).rows
        .map(({ personId: _p, episodeId: _e, registerNo, ...r }) => ({ ...r, registerNo: registerNo.replace(`${code}-`, '#') }))
        .sort((x, y) => x.apprehendedAt.localeCompare(y.apprehendedAt) || x.nameOriginal.localeCompare(y.nameOriginal));
    };
    expect(await rows(b.installation!)).toEqual(await rows(a.installation!));
    const [sa, sb] = [summarize(a.installation!.backend.installation.requireStore(), now), summarize(b.installation!.backend.installation.requireStore(), now)];
    expect(sb).toEqual(sa);
    // The stay's tables row for row, ids and who recorded them aside (issue #15).
    expect(stayRows(b.installation!)).toEqual(stayRows(a.installation!));
    expect(Object.keys(sa.stay.exitSteps).length).toBeGreaterThan(0);
    await a.installation!.close();
    await b.installation!.close();
  });

  it('writes registrations only beyond --histories, and refuses an installation whose admin password it does not know', async () => {
    const o = options(30, { histories: 10, apiLimit: 0 });
    const r = await seed(o);
    expect([r.viaEvents, r.registrationsOnly]).toEqual([10, 20]);
    const inst = await openInstallation(o.dataDir, now, o.adminPassword);
    const s = summarize(inst.backend.installation.requireStore(), now);
    expect(s.persons).toBe(30);
    expect(Object.values(s.episodes).reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(10);
    await inst.close();
    await expect(seed({ ...o, adminPassword: 'not the password' })).rejects.toThrow(/QEYD_SEED_ADMIN_PASSWORD/);
  });
});
