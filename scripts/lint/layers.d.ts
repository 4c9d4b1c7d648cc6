import type { Rule } from 'eslint';

/** The layer rule's plugin (layers.js), typed for tests/scripts/lint-layers.test.ts. */
declare const plugin: { rules: { layers: Rule.RuleModule } };
export default plugin;
