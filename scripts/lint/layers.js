// @ts-check
/**
 * The one lint rule that keeps the layers apart (issue #12, docs/design.md's code map): an import is
 * resolved against the importing file, and the folder it lands in must be one its layer may use.
 * Resolving (rather than matching the import text) keeps `renderer/screens/hq/*` from passing for HQ
 * and `../../db` from being missed. Node's built-ins count as a layer of their own, `node`.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const builtins = new Set(builtinModules);

/** @param {string} spec */
const isNodeBuiltin = (spec) => spec.startsWith('node:') || builtins.has(spec.split('/')[0] ?? spec);

/**
 * @typedef {{ root: string, layers: Record<string, { forbid?: string[], only?: string[] }> }} Options
 * `forbid` lists the layers a layer may not import; `only` lists the only ones it may (packages from
 * node_modules are always allowed, Node's built-ins only where `node` is allowed).
 */

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer (core, db, main, renderer, hq) imports only from the layers it may.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, layers: { type: 'object' } }, required: ['root', 'layers'], additionalProperties: false }],
    messages: { crossed: "{{from}}/ may not import from {{to}}{{suffix}} ('{{spec}}')" },
  },
  create(context) {
    const { root, layers } = /** @type {Options} */ (context.options[0]);
    const file = path.relative(root, context.filename);
    const from = file.split(path.sep)[0] ?? '';
    const policy = layers[from];
    if (!policy || file.startsWith('..')) return {};

    /** @param {string} spec @returns {string | undefined} the layer an import lands in; undefined for a package */
    const layerOf = (spec) => {
      if (isNodeBuiltin(spec)) return 'node';
      if (!spec.startsWith('.')) return undefined;
      const target = path.relative(root, path.resolve(path.dirname(context.filename), spec));
      return target.startsWith('..') ? '(outside the project)' : (target.split(path.sep)[0] ?? '');
    };

    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      const to = layerOf(spec);
      if (to === undefined || to === from) return;
      const refused = policy.only ? !policy.only.includes(to) : (policy.forbid ?? []).includes(to);
      if (refused) context.report({ node: source, messageId: 'crossed', data: { from, to, spec, suffix: to === 'node' ? "'s built-in modules" : '/' } });
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(/** @type {import('estree').Node} */ (node.source)),
      // `import('../db/store').Store` in a type position: a type is still a dependency on the layer.
      /** @param {any} node */
      TSImportType: (node) => check(node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument)),
    };
  },
};

export default { rules: { layers: layersRule } };
