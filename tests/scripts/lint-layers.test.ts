import path from 'node:path';
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import tseslint from 'typescript-eslint';
import qeyd from '../../scripts/lint/layers.js';

// RuleTester asks for the test framework's functions; these are vitest's.
// afterAll is read at run time but missing from ESLint 9's type declarations.
(RuleTester as unknown as { afterAll: typeof afterAll }).afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve('/project');
const options = [
  {
    root,
    layers: {
      core: { forbid: ['db', 'main', 'renderer', 'hq', 'scripts', 'tests', 'node'] },
      db: { forbid: ['main', 'renderer', 'hq', 'scripts', 'tests'] },
      renderer: { only: ['core', 'renderer'] },
      main: { forbid: ['renderer', 'hq', 'scripts', 'tests'] },
    },
  },
];
const at = (file: string) => path.join(root, file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const rule = qeyd.rules.layers;

describe('the layer rule resolves each import and refuses the ones its layer may not make', () => {
  tester.run('qeyd/layers', rule, {
    valid: [
      { filename: at('core/npm/visit.ts'), code: "import { z } from 'zod'; import { a } from '../time';", options },
      { filename: at('db/store.ts'), code: "import { contract } from '../core/contract'; import { readFileSync } from 'node:fs';", options },
      { filename: at('main/backend.ts'), code: "import { Store } from '../db/store'; import type { Settings } from '../core/settings';", options },
      // renderer/screens/hq/ is the renderer's own folder, not hq/.
      { filename: at('renderer/screens/person/Page.tsx'), code: "import { Compliance } from '../hq/Compliance';", options },
      { filename: at('renderer/App.tsx'), code: "import { contract } from '../core/contract'; import React from 'react';", options },
      { filename: at('tests/core/x.test.ts'), code: "import { Store } from '../../db/store'; import fs from 'node:fs';", options },
    ],
    invalid: [
      { filename: at('core/npm/visit.ts'), code: "import { Store } from '../../db/store';", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('core/sync.ts'), code: "import { createHash } from 'node:crypto';", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('core/sync.ts'), code: "import { readFileSync } from 'fs';", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('core/sync.ts'), code: "export { x } from '../main/backend';", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('db/store.ts'), code: "import type { Backend } from '../main/backend';", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('renderer/api.ts'), code: "import type { Backend } from '../main/backend';", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('renderer/api.ts'), code: "import { join } from 'node:path';", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('renderer/api.ts'), code: "const m = await import('../db/store');", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('renderer/api.ts'), code: "type S = import('../db/store').Store;", options, errors: [{ messageId: 'crossed' }] },
      { filename: at('main/backend.ts'), code: "import { console } from '../hq/console';", options, errors: [{ messageId: 'crossed' }] },
    ],
  });
});
