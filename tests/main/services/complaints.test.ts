import { describe, expect, it } from 'vitest';
import { useCentre, refusal } from '../../helpers/centre';
import { readyToLeave } from '../../helpers/exits';
import { leavesWithoutExamination } from '../../helpers/health';
import { day, hour, intakeAt } from '../../helpers/intake';
import { propertyReturned } from '../../helpers/property';
import { complaintsFigures, complaintsForExtract } from '../../../main/services/complaints';

/**
 * Requests, complaints and appeals (issue #15 §2) through the real client and real roles: the register's
 * clocks on the due-now board, the refusals, a complaint about staff kept from everyone but a centre head
 * not named in it (in the register, the timeline and the board), and a court's decision reaching the episode.
 */
const centre = useCentre();
const iso = (ms: number) => new Date(ms).toISOString();
const minute = 60_000;

type Centre = Awaited<ReturnType<ReturnType<typeof useCentre>>>;

async function admitted(c: Centre) {
  const registrar = await c.as('registrar');
  const at = c.clock.now;
  const { personId, episodeId } = await registrar.intake.submit(intakeAt(at));
  return { registrar, personId, episodeId, at };
}

const complaint = (receivedAt: string, over: Record<string, unknown> = {}) => ({
  kind: 'complaint' as const,
  category: 'conditions' as const,
  subject: 'The cell is cold at night',
  lodgedBy: 'person' as const,
  receivedAt,
  addressee: 'centre_head' as const,
  ...over,
});

async function userIdOf(c: Centre, username: string): Promise<string> {
  return (await c.inst.admin.users.list({})).users.find((u) => u.username === username)!.userId;
}

async function boardStatus(c: Centre, kind: string): Promise<string | undefined> {
  const registrar = await c.as('registrar');
  return (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === kind)?.status;
}

