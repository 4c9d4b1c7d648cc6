import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { locales, facilityKinds } from '../../core/fields';
import { catalogs } from '../../core/i18n';
import { contract } from '../../core/contract';
import { permissions, roles } from '../../core/permissions';

/**
 * The catalogs are the only source of visible text. A key missing in one language shows a raw key to a
 * registrar at night; a Russian plural without `few` or `many` reads as broken grammar; a placeholder
 * renamed in one language silently drops a number from the sentence. These tests catch all of that.
 */

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const en = catalogs.en;
const enKeys = Object.keys(en).sort();

function walk(dir: string, exts: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

/** Every argument a message uses, with the kind of argument (plain, plural, select, ...). */
function argumentsOf(elements: MessageFormatElement[], out = new Map<string, TYPE>()): Map<string, TYPE> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      argumentsOf(el.children, out);
      continue;
    }
    out.set(el.value, el.type);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) argumentsOf(option.value, out);
    }
  }
  return out;
}

function pluralsOf(elements: MessageFormatElement[], out: { name: string; options: string[] }[] = []) {
  for (const el of elements) {
    if (el.type === TYPE.tag) pluralsOf(el.children, out);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      if (el.type === TYPE.plural && el.pluralType !== 'ordinal') out.push({ name: el.value, options: Object.keys(el.options) });
      for (const option of Object.values(el.options)) pluralsOf(option.value, out);
    }
  }
  return out;
}

function parsed(locale: string, key: string): MessageFormatElement[] {
  const message = catalogs[locale as keyof typeof catalogs][key]!;
  try {
    return parse(message, { requiresOtherClause: true });
  } catch (e) {
    throw new Error(`${locale} "${key}" is not valid ICU: ${(e as Error).message}\n  ${message}`);
  }
}

