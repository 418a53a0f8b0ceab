// End-to-end: Newton's method in the race, a learning rate per racer (a too-large one stops its
// racer with a note), each racer's loss, the Hessian's cost beside the classifier and the
// training speed (issue 12, items 2 and 7).
import test from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { suite, screenshot, waitForStatus } from './suite.mjs';

const { open } = suite();
const text = (page, id) => page.getByTestId(id).first().textContent();
const steps = (page, n) => page.waitForFunction((n) => document.querySelector('[data-testid="race-steps"]').textContent.startsWith(`${n} `), n);

test('Newton: one step to the ravine\'s minimum; on the saddle it sits on the saddle point while noisy momentum escapes', async () => {
  const page = await open('#mode=race&racers=sgd,newton&max_steps=300');
  await waitForStatus(page, /^ready$/, 60_000);
  await page.getByTestId('race-step').click();
  await steps(page, 1);
  assert.equal(await text(page, 'racer-loss-newton'), 'f = 0.00');
  assert.notEqual(await text(page, 'racer-loss-sgd'), 'f = 0.00');
  await page.context().close();

  const saddle = await open('#mode=race&surface=saddle&racers=sgd_momentum,newton&noise=1&max_steps=300&autoplay=1');
  await saddle.waitForFunction(() => document.querySelector('[data-testid="race-steps"]').textContent.startsWith('300 '), null, { timeout: 60_000 });
  assert.equal(await text(saddle, 'racer-loss-newton'), 'f = 0.00', 'Newton stays on the saddle point (f = 0)');
  const momentum = Number((await text(saddle, 'racer-loss-sgd_momentum')).replace('f = ', ''));
  assert.ok(momentum < -0.2, `momentum with noise reaches a minimum (f = −¼): ${momentum}`);
  await screenshot(saddle, 'race-newton-saddle');
  const { violations } = await new AxeBuilder({ page: saddle }).analyze();
  assert.deepEqual(violations.map((v) => v.id), []);
  assert.deepEqual(saddle.problems, []);
  await saddle.context().close();
});

test('a too-large learning rate: the racer stops with a note, nothing shows NaN or Infinity; the rate is in the address', async () => {
  const page = await open('#mode=race&racers=sgd,adam&max_steps=200');
  await waitForStatus(page, /^ready$/, 60_000);
  assert.equal(await page.getByTestId('racer-lr-sgd').getAttribute('placeholder'), '0.3');
  await page.getByTestId('racer-lr-sgd').fill('1.5');
  await page.getByTestId('racer-lr-sgd').press('Enter');
  await page.waitForFunction(() => /lr_sgd=1\.5/.test(location.hash));
  await page.getByTestId('race-play').click();
  await page.getByTestId('race-notes').locator('p').first().waitFor({ timeout: 30_000 });
  const note = await text(page, 'race-notes');
  assert.match(note, /SGD diverged at step \d+ \(loss [\d.e+]+\), so it stays at its last point \(the legend's f\): its learning rate 1\.5 is too large/);
  assert.match(await text(page, 'racer-loss-sgd'), /^f = [\d.e+]+ \(diverged\)$/);
  await steps(page, 200);
  const shown = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(shown, /NaN|Infinity/);
  const pts = (await page.getByTestId('race-trails').getAttribute('data-points')).split(/[ ;]/).map(Number);
  assert.ok(pts.every((v) => Number.isFinite(v) && Math.abs(v) < 1e3), 'the trail stays on the surface');
  await screenshot(page, 'race-diverged');
  await page.context().close();
});

test('train: the Hessian\'s cost beside the classifier (MNIST and CIFAR-10)', async () => {
  const page = await open('#num_iters=10');
  await page.getByTestId('hessian-cost').filter({ hasText: 'parameters' }).waitFor({ timeout: 120_000 });
  assert.equal(await text(page, 'hessian-cost'), 'Newton\'s method on this model: 7,850 parameters ((784 + 1)·10) → ' +
    'a Hessian of 61.6 million entries = 246 MB in f32, and ≈ 3.2·10¹¹ flops to invert it at every step. L-BFGS keeps a few vector pairs instead.');
  await page.context().close();
  const cifar = await open('#dataset=cifar10&num_iters=10');
  await cifar.getByTestId('hessian-cost').filter({ hasText: 'parameters' }).waitFor({ timeout: 180_000 });
  assert.match(await text(cifar, 'hessian-cost'), /30,730 parameters \(\(3,072 \+ 1\)·10\) → a Hessian of 944 million entries = 3\.78 GB in f32, and ≈ 1\.9·10¹³ flops/);
  await cifar.context().close();
});

test('speed=50: 100 iterations take about 2 s (the same numbers as at full speed)', async () => {
  const run = async (hash) => {
    const page = await open(hash);
    await waitForStatus(page, /^idle$/, 120_000);
    const t0 = Date.now();
    await page.getByTestId('play').click();
    await waitForStatus(page, /^done$/, 60_000);
    const seconds = (Date.now() - t0) / 1000;
    const acc = await text(page, 'test-acc');
    await page.context().close();
    return { seconds, acc };
  };
  const slow = await run('#num_iters=100&eval_every=25&speed=50');
  const fast = await run('#num_iters=100&eval_every=25');
  console.log(`# speed=50: 100 iterations in ${slow.seconds.toFixed(2)} s; full speed ${fast.seconds.toFixed(2)} s`);
  assert.ok(slow.seconds >= 1.5 && slow.seconds <= 6, `${slow.seconds} s`);
  assert.equal(slow.acc, fast.acc);
});