describe('the register of requests and complaints', () => {
  it('a complaint to the prosecutor must be forwarded within 24 hours: due at the time, overdue a minute after, gone once forwarded', async () => {
    const c = await centre();
    const { registrar, episodeId, at } = await admitted(c);
    const { complaintId } = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { addressee: 'prosecutor' }) });
    await c.advance(24 * hour - minute);
    expect(await boardStatus(c, 'complaint_forward')).toBe('due');
    await c.advance(minute);
    expect(await boardStatus(c, 'complaint_forward')).toBe('due');
    await c.advance(minute);
    expect(await boardStatus(c, 'complaint_forward')).toBe('overdue');
    const duty = await c.as('duty_officer');
    await duty.complaints.forward({ complaintId, forward: { at: iso(c.clock.now), via: 'post' } });
    expect(await boardStatus(c, 'complaint_forward')).toBeUndefined();
    expect(await boardStatus(c, 'complaint_answer')).toBe('upcoming');
  });

  it('the centre head answers within 15 working days: due on the last one, overdue a moment after it ends, gone once answered', async () => {
    // Monday 23 Nov 2026, 10:00 in Baku; the 15th working day after it is Monday 14 Dec, ending 19:59:59.999Z.
    const c = await centre('2026-11-23T06:00:00Z');
    const { registrar, personId, episodeId, at } = await admitted(c);
    const { complaintId } = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at)) });
    const due = Date.parse('2026-12-14T19:59:59.999Z');
    await c.advance(due - c.clock.now);
    expect(await boardStatus(c, 'complaint_answer')).toBe('due');
    expect((await registrar.complaints.forPerson({ personId })).complaints[0]!.status).toBe('open');
    await c.advance(1);
    expect(await boardStatus(c, 'complaint_answer')).toBe('overdue');
    expect((await (await c.as('registrar')).complaints.forPerson({ personId })).complaints[0]!.status).toBe('overdue');
    await (await c.as('centre_head')).complaints.answer({ complaintId, answer: { at: iso(c.clock.now - hour), from: 'Centre head', text: 'Extra blankets issued.' } });
    expect(await boardStatus(c, 'complaint_answer')).toBeUndefined();
  });

  it('refuses a time in the future, forwarding what the centre head answers, and a second answer, and records nothing', async () => {
    const c = await centre();
    const { registrar, episodeId, at } = await admitted(c);
    const events = c.count('events');
    const future = await refusal(registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at + day)) }));
    expect(future.fields?.['complaint.receivedAt']?.key).toBe('error.time.inFuture');
    const byLawyer = await refusal(registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { lodgedBy: 'lawyer' }) }));
    expect(byLawyer.code).toBe('validation');
    expect(c.count('events')).toBe(events);
    const { complaintId } = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at)) });
    expect((await refusal(registrar.complaints.forward({ complaintId, forward: { at: iso(at) } }))).messageKey).toBe('error.complaints.notForwarded');
    await registrar.complaints.answer({ complaintId, answer: { at: iso(at), from: 'Centre head', text: 'Done.' } });
    expect((await refusal(registrar.complaints.answer({ complaintId, answer: { at: iso(at), from: 'Centre head', text: 'Again.' } }))).messageKey).toBe('error.complaints.alreadyAnswered');
    const before = await refusal(registrar.complaints.escalate({ complaintId, escalation: { addressee: 'ombudsman', receivedAt: iso(at - hour) } }));
    expect(before.fields?.['escalation.receivedAt']?.key).toBe('error.complaints.beforeReceived');
    expect((await refusal(registrar.complaints.escalate({ complaintId, escalation: { addressee: 'centre_head', receivedAt: iso(at) } }))).messageKey).toBe('error.complaints.sameAddressee');
    expect(c.count('complaints')).toBe(1);
  });

  it('a second forwarding is refused and the answer keeps the clock of the first, so forwarding again cannot restart it', async () => {
    const c = await centre();
    const { registrar, episodeId, at } = await admitted(c);
    const { complaintId } = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { addressee: 'prosecutor' }) });
    await c.advance(hour);
    await registrar.complaints.forward({ complaintId, forward: { at: iso(c.clock.now), via: 'post' } });
    const answerDue = async () => (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'complaint_answer')?.dueAt;
    const due = await answerDue();
    expect(due).toBeDefined();
    await c.advance(3 * day);
    const events = c.count('events');
    expect((await refusal(registrar.complaints.forward({ complaintId, forward: { at: iso(c.clock.now), via: 'courier' } }))).messageKey).toBe('error.complaints.alreadyForwarded');
    expect(c.count('events')).toBe(events);
    expect(await answerDue()).toBe(due);
  });

  it('taken further, the first item shows as escalated and the new one, linked to it, runs its own clock', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, at } = await admitted(c);
    const { complaintId } = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at)) });
    const { complaintId: next } = await registrar.complaints.escalate({ complaintId, escalation: { addressee: 'ombudsman', receivedAt: iso(at), note: 'No answer from the head; to the ombudsman' } });
    const list = (await registrar.complaints.forPerson({ personId })).complaints;
    const first = list.find((x) => x.complaintId === complaintId)!;
    const second = list.find((x) => x.complaintId === next)!;
    expect([first.status, first.escalatedTo]).toEqual(['escalated', next]);
    expect([second.addressee, second.escalatedFrom, second.detail?.subject]).toEqual(['ombudsman', complaintId, 'No answer from the head; to the ombudsman']);
    expect((await refusal(registrar.complaints.escalate({ complaintId, escalation: { addressee: 'court', receivedAt: iso(at) } }))).messageKey).toBe('error.complaints.alreadyEscalated');
    const board = (await registrar.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind).filter((k) => k.startsWith('complaint'));
    expect(board.sort()).toEqual(['complaint_answer', 'complaint_forward']);
  });
});

