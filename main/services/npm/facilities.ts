import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import { ruleError } from '../../../core/contract/errors';
import type { npmFacilityView } from '../../../core/contract/npm';
import { facilityIdentityBody } from '../../../core/npm/files';
import type { NpmFacilitiesTable, NpmFacilityKeysTable } from '../../../db/schema';
import { keyFingerprint, readSignedFile } from '../../../db/signed-file';
import type { ReadStore } from '../../../db/store';
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
  };
}
