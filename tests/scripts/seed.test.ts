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

describe('the demo seed', () => {
  it('fills a new installation through the handlers with every kind of person and every episode state, and adds more when run again', async () => {
    const o = options(60);
    const first = await seed(o);
    expect(first.viaApi).toBe(60);
    expect(first.recoveryKey).toMatch(/\w{4}-/);
    expect(first.users.map((u) => u.username)).toEqual(['admin', 'registrar', 'duty', 'head', 'lawyer']);

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
    expect((await inst.admin.users.list()).users).toHaveLength(5);
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