describe('message catalogs', () => {
  it.each(locales.filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    const keys = new Set(Object.keys(catalogs[locale]));
    const missing = enKeys.filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !(k in en)).sort();
    expect({ missing, extra }, `catalog ${locale}`).toEqual({ missing: [], extra: [] });
  });

  it('has no empty message', () => {
    const empty = locales.flatMap((l) =>
      Object.entries(catalogs[l])
        .filter(([, v]) => !v.trim())
        .map(([k]) => `${l} ${k}`),
    );
    expect(empty).toEqual([]);
  });

  it.each(locales)('every %s message parses as ICU', (locale) => {
    for (const key of Object.keys(catalogs[locale])) expect(() => parsed(locale, key)).not.toThrow();
  });

  it('every message uses the same placeholders in every language', () => {
    const problems: string[] = [];
    for (const key of enKeys) {
      const expected = [...argumentsOf(parsed('en', key)).keys()].sort();
      for (const locale of locales) {
        if (!(key in catalogs[locale])) continue;
        const actual = [...argumentsOf(parsed(locale, key)).keys()].sort();
        if (actual.join() !== expected.join()) problems.push(`${locale} "${key}": {${actual.join(', ')}} but English has {${expected.join(', ')}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every Russian plural has one, few, many and other', () => {
    const problems: string[] = [];
    for (const key of Object.keys(catalogs.ru)) {
      for (const plural of pluralsOf(parsed('ru', key))) {
        const missing = ['one', 'few', 'many', 'other'].filter((c) => !plural.options.includes(c));
        if (missing.length) problems.push(`ru "${key}" {${plural.name}, plural} lacks ${missing.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('Russian messages are written in Russian', () => {
    // Names of things that are the same in every language (the product, each language's own name).
    const sameEverywhere = new Set(['app.title', 'language.az', 'language.en']);
    const latinOnly = Object.entries(catalogs.ru)
      .filter(([k, v]) => !sameEverywhere.has(k) && /[A-Za-z]{3}/.test(v.replace(/\{[^{}]*\}/g, '')) && !/[А-Яа-яЁё]/.test(v))
      .map(([k]) => k);
    expect(latinOnly).toEqual([]);
  });
});

describe('messages the interface uses', () => {
  const sources = walk(join(root, 'renderer'), ['.ts', '.tsx']);
  const namespaces = new Set(enKeys.map((k) => k.split('.')[0]!));
  // Dotted literals that are not messages: permission names passed to `can(roles, 'users.manage')`, and
  // contract method names a form or a call names (`method="intake.submit"`).
  const methodNames = Object.entries(contract).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`));
  const notMessages = new Set<string>([...permissions, ...methodNames]);

  function usedIds(): { id: string; where: string }[] {
    const found: { id: string; where: string }[] = [];
    const literal = /(['"])((?:(?!\1)[^\\\n])+)\1/g;
    for (const file of sources) {
      // Comments may quote backend codes ('login.failed'); only code counts. Line lengths are kept so
      // that reported line numbers stay right.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
        .replace(/(^|[^:'"])\/\/[^\n]*/g, (c, lead: string) => lead + ' '.repeat(c.length - lead.length));
      const at = (index: number) => `${relative(root, file)}:${text.slice(0, index).split('\n').length}`;
      // In message-id positions every literal must be a key: id="x", id={cond ? 'a' : 'b'}, id: 'x',
      // and the props of our own components that take a key (label, legend, titleId) or a MessageRef (key).
      const positions = [
        /\bid=(["'])([^"']+)\1/g,
        /\b(?:id|titleId|label|legend)=\{([^{}]*)\}/g,
        /\b(?:id|key|label|legend|titleId|messageKey):\s*([^,}\n]*)/g,
        /\b(?:titleId|label|legend)=(["'])([^"']+)\1/g,
      ];
      for (const re of positions) {
        for (const m of text.matchAll(re)) {
          const chunk = m[2] !== undefined && (m[1] === '"' || m[1] === "'") ? `'${m[2]}'` : m[1]!;
          for (const l of chunk.matchAll(literal)) found.push({ id: l[2]!, where: at(m.index) });
        }
      }
      // Anywhere else, a literal shaped like a key in one of the catalog's namespaces must be one.
      for (const l of text.matchAll(literal)) {
        const s = l[2]!;
        if (notMessages.has(s)) continue;
        if (/^[a-z][A-Za-z]*(\.[A-Za-z0-9_]+)+$/.test(s) && namespaces.has(s.split('.')[0]!)) found.push({ id: s, where: at(l.index) });
      }
    }
    return found;
  }

  it('scans the renderer', () => {
    expect(sources.length).toBeGreaterThan(5);
    expect(usedIds().length).toBeGreaterThan(50);
  });

  it('every message id in renderer/ exists in the catalogs', () => {
    const unknown = usedIds()
      .filter(({ id }) => !(id in en))
      .map(({ id, where }) => `${where} "${id}"`);
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('every role, facility kind and language has a name', () => {
    const wanted = [...roles.map((r) => `role.${r}`), ...facilityKinds.map((k) => `facilityKind.${k}`), ...locales.map((l) => `language.${l}`)];
    expect(wanted.filter((k) => !(k in en))).toEqual([]);
  });

  // The audit log shows backend codes; the screen falls back to the raw code, but a person should not
  // have to read one. A new code written by main/ or declared in the contract needs its sentence here.
  it('every audit action the backend writes has a translation', () => {
    const actions = new Set<string>();
    for (const file of walk(join(root, 'main'), ['.ts'])) {
      for (const m of readFileSync(file, 'utf8').matchAll(/audit\(\s*\{[^)]*?\baction:\s*'([a-z_.]+)'/g)) actions.add(m[1]!);
    }
    // The router writes `${audit.kind}.denied` and 'read' for the contract's audited methods.
    for (const a of ['read', 'read.denied', 'change.denied']) actions.add(a);
    expect(actions.size).toBeGreaterThan(5);
    expect([...actions].filter((a) => !(`audit.action.${a}` in en)).sort()).toEqual([]);
  });

  it('every audited entity type has a translation', () => {
    const types = new Set<string>();
    for (const file of [...walk(join(root, 'main'), ['.ts']), ...walk(join(root, 'core', 'contract'), ['.ts'])]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bentityType:\s*'([a-z_]+)'/g)) types.add(m[1]!);
    }
    expect(types.size).toBeGreaterThan(1);
    expect([...types].filter((t) => !(`entity.${t}` in en)).sort()).toEqual([]);
  });
});
