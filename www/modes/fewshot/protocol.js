// The messages between the few-shot page (index.js, through client.js) and its worker (worker.js):
// requests and replies matched by `req` (one number per request, rising). Every message is
// `{type, req, ...}`. A newer `run`, `sweep` or `setup` makes an older one stale: it stops at its
// next chunk and replies {stale: true}.
//
// page -> worker (requests)
//   init     {}                                  load the wasm build (core.js picks SIMD or scalar)
//   setup    {dataset, split, limits, base, seed}
//                                                fetch + decode the split the episodes come from
//                                                (dataset=files: the files imported in this page)
//   import   {files, options}                    the user's files ([{path, file}], www/import/):
//                                                decoded here, kept for dataset=files; result
//                                                {summary, errors: [{file, why}]}
//   run      {config}                            run config.num_episodes episodes in chunks
//   episode  {config, index}                     episode `index` of that run, with its images
//   sweep    {config, k_values}                  the run once per K (k_shot) in k_values
//   cancel   {}                                  make the running job stale
// config: {split, n_way, k_shot, num_queries, num_episodes, metric, seed} (state.js episodeConfig)
//
// worker -> page (replies)
//   progress {accuracies, done}                  run: accuracies of the episodes since the last
//            {k_shot, accuracies}                  progress, episodes done; sweep: one K finished
//   loading  {what, done?, total?}               progress of a setup's fetching / decoding, or
//                                                of an import (files done of total)
//   result   {...}                               the request's answer
//   error    {message}                           the request failed; the worker stays alive

export const REQUESTS = Object.freeze(['init', 'setup', 'import', 'run', 'episode', 'sweep', 'cancel']);
export const REPLIES = Object.freeze(['progress', 'loading', 'result', 'error']);
/** Requests that make the previous long job stale. */
export const SUPERSEDING = Object.freeze(['setup', 'import', 'run', 'sweep', 'cancel']);

/** Build a message, refusing a type outside the protocol (a typo would be silently lost). */
export function message(type, req, fields = {}) {
  if (!REQUESTS.includes(type) && !REPLIES.includes(type)) throw new Error(`not a few-shot message: ${type}`);
  if (!Number.isInteger(req)) throw new Error(`message ${type} needs an integer req`);
  return { type, req, ...fields };
}
