// "Draw your own digit" (issue 12, item 6), shared by the train and k-NN modes: a drawing pad
// (mouse, touch and pen through Pointer Events, a thick round brush, a real Clear button), the
// 28×28 image the model sees (framed like MNIST in the core: src/data/drawing.rs) and the answer:
// the class first, then its probability or score, the per-class bars and, for k-NN, the nearest
// training images. The mode's glue (www/modes/<mode>/draw.js) sends the ink to its worker and
// hands the reply back; this file holds no mode and no worker. Styles: draw-pad.css.

/** The pad's backing size, pixels (CSS shrinks it on a phone; the ink keeps this size). */
export const PAD_SIDE = 280;
/** Brush diameter, pixels of the pad: a digit about 200 px tall becomes a 2–3 px MNIST stroke. */
export const BRUSH = 22;

const fmt = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/**
 * The headline: the class first, then its probability or score — "7 (p = 0.93)",
 * "7 (score = 3.21)", "7 (p = 0.67: 2 of 3 neighbours)".
 * answer: {name, kind: 'probability' | 'score' | 'vote', value, votes?, k?}
 */
export function headline({ name, kind, value, votes, k }) {
  if (kind === 'vote') return `${name} (p = ${fmt(value, 2)}: ${votes} of ${k} neighbours)`;
  if (kind === 'score') return `${name} (score = ${fmt(value, 2)})`;
  return `${name} (p = ${fmt(value, 2)})`;
}

/**
 * Bar lengths in [0, 1] for `values (C,)`: probabilities and vote shares as they are, scores
 * min–max scaled (the best class full); non-finite values get 0.
 */
export function barLengths(values, kind) {
  const finite = Array.from(values).filter(Number.isFinite);
  if (kind !== 'score') return Array.from(values, (v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0));
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return Array.from(values, (v) => (!Number.isFinite(v) ? 0 : hi > lo ? (v - lo) / (hi - lo) : 1));
}

/** The index of the largest finite value (first on ties), or -1. */
export function argmax(values) {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]) && (best < 0 || values[i] > values[best])) best = i;
  }
  return best;
}

/** Votes per class `(numClasses,)` of the neighbours' `labels`. */
export function voteCounts(labels, numClasses) {
  const v = new Array(numClasses).fill(0);
  for (const l of labels) if (l < numClasses) v[l] += 1;
  return v;
}

/** The text beside a class's bar: a probability or score with two decimals, a vote count. */
export function barText(value, kind, k) {
  if (kind === 'vote') return Number.isFinite(value) ? String(Math.round(value * k)) : '—';
  return fmt(value, 2);
}

/** Put `gray (h·w)` 0..255 into a canvas of that size, white ink on black as MNIST shows it. */
function paintGray(canvas, gray, h, w) {
  canvas.width = w;
  canvas.height = h;
  const img = new ImageData(w, h);
  for (let i = 0; i < h * w; i++) {
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = gray[i];
    img.data[4 * i + 3] = 255;
  }
  canvas.getContext('2d').putImageData(img, 0, 0);
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'testid') e.dataset.testid = v;
    else if (k === 'className') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

/**
 * Build the pad into `container`. hooks: {onchange({data, height, width}) after each stroke (alpha
 * of the pad, 0..255, row-major), onclear()}. Returns {showAnswer(answer), showError(text),
 * setAvailable(ok, note), clear(), hasInk()}; answer: {framed (28·28), class_names, values (C,):
 * probabilities, scores or vote shares by `kind`, best (the class), value (its probability /
 * score / vote share), votes?, k?, neighbours?: [{label, distance, rgba, height, width}]}.
 */
