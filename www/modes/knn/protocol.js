// The messages between the k-NN page (pool.js) and its workers (worker.js): requests and replies,
// matched by `req` (one number per request, rising). Every message is `{type, req, ...}`.
//
// page -> worker (requests)
//   init      {}                                 load the wasm build (same SIMD probe as core.js)
//   setup     {dataset, limits, base, num_train, num_test, subset, seed}
//                                                fetch + decode the data if needed, then knn_setup
//                                                (dataset=files: the import adopted below)
//   import    {files, options}                   the user's files ([{path, file}], www/import/),
//                                                decoded by one worker: result {summary, errors:
//                                                [{file, why}], recipe} (recipe: the decoded data)
//   adopt     {recipe}                           take an import's recipe as this worker's files
//                                                (no decoding again: every pool worker gets it)
//   predict   {from, to, metric, k}              labels of test-subset rows from..to, and ranks:
//                                                (to − from, RANKED) classes in k-NN order (top-5)
//   neighbors {rows, metric, k}                  the gallery: k nearest training images per row
//   cv        {metric, k_choices, num_folds}     cross-validation on the training subset
//   timing    {sizes, rows, metric, k, setup}    predict time of `rows` test rows per num_train
//   grid      {points, labels, k, metric, width, height, x0, y0, x1, y1}   2-D decision regions
// worker -> page (replies)
//   result    {...}                              the request's answer (fields per request below)
//   loading   {what, done?, total?}              progress of a setup's fetching / decoding, or
//                                                of an import (files done of total)
//   error     {message}                          the request failed; the worker stays alive

/** Classes ranked per test image for top-5 accuracy (knn_predict_ranked's `top`). */
export const RANKED = 5;

export const REQUESTS = Object.freeze(['init', 'setup', 'import', 'adopt', 'predict', 'neighbors', 'cv', 'timing', 'grid']);
export const REPLIES = Object.freeze(['result', 'loading', 'error']);

/** Build a message, refusing a type outside the protocol (a typo would be silently lost). */
export function message(type, req, fields = {}) {
  if (!REQUESTS.includes(type) && !REPLIES.includes(type)) throw new Error(`not a k-NN message: ${type}`);
  if (!Number.isInteger(req)) throw new Error(`message ${type} needs an integer req`);
  return { type, req, ...fields };
}
