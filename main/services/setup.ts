import { ApiError } from '../../core/contract/errors';
import { createInstallation } from '../../db/keyslots';
import { settingsSchema } from '../../core/settings';
import type { Handlers } from '../api/router';
import type { ServiceInstallation } from './installation';
import { insertUser } from './users-repo';

/** First run: the facility, this device, the first administrator, and the recovery key (shown once). */
export function setupHandlers(inst: ServiceInstallation): Handlers['setup'] {
  let inProgress = false;
  return {
    status: () => ({
      initialized: inst.info !== null,
      facilityName: inst.info?.facilityName ?? null,
      facilityKind: inst.info?.facilityKind ?? null,
    }),
    initialize: async (input) => {
      if (inst.info || inProgress) throw new ApiError({ code: 'already_initialized', messageKey: 'error.alreadyInitialized' });
      inProgress = true;
      try {
        const { file, dbKey, recoveryKey } = await createInstallation({
          facilityName: input.facilityName,
          facilityKind: input.facilityKind,
          adminUsername: input.admin.username,
          adminPassword: input.admin.password,
        });
        const store = inst.create(file, dbKey, input.deviceName, {
          installation_id: file.installationId,
          facility_name: input.facilityName,
          facility_kind: input.facilityKind,
          settings: JSON.stringify(settingsSchema.parse({ timeZone: input.timeZone })),
        });
        store.command({ userId: 'setup' }, 'setup.initialize', (tx) => {
          const admin = insertUser(tx, { username: input.admin.username, displayName: input.admin.displayName, roles: ['admin'] });
          tx.audit({ action: 'installation.created', method: 'setup.initialize', entityType: 'user', entityId: admin.user_id, outcome: 'ok' });
        });
        // The key file is written last: until it exists the installation does not exist, so a crash
        // during setup leaves a clean first run, not a database nobody can open.
        inst.saveFile(file);
        inst.lock();
        dbKey.fill(0);
        return { recoveryKey };
      } catch (e) {
        if (!inst.info) inst.lock();
        throw e;
      } finally {
        inProgress = false;
      }
    },
  };
}
