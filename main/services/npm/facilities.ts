import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import { ApiError, ruleError } from '../../../core/contract/errors';
import { decideRotation, deviceKeyRotationStatement } from '../../../core/npm/key-rotation';
import type { npmFacilityView } from '../../../core/contract/npm';
import { facilityIdentityBody } from '../../../core/npm/files';
import type { NpmFacilitiesTable, NpmFacilityKeysTable } from '../../../db/schema';
import { keyFingerprint, readRotationFile, readSignedFile } from '../../../db/signed-file';
import type { ReadStore, ServiceStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { actor, notFound } from '../common';
import type { ServiceInstallation } from '../installation';

/**
 * The centres an ombudsman office knows, each by the identity file its oversight screen produced: the
 * installation id and name, and the Ed25519 key of each device that signs its extracts and responses.
 * Trust on first use: the file is checked to be whole and signed by the key it carries, and the person
 * adding it compares the fingerprint on screen with the one the centre shows.
 */

type FacilityView = z.infer<typeof npmFacilityView>;

type KeyRow = Pick<Selectable<NpmFacilityKeysTable>, 'facility_id' | 'device_id' | 'device_name' | 'public_key'>;

export function facilityRow(store: ReadStore, facilityId: string): Selectable<NpmFacilitiesTable> | undefined {
  return store.q.first(store.qb.selectFrom('npm_facilities').selectAll().where('facility_id', '=', facilityId));
}

/** Each centre device's key, in the order they were introduced. */
function keyRows(store: ReadStore, facilityId?: string): KeyRow[] {
  let query = store.qb.selectFrom('npm_facility_keys').select(['facility_id', 'device_id', 'device_name', 'public_key']);
  if (facilityId !== undefined) query = query.where('facility_id', '=', facilityId);
  return store.q.all(query.orderBy('added_at').orderBy(sql`rowid`));
}

function toView(row: Selectable<NpmFacilitiesTable>, keys: readonly KeyRow[]): FacilityView {
  return {
    facilityId: row.facility_id,
    name: row.name,
    installationId: row.installation_id,
    addedAt: row.added_at,
    devices: keys.filter((k) => k.facility_id === row.facility_id).map((k) => ({ deviceId: k.device_id, deviceName: k.device_name, fingerprint: keyFingerprint(k.public_key) })),
  };
}

export function facilityView(store: ReadStore, facilityId: string): FacilityView {
  const row = facilityRow(store, facilityId);
  if (!row) throw notFound();
  return toView(row, keyRows(store, facilityId));
}

/** The keys of a centre device the office held before, each with the moment it was replaced (from the log, oldest first). */
export function retiredDeviceKeys(store: ReadStore, deviceId: string): { facilityId: string; key: string; retiredAt: string }[] {
  return store.q
    .all(store.qb.selectFrom('events').select(['entity_id', 'payload']).where('type', '=', 'npm.facilityKeyRotated').orderBy('local_seq'))
    .map((e) => ({ facilityId: e.entity_id, ...(JSON.parse(e.payload) as { deviceId: string; oldPublicKey: string; rotatedAt: string }) }))
    .filter((p) => p.deviceId === deviceId)
    .map((p) => ({ facilityId: p.facilityId, key: p.oldPublicKey, retiredAt: p.rotatedAt }));
}

/** Reads a centre device's rotation file and decides, against the key held for that device now. */
function checkDeviceRotation(store: ReadStore, content: string) {
  // Checked against the key the envelope names, which must then be the one held for the device now
  // (the centre's trust-on-first-use identity is where the office learnt it).
  const { file, statement } = readRotationFile(
    content,
    'qeyd-facility-key-rotation',
    deviceKeyRotationStatement,
    (s) => (s.kind === 'device' ? s.publicKey : null),
    (st) => st.newPublicKey,
  );
  if (statement.deviceId !== file.signer.id || statement.oldPublicKey !== file.signer.publicKey) throw ruleError('error.npm.badFile');
  const row = store.q.first(store.qb.selectFrom('npm_facility_keys').select(['facility_id', 'device_id', 'device_name', 'public_key']).where('device_id', '=', statement.deviceId));
  const facility = row ? facilityRow(store, row.facility_id) : undefined;
  const known = row !== undefined && facility?.installation_id === statement.installationId;
  const decision = decideRotation(
    { oldKey: statement.oldPublicKey, newKey: statement.newPublicKey },
    { current: known ? row.public_key : null, retired: known ? retiredDeviceKeys(store, row.device_id).map((r) => r.key) : [] },
  );
  if (!decision.accept) throw ruleError(decision.refusal);
  const view = {
    facilityId: row!.facility_id,
    facilityName: facility!.name,
    deviceId: row!.device_id,
    deviceName: row!.device_name,
    oldFingerprint: keyFingerprint(statement.oldPublicKey),
    newFingerprint: keyFingerprint(statement.newPublicKey),
    rotatedAt: statement.rotatedAt,
    alreadyAccepted: decision.already,
  };
  return { file, statement, view };
}

export function npmFacilitiesHandlers(inst: ServiceInstallation): Handlers['npmFacilities'] {
  return {
    list: () => {
      const store = inst.readStore();
      const rows = store.q.all(store.qb.selectFrom('npm_facilities').selectAll().orderBy('name').orderBy('facility_id'));
      const keys = keyRows(store);
      return { facilities: rows.map((r) => toView(r, keys)) };
    },

    add: ({ content }, env) => {
      const store = inst.requireStore();
      // Self-signed by design (it is the introduction); what it proves is that the file is whole and
      // that whoever made it holds the device key it names.
      const { file, body } = readSignedFile(content, 'qeyd-facility-identity', facilityIdentityBody, (s) => (s.kind === 'device' ? s.publicKey : null));
      if (body.publicKey !== file.signer.publicKey || body.deviceId !== file.signer.id) throw ruleError('error.npm.badFile');
      const facilityId = body.installationId;
      const known = store.q.first(store.qb.selectFrom('npm_facility_keys').select('public_key').where('facility_id', '=', facilityId).where('device_id', '=', body.deviceId));
      if (known && known.public_key !== body.publicKey) throw ruleError('error.npm.deviceKeyChanged');
      if (!known) {
        store.command(actor(env), env.method, (tx) => {
          tx.append({
            type: 'npm.facilityAdded',
            entityId: facilityId,
            payload: { name: body.facilityName, installationId: body.installationId, deviceId: body.deviceId, deviceName: body.deviceName, publicKey: body.publicKey },
          });
        });
      }
      return { facility: facilityView(store, facilityId) };
    },

    readKeyRotation: ({ content }, env) => {
      const store = inst.requireStore();
      return auditedRefusal(store, env, () => checkDeviceRotation(store, content).view);
    },

    acceptKeyRotation: ({ content }, env) => {
      const store = inst.requireStore();
      return auditedRefusal(store, env, () => {
        const { file, statement, view } = checkDeviceRotation(store, content);
        if (view.alreadyAccepted) return view;
        store.command(actor(env), env.method, (tx) => {
          tx.append({
            type: 'npm.facilityKeyRotated',
            entityId: view.facilityId,
            payload: { deviceId: statement.deviceId, oldPublicKey: statement.oldPublicKey, newPublicKey: statement.newPublicKey, rotatedAt: statement.rotatedAt, file },
          });
        });
        return view;
      });
    },
  };
}

/** A refused rotation is audited (who tried, why) and changes nothing else. */
function auditedRefusal<T>(store: ServiceStore, env: { session: { userId: string }; method: string }, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError)
      store.audit({ actor: env.session.userId, action: 'npm.keyRotationRefused', method: env.method, entityType: 'npm_facility', entityId: null, outcome: 'denied', detail: e.messageKey });
    throw e;
  }
}
