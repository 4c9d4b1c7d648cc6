import { describe, expect, it, vi } from 'vitest';
import type { ResolverOptions } from 'react-hook-form';
import { contract } from '../../core/contract';
import { ApiError } from '../../core/contract/errors';
import { obligationViewKinds } from '../../core/due-now';
import { documentTypes, episodeStates, outcomeTypes, regimes, verificationStatuses } from '../../core/episode';
import { eventCatalog } from '../../core/events';
import { locales } from '../../core/fields';
import { catalogs } from '../../core/i18n';
import { defaultSettings } from '../../core/settings';
import { referralTypes, vulnerabilityFlags } from '../../core/vulnerability';
import { contractResolver, placeServerErrors } from '../../renderer/contract-form';
import { ageInYears, daysUntil, formatDate, isoToLocalInput, localInputToIso } from '../../renderer/datetime';
import { languageCodes } from '../../renderer/places';
import { eventKey, obligationKey } from '../../renderer/register-labels';
import { href, parseHash, type Route } from '../../renderer/routes';
import { blankIntake, intakeFormPath, stepOf, toIntakeInput, type IntakeValues } from '../../renderer/screens/intake/model';
import { calendarSettings, settingGroups } from '../../renderer/screens/Settings';

const zone = 'Asia/Baku';
const resolverOptions = { fields: {}, shouldUseNativeValidation: false } as unknown as ResolverOptions<IntakeValues>;

describe('hash routes', () => {
  it('every screen has one address that reads back as itself', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'overview' },
      { name: 'register' },
      { name: 'intake' },
      { name: 'intakeNew' },
      { name: 'intakeDraft', draftId: '0b3c5a1e-8f1d-4c1b-9e55-1d2f3a4b5c6d' },
      { name: 'person', personId: 'd9719cc8-ad8c-48ef-8667-90b929e0aaa8' },
      { name: 'printRegister', from: '2026-11-01', to: '2026-11-23' },
      { name: 'settings' },
      { name: 'users' },
      { name: 'audit' },
    ];
    for (const r of routes) expect(parseHash(href(r))).toEqual(r);
  });

  it('an address it does not know, or a print without valid dates, lands somewhere sensible', () => {
    expect(parseHash('#/nowhere')).toEqual({ name: 'home' });
    expect(parseHash('')).toEqual({ name: 'home' });
    expect(parseHash('#/print/register?from=yesterday&to=2026-11-23')).toEqual({ name: 'register' });
    expect(parseHash('#/person/')).toEqual({ name: 'register' });
  });
});

describe('facility wall-clock times', () => {
  it('reads a datetime-local value in Baku (UTC+4) whatever the computer zone is', () => {
    expect(localInputToIso('2026-11-23T14:05', zone)).toBe('2026-11-23T10:05:00.000Z');
    expect(isoToLocalInput('2026-11-23T10:05:00.000Z', zone)).toBe('2026-11-23T14:05');
    // Past midnight in Baku is still the previous day in UTC.
    expect(localInputToIso('2026-11-24T02:30', zone)).toBe('2026-11-23T22:30:00.000Z');
  });

  it('leaves "required" to the schema and lets it say "wrong format" for anything unreadable', () => {
    expect(localInputToIso('', zone)).toBeUndefined();
    expect(localInputToIso('  ', zone)).toBeUndefined();
    expect(localInputToIso('yesterday', zone)).toBe('yesterday');
  });

  it('counts age and days in the facility calendar', () => {
    expect(ageInYears('2008-11-24', '2026-11-23')).toBe(17);
    expect(ageInYears('2008-11-23', '2026-11-23')).toBe(18);
    expect(daysUntil('2026-11-30T08:00:00Z', zone, Date.parse('2026-11-23T21:00:00Z'))).toBe(6);
    expect(formatDate('1991-03-14')).toBe('14.03.1991');
  });
});

