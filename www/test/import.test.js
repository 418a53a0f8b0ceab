import test from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CLASSES, classify, fileType, parseNames } from '../import/classify.js';
import { centreSquare, fromRgba } from '../import/pixels.js';
import { fitNote, fitToData } from '../import/fit.js';
import { summaryText } from '../import/status.js';
import { throttleProgress } from '../import/importer.js';

const paths = (list) => list.map((path) => ({ path }));
const names = (plan, entries, key) => plan[key].map((x) => entries[x.entry].path);

test('fileType knows each format by its name', () => {
  assert.deepEqual(fileType('cifar-100-binary/train.bin'), { type: 'cifar100', split: 'train' });
  assert.deepEqual(fileType('coarse_label_names.txt'), { type: 'cifar100-names', mode: 'coarse' });
  assert.deepEqual(fileType('data_batch_3.bin'), { type: 'cifar10', split: 'train' });
  assert.deepEqual(fileType('test_batch.bin'), { type: 'cifar10', split: 'test' });
  assert.equal(fileType('t10k-images-idx3-ubyte.gz').type, 'idx-images');
  assert.equal(fileType('t10k-images-idx3-ubyte.gz').split, 'test');
  assert.equal(fileType('train-labels.idx1-ubyte').type, 'idx-labels');
  assert.equal(fileType('cats/Tom.JPG').type, 'image');
  assert.equal(fileType('notes.txt').type, 'unknown');
  assert.equal(fileType('x.zip').type, 'zip');
});

test('IDX files pair by name (raw with gz too), splits from train / t10k, leftovers named', () => {
  const entries = paths(['mnist/t10k-labels-idx1-ubyte', 'mnist/train-images-idx3-ubyte.gz',
    'mnist/t10k-images-idx3-ubyte', 'mnist/train-labels-idx1-ubyte.gz', 'extra-labels-idx1-ubyte',
    'lonely-images-idx3-ubyte', 'readme.md']);
  const plan = classify(entries);
  assert.equal(plan.format, 'idx');
  assert.deepEqual(plan.idx, [{ split: 'train', images: 1, labels: 3 }, { split: 'test', images: 2, labels: 0 }]);
  const why = Object.fromEntries(plan.errors.map((e) => [e.file, e.why]));
  assert.match(why['extra-labels-idx1-ubyte'], /label file without images/);
  assert.match(why['lonely-images-idx3-ubyte'], /without their labels/);
  assert.match(why['readme.md'], /unknown file type/);
  assert.equal(plan.errors.length, 3);
  // a single pair that says neither train nor test is training data (a test share is held out)
  const one = classify(paths(['letters-images-idx3-ubyte', 'letters-labels-idx1-ubyte']));
  assert.deepEqual(one.idx, [{ split: 'train', images: 0, labels: 1 }]);
});

test('image folders: one class per sub-folder, common root stripped, train/test optional', () => {
  const entries = paths(['pets/dog/1.png', 'pets/cat/a.jpg', 'pets/cat/b.png', 'pets/bird/x.webp',
    'pets/stray.png', 'pets/cat/notes.txt', 'pets/.DS_Store', '__MACOSX/pets/._a.jpg']);
  const plan = classify(entries);
  assert.equal(plan.format, 'images');
  assert.deepEqual(plan.classNames, ['bird', 'cat', 'dog']);
  assert.deepEqual(plan.images.map((x) => [entries[x.entry].path, x.label, x.split]),
    [['pets/dog/1.png', 2, null], ['pets/cat/a.jpg', 1, null], ['pets/cat/b.png', 1, null],
      ['pets/bird/x.webp', 0, null]]);
  assert.deepEqual(plan.errors.map((e) => e.file).sort(), ['pets/cat/notes.txt', 'pets/stray.png']);
  assert.match(plan.errors.find((e) => e.file === 'pets/stray.png').why, /not in a class folder/);
  assert.equal(plan.skipped.length, 2);

  const split = paths(['data/train/b/1.png', 'data/train/a/1.png', 'data/test/a/2.png', 'data/val/b/3.png']);
  const p2 = classify(split);
  assert.deepEqual(p2.classNames, ['a', 'b']);
  assert.deepEqual(p2.images.map((x) => [x.split, x.label]), [['train', 1], ['train', 0], ['test', 0], ['test', 1]]);
  assert.deepEqual(names(p2, split, 'images'), split.map((e) => e.path));
  // ImageNet's flat val/ folder (labels in a separate file) is named, not taken as a class
  const flat = classify(paths(['train/n01/a.JPEG', 'train/n02/b.JPEG', 'val/ILSVRC_val_1.JPEG']));
  assert.deepEqual(flat.classNames, ['n01', 'n02']);
  assert.deepEqual(flat.errors.map((e) => e.file), ['val/ILSVRC_val_1.JPEG']);
  // class names sort numerically ("class10" after "class9")
  assert.deepEqual(classify(paths(['class10/a.png', 'class9/a.png', 'class1/a.png'])).classNames,
    ['class1', 'class9', 'class10']);
});

