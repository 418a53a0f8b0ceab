// The Data panel's import controls: a file picker, a folder picker and a drop zone, the size and
// colour the images are resized to, a progress bar while the worker reads, and one line per file
// it could not use. The files go to the worker as File objects (nothing is uploaded anywhere).

import { renderImportStatus } from './status.js';
import { cancelLoads } from '../worker/client.js';
import { BUDGET_TEXT } from './budgets.js';

const SIZES = [32, 28, 16, 64];
const SHARES = [0.2, 0.1, 0.3];

function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'testid') e.dataset.testid = v;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function select(id, label, options, testid) {
  const s = el('select', { id, testid });
  for (const [value, text] of options) s.append(el('option', { value, textContent: text }));
  return [el('label', { htmlFor: id, textContent: label }), s];
}

/** Every file under a dropped directory entry, with its relative path. */
async function walk(entry, prefix, out) {
  if (entry.isFile) {
    out.push({ path: prefix + entry.name, file: await new Promise((ok, ko) => entry.file(ok, ko)) });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, ko) => reader.readEntries(ok, ko));
      if (!batch.length) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
    }
  }
}

/** [{path, file}] of a drop: folders walked (webkitGetAsEntry), plain files by name. */
async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return [...dataTransfer.files].map((file) => ({ path: file.name, file }));
  const out = [];
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

const fromInput = (input) => [...input.files].map((file) => ({ path: file.webkitRelativePath || file.name, file }));

/** The panel's first line in the train mode (other modes pass their own `hint`). */
export const TRAIN_HINT = 'Train on your own data: IDX files (.gz or raw), CIFAR-10 / CIFAR-100 binary ' +
  'batches, or images in one folder per class (a folder or a .zip). Files stay in this browser.';

/**
 * Builds the panel in `root` (any mode: the train, few-shot and k-NN modes use it).
 * opts.onFiles(files: {path, file}[], options: {size, channels, test_share}) is called for every
 * pick or drop; opts.hint is the first line; opts.testShare false leaves out the test-share
 * control (then test_share is 0: nothing is held out). Returns {progress(msg), done(msg)} for the
 * worker's progress ({done, total, what}) and result ({summary, errors}) messages (drawn in the
 * next animation frame).
 */
