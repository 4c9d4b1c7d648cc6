import { randomUUID } from 'node:crypto';
import { interpreterAllowed, type InterpreterUse } from '../../../core/safeguards';
import { isProtectionCase } from '../../../db/episode-facts';
import type { InterpreterUsesTable } from '../../../db/schema';
import type { ServiceStore } from '../../../db/store';
import type { Handlers } from '../../api/router';
import { episodeRow } from '../episodes';
import { notFuture } from '../common';
import type { ServiceInstallation } from '../installation';
import { personRow } from '../person-view';
import { actor, notFound, rule, flagsOf } from './shared';

export function toInterpreterUse(u: InterpreterUsesTable): InterpreterUse {
  return {
    at: u.at,
    language: u.language,
    interpreterName: u.interpreter_name,
    kind: u.kind as InterpreterUse['kind'],
    purpose: u.purpose as InterpreterUse['purpose'],
    genderPreferenceMet: u.gender_preference_met === null ? null : u.gender_preference_met === 1,
    affiliationChecked: u.affiliation_checked === 1,
    affiliatedWithOriginState: u.affiliated === 1,
  };
}

export function interpreterUse(store: ServiceStore, useId: string, personId: string): InterpreterUse {
  const u = store.q.first(store.qb.selectFrom('interpreter_uses').selectAll().where('use_id', '=', useId));
  if (!u || u.person_id !== personId) throw rule('error.interpreter.unknown', 'interpreterUseId');
  return toInterpreterUse(u);
}

/** Interpreters (docs/domain.md §5 rule 10): who interpreted, and whether they could be used at all. */
export function interpreterHandlers(inst: ServiceInstallation, now: () => number): Pick<Handlers['safeguards'], 'recordInterpreter'> {
  return {
    recordInterpreter: (input, env) => {
      const store = inst.requireStore();
      personRow(store, input.personId);
      if (input.episodeId && episodeRow(store, input.episodeId).person_id !== input.personId) throw notFound();
      notFuture(input.use.at, now(), 'use.at');
      // §5 rule 10: an interpreter linked to the country-of-origin mission is never used in a protection case.
      if (!interpreterAllowed(input.use, isProtectionCase(flagsOf(store, input.personId), store.settings))) {
        throw rule('error.interpreter.affiliatedInProtectionCase', input.use.affiliationChecked ? 'use.affiliatedWithOriginState' : 'use.affiliationChecked');
      }
      const useId = randomUUID();
      store.command(actor(env), env.method, (tx) => tx.append({ type: 'interpreter.used', entityId: useId, payload: { personId: input.personId, episodeId: input.episodeId, use: input.use } }));
      return { useId };
    },
  };
}
