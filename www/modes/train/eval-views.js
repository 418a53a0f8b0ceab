// The page's side of the evaluation views (issue 5): top-5 figures, the confusion matrix (validation
// while training, test at done) and the images behind a cell, the predictions gallery, the
// algebraic view and weights export / import. The train mode (index.js) hands it the worker's messages and calls
// draw() in its animation frame; the renderers live in ui/ (confusion.js, predictions.js,
// algebraic.js, weights-io.js). Protocol: protocol.js.

import '../../ui/eval-views.css';
import { TO_MAIN, TO_WORKER } from '../../worker/protocol.js';
import { VIEWS } from './state.js';
import { renderCellImages, renderConfusion } from '../../ui/confusion.js';
import { galleryIndices, renderPredictions } from '../../ui/predictions.js';
import { renderAlgebraic } from '../../ui/algebraic.js';
import { downloadBytes, fileProblem, importedLine, weightsFileName, weightsPhrase } from '../../ui/weights-io.js';
import { setText } from '../../ui/frame.js';

/** Images shown for one confusion-matrix cell, at most. */
export const CELL_IMAGE_LIMIT = 60;

const fmtAcc = (v) => (v === null || v === undefined ? '' : v.toFixed(4));

/**
 * hooks: {$ (testid → element), send(type, fields), requestDraw(), notify(text) (the status line),
 * setViews(list) (writes the `views` URL key), getSettings()}.
 */
