// The page's settings in the core's terms (the wasm module is passed in, so this runs in the worker
// and in node tests against target/pkg-node alike).

/** Keys of the page config that are not TrainConfig fields: they choose what data to load. */
export const DATA_KEYS = ['dataset', 'num_test'];

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
    cfg[key] = key === 'loss' ? core.LossKind[value === 'svm' ? 'Svm' : 'Softmax'] : value;
  }
  return cfg;
}
