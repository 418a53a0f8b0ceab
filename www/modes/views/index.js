// The views mode (mode=views): two teaching views on one page, chosen by the `view` key —
// the geometric view of a linear classifier (geo.js) and the curse of dimensionality (curse.js).
// This file owns the settings (state.js), the URL hash, the shared status element and the one
// requestAnimationFrame loop both views draw in. The maths runs in the wasm core on the main
// thread (small problems, like the race), in time-budgeted frames; the two single core calls that
// take longer than a frame may (best accuracy, curse statistics) run in the views worker.

import './views.css';
import { loadCore } from '../../core.js';
import { applyEdit, parseHash, serialiseHash } from './state.js';
import { MODE_TEMPLATE } from './text.js';
import { mountGeo } from './geo.js';
import { mountCurse } from './curse.js';
import { setText } from '../../ui/frame.js';
import { WorkerClient } from '../../worker/client.js';

const VIEWS = ['geometric', 'curse'];
const TITLES = {
  geometric: 'ClassPlay — a linear classifier, geometrically',
  curse: 'ClassPlay — the curse of dimensionality',
};

export async function mount(root) {
  root.innerHTML = MODE_TEMPLATE; // fixed markup, no user text
  const status = document.querySelector('[data-testid="status"]');

  let settings;
  let passthrough;
  let notice = '';
  let phase = 'loading';
  {
    const r = parseHash(location.hash);
    settings = r.state;
    passthrough = r.passthrough;
    notice = r.errors.join('; ');
  }
  const writeHash = () => history.replaceState(null, '', serialiseHash(settings, passthrough));
  writeHash();

  const drawStatus = () => {
    setText(status, notice ? `error: ${notice}` : phase);
    status.dataset.phase = notice ? 'error' : phase === 'training' || phase === 'computing' ? 'training' : phase;
  };
  drawStatus();

  const { wasm } = await loadCore();
  setText(document.querySelector('[data-testid="build"]'), wasm.simd_compiled() ? 'wasm SIMD128' : 'wasm scalar');

  // The worker for the one-call computations too long for the page (worker.js); it answers in order,
  // so its init goes first and every request waits behind it.
  const worker = new WorkerClient(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
    { name: 'the views worker', mode: 'views' });
  worker.onError = (e) => { notice = e.message; requestDraw(); };
  worker.ask('init').catch((e) => { notice = e.message; requestDraw(); });

  // ---- one frame loop for both views ----------------------------------------------------------
  let pending = false;
  const requestDraw = () => {
    if (!pending) { pending = true; requestAnimationFrame(frame); }
  };
  let geo;
  let curse;
  function frame() {
    pending = false;
    geo.draw();
    curse.draw(settings.view === 'curse');
    drawStatus(); // in the same frame as the results it announces
  }

  /** Settings changed (keys in `changed`): the hash, the views, a redraw. */
  function changed(next, keys) {
    settings = next;
    writeHash();
    showTab();
    geo.apply(settings, keys);
    curse.apply(settings, keys);
    requestDraw();
  }

  const host = {
    wasm,
    settings: () => settings,
    requestDraw,
    ask: (type, fields, onProgress) => worker.ask(type, fields, onProgress),
    notice: (text) => { notice = text; requestDraw(); },
    phase: (p) => { phase = p; requestDraw(); },
    edit: (name, text) => {
      const r = applyEdit(settings, name, text);
      notice = r.errors.join('; ');
      changed(r.state, new Set(r.errors.length ? [] : [name]));
    },
    /** A patch from the views themselves (new lines after a drag or training). */
    commit: (patch) => {
      notice = '';
      changed({ ...settings, ...patch }, new Set());
    },
  };

  // ---- tabs -----------------------------------------------------------------------------------
  const tabs = [...root.querySelectorAll('[role="tab"]')];
  function showTab() {
    for (const t of tabs) {
      const on = t.dataset.view === settings.view;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      root.querySelector(`#${t.getAttribute('aria-controls')}`).hidden = !on;
    }
    document.title = TITLES[settings.view];
  }
  const selectTab = (view) => {
    host.edit('view', view);
    root.querySelector(`[data-view="${view}"]`).focus();
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => selectTab(t.dataset.view));
    t.addEventListener('keydown', (e) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (!step) return;
      e.preventDefault();
      selectTab(VIEWS[(i + step + VIEWS.length) % VIEWS.length]);
    });
  });

  geo = mountGeo(root.querySelector('#views-panel-geometric'), host);
  curse = mountCurse(root.querySelector('#views-panel-curse'), host);
  phase = 'ready';
  changed(settings, new Set(['layout', 'w', 'b', 'seed']));

  window.addEventListener('hashchange', () => {
    const r = parseHash(location.hash, settings);
    notice = r.errors.join('; ');
    passthrough = r.passthrough;
    const keys = new Set(Object.keys(r.state).filter((k) => JSON.stringify(r.state[k]) !== JSON.stringify(settings[k])));
    changed(r.state, keys);
  });
}
