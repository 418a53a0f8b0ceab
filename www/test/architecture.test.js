// The front end's shape (docs/ARCHITECTURE.md): no import cycle anywhere in www/ (madge, the same
// tool and options as `npx madge --circular --extensions js,mjs www`), and no mode importing
// another mode — what two modes share lives in a shared folder (ui/, settings/, worker/, …).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const WWW = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODES_DIR = path.join(WWW, 'modes');

/** Every .js / .mjs file under `dir`, skipping the generated wasm bindings and the tests. */
function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['pkg', 'test'].includes(e.name) ? [] : sources(p);
    return /\.m?js$/.test(e.name) ? [p] : [];
  });
}

/** The relative specifiers a file imports (static, dynamic and `new URL(…)` workers). */
export function importsOf(text) {
  const re = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)(['"])(\.{1,2}\/[^'"]+)\1/g;
  return [...text.matchAll(re)].map((m) => m[2]);
}

/** The mode folder (`knn`, `train`, …) a path lies in, or null. */
const modeOf = (p) => {
  const rel = path.relative(MODES_DIR, p);
  return rel.startsWith('..') || !rel.includes(path.sep) ? null : rel.split(path.sep)[0];
};

test('madge finds no import cycle in www/', async () => {
  const graph = await madge(WWW, { fileExtensions: ['js', 'mjs'], excludeRegExp: [/^pkg\//, /^test\//] });
  const cycles = graph.circular();
  assert.deepEqual(cycles, [], `import cycles:\n${cycles.map((c) => c.join(' > ')).join('\n')}`);
});

test('no mode imports another mode', () => {
  const crossings = [];
  for (const file of sources(WWW)) {
    const from = modeOf(file);
    if (!from) continue;
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      const to = modeOf(path.resolve(path.dirname(file), spec));
      if (to && to !== from) crossings.push(`${path.relative(WWW, file)} → ${spec}`);
    }
  }
  assert.deepEqual(crossings, []);
});

test('the import scan sees what it must (else the check above could not fail)', () => {
  assert.deepEqual(importsOf("import { a } from '../lab/table.js';\nconst m = import('./x.js');\n" +
    "new Worker(new URL('./worker.js', import.meta.url));\nimport './y.css';"),
  ['../lab/table.js', './x.js', './worker.js', './y.css']);
  assert.equal(modeOf(path.join(MODES_DIR, 'race', 'index.js')), 'race');
  assert.equal(modeOf(path.join(WWW, 'ui', 'plane.js')), null);
});

test('every mode has its folder with an index.js that exports mount(root)', () => {
  for (const mode of ['train', 'knn', 'fewshot', 'race', 'lab', 'views']) {
    const index = path.join(MODES_DIR, mode, 'index.js');
    assert.ok(fs.existsSync(index), index);
    assert.match(fs.readFileSync(index, 'utf8'), /export (async )?function mount\(root\b/, mode);
  }
});