function filledIntake(now: number): IntakeValues {
  const v = blankIntake(isoToLocalInput(new Date(now - 60_000).toISOString(), zone));
  const local = (ms: number) => isoToLocalInput(new Date(ms).toISOString(), zone);
  v.person.names = { original: 'Мухаммад Рахими', latin: 'Mukhammad Rakhimi', patronymic: '', aliases: [{ value: 'Mohammad Rahimi' }] };
  v.person.sex = 'male';
  v.person.birth = { date: '1991-03-14', basis: '' };
  v.person.nationalities = ['AFG'];
  v.person.languages = ['fa', 'ru'];
  v.documents = [{ type: 'passport', series: 'P', number: '0123456', issuingState: 'AFG', validUntil: '', verification: 'unverified', heldReceipt: '' }];
  v.apprehension = { at: local(now - 3 * 3_600_000), place: 'Bakı', authority: 'Miqrasiya polisi' };
  v.admission.regime = 'forced_court';
  v.admission.decision = {
    issuingBody: 'Nəsimi rayon məhkəməsi',
    officialPosition: 'Hakim',
    officialRank: '',
    officialName: 'R. Quliyev',
    basis: 'Miqrasiya Məcəlləsi',
    date: new Date(now).toISOString().slice(0, 10),
    number: '2-1234/2026',
    termEnd: local(now + 30 * 86_400_000),
  };
  v.admission.handover = { body: 'Miqrasiya polisi', officerPosition: 'Müfəttiş', officerRank: '', officerName: 'E. Məmmədov', serviceId: 'MP-4471', signed: true };
  v.admission.medical = { at: local(now - 30_000), examiner: 'Dr. S. Əliyeva', visibleInjuries: false, injuriesDescription: '', illTreatmentComplaint: false, complaintDescription: '' };
  v.admission.property = [{ item: 'Mobil telefon', quantity: 1, notes: '' }];
  return v;
}

describe('the intake form and the contract', () => {
  const now = Date.now();
  const schema = contract.intake.submit.input;

  it('a complete form is a valid intake; holding without a decision leaves the admission out', () => {
    const v = filledIntake(now);
    const admit = schema.parse(toIntakeInput(v, zone, 'admit', 'draft-1'));
    expect(admit.admission?.decision?.number).toBe('2-1234/2026');
    expect(admit.draftId).toBe('draft-1');
    expect(admit.person?.names.aliases).toEqual(['Mohammad Rahimi']);
    const hold = schema.parse(toIntakeInput({ ...v, hasDecision: 'no' }, zone, 'hold'));
    expect(hold.admission).toBeUndefined();
    const existing = schema.parse(toIntakeInput({ ...v, existingPersonId: 'p-1' }, zone, 'hold'));
    expect(existing.person).toBeUndefined();
    expect(existing.existingPersonId).toBe('p-1');
  });

  it('a problem found by the server opens the step that asks for that field', () => {
    expect(stepOf(intakeFormPath('person.birth.date'))).toBe('person');
    expect(stepOf(intakeFormPath('person.names.aliases.0'))).toBe('person');
    expect(intakeFormPath('person.names.aliases.0')).toBe('person.names.aliases.0.value');
    expect(stepOf(intakeFormPath('documents.0.number'))).toBe('documents');
    expect(stepOf(intakeFormPath('admission.decision.termEnd'))).toBe('apprehension');
    expect(stepOf(intakeFormPath('admission.handover.serviceId'))).toBe('admission');
    expect(stepOf(intakeFormPath('admission.medical.at'))).toBe('admission');
  });

  it('checks one step at a time, with the contract keys, on the form paths', async () => {
    const v = filledIntake(now);
    v.person.names.latin = '';
    v.person.names.aliases = [{ value: '' }];
    v.admission.handover.serviceId = '';
    const step = { current: 'person' as string };
    const resolver = contractResolver<IntakeValues, unknown>(schema, (x) => toIntakeInput(x, zone, 'check'), {
      only: (p) => step.current === 'review' || stepOf(intakeFormPath(p)) === step.current,
      toFormPath: intakeFormPath,
    });
    const person = await resolver(v, undefined, resolverOptions);
    expect(person.errors).toMatchObject({
      person: { names: { latin: { message: 'error.field.required' }, aliases: [{ value: { message: 'error.field.required' } }] } },
    });
    expect(person.errors).not.toHaveProperty('admission');
    step.current = 'admission';
    const admission = await resolver(v, undefined, resolverOptions);
    expect(admission.errors).toMatchObject({ admission: { handover: { serviceId: { message: 'error.field.required' } } } });
    expect(admission.errors).not.toHaveProperty('person');
  });

  it('runs the server’s impossible-date rules in the browser, on the same path', async () => {
    const v = filledIntake(now);
    v.admission.decision.termEnd = isoToLocalInput(new Date(now - 5 * 3_600_000).toISOString(), zone);
    const { dateIssues } = await import('../../renderer/screens/intake/model');
    const resolver = contractResolver<IntakeValues, unknown>(schema, (x) => toIntakeInput(x, zone, 'check'), {
      toFormPath: intakeFormPath,
      extra: (input) => dateIssues(input, now, zone),
    });
    const result = await resolver(v, undefined, resolverOptions);
    expect(result.errors).toMatchObject({ admission: { decision: { termEnd: { message: 'error.episode.termEndBeforeAdmission' } } } });
  });
});

