// The 2-D optimiser race (mode=race): every selected update rule steps together on one loss
// surface from the same start, trails drawn over the contours. The core's Race (src/race.rs) does
// the maths in f64; it is small, so it runs here on the main thread, a few steps per frame.

import './race.css';
import { loadCore, enumValue } from '../../core.js';
import { renderControls } from '../../ui/controls.js';
import { keepGlobals } from '../../lesson/globals.js';
import { isPresenter } from '../../lesson/apply.js';
import { formatAny } from '../../settings/engine.js';
import { PROPS, SETTINGS } from './state.js';
import { RACERS, RACE_LEARNING_RATE, learningRate, stopNote } from './racers.js';
import { contourJob } from './contours.js';
import { render as renderTrails, toPlane } from './trails.js';
import { render as renderLegend } from './legend.js';
import { setText } from '../../ui/frame.js';

const MODE = 'race';
const CANVAS_LONG = 900; // pixels along the longer side of the view
const CANVAS_MAX_H = 620;
const CONTOUR_BUDGET_MS = 8; // drawing a new surface's contours: this much per frame
const STEP_BUDGET_MS = 10; // race steps per frame: at most steps_per_frame, and stop once this much time is spent

const TEMPLATE = `
<div class="layout race">
  <aside class="panel side">
    <div class="buttons" role="group" aria-label="race" data-key="buttons" data-key-label="Play, Pause, Step, Reset">
      <button type="button" data-testid="race-play" data-shortcut="play" aria-keyshortcuts="Space" class="primary">▶ Play</button>
      <button type="button" data-testid="race-pause" data-shortcut="pause" aria-keyshortcuts="Space">❚❚ Pause</button>
      <button type="button" data-testid="race-step" data-shortcut="step" aria-keyshortcuts="S">Step</button>
      <button type="button" data-testid="race-reset" data-shortcut="reset" aria-keyshortcuts="R">↺ Reset</button>
    </div>
    <div data-key="settings" data-key-label="All settings">
    <h2>Race settings</h2>
    <fieldset class="racer-picks" data-key="racers">
      <legend>Racers</legend>
      <div data-testid="racer-picks"></div>
    </fieldset>
    <form id="race-controls" class="controls" autocomplete="off"></form>
    </div>
    <p class="hint">Click the surface (or type a start) to start every racer there. Settings live in the page address.</p>
  </aside>
  <section class="content">
    <figure class="panel race-figure" data-key="surface" data-key-label="The loss surface and trails">
      <figcaption><span data-testid="race-title">Loss surface</span> · step <span data-testid="race-steps">0</span></figcaption>
      <div class="race-stack" data-png="race">
        <canvas data-testid="race-contours" aria-hidden="true"></canvas>
        <canvas data-testid="race-trails" role="img" aria-label="optimiser trails; click to choose the start"></canvas>
      </div>
      <p class="race-formula" data-testid="race-formula"></p>
    </figure>
    <figure class="panel" data-key="legend">
      <figcaption>Legend</figcaption>
      <ul class="race-legend" data-testid="race-legend"></ul>
      <div class="race-notes" data-testid="race-notes" aria-live="polite"></div>
    </figure>
  </section>
</div>`;

const FORMULAS = {
  ravine: 'f(x, y) = 0.05·x² + y²: a long flat valley with steep walls (condition number 20). Minimum at (0, 0).',
  saddle: 'f(x, y) = x² + y⁴/4 − y²/2: a saddle at (0, 0) between minima at (0, ±1). On y = 0 the gradient never points off the ridge: turn on the noise.',
  local_min: 'f(x, y) = (x² − 1)² + 0.3·x + y²: a local minimum near (0.96, 0), the global one near (−1.04, 0).',
  rosenbrock: 'f(x, y) = (1 − x)² + 100·(y − x²)²: Rosenbrock\'s curved valley, minimum at (1, 1).',
};