test('CIFAR batches: one format per import, names files, order by name', () => {
  const entries = paths(['test.bin', 'train.bin', 'fine_label_names.txt', 'coarse_label_names.txt',
    'data_batch_1.bin', 'cat/1.png']);
  const plan = classify(entries);
  assert.equal(plan.format, 'cifar100');
  assert.deepEqual(plan.batches, [{ split: 'train', entry: 1 }, { split: 'test', entry: 0 }]);
  assert.deepEqual(plan.names, { fine: 2, coarse: 3 });
  assert.deepEqual(plan.errors.map((e) => e.file), ['data_batch_1.bin', 'cat/1.png']);
  assert.match(plan.errors[0].why, /CIFAR-100 binary/);
  const c10 = classify(paths(['data_batch_10.bin', 'test_batch.bin', 'data_batch_2.bin', 'coarse_label_names.txt']));
  assert.equal(c10.format, 'cifar10');
  assert.deepEqual(c10.batches, [{ split: 'train', entry: 2 }, { split: 'train', entry: 0 }, { split: 'test', entry: 1 }]);
  assert.match(c10.errors[0].why, /label-name file without/);
  assert.equal(classify([]).format, null);
});

test('parseNames reads one name per line and refuses what is not a names file', () => {
  assert.deepEqual(parseNames('apple\r\nbaby\n\n  bear \n'), { names: ['apple', 'baby', 'bear'] });
  assert.ok('error' in parseNames('\n\n'));
  assert.ok('error' in parseNames('x'.repeat(500)));
  assert.ok('error' in parseNames(Array.from({ length: MAX_CLASSES + 1 }, (_, i) => `c${i}`).join('\n')));
});

test('fromRgba: RGB keeps channels, grayscale is the rounded BT.601 luma; centred square crop', () => {
  const rgba = new Uint8Array([10, 20, 30, 255, 255, 0, 0, 0]);
  assert.deepEqual([...fromRgba(rgba, 3)], [10, 20, 30, 255, 0, 0]);
  // 0.299·10 + 0.587·20 + 0.114·30 = 18.15 → 18; 0.299·255 = 76.245 → 76
  assert.deepEqual([...fromRgba(rgba, 1)], [18, 76]);
  assert.throws(() => fromRgba(rgba, 2));
  assert.deepEqual(centreSquare(40, 30), [5, 0, 30, 30]);
  assert.deepEqual(centreSquare(30, 41), [0, 5, 30, 30]);
});

test('fitToData shrinks only sizes the data cannot meet', () => {
  const s = { num_train: 10000, num_val: 1000, num_test: 10000, batch_size: 200 };
  assert.deepEqual(fitToData(s, { num_train_records: 48, num_test_records: 12 }),
    { num_train: 43, num_val: 5, num_test: 12, batch_size: 43 });
  const link = { num_train: 40, num_val: 8, num_test: 12, batch_size: 20 };
  assert.deepEqual(fitToData(link, { num_train_records: 48, num_test_records: 12 }), link);
  assert.equal(fitToData(s, { num_train_records: 100000, num_test_records: 10000 }).num_train, 10000);
});

test('fitNote names the settings an import changed, once, and why', () => {
  const before = { learning_rate: 1e-5, reg: 10, num_train: 10000, num_val: 1000, num_test: 10000, batch_size: 200, seed: 1 };
  const after = { ...before, learning_rate: 1e-6, reg: 1000, num_train: 32, num_val: 4, num_test: 9, batch_size: 32 };
  assert.equal(fitNote(before, after), 'settings for your files: learning_rate 0.000001, reg 1000 (the defaults ' +
    'for your files); num_train 32, num_val 4, num_test 9, batch_size 32 (fitted to the images loaded)');
  assert.equal(fitNote(before, { ...before, reg: 1000 }), 'settings for your files: reg 1000 (the defaults for your files)');
  assert.equal(fitNote(before, { ...before }), '', 'nothing changed: no note');
});

test('summaryText says what loaded', () => {
  const t = summaryText({ format_name: 'images in class folders', height: 32, width: 32, channels: 3,
    num_train_records: 48, num_test_records: 12, held_out: true, num_classes: 3, class_names: ['a', 'b', 'c'] });
  assert.equal(t, 'Loaded images in class folders: 48 training + 12 test (held out) images, 32×32 RGB, 3 classes (a, b, c).');
  assert.match(summaryText(null), /Nothing/);
});

test('subset=stratified loads every served record (the first N may lack a class); first keeps N', async () => {
  const { dataLimits } = await import('../data.js');
  assert.deepEqual(dataLimits({ num_train: 900, num_val: 100, num_test: 500, subset: 'first' }), { train: 1000, test: 500 });
  const all = dataLimits({ num_train: 900, num_val: 100, num_test: 500, subset: 'stratified' });
  assert.ok(all.train >= 60000 && all.test >= 10000);
});

test('summaryText of an import kept whole for training (test share 0) names no test images', () => {
  const t = summaryText({ format_name: 'images in class folders', height: 16, width: 16, channels: 1,
    num_classes: 5, class_names: ['a', 'b', 'c', 'd', 'e'], num_train_records: 100, num_test_records: 0, held_out: false });
  assert.equal(t, 'Loaded images in class folders: 100 training images, 16×16 grayscale, 5 classes (a, b, c, d, e).');
});

test('throttleProgress reports at most perSecond times a second, and always the last file', () => {
  let t = 0;
  const seen = [];
  const progress = throttleProgress((p) => seen.push(p), 10, () => t);
  for (let done = 1; done <= 30; done++) {
    t += 20; // 50 files a second
    progress(done, 30, `f${done}`);
  }
  assert.deepEqual(seen.map((p) => p.done), [1, 6, 11, 16, 21, 26, 30]);
  assert.deepEqual(seen.at(-1), { done: 30, total: 30, what: 'f30' });
  progress(0, 0, 'unzipping'); // a phase without a count (one per zip) is always reported
  assert.deepEqual(seen.at(-1), { done: 0, total: 0, what: 'unzipping' });
});