describe('server errors on the form', () => {
  it('puts each field error on its input, focusing the first, and keeps the rest for the alert', () => {
    const setError = vi.fn();
    const error = new ApiError({
      code: 'validation',
      messageKey: 'error.validation',
      fields: {
        'admission.decision.termEnd': { key: 'error.episode.termEndBeforeAdmission' },
        'person.birth.date': { key: 'error.person.birthInFuture' },
        existingPersonId: { key: 'error.intake.alreadyHeld' },
      },
    });
    const placed = placeServerErrors(error, setError, (p) => (p === 'existingPersonId' ? null : intakeFormPath(p)));
    expect(setError).toHaveBeenCalledWith('admission.decision.termEnd', { type: 'server', message: 'error.episode.termEndBeforeAdmission' }, { shouldFocus: true });
    expect(setError).toHaveBeenCalledWith('person.birth.date', { type: 'server', message: 'error.person.birthInFuture' }, { shouldFocus: false });
    expect(placed.alert).toEqual({ key: 'error.validation' });
    expect(placed.unplaced).toEqual([{ key: 'error.intake.alreadyHeld' }]);
  });

  it('anything that is not an ApiError is said as "something unexpected happened"', () => {
    expect(placeServerErrors(new TypeError('x'), vi.fn(), (p) => p).alert).toEqual({ key: 'app.unexpectedError' });
  });
});

describe('every register value has a name in every language', () => {
  const keys = [
    ...obligationViewKinds.map((k) => `obligation.${k}`),
    ...Object.keys(eventCatalog).map((t) => `event.${t}`),
    ...vulnerabilityFlags.map((f) => `flag.${f}`),
    ...outcomeTypes.map((o) => `outcome.${o}`),
    ...regimes.map((r) => `regime.${r}`),
    ...episodeStates.map((s) => `state.${s}`),
    ...documentTypes.map((d) => `docType.${d}`),
    ...verificationStatuses.map((v) => `verification.${v}`),
    ...referralTypes.map((r) => `referralType.${r}`),
    ...languageCodes.map((c) => `lang.${c}`),
    ...[1, 2, 3, 4, 5, 6, 7].map((d) => `weekday.${d}`),
  ];

  it.each(locales)('%s', (locale) => {
    expect(keys.filter((k) => !catalogs[locale][k])).toEqual([]);
  });

  it('obligation kinds and event types are looked up by name', () => {
    for (const k of obligationViewKinds) expect(obligationKey(k)).toBe(`obligation.${k}`);
    for (const t of Object.keys(eventCatalog)) expect(eventKey(t)).toBe(`event.${t}`);
    expect(obligationKey('not_a_kind')).toBeNull();
  });

  it('every setting is on the settings screen, with a label and help', () => {
    const shown = new Set<string>([...settingGroups.flatMap((g) => g.fields.map((f) => f.setting)), ...calendarSettings]);
    const missing = Object.keys(defaultSettings).filter((k) => !shown.has(k));
    expect(missing).toEqual([]);
    for (const g of settingGroups) {
      for (const f of g.fields) {
        for (const locale of locales) {
          expect(catalogs[locale][`set.${f.setting}`], `${locale} set.${f.setting}`).toBeTruthy();
          expect(catalogs[locale][`set.${f.setting}.help`], `${locale} set.${f.setting}.help`).toBeTruthy();
        }
      }
    }
  });
});