describe('a complaint about staff (NMR r57)', () => {
  it('only a centre head not named in it reads it: not the duty officer, not the named head, not HQ-like readers without the permission; in the register, the timeline and on the board', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, at } = await admitted(c);
    const named = await c.as('centre_head');
    const other = await c.inst.userWith(['centre_head'], 'head2');
    const duty = await c.as('duty_officer');
    const namedId = await userIdOf(c, 'centre_head');
    const { complaintId } = await registrar.complaints.lodge({
      episodeId,
      complaint: complaint(iso(at), { category: 'treatment_by_staff', subject: 'The head pushed me', addressee: 'ombudsman', aboutStaff: { named: 'The centre head', userIds: [namedId] } }),
    });

    for (const reader of [duty, named, registrar]) {
      const [seen] = (await reader.complaints.forPerson({ personId })).complaints;
      expect([seen!.restricted, seen!.detail, seen!.addressee, seen!.aboutStaff]).toEqual([true, null, 'ombudsman', true]);
      const history = (await reader.persons.view({ personId })).history.filter((h) => h.entityId === complaintId);
      expect(history.map((h) => h.type)).toEqual(['complaint.restricted']);
      expect(JSON.stringify(await reader.persons.get({ personId }))).not.toContain('pushed');
    }
    const [read] = (await other.complaints.forPerson({ personId })).complaints;
    expect([read!.restricted, read!.detail?.subject, read!.detail?.staffUserIds]).toEqual([false, 'The head pushed me', [namedId]]);
    expect((await other.persons.view({ personId })).history.filter((h) => h.entityId === complaintId).map((h) => h.type)).toEqual(['complaint.lodged']);

    // The board names no one: the same neutral item for every reader, the named head included.
    for (const reader of [duty, named, other]) {
      const kinds = (await reader.dueNow.list({ includeUpcoming: true })).items.map((i) => i.kind);
      expect(kinds).toContain('restricted_complaint');
      expect(kinds.filter((k) => k.startsWith('complaint_'))).toEqual([]);
    }

    // Acting on it shows what it says: refused to whoever may not read it, the named head included.
    expect((await refusal(named.complaints.forward({ complaintId, forward: { at: iso(at) } }))).messageKey).toBe('error.complaints.restricted');
    expect((await refusal(duty.complaints.answer({ complaintId, answer: { at: iso(at), from: 'x', text: 'y' } }))).messageKey).toBe('error.complaints.restricted');
    await other.complaints.forward({ complaintId, forward: { at: iso(at), via: 'sealed envelope' } });

    // The ombudsman receives it in full through the register extract; the figures count it and nothing more.
    const store = c.inst.backend.installation.readStore();
    const day0 = iso(at).slice(0, 10);
    expect(complaintsForExtract(store, day0, day0, c.clock.now).complaints.map((x) => x.detail?.subject)).toEqual(['The head pushed me']);
    const figures = complaintsFigures(store, day0, day0, c.clock.now);
    expect([figures.aboutStaff, figures.complaints, figures.byAddressee.ombudsman]).toEqual([1, 1, 1]);
  });

  it('naming someone who is not a user of this installation is refused', async () => {
    const c = await centre();
    const { registrar, episodeId, at } = await admitted(c);
    const e = await refusal(registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { aboutStaff: { named: 'Guard', userIds: ['no-such-user'] } }) }));
    expect(e.messageKey).toBe('error.complaints.unknownStaff');
    expect(c.count('complaints')).toBe(0);
  });
});

