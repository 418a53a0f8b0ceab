// The geometric view of a linear classifier (mode=views, view=geometric): the core's GeoToy
// (src/geometric.rs) holds the points and (w, b) and does every score, loss, gradient step and
// the argmax grid in f64; this file wires handles, keys, clicks and readouts to it and draws in
// requestAnimationFrame on the main thread, training in time-budgeted chunks; only the best
// accuracy from 8 starts (one long core call) runs in the views worker (worker.js).

import { enumValue } from '../../core.js';
import { renderControls } from '../../ui/controls.js';
import { CLASS_STYLES } from '../../ui/plane.js';
import { PROPS, formatViewsValue } from './state.js';
import { classW, dragLine, dragTip, hitPoint, keyMove, predictions, settlePivot, toPlane, withClassW } from './geometry.js';
import { makeHandles, placeHandles } from './handles.js';
import { CLASS_DASH, classColour, render as renderPlane } from './plane.js';
import { renderParams, renderPointScores } from './tables.js';
import { GEO_TEMPLATE, LAYOUT_NOTES } from './text.js';
import { setText } from '../../ui/frame.js';

const CANVAS = 640; // pixels of the plane canvas (CSS scales it)
const GRID = 320; // argmax grid cells per side
const TRAIN_FRAMES = 40; // a press of Train animates over about this many frames
const RESTARTS = 8; // starts for the best accuracy gradient descent finds
const TRAIN_BUDGET_MS = 10; // training per frame: at most its share of train_steps, and stop once this much time is spent
const CLASS_NAMES = [0, 1, 2].map((c) => `class ${c} (${CLASS_STYLES[c].name})`);
/** Short names for tables: number, colour and marker. */
const SHORT_NAMES = ['0: blue ●', '1: orange ■', '2: green ▲'];
const GEO_KEYS = ['layout', 'loss', 'reg', 'learning_rate', 'train_steps', 'num_per_class', 'seed'];

const fmt = (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(5))) : String(v));

/**
 * Builds the view into `panel`. host: {wasm, settings(), commit(patch), notice(text),
 * phase(name), requestDraw()}. Returns {apply(settings, changed: Set), draw(), busy()}.
 */
