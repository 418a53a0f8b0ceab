// The message protocol between the page (main.js) and the training worker (worker.js).
// See docs/CONTRACT.md. Every message is `{type, run_id, ...}`; `run_id` rises on every reset, and
// messages of an older run are dropped on arrival, so a reset never shows a stale curve.
//
// main -> worker
//   init   {}                     load the wasm build (SIMD if the browser validates SIMD128)
//   load   {config, base}         fetch + decode the dataset if needed, then setup(config)
//   play   {}                     train in chunks until done, paused or diverged
//   pause  {}
//   step   {}                     exactly one iteration, then everything is updated
//   reset  {config, base}         like load: a new run (new run_id) at iteration 0
//   import {files, options}       the user's files ([{path, file}]) → the `files` dataset
//                                 (options: size, channels, test_share, label_mode, seed)
// worker -> main
//   ready    {simd}               which build runs
//   loading  {what}               human-readable progress of fetching/decoding data
//   loaded   {info}               data and run are ready (shapes, class names, sample images)
//   progress {iteration, num_iters, from, loss, data_loss, reg_loss, train_acc, val_acc,
//             acc_iteration, acc_history, templates}
//                                 loss arrays hold the history from index `from` on (since the last
//                                 progress); acc_history {iterations, train_acc, val_acc}: every
//                                 accuracy measured since the last progress (train_acc, val_acc,
//                                 acc_iteration: the latest); templates is RGBA (num_classes*h*w*4) or null
//   paused   {reason}             'user' | 'step'
//   done     {test_acc}
//   error    {message}            for the status line; the worker stays alive
//   import_progress {done, total, what}   while an import reads and decodes files
//   imported {summary, errors}    summary (shapes, classes, records) or null; errors: [{file, why}]
// Evaluation views (issue 5; see docs/CONTRACT.md). progress also carries val_top5 and, when the
// validation set was evaluated since the last one (with the accuracies; while playing at most 4
// times a second), confusion (Uint32Array C*C, [true][predicted]), else null, with
// confusion_split 'val'; done carries test_top5 and test_confusion.
// main -> worker
//   gallery        {indices}           top-3 of test images `indices` (positions in the test split)
//   cell_images    {split, row, col, limit}   the images of one confusion-matrix cell
//   algebraic      {split, index}      the algebraic view of one image
//   export_weights {}
//   import_weights {bytes, name}       a weights file (docs/WEIGHTS.md) from the user
// worker -> main
//   gallery        {iteration, indices, labels, top (n*3*2 [class, value]), kind, rgba}
//   cell_images    {split, row, col, count, rgba (min(count, limit) images)}
//   algebraic      {iteration, split, index, label, x, wx, b, scores, cols, w_cols, rgba}
//   weights        {bytes}
//   weights_imported      {name, test_acc, test_top5, test_confusion}   the run now uses them
//   weights_import_failed {name, message}   the file was refused; the run is unchanged
//
// `config` holds the Rust TrainConfig names plus dataset and num_test (see state.js trainConfig).

export const TO_WORKER = Object.freeze({
  init: 'init', load: 'load', play: 'play', pause: 'pause', step: 'step', reset: 'reset',
  import: 'import',
  gallery: 'gallery', cell_images: 'cell_images', algebraic: 'algebraic',
  export_weights: 'export_weights', import_weights: 'import_weights',
});

export const TO_MAIN = Object.freeze({
  ready: 'ready', loading: 'loading', loaded: 'loaded', progress: 'progress',
  paused: 'paused', done: 'done', error: 'error',
  import_progress: 'import_progress', imported: 'imported',
  gallery: 'gallery', cell_images: 'cell_images', algebraic: 'algebraic', weights: 'weights',
  weights_imported: 'weights_imported', weights_import_failed: 'weights_import_failed',
});

/** Progress messages per second, at most; with ~20 ms chunks about 25 arrive (the page draws at
 * most once a frame anyway). */
export const PROGRESS_PER_SECOND = 30;

/** Build a message, refusing a type that is not in the protocol (a typo would be silently lost). */
export function message(type, run_id, fields = {}) {
  if (!(type in TO_WORKER) && !(type in TO_MAIN)) throw new Error(`not a protocol message: ${type}`);
  if (!Number.isInteger(run_id)) throw new Error(`message ${type} needs an integer run_id`);
  return { type, run_id, ...fields };
}

/** The message text of diverged training (NaN/Inf loss). */
export const DIVERGED_MESSAGE = 'training diverged (loss is NaN/Inf) — lower the learning rate';