describe('appeals against the placement decision and its extensions', () => {
  it('a release ordered by the court is owed at once: due at the order, overdue a moment after', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, at } = await admitted(c);
    const { appealId } = await registrar.complaints.fileAppeal({ episodeId, appeal: { decision: 'placement', filedAt: iso(at), court: 'Baku Administrative Court No. 1' } });
    await c.advance(2 * day);
    const today = iso(c.clock.now).slice(0, 10);
    await registrar.complaints.recordHearing({ appealId, hearing: { on: today, result: 'Heard; adjourned for the SMS file', nextOn: iso(c.clock.now + 3 * day).slice(0, 10) } });
    const orderAt = c.clock.now;
    await (await c.as('registrar')).complaints.decideAppeal({ appealId, outcome: { outcome: 'release_ordered', at: iso(orderAt) } });
    expect(await boardStatus(c, 'release_ordered')).toBe('due');
    await c.advance(minute);
    expect(await boardStatus(c, 'release_ordered')).toBe('overdue');
    const [appeal] = (await (await c.as('registrar')).complaints.forPerson({ personId })).appeals;
    expect([appeal!.outcome, appeal!.hearings.length]).toEqual(['release_ordered', 1]);
    expect((await refusal((await c.as('registrar')).complaints.decideAppeal({ appealId, outcome: { outcome: 'upheld', at: iso(orderAt) } }))).messageKey).toBe('error.appeals.alreadyDecided');
  });

  it('after the court orders release the person is not removed or transferred instead: both are refused and nothing is recorded', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, at } = await admitted(c);
    const { appealId } = await registrar.complaints.fileAppeal({ episodeId, appeal: { decision: 'placement', filedAt: iso(at), court: 'Baku Administrative Court No. 1' } });
    const transfer = { episodeId, toFacilityId: 'ganja-centre', reason: 'Capacity', handover: { escort: { names: 'Sgt. R. Aliyev', service: 'Convoy unit 3' }, documents: [], property: [] } };
    // Before the order, the same removal is refused only for what the removal itself lacks.
    const removal = { basis: 'Expulsion decision', destinationCountry: 'AFG', receivingBody: 'State Border Service', receivingOfficer: 'Lt. E. Quliyev' };
    const before = await refusal(registrar.episodes.close({ episodeId, exit: { type: 'expelled', at: iso(c.clock.now), ...removal } }));
    expect(before.messageKey).not.toBe('error.exit.releaseOrdered');
    await c.advance(hour);
    await registrar.complaints.decideAppeal({ appealId, outcome: { outcome: 'release_ordered', at: iso(c.clock.now) } });
    const events = c.count('events');
    for (const type of ['expelled', 'deported_readmission', 'avr_iom'] as const) {
      const e = await refusal(registrar.episodes.close({ episodeId, exit: { type, at: iso(c.clock.now), ...removal } }));
      expect([e.messageKey, e.fields?.['exit.type']?.key]).toEqual(['error.exit.releaseOrdered', 'error.exit.releaseOrdered']);
    }
    expect((await refusal(registrar.transfers.dispatch({ ...transfer, at: iso(c.clock.now) }))).messageKey).toBe('error.transfer.releaseOrdered');
    expect(c.count('events')).toBe(events);
    // The release itself is what the order asks for.
    await readyToLeave(registrar, episodeId, 'released_decision', c.clock.now);
    await leavesWithoutExamination(registrar, episodeId, c.clock.now);
    await propertyReturned(registrar, personId, episodeId, c.clock.now);
    await registrar.episodes.close({ episodeId, exit: { type: 'released_decision', at: iso(c.clock.now), basis: 'Court release order' } });
    const view = await registrar.persons.view({ personId });
    expect(view.episodes[0]).toMatchObject({ state: 'CLOSED' });
  });

  it('a shortened term becomes the episode’s term: the release protocol falls due at the new end', async () => {
    const c = await centre();
    const { registrar, personId, episodeId, at } = await admitted(c);
    const { appealId } = await registrar.complaints.fileAppeal({ episodeId, appeal: { decision: 'placement', filedAt: iso(at), court: 'Baku Administrative Court No. 1' } });
    const longer = await refusal(registrar.complaints.decideAppeal({ appealId, outcome: { outcome: 'term_shortened', at: iso(at), newTermEnd: iso(at + 40 * day) } }));
    expect(longer.messageKey).toBe('error.appeals.notShorter');
    const newEnd = at + 2 * day;
    await registrar.complaints.decideAppeal({ appealId, outcome: { outcome: 'term_shortened', at: iso(at), newTermEnd: iso(newEnd) } });
    const [appeal] = (await registrar.complaints.forPerson({ personId })).appeals;
    expect([appeal!.termApplied, appeal!.termEndBefore, appeal!.newTermEnd]).toEqual([true, iso(at + 30 * day), iso(newEnd)]);
    const termEnd = (await registrar.dueNow.list({ includeUpcoming: true })).items.find((i) => i.kind === 'term_end');
    expect(termEnd?.dueAt).toBe(iso(newEnd));
    await c.advance(newEnd - c.clock.now + minute);
    expect(await boardStatus(c, 'release_protocol')).toBe('overdue');
  });

  it('refuses an appeal against an extension there is not, and records nothing', async () => {
    const c = await centre();
    const { registrar, episodeId, at } = await admitted(c);
    const e = await refusal(registrar.complaints.fileAppeal({ episodeId, appeal: { decision: 'extension', extensionNo: 1, filedAt: iso(at), court: 'Court' } }));
    expect(e.messageKey).toBe('error.appeals.noSuchExtension');
    expect(c.count('appeals')).toBe(0);
  });
});

