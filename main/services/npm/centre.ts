import { can } from '../../../core/permissions';
import { stayForExtract, type ExtractMaker } from './extract-stay';
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
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
import { fileSlug as slug, keyFingerprint, readRotationFile, readSignedFile, signedFileText, signFile, signRotationFile, type FileSigner, type SignedFileKind } from '../../../db/signed-file';
import { generateDeviceKeyPair } from '../../../db/chain';
import { decideRotation, deviceKeyRotationStatement, orgKeyRotationStatement, retiredKeyAccepts } from '../../../core/npm/key-rotation';
import type { EpisodesTable, PersonsTable } from '../../../db/schema';
import type { ServiceStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { actor, notFound, notFuture } from '../common';
import type { ServiceInstallation } from '../installation';

/**
 * The centre's side of ombudsman oversight (OPCAT Arts 19–22, docs/domain.md §5 rule 8): its identity for
 * the office, the register extract a visiting team is entitled to, the recommendations it receives
 * and the responses it sends back. Files from the office are checked against the one organisation key
 * this centre chose to trust, never against a key a file brings with it.
 */

/** This installation's id and name, as its identity file gave them to the office. */
export function facilityOfInstallation(inst: ServiceInstallation, store: ServiceStore): { installationId: string; facilityName: string } {
  return {
    installationId: inst.info?.installationId ?? store.meta('installation_id') ?? store.device.deviceId,
    facilityName: inst.info?.facilityName ?? store.meta('facility_name') ?? '',
  };
}

/**
 * The key this device signs its files for the office with. Until the first rotation it is the device's
 * own Ed25519 key (the one HQ enrolled and its event chain is signed with); a rotation gives the files
 * a key of their own in meta, so the office can be handed a new key without touching the chain's key,
 * which HQ and every peer hold (docs/npm.md#key-rotation).
 */
const fileKeyMeta = 'npm_file_key';
const fileKeySchema = z
  .object({
    publicKey: z.string().max(200),
    privateKey: z.string().max(400),
    rotatedAt: z.string(),
  })
  .strict();

function deviceSigner(store: ServiceStore): FileSigner {
  const raw = store.meta(fileKeyMeta);
  const own = raw ? fileKeySchema.parse(JSON.parse(raw)) : null;
  return { kind: 'device', id: store.device.deviceId, publicKey: own?.publicKey ?? store.device.publicKey, privateKey: own?.privateKey ?? store.devicePrivateKey };
}

function fileKeyRotatedAt(store: ServiceStore): string | null {
  const raw = store.meta(fileKeyMeta);
  return raw ? fileKeySchema.parse(JSON.parse(raw)).rotatedAt : null;
}

/** The office keys this centre trusted before, each with the moment it was replaced (from the log, oldest first). */
function retiredOmbudsmanKeys(store: ServiceStore, organisationId: string): { key: string; retiredAt: string }[] {
  return store.q
    .all(store.qb.selectFrom('events').select('payload').where('type', '=', 'oversight.ombudsmanKeyRotated').where('entity_id', '=', organisationId).orderBy('local_seq'))
    .map((e) => JSON.parse(e.payload) as { oldSigningPublicKey: string; rotatedAt: string })
    .map((p) => ({ key: p.oldSigningPublicKey, retiredAt: p.rotatedAt }));
}

/** Reads an office rotation file and decides, against the key trusted now; refuses with a translated reason. */
function checkOrgRotation(store: ServiceStore, content: string) {
  const trust = trustedOmbudsman(store);
  // The envelope is checked against the key it names, then that key must be the one trusted now: so a
  // statement signed by any other key is refused as not signed by the trusted key (not as "altered"),
  // and one for another organisation as unknown.
  const { file, statement } = readRotationFile(
    content,
    'qeyd-npm-key-rotation',
    orgKeyRotationStatement,
    (s) => (s.kind === 'organisation' ? s.publicKey : null),
    (st) => st.newSigningPublicKey,
  );
  if (statement.organisationId !== file.signer.id || statement.oldSigningPublicKey !== file.signer.publicKey) throw ruleError('error.npm.badFile');
  const known = trust !== null && trust.organisation_id === statement.organisationId;
  const decision = decideRotation(
    { oldKey: statement.oldSigningPublicKey, newKey: statement.newSigningPublicKey },
    { current: known ? trust.signing_public_key : null, retired: known ? retiredOmbudsmanKeys(store, trust.organisation_id).map((r) => r.key) : [] },
  );
  if (!decision.accept) throw ruleError(decision.refusal);
  const view = {
    organisationId: statement.organisationId,
    name: statement.name,
    oldFingerprint: keyFingerprint(statement.oldSigningPublicKey),
    newFingerprint: keyFingerprint(statement.newSigningPublicKey),
    rotatedAt: statement.rotatedAt,
    alreadyAccepted: decision.already,
  };
  return { file, statement, view };
}

/** A refused rotation is audited (who tried, why) and changes nothing else. */
function auditedRefusal<T>(store: ServiceStore, env: { session: { userId: string }; method: string }, entityId: string | null, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError) {
      store.audit({ actor: env.session.userId, action: 'npm.keyRotationRefused', method: env.method, entityType: 'oversight', entityId, outcome: 'denied', detail: e.messageKey });
    }
    throw e;
  }
}

