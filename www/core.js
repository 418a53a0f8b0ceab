// The page's side of the wasm core: which build to load, and the settings in the core's terms.
// The wasm module is passed in, so this runs in the worker and in node tests (target/pkg-node).

/** A tiny module using SIMD128 (i8x16.splat + i8x16.popcnt): valid only where SIMD is supported. */
export const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** Which wasm build this engine runs: 'simd', or the 'scalar' fallback (same results bit for bit). */
export function buildVariant(validate = (bytes) => WebAssembly.validate(bytes)) {
  return validate(SIMD_PROBE) ? 'simd' : 'scalar';
}

// The two web builds; webpack sees both URLs and emits both .wasm files, the browser fetches one.
const BUILDS = {
  simd: {
    glue: () => import('./pkg/simd/classplay.js'),
    wasm: () => new URL('./pkg/simd/classplay_bg.wasm', import.meta.url),
  },
  scalar: {
    glue: () => import('./pkg/scalar/classplay.js'),
    wasm: () => new URL('./pkg/scalar/classplay_bg.wasm', import.meta.url),
  },
};

/**
 * Load and instantiate one web build (in a worker: every worker has its own instance).
 * @returns {Promise<{wasm, memory}>} the wasm-bindgen module namespace and its WebAssembly.Memory.
 */
export async function loadCore(variant = buildVariant()) {
  const build = BUILDS[variant];
  const glue = await build.glue();
  const exports = await glue.default({ module_or_path: build.wasm() });
  return { wasm: glue, memory: exports.memory };
}

/** Keys of the page config that are not TrainConfig fields: they choose what data to load, or
 * (`features`) what the classifier sees of it (`Playground.setup_features`). */
export const DATA_KEYS = ['dataset', 'num_test', 'label_mode', 'features'];

/**
 * A core `TrainConfig` from the page's config (state.js trainConfig). Fields not set here keep the
 * core's defaults (eval_every). The caller frees it (`cfg.free()`): it lives in wasm memory.
 */
export function toTrainConfig(core, config) {
  const cfg = new core.TrainConfig();
  for (const [key, value] of Object.entries(config)) {
    if (DATA_KEYS.includes(key)) continue;
    if (!(key in cfg)) {
      cfg.free();
      throw new Error(`the core's TrainConfig has no field ${key}`);
    }
    cfg[key] = key in ENUMS ? enumValue(core, key, value) : value;
  }
  return cfg;
}

/** TrainConfig fields that are wasm-bindgen enums: the enum's name in the core. Their URL names are
 * snake_case (`sgd_momentum`), the enum's variants PascalCase (`SgdMomentum`). */
export const ENUMS = { loss: 'LossKind', update_rule: 'UpdateRule', regularization: 'Regularization',
  subset: 'Subset' };

/** The core's number for the URL name `value` of enum field `key` ('sgd_momentum' → UpdateRule.SgdMomentum). */
export function enumValue(core, key, value) {
  const variant = String(value).split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const n = core[ENUMS[key]]?.[variant];
  if (typeof n !== 'number') throw new Error(`${key}: the core has no ${JSON.stringify(value)}`);
  return n;
}
