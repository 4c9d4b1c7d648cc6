import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ApiError, ruleError } from '../../../core/contract/errors';
import type { RecommendationView } from '../../../core/contract/npm';
import { maskObligationKind, obligations, statusAt } from '../../../core/due-now';
import { effectiveState, type EpisodeState } from '../../../core/episode';
import { facilityIdentityBody, npmIdentityBody, recommendationsBody, registerExtractBody, responsesBody, type ExtractPerson, type SignedFile } from '../../../core/npm/files';
import { authorityResponseSchema, recommendationState, type findingSchema } from '../../../core/npm/visit';
import { formatRegisterNo } from '../../../core/register-number';
import { addCalendarDays, localDate, startOfLocalDay } from '../../../core/time';
import { loadEpisodeFacts } from '../../../db/episode-facts';
import { bodyHash } from '../../../db/projections/npm-centre';
import { fileSlug as slug, keyFingerprint, readSignedFile, signedFileText, signFile, type SignedFileKind } from '../../../db/signed-file';
import type { Store } from '../../../db/store';
import type { Handlers, SignedInEnv } from '../../api/router';
import { notFuture } from '../intake';
import type { Installation } from '../installation';

/**
 * The centre's side of ombudsman oversight (OPCAT Arts 19–22, docs/domain.md §5 rule 8): its identity for
 * the office, the register extract a visiting team is entitled to, the recommendations it receives
 * and the responses it sends back. Files from the office are checked against the one organisation key
 * this centre chose to trust, never against a key a file brings with it.
 */

const notFound = () => new ApiError({ code: 'not_found', messageKey: 'error.notFound' });

/** This installation's id and name, as its identity file gave them to the office. */
export function facilityOfInstallation(inst: Installation, store: Store): { installationId: string; facilityName: string } {
  return {
    installationId: inst.info?.installationId ?? store.meta('installation_id') ?? store.device.deviceId,
    facilityName: inst.info?.facilityName ?? store.meta('facility_name') ?? '',
  };
}

function deviceSigner(store: Store) {
  return { kind: 'device' as const, id: store.device.deviceId, publicKey: store.device.publicKey, privateKey: store.devicePrivateKey };
}

function asFile(format: SignedFileKind, body: unknown, store: Store, name: string): { fileName: string; content: string } {
  const file: SignedFile = signFile(format, body, deviceSigner(store));
  return { fileName: `${name}.json`, content: signedFileText(file) };
}

interface TrustRow {
  organisation_id: string;
  name: string;
  signing_public_key: string;
}