function asFile(format: SignedFileKind, body: unknown, store: ServiceStore, name: string): { fileName: string; content: string } {
  const file: SignedFile = signFile(format, body, deviceSigner(store));
  return { fileName: `${name}.json`, content: signedFileText(file) };
}

export function trustedOmbudsman(store: ServiceStore) {
  return store.q.first(store.qb.selectFrom('npm_trust').select(['organisation_id', 'name', 'signing_public_key']).limit(1)) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// The register extract (OPCAT Art. 20(a,b)): everyone held in the period, each safeguard's state.

/** The number the register shows for the line: the book line once admitted, else the person's number. */
function shownRegisterNo(r: Pick<Selectable<EpisodesTable>, 'book_device' | 'book_no'> & Pick<Selectable<PersonsTable>, 'register_device' | 'register_no'>): string {
  return r.book_no !== null ? formatRegisterNo(r.book_device, r.book_no) : formatRegisterNo(r.register_device || null, r.register_no);
}

function earliestBy<T>(rows: readonly T[], at: (r: T) => string): T | null {
  let best: T | null = null;
  for (const r of rows) if (best === null || at(r) < at(best)) best = r;
  return best;
}

export function buildRegisterExtract(
  store: ServiceStore,
  from: string,
  to: string,
  now: number,
  generatedBy: string,
  installationId: string,
  facilityName: string,
  maker: ExtractMaker,
): z.infer<typeof registerExtractBody> {
  const tz = store.settings.timeZone;
  const start = new Date(startOfLocalDay(from, tz)).toISOString();
  const end = new Date(startOfLocalDay(addCalendarDays(to, 1), tz)).toISOString();
  // Held at any moment of the period: arrived (apprehended, if never admitted) before it ended and
  // not gone before it began. People awaiting a decision are held too.
  const arrived = sql<string>`coalesce(e.admitted_at, e.apprehended_at)`;
  const held = store.q.all(
    store.qb
      .selectFrom('episodes as e')
      .innerJoin('persons as p', 'p.person_id', 'e.person_id')
      .select([
        'e.episode_id',
        'e.person_id',
        'e.state',
        'e.term_end',
        'e.apprehended_at',
        'e.admitted_at',
        'e.exit_at',
        'e.book_device',
        'e.book_no',
        'p.register_device',
        'p.register_no',
        'p.name_latin',
        'p.name_original',
        'p.nationalities',
        'p.sex',
        'p.birth_date',
      ])
      .where(arrived, '<', end)
      .where((eb) => eb.or([eb('e.exit_at', 'is', null), eb('e.exit_at', '>=', start)]))
      .orderBy(arrived)
      .orderBy('e.episode_id'),
  );
  const episodeIds = held.map((h) => h.episode_id);
  const facts = new Map(
    loadEpisodeFacts(
      store.q,
      store.qb,
      held.map((h) => h.person_id),
      store.settings,
    ).map((f) => [f.episodeId, f]),
  );
  const notices = episodeIds.length ? store.q.all(store.qb.selectFrom('consular_notices').select(['episode_id', 'sent_at', 'created_at']).where('episode_id', 'in', episodeIds)) : [];
  const interpreted = new Set(
    episodeIds.length ? store.q.all(store.qb.selectFrom('interpreter_uses').select('episode_id').distinct().where('episode_id', 'in', episodeIds)).map((r) => r.episode_id) : [],
  );
  const nowIso = new Date(now).toISOString();
  const stays = stayForExtract(store, episodeIds, from, to, maker);

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
      stay: stays.get(h.episode_id) ?? { contactsRefused: [], complaints: [], appeals: [], discipline: [], injuries: [] },
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

type Finding = z.infer<typeof findingSchema>;
type AuthorityResponse = z.infer<typeof authorityResponseSchema>;

function latestResponses(store: ServiceStore, recommendationIds: readonly string[]): Map<string, AuthorityResponse> {
  const out = new Map<string, AuthorityResponse>();
  if (recommendationIds.length === 0) return out;
  const rows = store.q.all(store.qb.selectFrom('recommendation_responses').select(['recommendation_id', 'response']).where('recommendation_id', 'in', recommendationIds).orderBy('local_seq'));
  for (const r of rows) out.set(r.recommendation_id, authorityResponseSchema.parse(JSON.parse(r.response)));
  return out;
}

export function receivedRecommendations(store: ServiceStore, now: number): RecommendationView[] {
  const rows = store.q.all(store.qb.selectFrom('received_recommendations').selectAll().orderBy('issued_at', 'desc').orderBy('due_date').orderBy('recommendation_id'));
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

function displayName(store: ServiceStore, userId: string, fallback: string): string {
  const row = store.q.first(store.qb.selectFrom('users').select('display_name').where('user_id', '=', userId));
  return row?.display_name || fallback;
}

export function npmCentreHandlers(inst: ServiceInstallation, now: () => number): Handlers['npmCentre'] {
  return {
    status: () => {
      const store = inst.requireStore();
      const t = trustedOmbudsman(store);
      return {
        trustedOmbudsman: t ? { organisationId: t.organisation_id, name: t.name, fingerprint: keyFingerprint(t.signing_public_key) } : null,
        fileKey: { fingerprint: keyFingerprint(deviceSigner(store).publicKey), rotatedAt: fileKeyRotatedAt(store) },
      };
    },

    readKeyRotation: ({ content }, env) => {
      const store = inst.requireStore();
      return auditedRefusal(store, env, trustedOmbudsman(store)?.organisation_id ?? null, () => checkOrgRotation(store, content).view);
    },

    acceptKeyRotation: ({ content }, env) => {
      const store = inst.requireStore();
      return auditedRefusal(store, env, trustedOmbudsman(store)?.organisation_id ?? null, () => {
        const { file, statement, view } = checkOrgRotation(store, content);
        if (view.alreadyAccepted) return view;
        store.command(actor(env), env.method, (tx) => {
          tx.append({
            type: 'oversight.ombudsmanKeyRotated',
            entityId: statement.organisationId,
            payload: {
              organisationId: statement.organisationId,
              name: statement.name,
              oldSigningPublicKey: statement.oldSigningPublicKey,
              newSigningPublicKey: statement.newSigningPublicKey,
              rotatedAt: statement.rotatedAt,
              file,
            },
          });
        });
        return view;
      });
    },

    rotateKey: (_input, env) => {
      const store = inst.requireStore();
      const { installationId, facilityName } = facilityOfInstallation(inst, store);
      const old = deviceSigner(store);
      const next = generateDeviceKeyPair();
      const rotatedAt = new Date(now()).toISOString();
      const statement = deviceKeyRotationStatement.parse({
        installationId,
        facilityName,
        deviceId: store.device.deviceId,
        deviceName: store.device.name,
        oldPublicKey: old.publicKey,
        oldFingerprint: keyFingerprint(old.publicKey),
        newPublicKey: next.publicKey,
        rotatedAt,
      });
      const file = signRotationFile('qeyd-facility-key-rotation', statement, old, next.privateKey);
      const newFingerprint = keyFingerprint(next.publicKey);
      // The old private key is not kept: files are only ever signed with the current one.
      store.command(actor(env), env.method, (tx) => {
        store.setMeta(fileKeyMeta, JSON.stringify({ publicKey: next.publicKey, privateKey: next.privateKey, rotatedAt }));
        tx.audit({
          action: 'npm.deviceKeyRotated',
          method: env.method,
          entityType: 'oversight',
          entityId: store.device.deviceId,
          outcome: 'ok',
          detail: JSON.stringify({ oldFingerprint: statement.oldFingerprint, newFingerprint }),
        });
      });
      return {
        fileName: `qeyd-key-change-${slug(facilityName)}-${slug(store.device.name)}-${rotatedAt.slice(0, 10)}.json`,
        content: signedFileText(file),
        oldFingerprint: statement.oldFingerprint,
        newFingerprint,
      };
    },

    identity: () => {
      const store = inst.requireStore();
      const { installationId, facilityName } = facilityOfInstallation(inst, store);
      const body = facilityIdentityBody.parse({
        installationId,
        facilityName,
        deviceId: store.device.deviceId,
        deviceName: store.device.name,
        publicKey: deviceSigner(store).publicKey,
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
      const maker = { userId: env.session.userId, mayReadStaffComplaints: can(env.session.roles, 'complaints.staff') };
      const body = buildRegisterExtract(store, from, to, now(), displayName(store, env.session.userId, env.session.username), installationId, facilityName, maker);
      return { ...asFile('qeyd-register-extract', body, store, `qeyd-register-extract-${slug(facilityName)}-${from}-${to}`), persons: body.persons.length };
    },

    importRecommendations: ({ content }, env) => {
      const store = inst.requireStore();
      const trust = trustedOmbudsman(store);
      if (!trust) throw ruleError('error.oversight.noOmbudsmanTrusted');
      // The key trusted now, or one replaced since (docs/npm.md#key-rotation): a file signed with a
      // replaced key is read only if it was made before the replacement.
      let retiredAt: string | null = null;
      const { file, body } = readSignedFile(content, 'qeyd-npm-recommendations', recommendationsBody, (s) => {
        if (s.kind !== 'organisation' || s.id !== trust.organisation_id) return null;
        if (s.publicKey === trust.signing_public_key) return trust.signing_public_key;
        const retired = retiredOmbudsmanKeys(store, trust.organisation_id).find((r) => r.key === s.publicKey);
        if (!retired) throw ruleError('error.npm.unknownKey');
        retiredAt = retired.retiredAt;
        return retired.key;
      });
      if (body.organisationId !== trust.organisation_id) throw ruleError('error.npm.badFile');
      if (retiredAt !== null && !retiredKeyAccepts(body.issuedAt, retiredAt)) throw new ApiError({ code: 'rule', messageKey: 'error.npm.retiredKey', params: { date: retiredAt } });
      if (body.installationId !== facilityOfInstallation(inst, store).installationId) throw ruleError('error.npm.wrongFacility');
      const result = { visitId: body.visitId, recommendations: body.recommendations.length };
      const held = store.q.first(store.qb.selectFrom('received_recommendation_files').select('event_id').where('body_hash', '=', bodyHash(file.body)));
      if (held) return { ...result, alreadyHeld: true };
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'oversight.recommendationsReceived', entityId: body.visitId, payload: { file, receivedAt: tx.now } });
      });
      return { ...result, alreadyHeld: false };
    },

    recommendations: () => ({ recommendations: receivedRecommendations(inst.requireStore(), now()) }),

    respond: ({ recommendationId, response }, env) => {
      const store = inst.requireStore();
      const rec = store.q.first(store.qb.selectFrom('received_recommendations').select('visit_id').where('recommendation_id', '=', recommendationId));
      if (!rec) throw notFound();
      notFuture(response.at, now(), 'response.at');
      store.command(actor(env), env.method, (tx) => {
        tx.append({ type: 'oversight.responded', entityId: recommendationId, payload: { recommendationId, visitId: rec.visit_id, response } });
      });
      return { ok: true as const };
    },

    exportResponses: ({ visitId }) => {
      const store = inst.requireStore();
      const rec = store.q.first(store.qb.selectFrom('received_recommendations').select('organisation_id').where('visit_id', '=', visitId).limit(1));
      if (!rec) throw notFound();
      const responses = store.q
        .all(store.qb.selectFrom('recommendation_responses').select(['recommendation_id', 'response']).where('visit_id', '=', visitId).orderBy('local_seq'))
        .map((r) => ({ recommendationId: r.recommendation_id, response: authorityResponseSchema.parse(JSON.parse(r.response)) }));
      if (responses.length === 0) throw ruleError('error.oversight.noResponses');
      const { installationId, facilityName } = facilityOfInstallation(inst, store);
      const body = responsesBody.parse({ installationId, facilityName, organisationId: rec.organisation_id, visitId, generatedAt: new Date(now()).toISOString(), responses });
      return asFile('qeyd-npm-responses', body, store, `qeyd-responses-${slug(facilityName)}-${visitId.slice(0, 8)}`);
    },
  };
}