export function mountDrawPad(container, { onchange = () => {}, onclear = () => {} } = {}) {
  const pad = el('canvas', { testid: 'draw-pad', className: 'draw-canvas', width: PAD_SIDE, height: PAD_SIDE,
    role: 'img', 'aria-label': 'Drawing pad: draw one digit with the mouse, a finger or a pen' });
  const clear = el('button', { type: 'button', testid: 'draw-clear', text: 'Clear' });
  const framed = el('canvas', { testid: 'draw-framed', className: 'draw-framed', width: 28, height: 28,
    role: 'img', 'aria-label': 'Your drawing as the model sees it: 28×28, framed like MNIST' });
  const line = el('p', { testid: 'draw-class', className: 'draw-headline', 'aria-live': 'polite' });
  const bars = el('ol', { testid: 'draw-scores', className: 'draw-bars', 'aria-label': 'per-class answer' });
  const neighbours = el('div', { testid: 'draw-neighbours', className: 'draw-neighbours' });
  const prediction = el('div', { testid: 'draw-prediction', className: 'draw-prediction' }, line, bars, neighbours);
  const note = el('p', { testid: 'draw-note', className: 'hint draw-note' });
  const input = el('div', { className: 'draw-input' }, pad,
    el('div', { className: 'draw-buttons' }, clear,
      el('span', { className: 'hint', text: 'Draw with the mouse, a finger or a pen; the answer follows each stroke.' })));
  const seen = el('figure', { className: 'draw-seen' }, framed, el('figcaption', { text: '28×28, as MNIST' }));
  const body = el('div', { className: 'draw-body' }, input, seen, prediction);
  container.replaceChildren(note, body);

  const ctx = pad.getContext('2d', { willReadFrequently: true });
  let drawing = false;
  let last = null;
  let inked = false;
  let available = true;

  const pos = (e) => {
    const r = pad.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * pad.width, y: ((e.clientY - r.top) / r.height) * pad.height };
  };
  const brush = () => {
    ctx.strokeStyle = ctx.fillStyle = '#000';
    ctx.lineWidth = BRUSH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
  };
  const segment = (a, b) => {
    brush();
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  };
  const dot = (p) => {
    brush();
    ctx.beginPath();
    ctx.arc(p.x, p.y, BRUSH / 2, 0, 2 * Math.PI);
    ctx.fill();
  };

  pad.addEventListener('pointerdown', (e) => {
    if (!available || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    try {
      pad.setPointerCapture(e.pointerId); // the stroke goes on outside the pad
    } catch { /* a pointer that is no longer active (or a synthetic one): draw without capture */ }
    drawing = true;
    last = pos(e);
    dot(last);
    inked = true;
  });
  pad.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const coalesced = e.getCoalescedEvents?.(); // every sample of a fast pen / finger, in order
    for (const ev of coalesced?.length ? coalesced : [e]) {
      const p = pos(ev);
      segment(last, p);
      last = p;
    }
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    onchange(ink());
  };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);
  pad.addEventListener('lostpointercapture', end);

  /** The pad's alpha channel: {data (h·w), height, width}. */
  function ink() {
    const rgba = ctx.getImageData(0, 0, pad.width, pad.height).data;
    const data = new Uint8Array(pad.width * pad.height);
    for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i + 3];
    return { data, height: pad.height, width: pad.width };
  }

  function emptyAnswer() {
    line.textContent = '';
    bars.replaceChildren();
    neighbours.replaceChildren();
    paintGray(framed, new Uint8Array(28 * 28), 28, 28);
  }

  function reset() {
    ctx.clearRect(0, 0, pad.width, pad.height);
    drawing = false;
    inked = false;
    emptyAnswer();
  }
  clear.addEventListener('click', () => {
    reset();
    onclear();
  });
  reset();

  return {
    hasInk: () => inked,
    clear: reset,
    /** ok = false: the pad is disabled and `note` says why (e.g. not 28×28 grayscale data). */
    setAvailable(ok, text = '') {
      available = ok;
      note.textContent = text;
      body.hidden = !ok;
      if (!ok) reset();
    },
    showError(text) {
      emptyAnswer();
      line.textContent = text;
    },
    showAnswer(a) {
      paintGray(framed, a.framed, 28, 28);
      line.textContent = headline({ name: a.class_names[a.best] ?? String(a.best), kind: a.kind, value: a.value,
        votes: a.votes, k: a.k });
      const lengths = barLengths(a.values, a.kind);
      const longest = Math.max(1, ...Array.from(a.values, (_, c) => String(a.class_names[c] ?? c).length));
      bars.style.setProperty('--draw-name', `${Math.min(12, longest) + 1}ch`);
      bars.replaceChildren(...Array.from(a.values, (v, c) => {
        const fill = el('span', { className: 'draw-bar-fill' });
        fill.style.width = `${(100 * lengths[c]).toFixed(1)}%`;
        const item = el('li', { className: c === a.best ? 'draw-bar best' : 'draw-bar' },
          el('span', { className: 'draw-bar-name', text: a.class_names[c] ?? String(c) }),
          el('span', { className: 'draw-bar-track', 'aria-hidden': 'true' }, fill),
          el('span', { className: 'draw-bar-value', text: barText(v, a.kind, a.k) }));
        return item;
      }));
      neighbours.replaceChildren(...(a.neighbours ?? []).map((n) => {
        const c = el('canvas', { role: 'img', 'aria-label': `training image of class ${a.class_names[n.label] ?? n.label}` });
        c.width = n.width;
        c.height = n.height;
        c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(n.rgba), n.width, n.height), 0, 0);
        return el('figure', { className: 'draw-neighbour' }, c,
          el('figcaption', { text: `${a.class_names[n.label] ?? n.label} · d = ${fmt(n.distance, 0)}` }));
      }));
    },
  };
}