export function trustedOmbudsman(store: Store): TrustRow | null {
  return (store.q.prepared('SELECT organisation_id, name, signing_public_key FROM npm_trust LIMIT 1').get() as TrustRow | undefined) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// The register extract (OPCAT Art. 20(a,b)): everyone held in the period, each safeguard's state.

interface HeldRow {
  episode_id: string;
  person_id: string;
  state: string;
  term_end: string | null;
  apprehended_at: string;
  admitted_at: string | null;
  exit_at: string | null;
  book_device: string | null;
  book_no: number | null;
  register_device: string;
  register_no: number;
  name_latin: string;
  name_original: string;
  nationalities: string;
  sex: string;
  birth_date: string | null;
}

/** The number the register shows for the line: the book line once admitted, else the person's number. */
function shownRegisterNo(r: Pick<HeldRow, 'book_device' | 'book_no' | 'register_device' | 'register_no'>): string {
  return r.book_no !== null ? formatRegisterNo(r.book_device, r.book_no) : formatRegisterNo(r.register_device || null, r.register_no);
}

function earliestBy<T>(rows: readonly T[], at: (r: T) => string): T | null {
  let best: T | null = null;
  for (const r of rows) if (best === null || at(r) < at(best)) best = r;
  return best;
}

export function buildRegisterExtract(store: Store, from: string, to: string, now: number, generatedBy: string, installationId: string, facilityName: string): z.infer<typeof registerExtractBody> {
  const tz = store.settings.timeZone;
  const start = new Date(startOfLocalDay(from, tz)).toISOString();
  const end = new Date(startOfLocalDay(addCalendarDays(to, 1), tz)).toISOString();
  // Held at any moment of the period: arrived (apprehended, if never admitted) before it ended and
  // not gone before it began. People awaiting a decision are held too.
  const held = store.q
    .prepared(
      `SELECT e.episode_id, e.person_id, e.state, e.term_end, e.apprehended_at, e.admitted_at, e.exit_at, e.book_device, e.book_no,
              p.register_device, p.register_no, p.name_latin, p.name_original, p.nationalities, p.sex, p.birth_date
       FROM episodes e JOIN persons p ON p.person_id = e.person_id
       WHERE coalesce(e.admitted_at, e.apprehended_at) < ? AND (e.exit_at IS NULL OR e.exit_at >= ?)
       ORDER BY coalesce(e.admitted_at, e.apprehended_at), e.episode_id`,
    )
    .all(end, start) as HeldRow[];
  const episodeIds = held.map((h) => h.episode_id);
  const facts = new Map(
    loadEpisodeFacts(
      store.q,
      store.qb,
      held.map((h) => h.person_id),
      store.settings,
    ).map((f) => [f.episodeId, f]),
  );
  const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const rows = <T>(sql: string): T[] => (episodeIds.length ? (store.q.prepared(sql.replace('(?)', `(${inList(episodeIds.length)})`)).all(...episodeIds) as T[]) : []);
  const notices = rows<{ episode_id: string; sent_at: string | null; created_at: string }>('SELECT episode_id, sent_at, created_at FROM consular_notices WHERE episode_id IN (?)');
  const interpreted = new Set(rows<{ episode_id: string }>('SELECT DISTINCT episode_id FROM interpreter_uses WHERE episode_id IN (?)').map((r) => r.episode_id));
  const nowIso = new Date(now).toISOString();

  const persons: ExtractPerson[] = held.map((h) => {
    const f = facts.get(h.episode_id);
    const firstRights = f ? earliestBy(f.rights, (r) => r.at) : null;
    const notice = notices
      .filter((n) => n.episode_id === h.episode_id)
      .sort((a, b) => a.created_at.localeCompare(b.created_at))
      .at(-1);
    const overdue = f
      ? obligations(f, store.settings)
          .filter((o) => statusAt(o, now, h.state as EpisodeState, h.term_end) === 'overdue')
          .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
          // A kind that names a protection fact (trafficking) leaves the centre masked, like on any screen
          // of a reader without protection.read: the team sees that something is owed and asks.
          .map((o) => ({ kind: maskObligationKind(o.kind, false, f.flags.includes('trafficking')), dueAt: o.dueAt }))
      : [];
    return {
      personId: h.person_id,
      episodeId: h.episode_id,
      registerNo: shownRegisterNo(h),
      nameLatin: h.name_latin,
      nameOriginal: h.name_original,
      nationalities: JSON.parse(h.nationalities) as string[],
      sex: h.sex,
      birthYear: h.birth_date ? Number(h.birth_date.slice(0, 4)) : null,
      apprehendedAt: h.apprehended_at,
      admittedAt: h.admitted_at,
      state: effectiveState(h.state as EpisodeState, h.term_end, now),
      termEnd: h.term_end,
      releasedAt: h.exit_at,
      safeguards: {
        rightsNotifiedAt: firstRights?.at ?? null,
        rightsLanguage: firstRights?.language ?? null,
        consularState: f?.consular?.state ?? null,
        consularSentAt: notice?.sent_at ?? null,
        defenderContactAt: f?.legalAid.firstContactAt ?? null,
        legalAidWaived: f?.legalAid.waived ?? false,
        medicalCheckAt: f?.medicalCheckAt ?? null,
        screenedAt: f?.screenedAt ?? null,
        interpreterUsed: interpreted.has(h.episode_id),
      },
      overdue: overdue.slice(0, 50),
    };
  });
  return registerExtractBody.parse({
    extractId: randomUUID(),
    installationId,
    facilityName,
    from,
    to,
    generatedAt: nowIso,
    generatedBy,
    persons,
  });
}

// ---------------------------------------------------------------------------------------------------
// Recommendations received and the responses recorded.

interface ReceivedRow {
  recommendation_id: string;
  visit_id: string;
  organisation_id: string;
  facility_name: string;
  issued_at: string;
  title: string;
  standard: string;
  severity: string;
  area: string | null;
  finding: string;
  recommendation: string;
  addressee: string;
  due_date: string;
}

type Finding = z.infer<typeof findingSchema>;
type AuthorityResponse = z.infer<typeof authorityResponseSchema>;

function latestResponses(store: Store, recommendationIds: readonly string[]): Map<string, AuthorityResponse> {
  const out = new Map<string, AuthorityResponse>();
  if (recommendationIds.length === 0) return out;
  const rows = store.q
    .prepared(`SELECT recommendation_id, response FROM recommendation_responses WHERE recommendation_id IN (${recommendationIds.map(() => '?').join(',')}) ORDER BY local_seq`)
    .all(...recommendationIds) as { recommendation_id: string; response: string }[];
  for (const r of rows) out.set(r.recommendation_id, authorityResponseSchema.parse(JSON.parse(r.response)));
  return out;
}

export function receivedRecommendations(store: Store, now: number): RecommendationView[] {
  const rows = store.q.prepared('SELECT * FROM received_recommendations ORDER BY issued_at DESC, due_date, recommendation_id').all() as ReceivedRow[];
  const responses = latestResponses(
    store,
    rows.map((r) => r.recommendation_id),
  );
  const today = localDate(now, store.settings.timeZone);
  return rows.map((r) => {
    const response = responses.get(r.recommendation_id) ?? null;
    return {
      recommendationId: r.recommendation_id,
      visitId: r.visit_id,
      facilityName: r.facility_name,
      title: r.title,
      standard: r.standard,
      severity: r.severity as Finding['severity'],
      area: r.area,
      finding: r.finding,
      recommendation: r.recommendation,
      addressee: r.addressee as Finding['addressee'],
      dueDate: r.due_date,
      // The centre learns of a follow-up visit's verification only from the office's next report.
      state: recommendationState({ issuedAt: r.issued_at, dueDate: r.due_date, response, implementation: null, verifiedAt: null, today }),
      issuedAt: r.issued_at,
      response,
      implementation: null,
      verifiedAt: null,
      verifiedOnVisitId: null,
      verificationNote: null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------

const actor = (env: SignedInEnv) => ({ userId: env.session.userId });

function displayName(store: Store, userId: string, fallback: string): string {
  const row = store.q.prepared('SELECT display_name FROM users WHERE user_id = ?').get(userId) as { display_name: string } | undefined;
  return row?.display_name || fallback;
}

export function npmCentreHandlers(inst: Installation, now: () => number): Handlers['npmCentre'] {
  return {
    status: () => {
      const t = trustedOmbudsman(inst.requireStore());
      return { trustedOmbudsman: t ? { organisationId: t.organisation_id, name: t.name, fingerprint: keyFingerprint(t.signing_public_key) } : null };
    },

    identity: () => {
      const store = inst.requireStore();
      const { installationId, facilityName } = facilityOfInstallation(inst, store);
      const body = facilityIdentityBody.parse({
        installationId,
        facilityName,
        deviceId: store.device.deviceId,
        deviceName: store.device.name,
        publicKey: store.device.publicKey,
        issuedAt: new Date(now()).toISOString(),
      });
      return asFile('qeyd-facility-identity', body, store, `qeyd-identity-${slug(facilityName)}-${slug(store.device.name)}`);
    },

    trustOmbudsman: ({ content }, env) => {
      const store = inst.requireStore();
      // Self-signed: the signature proves the file is whole and that its author holds the key; whether
      // the key is the office's is what the administrator confirms by comparing the fingerprint.
      const { file, body } = readSignedFile(content, 'qeyd-npm-identity', npmIdentityBody, (s) => (s.kind === 'organisation' ? s.publicKey : null));
      if (body.signingPublicKey !== file.signer.publicKey || body.organisationId !== file.signer.id) throw ruleError('error.npm.badFile');
      const current = trustedOmbudsman(store);
      const result = { organisationId: body.organisationId, name: body.name, fingerprint: keyFingerprint(body.signingPublicKey) };
      if (current) {
        if (current.organisation_id !== body.organisationId || current.signing_public_key !== body.signingPublicKey) throw ruleError('error.npm.otherOrganisation');
        if (current.name === body.name) return result;
      }
      store.command(actor(env), env.method, (tx) => {
        tx.append({
          type: 'oversight.ombudsmanTrusted',
          entityId: body.organisationId,
          payload: { organisationId: body.organisationId, name: body.name, signingPublicKey: body.signingPublicKey },
        });
      });
      return result;
    },

    exportExtract: ({ from, to }, env) => {
      const store = inst.requireStore();
      const { installationId, facilityName } = facilityOfInstallation(inst, store);
      const body = buildRegisterExtract(store, from, to, now(), displayName(store, env.session.userId, env.session.username), installationId, facilityName);
      return { ...asFile('qeyd-register-extract', body, store, `qeyd-register-extract-${slug(facilityName)}-${from}-${to}`), persons: body.persons.length };
    },

    importRecommendations: ({ content }, env) => {
      const store = inst.requireStore();
      const trust = trustedOmbudsman(store);
      if (!trust) throw ruleError('error.oversight.noOmbudsmanTrusted');
      const { file, body } = readSignedFile(content, 'qeyd-npm-recommendations', recommendationsBody, (s) =>
        s.kind === 'organisation' && s.id === trust.organisation_id ? trust.signing_public_key : null,
      );
      if (body.organisationId !== trust.organisation_id) throw ruleError('error.npm.badFile');
      if (body.installationId !== facilityOfInstallation(inst, store).installationId) throw ruleError('error.npm.wrongFacility');
      const result = { visitId: body.visitId, recommendations: body.recommendations.length };
      const held = store.q.prepared('SELECT 1 FROM received_recommendation_files WHERE body_hash = ?').get(bodyHash(file.body));
      if (held) return { ...result, alreadyHeld: true };
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'oversight.recommendationsReceived', entityId: body.visitId, payload: { file, receivedAt: tx.now } });
      });
      return { ...result, alreadyHeld: false };
    },

    recommendations: () => ({ recommendations: receivedRecommendations(inst.requireStore(), now()) }),

    respond: ({ recommendationId, response }, env) => {
      const store = inst.requireStore();
      const rec = store.q.prepared('SELECT visit_id FROM received_recommendations WHERE recommendation_id = ?').get(recommendationId) as { visit_id: string } | undefined;
      if (!rec) throw notFound();
      notFuture(response.at, now(), 'response.at');
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'oversight.responded', entityId: recommendationId, payload: { recommendationId, visitId: rec.visit_id, response } });
      });
      return { ok: true as const };
    },

    exportResponses: ({ visitId }) => {
      const store = inst.requireStore();
      const rec = store.q.prepared('SELECT organisation_id FROM received_recommendations WHERE visit_id = ? LIMIT 1').get(visitId) as { organisation_id: string } | undefined;
      if (!rec) throw notFound();
      const responses = (
        store.q.prepared('SELECT recommendation_id, response FROM recommendation_responses WHERE visit_id = ? ORDER BY local_seq').all(visitId) as {
          recommendation_id: string;
          response: string;
        }[]
      ).map((r) => ({ recommendationId: r.recommendation_id, response: authorityResponseSchema.parse(JSON.parse(r.response)) }));
      if (responses.length === 0) throw ruleError('error.oversight.noResponses');
      const { installationId, facilityName } = facilityOfInstallation(inst, store);
      const body = responsesBody.parse({ installationId, facilityName, organisationId: rec.organisation_id, visitId, generatedAt: new Date(now()).toISOString(), responses });
      return asFile('qeyd-npm-responses', body, store, `qeyd-responses-${slug(facilityName)}-${visitId.slice(0, 8)}`);
    },
  };
}
