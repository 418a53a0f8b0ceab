// The two wasm builds the page can load (SIMD128 and the scalar fallback) are the same core:
// same loss_history bit for bit, same accuracy. Run by the README's test command after
// scripts/build-wasm.sh (CommonJS packages in target/pkg-node/).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..', '..');
const simd = require(path.join(root, 'target/pkg-node/simd/classplay.js'));
const scalar = require(path.join(root, 'target/pkg-node/scalar/classplay.js'));
const mnist = (f) => fs.readFileSync(path.join(root, 'data/mnist', f));

function run(pkg, loss, features = 'pixels') {
  const p = new pkg.Playground();
  p.load_mnist('train', mnist('train-images-idx3-ubyte.gz'), mnist('train-labels-idx1-ubyte.gz'), 3000);
  p.load_mnist('test', mnist('t10k-images-idx3-ubyte.gz'), mnist('t10k-labels-idx1-ubyte.gz'), 2000);
  const cfg = new pkg.TrainConfig();
  cfg.loss = loss === 'svm' ? pkg.LossKind.Svm : pkg.LossKind.Softmax;
  cfg.num_train = 2500;
  cfg.num_val = 500;
  cfg.num_iters = 200;
  if (features === 'pixels') p.setup(cfg);
  else {
    cfg.learning_rate = 0.03; // the features' defaults (www/modes/train/state.js FEATURE_DEFAULTS)
    cfg.reg = 0.01;
    p.setup_features(cfg, features);
  }
  while (p.train(17) > 0);
  const out = {
    history: Array.from(new Uint32Array(p.loss_history(0).buffer)),
    test_acc: p.test_acc(),
    templates: features === 'pixels' ? Buffer.from(p.templates_rgba()).toString('base64') : '',
  };
  p.free();
  return out;
}

test('the SIMD build has SIMD128 compiled in, the fallback does not', () => {
  assert.equal(simd.simd_compiled(), true);
  assert.equal(scalar.simd_compiled(), false);
  const wasmDis = path.join(root, 'node_modules/.bin/wasm-dis');
  if (fs.existsSync(wasmDis)) {
    const count = (f) => (execFileSync(wasmDis, [f], { maxBuffer: 1 << 28 }).toString().match(/f32x4\.mul/g) || []).length;
    assert.ok(count(path.join(root, 'www/pkg/simd/classplay_bg.wasm')) > 0, 'shipped SIMD build has f32x4.mul');
    assert.equal(count(path.join(root, 'www/pkg/scalar/classplay_bg.wasm')), 0, 'scalar build has no SIMD');
  }
});

for (const loss of ['softmax', 'svm']) {
  test(`SIMD and scalar builds give the same ${loss} run bit for bit`, () => {
    const a = run(simd, loss);
    const b = run(scalar, loss);
    assert.equal(a.history.length, 200);
    assert.deepEqual(a.history, b.history);
    assert.equal(a.test_acc, b.test_acc);
    assert.equal(a.templates, b.templates);
    assert.ok(a.test_acc > 0.8, `test accuracy ${a.test_acc}`);
  });
}

test('core errors reach JS as Error with a message for the status line', () => {
  const p = new simd.Playground();
  assert.throws(() => p.load_mnist('train', Buffer.from([0, 0, 8, 3, 0, 0, 0, 9]), Buffer.alloc(0), 0), /truncated|images file/);
  assert.throws(() => p.setup(new simd.TrainConfig()), /no training data/);
  const cfg = new simd.TrainConfig();
  cfg.learning_rate = NaN;
  assert.throws(() => p.setup(cfg), /learning_rate/);
});

test('the import\'s class limit is the core\'s (src/label.rs MAX_CLASSES)', async () => {
  const { MAX_CLASSES } = await import(path.join(root, 'www/import/classify.js'));
  assert.equal(MAX_CLASSES, simd.max_classes());
  assert.ok(MAX_CLASSES >= 1000, 'ImageNet-1k fits');
});

test('SIMD and scalar builds train the same run on hog+color_hist features bit for bit (train mode)', () => {
  const a = run(simd, 'softmax', 'hog+color_hist');
  const b = run(scalar, 'softmax', 'hog+color_hist');
  assert.equal(a.history.length, 200);
  assert.deepEqual(a, b);
  assert.ok(a.test_acc > 0.8, `test accuracy ${a.test_acc}`);
});

test('SIMD and scalar builds give the same HOG and hue-histogram features bit for bit', () => {
  const feats = (pkg) => {
    const p = new pkg.Playground();
    p.load_mnist('train', mnist('train-images-idx3-ubyte.gz'), mnist('train-labels-idx1-ubyte.gz'), 300);
    const gray = Buffer.from(p.split_features('train', 'hog+color_hist').buffer).toString('base64');
    const cells = Buffer.from(p.hog_cells('train', 7).buffer).toString('base64');
    p.free();
    // Random RGB 32×32 images from a fixed LCG.
    const rgb = new Uint8Array(20 * 32 * 32 * 3);
    let s = 12345;
    for (let i = 0; i < rgb.length; i++) { s = (s * 1103515245 + 12345) >>> 0; rgb[i] = s >>> 24; }
    const color = pkg.extract_features('hog+color_hist', rgb, 32, 32, 3);
    return { gray, cells, color: Buffer.from(color.buffer).toString('base64'), n: color.length };
  };
  const a = feats(simd);
  const b = feats(scalar);
  assert.equal(a.n, 20 * (144 + 10));
  assert.deepEqual(a, b);
  assert.throws(() => simd.extract_features('sift', new Uint8Array(64), 8, 8, 1), /features/);
});
