import type { z } from 'zod';
import { ApiError, ruleError } from '../../../core/contract/errors';
import type { npmFacilityView } from '../../../core/contract/npm';
import { facilityIdentityBody } from '../../../core/npm/files';
import { keyFingerprint, readSignedFile } from '../../../db/signed-file';
import type { Store } from '../../../db/store';
import type { Handlers } from '../../api/router';
import type { Installation } from '../installation';

/**
 * The centres an ombudsman office knows, each by the identity file its oversight screen produced: the
 * installation id and name, and the Ed25519 key of each device that signs its extracts and responses.
 * Trust on first use: the file is checked to be whole and signed by the key it carries, and the person
 * adding it compares the fingerprint on screen with the one the centre shows.
 */

type FacilityView = z.infer<typeof npmFacilityView>;

interface FacilityRow {
  facility_id: string;
  installation_id: string;
  name: string;
  added_at: string;
}

interface KeyRow {
  facility_id: string;
  device_id: string;
  device_name: string;
  public_key: string;
}

export function facilityRow(store: Store, facilityId: string): FacilityRow | undefined {
  return store.q.prepared('SELECT facility_id, installation_id, name, added_at FROM npm_facilities WHERE facility_id = ?').get(facilityId) as FacilityRow | undefined;
}

function toView(row: FacilityRow, keys: readonly KeyRow[]): FacilityView {
  return {
    facilityId: row.facility_id,
    name: row.name,
    installationId: row.installation_id,
    addedAt: row.added_at,
    devices: keys.filter((k) => k.facility_id === row.facility_id).map((k) => ({ deviceId: k.device_id, deviceName: k.device_name, fingerprint: keyFingerprint(k.public_key) })),
  };
}

export function facilityView(store: Store, facilityId: string): FacilityView {
  const row = facilityRow(store, facilityId);
  if (!row) throw new ApiError({ code: 'not_found', messageKey: 'error.notFound' });
  const keys = store.q.prepared('SELECT facility_id, device_id, device_name, public_key FROM npm_facility_keys WHERE facility_id = ? ORDER BY added_at, rowid').all(facilityId) as KeyRow[];
  return toView(row, keys);
}

export function npmFacilitiesHandlers(inst: Installation): Handlers['npmFacilities'] {
  return {
    list: () => {
      const store = inst.requireStore();
      const rows = store.q.prepared('SELECT facility_id, installation_id, name, added_at FROM npm_facilities ORDER BY name, facility_id').all() as FacilityRow[];
      const keys = store.q.prepared('SELECT facility_id, device_id, device_name, public_key FROM npm_facility_keys ORDER BY added_at, rowid').all() as KeyRow[];
      return { facilities: rows.map((r) => toView(r, keys)) };
    },

    add: ({ content }, env) => {
      const store = inst.requireStore();
      // Self-signed by design (it is the introduction); what it proves is that the file is whole and
      // that whoever made it holds the device key it names.
      const { file, body } = readSignedFile(content, 'qeyd-facility-identity', facilityIdentityBody, (s) => (s.kind === 'device' ? s.publicKey : null));
      if (body.publicKey !== file.signer.publicKey || body.deviceId !== file.signer.id) throw ruleError('error.npm.badFile');
      const facilityId = body.installationId;
      const known = store.q.prepared('SELECT public_key FROM npm_facility_keys WHERE facility_id = ? AND device_id = ?').get(facilityId, body.deviceId) as { public_key: string } | undefined;
      if (known && known.public_key !== body.publicKey) throw ruleError('error.npm.deviceKeyChanged');
      if (!known) {
        store.command({ userId: env.session.userId }, env.method, (tx) => {
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
