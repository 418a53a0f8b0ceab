// The one message protocol between every mode's page and its worker(s) (docs/CONTRACT.md).
// Every message is `{type, run_id, ...}` with snake_case keys, the names of the core and the URL.
//
// `run_id` rises: in the train mode on every load / reset (one run, many messages); in the
// request / reply modes (knn, fewshot, lab) on every request (the client's id for it). The worker
// runtime (runtime.js) drops a job made stale by a newer message of a "superseding" type (per mode
// below); the client (client.js) drops a reply nobody waits for any more.
//
// Common to every mode
//   page -> worker  init {}                load the wasm build (SIMD if the browser validates SIMD128)
//                   cancel_load {}         abort the data fetches in flight (the load fails with
//                                          "loading cancelled"; the data already loaded stays)
//   worker -> page  ready {simd}           init's answer: which build runs
//                   error {message, crashed?}   a job failed; `crashed`: the core trapped, the
//                                          worker is replaced by a fresh one (client.js)
//                   loading {what, done?, total?, bytes_done?, bytes_total?}   fetching /
//                                          decoding data, or an import's files; bytes_*: a served
//                                          dataset's fetch (bytes_done = bytes_total once fetched)
//                   progress {...}         a long job's partial results (per mode below)
//                   result {...}           a request's answer (request / reply modes)
//
// train (www/modes/train/worker.js)
//   page -> worker
//     load   {config, base}         fetch + decode the dataset if needed, then setup(config)
//     reset  {config, base}         like load: a new run (new run_id) at iteration 0
//     play   {speed}                train in chunks until done, paused or diverged; speed > 0:
//                                   at most that many iterations per second (same numbers)
//     speed  {speed}                change the pace of a run that is playing
//     pause  {}                     stop; the last progress goes first, then `paused`
//     step   {}                     exactly one iteration, then everything is updated
//     import {files, options}       the user's files ([{path, file}]) → the `files` dataset
//                                   (options: size, channels, test_share, label_mode, seed)
//     gallery        {indices}                top-3 of test positions `indices`
//     cell_images    {split, row, col, limit} the images of one confusion-matrix cell
//     algebraic      {split, index}           the algebraic view of one image
//     export_weights {}
//     import_weights {bytes, name}            a weights file (docs/WEIGHTS.md)
//     draw           {ink, height, width}     a drawing (alpha 0..255, (height, width)) framed like
//                                             MNIST and scored by the current weights
//   worker -> page
//     loaded   {info}               data and run are ready (shapes, class names, sample images)
//     progress {iteration, num_iters, from, loss, data_loss, reg_loss, train_acc, val_acc, val_top5,
//               acc_iteration, acc_history, templates, confusion, confusion_split}
//                                   loss arrays from index `from` on (since the last progress);
//                                   acc_history {iterations, train_acc, val_acc}: every accuracy
//                                   measured since the last progress; templates RGBA or null;
//                                   confusion (C*C, [true][predicted]) when the validation set was
//                                   evaluated since the last one (while playing ≤ 4 a second)
//     paused   {reason}             'user' | 'step' (always right after a progress)
//     done     {test_acc, test_top5, test_confusion}
//     import_progress {done, total, what}   imported {summary, errors: [{file, why}]}
//     gallery        {iteration, indices, labels, top (n*3*2 [class, value]), kind, rgba}
//     cell_images    {split, row, col, count, rgba}
//     algebraic      {iteration, split, index, label, x, wx, b, scores, cols, w_cols, rgba}
//     weights        {bytes}
//     weights_imported      {name, test_acc, test_top5, test_confusion}
//     weights_import_failed {name, message}
//     draw           {iteration, framed (28*28), scores (C), probs (C), kind}   kind 'probability'
//                                   (softmax loss) | 'score' (SVM)
//     A failed view request answers with its type and {error}.
//   `config` holds the Rust TrainConfig names plus dataset, num_test and label_mode.
//
// knn (www/modes/knn/worker.js; the pool in pool.js splits `predict` over several workers)
//   setup     {dataset, label_mode, limits, base, num_train, num_test, subset, seed, want_labels,
//              features, await_records?, records?}   → result {train_ms, feature_ms, load_ms, info,
//                                   test_labels} or {stale: true}; features ≠ pixels: predict then
//                                   votes on standardised features. One decode for the pool: with
//                                   `await_records` a worker lacking a served dataset answers
//                                   {need_records: true} instead of loading it, and takes it from
//                                   `records` (the joined parts, share.js) in the next setup
//   records   {dataset, label_mode, limits, base, seed, part: {index, count}}   fetch + decode part
//                                   `index` of `count` of the data (data.js partOf) → result {kind,
//                                   key, shared, train_images, train_labels, test_images,
//                                   test_labels}: that part's records, transferred
//   hog       {row}                 → result {rgba, cells, height, width}: test-subset row's HOG view
//   import    {files, options}      → result {summary, errors, recipe} (decoded once, by worker 0)
//   adopt     {recipe}              take an import's decoded data (every other pool worker)
//   predict   {from, to, metric, k} → result {labels, ranks (to − from, RANKED), ms}
//   neighbors {rows, metric, k}     → result {queries}: the k nearest training images per row
//   cv        {metric, k_choices, num_folds}   → result {accuracies (len(k), folds), ms} (on the setup's
//                                              features, standardised per fold, when ≠ pixels)
//   timing    {sizes, rows, metric, k}         → result {points, rows}
//   grid      {points, labels, k, metric, width, height, x0, y0, x1, y1}   → result {grid}
//   draw      {ink, height, width, metric, k}   a drawing framed like MNIST → result {framed,
//                                   label, neighbours: [{row, label, distance, rgba}]}
//
// fewshot (www/modes/fewshot/worker.js)
//   setup    {dataset, label_mode, split, limits, base, seed}   → result {info} or {stale: true}
//   import   {files, options}       → result {summary, errors}
//   run      {config}               progress {accuracies, pixel_accuracies, done} → result {done, ms}
//                                   (pixel_accuracies: the same episodes on pixels; empty on pixels)
//   episode  {config, index}        → result: episode `index` of that run, with its images
//   sweep    {config, k_values}     progress {k_shot, accuracies} (one per K) → result {points}
//   oneshot  {metric, base}         Omniglot's one-shot benchmark: progress {run, name, error,
//                                   predicted, answers} (one per run) → result {errors, ms}
//   cancel   {}                     makes the running job stale
//   config: {split, n_way, k_shot, num_queries, num_episodes, metric, seed, episodes, features}
//
// lab (www/modes/lab/worker.js)
//   load      {config, base}        → result {num_classes, class_names}
//   sanity    {config}              → result {measured, expected, limit, tolerance, sigma, measured_small, ok, …}
//   questions {config}              → result {<LectureQuestions field>: value, …} (src/lab/questions.rs)
//   gradcheck {config, num_checks, h}          → result {rows, max_rel_error, …}
//   compare   {config, rules: [{rule, learning_rate}]}   progress {index, loss, iteration} | {index, done}
//   search    {config, iters, gd_learning_rate}          progress {kind, loss}
//   sweep     {config, learning_rates, regs}   progress {cell, val_acc, diverged, final_loss, val_top5}
//   cancel    {}                    every request with a smaller run_id stops
//   Every accuracy {val_acc, test_acc} comes with {val_top5, test_top5}: NaN with ≤ 5 classes.
//
// views (www/modes/views/worker.js): the one-call computations too long for the page
//   best  {layout, num_per_class, seed, restarts}   → result {best}
//   curse {num_points, dims, num_queries, metric, seed}   progress {index, stats (6)} per dimension,
//                                   in order → result {count}; a newer curse makes it stale

