import { describe, expect, it } from 'vitest';
import { refusal, useCentre } from '../helpers/centre';
import { useHq } from '../helpers/hq';
import { intakeAt } from '../helpers/intake';
import { dialects } from '../hq/harness';

const centre = useCentre();

const hqs = useHq();

/** The register as a person would compare it: who is held, with what, in what state. */
function registerState(c: Awaited<ReturnType<ReturnType<typeof useCentre>>>) {
  const s = c.inst.backend.installation.requireStore();
  return {
    persons: s.sqlite.prepare('SELECT person_id, name_original, name_latin, sex, birth_date, nationalities, flags, merged_into FROM persons ORDER BY person_id').all(),
    episodes: s.sqlite.prepare('SELECT episode_id, person_id, state, decision, term_end, admitted_at, exit, outcome FROM episodes ORDER BY episode_id').all(),
    documents: s.sqlite.prepare('SELECT document_id, person_id, number FROM documents ORDER BY document_id').all(),
    claims: s.sqlite.prepare('SELECT claim_id, status, forwarded_at FROM asylum_claims ORDER BY claim_id').all(),
  };
}

for (const dialect of dialects) {
  describe(`two devices of one centre and HQ on ${dialect}`, () => {
    it('edits on both devices, synced in either order, give the same register everywhere', async () => {
      const hq = await hqs.start(dialect);
      const a = await centre();
      const b = await centre();
      await a.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
      await b.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
      const regA = await a.as('registrar');
      const regB = await b.as('registrar');

      const first = await regA.intake.submit(intakeAt(a.clock.now));
      expect((await regA.sync.status()).pending).toBeGreaterThan(0);
      expect((await regA.sync.run()).pushed).toBeGreaterThan(0);
      expect((await regA.sync.status()).pending).toBe(0);
      const pulledByB = await regB.sync.run();
      expect(pulledByB.pulled).toBe((await regA.sync.status()).ackedSeq);
      const seenOnB = await regB.persons.view({ personId: first.personId });
      expect(seenOnB.person.nameLatin).toBe('Mukhammad Rakhimi');

      // Both devices work offline, then sync in the other order.
      await regB.asylum.express({
        personId: first.personId,
        episodeId: first.episodeId,
        expression: { at: new Date(b.clock.now).toISOString(), place: 'centre', words: 'پناهندگی می‌خواهم', language: 'fa' },
      });
      await regA.intake.submit(intakeAt(a.clock.now, {}, { names: { original: 'Нодира Каримова', latin: 'Nodira Karimova', aliases: [] }, nationalities: ['UZB'], sex: 'female' }));
      await regB.sync.run();
      await regA.sync.run();
      await regB.sync.run();
      expect(registerState(a)).toEqual(registerState(b));
      expect(registerState(a).claims.length).toBe(1);

      // Running sync again changes nothing anywhere.
      const again = await regA.sync.run();
      expect(again).toMatchObject({ pushed: 0, pulled: 0 });
      const stored = await hq.hq.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const total = a.count('events');
      expect(Number(stored.n)).toBe(total);
    });

    it('a device of another centre receives nothing of this one', async () => {
      const hq = await hqs.start(dialect);
      const a = await centre();
      const other = await centre();
      await a.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Baku centre') });
      await other.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code('Yevlakh centre') });
      const regA = await a.as('registrar');
      await regA.intake.submit(intakeAt(a.clock.now));
      await regA.sync.run();
      const regOther = await other.as('registrar');
      expect((await regOther.sync.run()).pulled).toBe(0);
      expect(other.count('persons')).toBe(0);
    });

    it('an enrollment code works once; a revoked device is refused with the reason and keeps its queue', async () => {
      const hq = await hqs.start(dialect);
      const a = await centre();
      const b = await centre();
      const code = await hq.code();
      await a.inst.admin.sync.enroll({ hqUrl: hq.url, code });
      expect((await refusal(b.inst.admin.sync.enroll({ hqUrl: hq.url, code }))).messageKey).toBe('error.sync.bad_code');
      const regA = await a.as('registrar');
      await regA.intake.submit(intakeAt(a.clock.now));
      await hq.hq.db.updateTable('devices').set({ revoked_at: new Date().toISOString() }).execute();
      expect((await refusal(regA.sync.run())).messageKey).toBe('error.sync.revoked');
      const status = await regA.sync.status();
      expect(status).toMatchObject({ lastError: 'error.sync.revoked', ackedSeq: 0 });
      expect(status.pending).toBeGreaterThan(0);
    });
  });
}

describe('without HQ', () => {
  it('an unreachable HQ leaves everything queued and says why', async () => {
    const a = await centre();
    const hq = await hqs.start('sqlite');
    await a.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
    await hq.app.close();
    const regA = await a.as('registrar');
    await regA.intake.submit(intakeAt(a.clock.now));
    expect((await refusal(regA.sync.run())).messageKey).toBe('error.sync.unreachable');
    expect((await regA.sync.status()).pending).toBeGreaterThan(0);
  });

  it('an HQ address over plain http to another machine is refused', async () => {
    const a = await centre();
    const e = await refusal(a.inst.admin.sync.enroll({ hqUrl: 'http://hq.example.org', code: 'ABCD-EFGH-JKMN' }));
    expect(e.fields?.hqUrl?.key).toBe('error.sync.insecureUrl');
  });
});

describe('day end', () => {
  it('HQ confirms the day is complete, or names what is missing', async () => {
    const hq = await hqs.start();
    const a = await centre();
    await a.inst.admin.sync.enroll({ hqUrl: hq.url, code: await hq.code() });
    const regA = await a.as('registrar');
    await regA.intake.submit(intakeAt(a.clock.now));
    const before = await regA.sync.dayEnd();
    expect(before).toMatchObject({ complete: false, hqSeq: 0, missing: { from: 1, to: before.deviceSeq } });
    await regA.sync.run();
    const after = await regA.sync.dayEnd();
    expect(after).toMatchObject({ complete: true, missing: null, hqSeq: after.deviceSeq });
    expect(after.recordedThatDay).toBe(after.deviceSeq);
  });
});
