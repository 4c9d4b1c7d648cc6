import { ApiError } from '../../core/contract/errors';
import { can } from '../../core/permissions';
import { settingsConflict, settingsSchema } from '../../core/settings';
import type { Handlers } from '../api/router';
import type { ServiceInstallation } from './installation';
import { dueNow, listRegister, registerExtract } from './register-reads';

export function registerHandlers(inst: ServiceInstallation, now: () => number): Handlers['register'] {
  return {
    list: (input, env) => listRegister(inst.readStore(), input, now(), can(env.session.roles, 'protection.read'), can(env.session.roles, 'medical.read')),
    extract: (input) => registerExtract(inst.readStore(), input.from, input.to, now()),
  };
}

export function dueNowHandlers(inst: ServiceInstallation, now: () => number): Handlers['dueNow'] {
  return { list: (input, env) => dueNow(inst.readStore(), now(), input.includeUpcoming, can(env.session.roles, 'protection.read'), can(env.session.roles, 'medical.read')) };
}

/** Thresholds live in the store; a change is audited with the old and new values. */
export function settingsHandlers(inst: ServiceInstallation): Handlers['settings'] {
  return {
    get: () => ({ settings: inst.readStore().settings }),
    update: (input, env) => {
      const store = inst.requireStore();
      const before = store.settings;
      const next = settingsSchema.parse({ ...before, ...input.changes });
      // Refused before anything is saved or audited: the settings stay as they were.
      const conflict = settingsConflict(next, Object.keys(input.changes));
      if (conflict) {
        const ref = { key: conflict.key, params: conflict.params };
        throw new ApiError({ code: 'validation', messageKey: conflict.key, params: conflict.params, fields: { [`changes.${conflict.field}`]: ref } });
      }
      store.saveSettings(next);
      store.audit({
        actor: env.session.userId,
        action: 'settings.changed',
        method: env.method,
        entityType: 'settings',
        entityId: null,
        outcome: 'ok',
        detail: JSON.stringify({ before, after: next }),
      });
      return { settings: next };
    },
  };
}