export function createEvalViews({ $, send, requestDraw, notify, setViews, getSettings }) {
  let info = null;
  let iteration = 0;
  let st = fresh(null);
  const dirty = { cm: true, cell: true, gallery: true, algebra: true };
  const panels = Object.fromEntries(VIEWS.map((v) => [v, document.querySelector(`details[data-view="${v}"]`)]));
  const isOpen = (v) => panels[v].open;
  let applying = false; // panels opened from the URL do not write the URL back

  /** The views' state of a new run (the chosen image and the weights message carry over;
   * `imported` {name, at}: weights read from a file at the run's iteration `at`, null for a new run). */
  function fresh(prev) {
    return { val_top5: null, test_top5: null, cm: null, selected: null, cell: null, page: 0, shuffle: 0,
      gallery: null, algebraIndex: prev?.algebraIndex ?? 0, algebra: null, weightsStatus: prev?.weightsStatus ?? '',
      imported: null };
  }
  /** Which weights a result at `it` comes from ('at iteration 40', 'with the imported weights'). */
  const when = (it) => weightsPhrase(it, st.imported);
  const markAll = () => { for (const k of Object.keys(dirty)) dirty[k] = true; };

  function requestGallery() {
    if (!info || !isOpen('predictions') || info.num_test === 0) return;
    send(TO_WORKER.gallery, { indices: galleryIndices(info.num_test, st.page, st.shuffle) });
  }
  function requestAlgebra() {
    // a feature run has no pixel columns to show (the panel is hidden)
    if (!info || !isOpen('algebraic') || (info.features ?? 'pixels') !== 'pixels') return;
    send(TO_WORKER.algebraic, { split: 'test', index: st.algebraIndex });
  }
  function requestCell() {
    if (!st.selected || !st.cm) return;
    send(TO_WORKER.cell_images, { split: st.cm.split, ...st.selected, limit: CELL_IMAGE_LIMIT });
  }
  /** The weights changed (paused, done, imported): refresh what shows predictions. */
  function refresh() {
    requestGallery();
    requestAlgebra();
  }

  // ---- controls (built once) ----
  $('cm-normalise').addEventListener('change', () => {
    dirty.cm = true;
    requestDraw();
  });
  $('gallery-next').addEventListener('click', () => { st.page += 1; requestGallery(); });
  $('gallery-shuffle').addEventListener('click', () => {
    st.shuffle = crypto.getRandomValues(new Uint32Array(1))[0] || 1;
    st.page = 0;
    requestGallery();
  });
  const indexInput = $('algebraic-index');
  indexInput.addEventListener('change', () => {
    const text = indexInput.value.trim();
    const n = info?.num_test ?? 0;
    if (!/^\d{1,9}$/.test(text) || Number(text) >= n) {
      notify(`algebraic view: image index ${JSON.stringify(text.slice(0, 20))} is not a test image (0..${n - 1})`);
      indexInput.value = String(st.algebraIndex);
      return;
    }
    st.algebraIndex = Number(text);
    requestAlgebra();
  });
  $('export-weights').addEventListener('click', () => send(TO_WORKER.export_weights));
  const fileInput = $('import-weights');
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files[0];
    fileInput.value = ''; // the same file can be chosen again
    const problem = fileProblem(file);
    if (problem) {
      st.weightsStatus = `import refused: ${problem}`;
      notify(problem);
      return;
    }
    try {
      send(TO_WORKER.import_weights, { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
      st.weightsStatus = `reading ${file.name}…`;
    } catch (e) {
      notify(`${file.name}: could not be read (${e.message})`);
    }
    requestDraw();
  });
  for (const [view, details] of Object.entries(panels)) {
    details.addEventListener('toggle', () => {
      if (details.open) {
        dirty[{ confusion: 'cm', predictions: 'gallery', algebraic: 'algebra' }[view]] = true;
        if (view === 'predictions') requestGallery();
        if (view === 'algebraic') requestAlgebra();
        requestDraw();
      }
      if (!applying) setViews(VIEWS.filter(isOpen).join(','));
    });
  }

  function onCell(row, col) {
    st.selected = { row, col };
    st.cell = null;
    dirty.cm = dirty.cell = true;
    requestCell();
    requestDraw();
  }
  function onPick(index) {
    st.algebraIndex = index;
    indexInput.value = String(index);
    dirty.gallery = true;
    if (!isOpen('algebraic')) panels.algebraic.open = true; // its toggle event requests the view
    else requestAlgebra();
    requestDraw();
  }

  return {
    /** Open exactly the panels listed in `views` (from the URL). */
    applyViews(views) {
      applying = true;
      const open = new Set(views.split(','));
      for (const [view, details] of Object.entries(panels)) details.open = open.has(view);
      // toggle events fire later, asynchronously: stop ignoring them after those
      setTimeout(() => { applying = false; }, 0);
    },

    /** A new run is loaded (`info` from the worker's `loaded`). */
    loaded(newInfo) {
      info = newInfo;
      iteration = 0;
      st = fresh(st);
      if (st.algebraIndex >= info.num_test) st.algebraIndex = 0;
      indexInput.value = String(st.algebraIndex);
      const five = info.num_classes > 5;
      $('val-top5').parentElement.hidden = !five;
      $('test-top5').parentElement.hidden = !five;
      markAll(); // predictions wait for a pause or the end: at iteration 0 they say little,
      // and while training the main thread stays free for the charts
    },

    progress(msg) {
      iteration = msg.iteration;
      if (msg.val_top5 !== undefined && msg.acc_iteration !== null) st.val_top5 = msg.val_top5;
      if (msg.confusion) {
        st.cm = { counts: msg.confusion, split: msg.confusion_split, iteration: msg.acc_iteration };
        dirty.cm = true;
        if (st.selected && st.cm.split !== st.cell?.split) st.cell = null;
        if (st.selected) requestCell(); // the same cell, with the new predictions
      }
    },

    paused() {
      refresh();
    },

    done(msg) {
      st.test_top5 = msg.test_top5;
      st.cm = { counts: msg.test_confusion, split: 'test', iteration };
      dirty.cm = true;
      if (st.selected) requestCell();
      refresh();
    },

    /** Handles the views' own replies; false for any other message. */
    onMessage(msg) {
      switch (msg.type) {
        case TO_MAIN.gallery:
          st.gallery = msg;
          dirty.gallery = true;
          break;
        case TO_MAIN.cell_images:
          if (!st.selected || msg.row !== st.selected.row || msg.col !== st.selected.col) return true;
          st.cell = msg;
          dirty.cell = true;
          break;
        case TO_MAIN.algebraic:
          st.algebra = msg;
          dirty.algebra = true;
          break;
        case TO_MAIN.weights: {
          if (msg.error) { notify(`export weights: ${msg.error}`); break; }
          const s = getSettings();
          const name = weightsFileName(s.dataset, s.loss, iteration);
          downloadBytes(msg.bytes, name);
          st.weightsStatus = `saved ${name} (${msg.bytes.length} bytes)`;
          break;
        }
        case TO_MAIN.weights_imported:
          st.test_top5 = msg.test_top5;
          st.imported = { name: msg.name, at: iteration };
          st.cm = { counts: msg.test_confusion, split: 'test', iteration };
          st.weightsStatus = `${importedLine(msg.name)}: test accuracy ${fmtAcc(msg.test_acc)}`;
          dirty.cm = true;
          refresh();
          break;
        case TO_MAIN.weights_import_failed:
          st.weightsStatus = `import refused: ${msg.message}`;
          notify(msg.message.startsWith(msg.name) ? msg.message : `${msg.name}: ${msg.message}`);
          break;
        default:
          return false;
      }
      return true;
    },

    draw() {
      setText($('val-top5'), fmtAcc(st.val_top5));
      setText($('test-top5'), fmtAcc(st.test_top5));
      setText($('weights-status'), st.weightsStatus);
      if (!info) return;
      const shape = { height: info.height, width: info.width, class_names: info.class_names };
      if (dirty.cm && isOpen('confusion')) {
        renderConfusion($('confusion-matrix'), { ...shape, counts: st.cm?.counts, split: st.cm?.split,
          iteration: st.cm?.iteration, when: st.imported && st.cm ? when(st.cm.iteration) : undefined, normalise: $('cm-normalise').checked, selected: st.selected }, { onCell });
        dirty.cm = false;
      }
      if (dirty.cell && isOpen('confusion')) {
        const box = $('cm-images');
        if (st.cell) renderCellImages(box, { ...shape, ...st.cell, limit: CELL_IMAGE_LIMIT });
        else {
          box.textContent = st.selected ? 'Finding the images…' : 'Click a cell to see its images.';
          for (const key of ['row', 'col', 'count']) delete box.dataset[key];
        }
        dirty.cell = false;
      }
      if (!st.gallery && dirty.gallery && isOpen('predictions')) {
        setText($('predictions'), 'Predictions appear when training pauses or finishes (press Step or Play).');
        setText($('gallery-status'), '');
      }
      if (!st.algebra && dirty.algebra && isOpen('algebraic')) {
        setText($('algebraic-view'), 'The scores of one image appear when training pauses or finishes.');
      }
      if (dirty.gallery && isOpen('predictions') && st.gallery) {
        if (st.gallery.error) setText($('predictions'), `The gallery failed: ${st.gallery.error}`);
        else renderPredictions($('predictions'), { ...shape, ...st.gallery, selected: st.algebraIndex }, { onPick });
        setText($('gallery-status'), st.gallery.error ? '' :
          `page ${st.page + 1}${st.shuffle ? ' (shuffled)' : ''}, predictions ${when(st.gallery.iteration)}; ` +
          `${st.gallery.kind === 'probability' ? 'softmax probabilities' : 'SVM scores'}`);
        dirty.gallery = false;
      }
      if (dirty.algebra && isOpen('algebraic') && st.algebra) {
        const d = info.height * info.width * info.channels;
        renderAlgebraic($('algebraic-view'), { ...shape, reply: st.algebra, bias_trick: st.algebra.x?.length === d + 1,
          when: st.algebra.iteration === undefined ? undefined : when(st.algebra.iteration) });
        dirty.algebra = false;
      }
    },
  };
}
