// The settings table the page reads (www/settings/schema.json, committed) is the built core's
// (`settings_schema()` across the wasm boundary): a change to src/settings.rs that was not
// followed by `cargo run --example settings_schema > www/settings/schema.json` fails here. Run
// after scripts/build-wasm.sh (CommonJS packages in target/pkg-node/).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const simd = require(path.join(root, 'target/pkg-node/simd/classplay.js'));

test("the built core's settings_schema() is www/settings/schema.json", () => {
  const built = JSON.parse(simd.settings_schema());
  const committed = JSON.parse(fs.readFileSync(path.join(root, 'www/settings/schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(built), Object.keys(committed));
  for (const mode of Object.keys(built)) {
    assert.deepEqual(built[mode].map((e) => e.name), committed[mode].map((e) => e.name), mode);
    for (const [i, e] of built[mode].entries()) assert.deepEqual(committed[mode][i], e, `${mode}.${e.name}`);
  }
});