export function mountImportPanel(root, { onFiles, hint = TRAIN_HINT, testShare = true }) {
  const fileInput = el('input', { type: 'file', id: 'file-input', multiple: true, testid: 'file-input' });
  const folderInput = el('input', { type: 'file', id: 'folder-input', multiple: true, testid: 'folder-input' });
  folderInput.webkitdirectory = true;
  const [sizeLabel, size] = select('import-size', 'Resize images to', SIZES.map((s) => [s, `${s}×${s}`]), 'import-size');
  const [colorLabel, color] = select('import-color', 'Colour', [['3', 'RGB'], ['1', 'grayscale']], 'import-color');
  const [shareLabel, share] = select('import-test-share', 'Test share (no test folder)',
    SHARES.map((s) => [s, `${Math.round(s * 100)} %`]), 'import-test-share');
  const drop = el('div', { className: 'drop-zone', tabIndex: 0, role: 'button', testid: 'drop-zone',
    textContent: 'Drop files, a folder or a .zip here (or press Enter to pick files)' });
  const progress = el('progress', { max: 1, value: 0, hidden: true, testid: 'import-progress', id: 'import-progress' });
  const progressLabel = el('label', { htmlFor: 'import-progress', className: 'import-what', textContent: '' });
  // Stops reading between files (protocol cancel_load); shown only while reading.
  const cancel = el('button', { type: 'button', className: 'import-cancel', testid: 'import-cancel',
    textContent: 'Cancel import', hidden: true });
  cancel.addEventListener('click', () => cancelLoads());
  const summary = el('p', { className: 'import-summary', testid: 'import-summary' });
  // What the mode runs on now (served or imported): name, classes, image shape, records.
  const current = el('p', { className: 'data-summary', testid: 'data-summary', textContent: '' });
  const errors = el('ul', { className: 'import-errors', testid: 'import-errors' });
  errors.setAttribute('aria-label', 'files that could not be used');
  root.append(
    current,
    el('p', { className: 'hint', textContent: hint }),
    el('p', { className: 'hint import-budget', testid: 'import-budget', textContent: BUDGET_TEXT }),
    el('div', { className: 'field' }, [el('label', { htmlFor: 'file-input', textContent: 'Files (or a .zip)' }), fileInput]),
    el('div', { className: 'field' }, [el('label', { htmlFor: 'folder-input', textContent: 'A folder' }), folderInput]),
    drop,
    // How the next import is read: shown whatever dataset is selected, grouped and captioned so
    // it is clear they do not change MNIST / CIFAR-10 (a fieldset: its own border and legend).
    el('fieldset', { className: 'import-options', testid: 'import-options', // inline until style.css has a rule
      style: 'display: grid; gap: 0.5rem; margin: 0; padding: 0.3rem 0.6rem 0.6rem; border: 1px solid #d1d5db; border-radius: 6px' }, [
      el('legend', { textContent: 'for images you import' }),
      el('div', { className: 'field' }, [sizeLabel, size]),
      el('div', { className: 'field' }, [colorLabel, color]),
      ...(testShare ? [el('div', { className: 'field' }, [shareLabel, share])] : []),
    ]),
    progressLabel, progress, cancel, summary, errors,
  );
  const options = () => ({ size: Number(size.value), channels: Number(color.value), test_share: testShare ? Number(share.value) : 0 });
  const state = { phase: 'idle', done: 0, total: 0, what: '', summary: null, errors: [] };
  let pending = false;
  const draw = () => {
    pending = false;
    renderImportStatus({ progress, progressLabel, summary, errors }, state);
    cancel.hidden = state.phase !== 'reading';
  };
  const request = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  };
  const start = (files) => {
    if (!files.length) return;
    Object.assign(state, { phase: 'reading', done: 0, total: files.length, what: 'reading files', summary: null, errors: [] });
    request();
    onFiles(files, options());
  };
  fileInput.addEventListener('change', () => start(fromInput(fileInput)));
  folderInput.addEventListener('change', () => start(fromInput(folderInput)));
  drop.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      fileInput.click();
    }
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', async (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    start(await droppedFiles(e.dataTransfer));
  });
  return {
    progress(msg) {
      Object.assign(state, { phase: 'reading', what: msg.what });
      if (msg.total) Object.assign(state, { done: msg.done, total: msg.total });
      request();
    },
    done(msg) {
      Object.assign(state, { phase: 'done', summary: msg.summary, errors: msg.errors });
      request();
    },
    /** Shows what the mode runs on: `info` {dataset, label_mode?, class_names, height, width,
     * channels, num_train, num_test} (dataSummary). */
    showData(info) {
      current.textContent = dataSummary(info);
    },
  };
}

const DATASET_NAMES = { mnist: 'MNIST', cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', files: 'Your files' };

/** "CIFAR-100 (coarse labels): 20 classes · 32×32 RGB · 10,000 training · 10,000 test images". */
export function dataSummary({ dataset, label_mode, class_names, height, width, channels, num_train, num_val, num_test }) {
  const name = DATASET_NAMES[dataset] ?? String(dataset);
  const labels = dataset === 'cifar100' || (dataset === 'files' && label_mode === 'coarse')
    ? ` (${label_mode === 'coarse' ? 'coarse' : 'fine'} labels)` : '';
  const n = (x) => Number(x).toLocaleString('en-US');
  const parts = [`${n(class_names.length)} classes`, `${height}×${width} ${channels === 1 ? 'grayscale' : 'RGB'}`];
  if (Number.isFinite(num_train)) parts.push(`${n(num_train)} training${num_val > 0 ? ` + ${n(num_val)} validation` : ''}`);
  if (Number.isFinite(num_test)) parts.push(`${n(num_test)} test images`);
  return `${name}${labels}: ${parts.join(' · ')}`;
}
