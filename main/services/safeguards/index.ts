import { can } from '../../../core/permissions';
import type { Handlers } from '../../api/router';
import type { ServiceInstallation } from '../installation';
import { protectionFigures } from '../protection-figures';
import { consularHandlers } from './consular';
import { interpreterHandlers } from './interpreters';
import { legalAidHandlers } from './legal-aid';
import { buildPanel, maskTrafficking } from './panel';
import { rightsHandlers } from './rights';
import { safeguardStats } from './stats';

export { buildPanel } from './panel';
export { safeguardStats } from './stats';
export { templateHash, verifyCodeFor } from './rights';

/**
 * Rights (Migration Code 74.5), consular notice (VCCR 36 with the protection block), legal aid
 * (Constitution 61) and interpreters, one module each; here they are joined with the panel and the
 * figures. Each refusal names the rule in a translated message. A method left out of every part does
 * not compile: the result must be the whole `Handlers['safeguards']`.
 */
export function safeguardsHandlers(inst: ServiceInstallation, now: () => number): Handlers['safeguards'] {
  return {
    ...rightsHandlers(inst, now),
    ...interpreterHandlers(inst, now),
    ...consularHandlers(inst, now),
    ...legalAidHandlers(inst, now),
    panel: (input, env) => maskTrafficking(buildPanel(inst.requireStore(), input.personId, now()), can(env.session.roles, 'protection.read')),
    stats: (_input, env) => ({ ...safeguardStats(inst.requireStore()), ...protectionFigures(inst.requireStore(), now(), can(env.session.roles, 'protection.read')) }),
  };
}