export function mountGeo(panel, host) {
  panel.innerHTML = GEO_TEMPLATE; // fixed markup, no user text
  const $ = (id) => panel.querySelector(`[data-testid="${id}"]`);
  const { wasm } = host;
  const canvas = $('geo-canvas');
  canvas.width = CANVAS;
  canvas.height = CANVAS;
  // Its text is drawn for the size it is shown at (plane.js): redraw when that changes.
  new ResizeObserver(() => { dirty = true; host.requestDraw(); }).observe(canvas);
  const view = Array.from(wasm.geo_bounds());
  const form = panel.querySelector('#geo-controls');
  const pointSelect = $('geo-point');

  let toy = null;
  let points = null; // Float64Array (N, 2)
  let labels = null; // Uint8Array (N,)
  let w = [];
  let b = [];
  let pivots = [[0, 0], [0, 0], [0, 0]]; // per class: the point of its line where its knob sits
  let selected = 0;
  let active = -1; // class whose handle is being dragged
  let trainLeft = 0;
  let trained = 0;
  let best = NaN;
  let bestKey = ''; // the points whose best accuracy the worker is asked for
  let dirty = true;

  // ---- knobs (handles.js): drags and keys become new (w, b) here -----------------------------
  const handles = makeHandles(panel.querySelector('.geo-handles'), {
    names: CLASS_NAMES,
    colours: [0, 1, 2].map(classColour),
    onGrab: (c) => { active = c; },
    onDrag: (c, part, clientX, clientY) => {
      const rect = canvas.getBoundingClientRect();
      move(c, part, toPlane(view, rect.width, rect.height, clientX - rect.left, clientY - rect.top));
    },
    onRelease: () => {
      active = -1;
      commitParams();
    },
    onKey: (c, part, e) => {
      const r = keyMove(part, e.key, e.shiftKey, classW(w, c), b[c], pivots[c]);
      if (!r) return false;
      setParams(withClassW(w, c, r.wc), b.map((v, j) => (j === c ? r.bc : v)), { [c]: r.pivot });
      commitParams();
      return true;
    },
  });

  function move(c, part, q) {
    const wc = classW(w, c);
    if (part === 'line') {
      const r = dragLine(wc, q);
      setParams(w, b.map((v, j) => (j === c ? r.bc : v)), { [c]: r.pivot });
    } else {
      const r = dragTip(wc, pivots[c], q);
      setParams(withClassW(w, c, r.wc), b.map((v, j) => (j === c ? r.bc : v)));
    }
  }

  /**
   * New parameters, rounded to f32 (what the URL can hold), into the core; each knob moves to the
   * nearest point of its new line (`hints`: {class: new pivot} first, e.g. where it was dragged).
   */
  function setParams(nextW, nextB, hints = {}) {
    const nw = Array.from(nextW, Math.fround);
    const nb = Array.from(nextB, Math.fround);
    try {
      toy.set_params(Float64Array.from(nw), Float64Array.from(nb));
      w = nw;
      b = nb;
    } catch (e) {
      host.notice(e?.message ?? String(e));
    }
    settlePivots(hints);
    dirty = true;
    host.requestDraw();
  }

  function settlePivots(hints = {}) {
    const margin = 0.04 * (view[2] - view[0]);
    pivots = pivots.map((p, c) => settlePivot(classW(w, c), b[c], hints[c] ?? p, view, margin));
  }

  /** The URL gets the current (w, b): a link shows these lines. */
  function commitParams() {
    host.commit({ w: w.slice(), b: b.slice() });
  }

  // ---- clicks on points -----------------------------------------------------------------------
  canvas.addEventListener('click', (e) => {
    const rect = canvas.getBoundingClientRect();
    const i = hitPoint(view, rect.width, rect.height, points, e.clientX - rect.left, e.clientY - rect.top, 14);
    if (i >= 0) {
      selected = i;
      pointSelect.value = String(i);
      dirty = true;
      host.requestDraw();
    }
  });
  pointSelect.addEventListener('change', () => {
    selected = Number(pointSelect.value);
    dirty = true;
    host.requestDraw();
  });

  // ---- buttons --------------------------------------------------------------------------------
  $('geo-train').addEventListener('click', () => {
    if (trainLeft > 0) return;
    trainLeft = host.settings().train_steps;
    host.phase('training');
    host.requestDraw();
  });
  $('geo-reset').addEventListener('click', () => {
    trainLeft = 0;
    trained = 0;
    const p = wasm.geo_initial_params(host.settings().seed);
    setParams(p.slice(0, 6), p.slice(6));
    host.commit({ w: null, b: null });
    host.phase('ready');
  });

  // ---- settings -------------------------------------------------------------------------------
  function showControls(s) {
    renderControls(form, s, {
      props: PROPS.filter((p) => GEO_KEYS.includes(p.name)),
      format: formatViewsValue,
      onEdit: (name, text) => host.edit(name, text),
    });
    if (!form.dataset.testids) {
      // Every control gets a test id: geo-layout, geo-loss-kind (the loss select), geo-reg, …
      for (const name of GEO_KEYS) form.elements.namedItem(name).dataset.testid = `geo-${name}`;
      form.elements.namedItem('loss').dataset.testid = 'geo-loss-kind';
      form.dataset.testids = '1';
    }
  }

  function rebuild(s) {
    // New points: the training so far was on other data (issue 11: the counter kept counting).
    trainLeft = 0;
    trained = 0;
    toy?.free();
    toy = new wasm.GeoToy(s.layout, s.num_per_class, s.seed);
    points = toy.points();
    labels = toy.labels();
    w = Array.from(toy.w());
    b = Array.from(toy.b());
    // Each knob starts at the point of its line nearest a spot of its own on a circle around the
    // centre (where the blobs sit), so the three knobs do not pile up where the lines cross.
    pivots = [0, 1, 2].map((c) => {
      const a = Math.PI / 2 + (2 * Math.PI * c) / 3;
      return [1.2 * Math.cos(a), 1.2 * Math.sin(a)];
    });
    settlePivots();
    // Up to ~600 ms in one core call (500 points per class): in the views worker, on its own toy
    // with the same points (the answer does not depend on w and b).
    best = NaN;
    const key = bestKey = [s.layout, s.num_per_class, s.seed].join(':');
    host.ask('best', { layout: s.layout, num_per_class: s.num_per_class, seed: s.seed, restarts: RESTARTS })
      .then((r) => { if (bestKey === key) { best = r.best; dirty = true; host.requestDraw(); } })
      .catch((e) => { if (bestKey === key) host.notice(e?.message ?? String(e)); });
    selected = Math.min(selected, labels.length - 1);
    pointSelect.textContent = '';
    for (let i = 0; i < labels.length; i++) {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = `#${i}: class ${labels[i]} at (${points[2 * i].toFixed(2)}, ${points[2 * i + 1].toFixed(2)})`;
      pointSelect.append(o);
    }
    pointSelect.value = String(selected);
  }

  function apply(s, changed) {
    try {
      if (!toy || ['layout', 'num_per_class', 'seed'].some((k) => changed.has(k))) rebuild(s);
      if (s.w && s.b && (changed.has('w') || changed.has('b') || changed.has('layout') || changed.has('num_per_class') || changed.has('seed'))) {
        setParams(s.w, s.b);
      } else if (!s.w && (changed.has('w') || changed.has('seed'))) {
        const p = wasm.geo_initial_params(s.seed);
        setParams(p.slice(0, 6), p.slice(6));
      }
    } catch (e) {
      host.notice(e?.message ?? String(e));
    }
    showControls(s);
    dirty = true;
  }

  // ---- drawing --------------------------------------------------------------------------------
  function draw() {
    const s = host.settings();
    if (!toy) return;
    if (trainLeft > 0) {
      const n = Math.min(trainLeft, Math.max(1, Math.ceil(s.train_steps / TRAIN_FRAMES)));
      // The n steps in chunks until the frame's budget is spent, the rest in the next frames:
      // train(a) then train(b) takes the same steps as train(a + b).
      const t0 = performance.now();
      let done = 0;
      let chunk = 1;
      try {
        const kind = enumValue(wasm, 'loss', s.loss);
        while (done < n) {
          const k = Math.min(chunk, n - done);
          const t1 = performance.now();
          toy.train(kind, s.reg, s.learning_rate, k);
          done += k;
          const now = performance.now();
          if (now - t0 >= TRAIN_BUDGET_MS) break;
          // Aimed at the rest of the budget, growing at most twofold (the clock is coarse).
          chunk = Math.max(1, Math.min(2 * k, Math.floor((TRAIN_BUDGET_MS - (now - t0)) * k / Math.max(now - t1, 0.1))));
        }
        trainLeft -= done;
        trained += done;
      } catch (e) {
        trainLeft = 0;
        host.notice(e?.message ?? String(e));
      }
      w = Array.from(toy.w());
      b = Array.from(toy.b());
      settlePivots();
      if (trainLeft === 0) {
        setParams(w, b); // f32, as the URL holds them
        commitParams();
        host.phase('ready');
      }
      dirty = true;
    }
    if (!dirty) return;
    dirty = false;
    const kind = enumValue(wasm, 'loss', s.loss);
    const [loss, dataLoss, regLoss, acc] = toy.evaluate(kind, s.reg);
    const scores = toy.scores();
    const pred = predictions(scores);
    const losses = toy.point_losses(kind);
    const grid = toy.grid(GRID, GRID, ...view);
    renderPlane(canvas, { view, grid, gridW: GRID, gridH: GRID, x: points, y: labels, pred, losses, w, b, pivots }, { selected, active });
    placeHandles(handles, { view, w, b, pivots });
    const right = pred.reduce((n, p, i) => n + (p === labels[i] ? 1 : 0), 0);
    setText($('geo-loss'), fmt(loss));
    setText($('geo-data-loss'), fmt(dataLoss));
    setText($('geo-reg-loss'), fmt(regLoss));
    setText($('geo-accuracy'), acc.toFixed(4));
    setText($('geo-correct'), `${right} / ${labels.length}`);
    setText($('geo-steps'), String(trained));
    setText($('geo-loss-formula'), s.loss === 'svm'
      ? 'L = (1/N) Σᵢ Σ_{j≠yᵢ} max(0, s_j − s_yᵢ + 1) + reg·Σ w²'
      : 'L = (1/N) Σᵢ −ln( e^{s_yᵢ} / Σ_j e^{s_j} ) + reg·Σ w²');
    renderParams($('geo-params'), { w, b, names: SHORT_NAMES, colours: [0, 1, 2].map(classColour), dashes: CLASS_DASH });
    renderPointScores($('geo-point-scores'), {
      index: selected, x: [points[2 * selected], points[2 * selected + 1]], y: labels[selected],
      scores: Array.from(scores.slice(3 * selected, 3 * selected + 3)),
      terms: Array.from(toy.point_terms(selected, kind)), loss: s.loss, li: losses[selected], names: SHORT_NAMES,
    });
    const note = LAYOUT_NOTES[s.layout];
    setText($('geo-layout-note'), note);
    const bound = wasm.geo_linear_bound(s.layout);
    setText($('geo-best'), (Number.isNaN(best) ? 'computing…' : `${(100 * best).toFixed(1)} %`) +
      (Number.isFinite(bound) ? ` (bound for point-sized clusters: ${(100 * bound).toFixed(1)} %)` : ''));
    canvas.dataset.params = [...w, ...b].map((v) => v.toPrecision(6)).join(',');
    if (trainLeft > 0) host.requestDraw();
  }

  return { apply, draw, busy: () => trainLeft > 0, markDirty: () => { dirty = true; } };
}