export async function mount(root) {
  root.innerHTML = TEMPLATE; // fixed markup, no user text
  document.title = 'ClassPlay — the optimiser race';
  const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
  const status = document.querySelector('[data-testid="status"]');
  const form = root.querySelector('#race-controls');
  const contours = $('race-contours');
  const trails = $('race-trails');

  let settings;
  let notice = '';
  let phase = 'loading';
  let phaseError = '';
  {
    const { state, errors } = SETTINGS.parseHash(location.hash, SETTINGS.defaults());
    settings = state;
    notice = errors.join('; ');
  }
  const writeHash = () => history.replaceState(null, '', keepGlobals(SETTINGS.serialiseHash(settings), location.hash));
  writeHash();

  const drawStatus = () => {
    const text = notice ? `error: ${notice}` : phase === 'error' ? `error: ${phaseError}` : phase;
    setText(status, text);
    status.dataset.phase = notice || phase === 'error' ? 'error' : phase === 'running' ? 'training' : phase;
  };
  drawStatus();

  const { wasm } = await loadCore();
  setText(document.querySelector('[data-testid="build"]'), wasm.simd_compiled() ? 'wasm SIMD128' : 'wasm scalar');

  let race = null;
  let view = null; // [x0, y0, x1, y1]
  let start = null;
  let racers = []; // [{id, ...RACERS[id], trail: number[]}]
  let playing = false;
  let surfaceKey = null;
  let contoursDue = null; // the new surface's grid, drawn in the next frame

  function sizeCanvases() {
    const [x0, y0, x1, y1] = view;
    const aspect = (y1 - y0) / (x1 - x0);
    let w = CANVAS_LONG;
    let h = Math.round(w * aspect);
    if (h > CANVAS_MAX_H) { h = CANVAS_MAX_H; w = Math.round(h / aspect); }
    for (const c of [contours, trails]) { c.width = w; c.height = h; }
    root.querySelector('.race-stack').style.aspectRatio = `${w} / ${h}`;
  }

  /** A fresh race with the settings (and the contours when the surface changed). */
  function reset() {
    try {
      const s = settings.surface;
      const v = wasm.surface_view(s);
      view = Array.from(v.slice(0, 4));
      start = [Number.isNaN(settings.start_x) ? v[4] : settings.start_x, Number.isNaN(settings.start_y) ? v[5] : settings.start_y];
      if (surfaceKey !== s) {
        sizeCanvases();
        const gw = Math.round(contours.width / 2);
        const gh = Math.round(contours.height / 2);
        // Drawn over the next frames (banding and tinting ~140 000 pixels takes tens of ms).
        contoursDue = contourJob(contours, { values: wasm.surface_grid(s, gw, gh, ...view), width: gw, height: gh });
        surfaceKey = s;
      }
      race?.free();
      race = new wasm.Race(s, settings.noise ? settings.noise_std : 0, settings.seed);
      racers = settings.racers.map((id) => {
        const r = RACERS[id];
        const rate = learningRate(settings, s, id);
        if (r.newton) {
          race.add_newton(rate, start[0], start[1]);
        } else {
          const rule = new wasm.RaceRule(enumValue(wasm, 'update_rule', r.rule), rate);
          if (r.bias_correction === false) rule.bias_correction = false;
          race.add(rule, start[0], start[1]);
          rule.free();
        }
        return { id, ...r, rate, trail: [start[0], start[1]] };
      });
      phase = playing ? 'running' : 'ready';
    } catch (e) {
      playing = false;
      phase = 'error';
      phaseError = e?.message ?? String(e);
    }
    requestDraw();
  }

  function advance(n) {
    const todo = Math.min(n, settings.max_steps - race.steps());
    if (todo <= 0) { playing = false; phase = 'done'; return; }
    // One step at a time until the frame's budget is spent (at least one step, at most `todo`): the
    // same steps in the same order as race.step(todo), the rest in the next frame.
    const t0 = performance.now();
    for (let done = 0; done < todo && (done === 0 || performance.now() - t0 < STEP_BUDGET_MS); done++) race.step(1);
    racers.forEach((r, i) => {
      const more = race.trail(i, r.trail.length / 2);
      for (const v of more) r.trail.push(v);
      r.stopped = race.stopped(i);
      if (r.stopped && !r.why) r.why = Array.from(race.stop_reason(i));
    });
    if (race.steps() >= settings.max_steps || racers.every((r) => r.stopped)) { playing = false; phase = 'done'; }
  }

  // ---- drawing --------------------------------------------------------------------------------
  let pending = false;
  function requestDraw() {
    if (!pending) { pending = true; requestAnimationFrame(frame); }
  }
  function frame() {
    pending = false;
    if (contoursDue?.(CONTOUR_BUDGET_MS)) contoursDue = null;
    else if (contoursDue) requestDraw();
    if (playing && race) advance(settings.steps_per_frame);
    drawStatus();
    if (!race) return;
    renderTrails(trails, { view, start, racers: racers.map((r) => ({ ...r, trail: r.trail })) });
    const pos = race.positions();
    renderLegend($('race-legend'), racers.map((r, i) => ({ ...r, f: pos[3 * i + 2], stopped: r.stopped, why: r.why?.[0] ?? 0 })));
    const notes = racers.filter((r) => r.why).map((r) => stopNote(r.label, r.why, r.rate)).filter(Boolean);
    const notesEl = $('race-notes');
    if (notesEl.dataset.text !== notes.join('\n')) {
      notesEl.dataset.text = notes.join('\n');
      notesEl.replaceChildren(...notes.map((t) => Object.assign(document.createElement('p'), { textContent: t })));
    }
    setText($('race-steps'), `${race.steps()} / ${settings.max_steps}`);
    setText($('race-title'), PROPS[0].valueNames[settings.surface]);
    setText($('race-formula'), FORMULAS[settings.surface]);
    trails.dataset.points = racers.map((r) => r.trail.slice(0, 12).map((v) => v.toPrecision(6)).join(' ')).join(';');
    if (playing) requestDraw();
  }

  // ---- controls -------------------------------------------------------------------------------
  const picks = $('racer-picks');
  for (const [id, r] of Object.entries(RACERS)) {
    const label = document.createElement('label');
    label.className = 'racer-pick';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = `racer-${id}`;
    box.value = id;
    box.dataset.testid = `pick-${id}`;
    box.addEventListener('change', () => {
      const chosen = Object.keys(RACERS).filter((k) => picks.querySelector(`input[value="${k}"]`).checked);
      edit('racers', chosen.join(','));
    });
    label.append(box, ` ${r.label}`);
    picks.append(label);
  }
  const showControls = () => {
    // a learning-rate field only for the racers in the race; blank shows the surface's own rate
    const shown = (p) => p.type !== 'list' && (!p.name.startsWith('lr_') || settings.racers.includes(p.name.slice(3)));
    renderControls(form, settings, { props: PROPS.filter(shown), format: formatAny, onEdit: edit });
    for (const box of picks.querySelectorAll('input')) box.checked = settings.racers.includes(box.value);
    for (const id of settings.racers) {
      const input = form.querySelector(`#ctl-lr_${id}`);
      if (input) {
        input.placeholder = String(RACE_LEARNING_RATE[settings.surface][id]);
        input.dataset.testid = `racer-lr-${id}`;
      }
    }
  };

  function edit(name, text) {
    const { state, errors } = SETTINGS.applyEdit(settings, name, text);
    notice = errors.join('; ');
    settings = state;
    writeHash();
    showControls();
    if (!errors.length && !['steps_per_frame', 'max_steps', 'autoplay'].includes(name)) reset();
    else if (race && name === 'max_steps' && race.steps() < settings.max_steps && phase === 'done') phase = 'ready';
    requestDraw();
  }

  const actions = {
    'race-play': () => {
      if (phase === 'done') reset();
      playing = true;
      phase = 'running';
    },
    'race-pause': () => { playing = false; if (phase === 'running') phase = 'paused'; },
    'race-step': () => { playing = false; if (race) { advance(1); if (phase !== 'done') phase = 'paused'; } },
    'race-reset': () => { playing = false; reset(); },
  };
  for (const [id, fn] of Object.entries(actions)) {
    $(id).addEventListener('click', () => { notice = ''; fn(); requestDraw(); });
  }

  trails.addEventListener('click', (e) => {
    if (isPresenter()) return; // the presenter layout shows the settings, it does not change them
    const rect = trails.getBoundingClientRect();
    const [x, y] = toPlane(view, rect.width, rect.height, e.clientX - rect.left, e.clientY - rect.top);
    const r3 = (v) => String(Number(v.toPrecision(3)));
    settings = { ...settings, start_x: Math.fround(Number(r3(x))), start_y: Math.fround(Number(r3(y))) };
    notice = '';
    writeHash();
    showControls();
    reset();
  });

  window.addEventListener('hashchange', () => {
    const { state, errors } = SETTINGS.parseHash(location.hash, settings);
    notice = errors.join('; ');
    settings = state;
    writeHash();
    showControls();
    reset();
  });

  showControls();
  reset();
  if (settings.autoplay) actions['race-play']();
  requestDraw();
}