describe('the figures (complaintsFigures)', () => {
  it('counts by addressee and kind in the period, answered on time and late, open overdue now, staff complaints by count, appeals by outcome', async () => {
    const c = await centre('2026-11-23T06:00:00Z');
    const { registrar, episodeId, at } = await admitted(c);
    const onTime = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at)) });
    const late = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { kind: 'request', addressee: 'sms' }) });
    await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { addressee: 'court' }) });
    await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { aboutStaff: { named: 'A guard', userIds: [] } }) });
    const { appealId } = await registrar.complaints.fileAppeal({ episodeId, appeal: { decision: 'placement', filedAt: iso(at), court: 'Court' } });
    await registrar.complaints.fileAppeal({ episodeId, appeal: { decision: 'placement', filedAt: iso(at), court: 'Court' } });
    await c.advance(2 * hour);
    const later = await c.as('registrar');
    await later.complaints.answer({ complaintId: onTime.complaintId, answer: { at: iso(at + hour), from: 'Head', text: 'Done' } });
    await later.complaints.decideAppeal({ appealId, outcome: { outcome: 'upheld', at: iso(at + hour) } });
    await c.advance(40 * day);
    const head = await c.as('centre_head');
    await head.complaints.forward({ complaintId: late.complaintId, forward: { at: iso(at + hour) } });
    await head.complaints.answer({ complaintId: late.complaintId, answer: { at: iso(c.clock.now - hour), from: 'SMS', text: 'Late answer' } });
    const store = c.inst.backend.installation.readStore();
    const f = complaintsFigures(store, '2026-11-23', '2026-11-23', c.clock.now);
    expect(f).toMatchObject({
      byAddressee: { centre_head: 2, sms: 1, court: 1, ombudsman: 0, prosecutor: 0 },
      requests: 1,
      complaints: 3,
      answeredOnTime: 1,
      answeredLate: 1,
      aboutStaff: 1,
      openOverdueNow: 2,
      appealsFiled: 2,
      appealsByOutcome: { upheld: 1, pending: 1, release_ordered: 0 },
    });
    // Another period holds none of them; what is overdue now still counts.
    expect(complaintsFigures(store, '2026-11-24', '2026-12-31', c.clock.now)).toMatchObject({ complaints: 0, requests: 0, appealsFiled: 0, openOverdueNow: 2 });
  });
});

describe('the projections', () => {
  it('rebuild row for row from the log: the register, the appeals and the episode whose term a court shortened', async () => {
    const c = await centre();
    const { registrar, episodeId, at } = await admitted(c);
    const { complaintId } = await registrar.complaints.lodge({ episodeId, complaint: complaint(iso(at), { addressee: 'sms' }) });
    await registrar.complaints.forward({ complaintId, forward: { at: iso(at), via: 'e-mail' } });
    await registrar.complaints.escalate({ complaintId, escalation: { addressee: 'court', receivedAt: iso(at) } });
    const { appealId } = await registrar.complaints.fileAppeal({ episodeId, appeal: { decision: 'placement', filedAt: iso(at), court: 'Court' } });
    await registrar.complaints.recordHearing({ appealId, hearing: { on: iso(at).slice(0, 10), result: 'Adjourned' } });
    await registrar.complaints.decideAppeal({ appealId, outcome: { outcome: 'term_shortened', at: iso(at), newTermEnd: iso(at + 5 * day) } });
    const store = c.inst.backend.installation.requireStore();
    const rows = (table: string) => store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
    const before = ['complaints', 'appeals', 'episodes'].map(rows);
    expect((before[2] as { term_end: string }[])[0]!.term_end).toBe(iso(at + 5 * day));
    store.rebuildProjections();
    expect(['complaints', 'appeals', 'episodes'].map(rows)).toEqual(before);
  });
});