/** Types every mode shares. */
export const COMMON = Object.freeze({
  to_worker: ['init', 'cancel_load'],
  to_main: ['ready', 'error', 'loading', 'progress', 'result'],
});

/** Each mode's own types (besides COMMON) and the types whose arrival makes older jobs stale. */
export const MODES = Object.freeze({
  train: {
    to_worker: ['load', 'play', 'pause', 'step', 'reset', 'import', 'gallery', 'cell_images', 'algebraic',
      'export_weights', 'import_weights', 'draw', 'speed'],
    to_main: ['loaded', 'paused', 'done', 'import_progress', 'imported', 'gallery', 'cell_images', 'algebraic',
      'weights', 'weights_imported', 'weights_import_failed', 'draw'],
    superseding: ['load', 'reset'],
  },
  knn: {
    to_worker: ['setup', 'import', 'adopt', 'records', 'predict', 'neighbors', 'cv', 'timing', 'grid', 'draw', 'hog'],
    to_main: [],
    superseding: ['setup', 'import'],
  },
  fewshot: {
    to_worker: ['setup', 'import', 'run', 'episode', 'sweep', 'oneshot', 'cancel'],
    to_main: [],
    superseding: ['setup', 'import', 'run', 'sweep', 'oneshot', 'cancel'],
  },
  lab: {
    to_worker: ['load', 'sanity', 'questions', 'gradcheck', 'compare', 'search', 'sweep', 'cancel'],
    to_main: [],
    superseding: ['cancel'],
  },
  views: {
    to_worker: ['best', 'curse'],
    to_main: [],
    superseding: ['curse'],
  },
});

/** Every type of `mode` in one direction ('to_worker' | 'to_main'), COMMON first. */
export function typesOf(mode, direction) {
  const m = MODES[mode];
  if (!m) throw new Error(`no worker protocol for mode ${JSON.stringify(mode)}`);
  return [...COMMON[direction], ...m[direction]];
}

const ALL = new Set(Object.values(MODES).flatMap((m) => [...m.to_worker, ...m.to_main])
  .concat(COMMON.to_worker, COMMON.to_main));

/**
 * Build a message, refusing a type outside the protocol (a typo would be silently lost) and a
 * run_id that is not an integer. With `mode`, the type must be one of that mode's.
 */
export function message(type, run_id, fields = {}, mode = null) {
  const known = mode ? typesOf(mode, 'to_worker').includes(type) || typesOf(mode, 'to_main').includes(type)
    : ALL.has(type);
  if (!known) throw new Error(`not a ${mode ? `${mode} ` : ''}protocol message: ${type}`);
  if (!Number.isInteger(run_id)) throw new Error(`message ${type} needs an integer run_id`);
  return { type, run_id, ...fields };
}

const table = (names) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));

/** The train mode's types as `{name: name}` tables (TO_WORKER.reset === 'reset'). */
export const TO_WORKER = table([...COMMON.to_worker, ...MODES.train.to_worker]);
export const TO_MAIN = table(['ready', 'loading', 'loaded', 'progress', 'paused', 'done', 'error',
  'import_progress', 'imported', 'gallery', 'cell_images', 'algebraic', 'weights', 'weights_imported',
  'weights_import_failed', 'draw']);

/** The message text of diverged training (NaN/Inf loss). */
export const DIVERGED_MESSAGE = '(the loss or its gradient overflowed): lower learning_rate — Reset or a new learning_rate starts again';

/** k-NN: classes ranked per test image for top-5 accuracy (knn_predict_ranked's `top`). */
export const RANKED = 5;
