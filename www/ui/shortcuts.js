// Keyboard shortcuts for the training controls, the same in every mode that has them: Space plays
// or pauses, S steps, R resets, ? opens the help. A mode opts in by marking its buttons with the
// standard `aria-keyshortcuts` attribute (screen readers announce it) and `data-shortcut`
// (play | pause | step | reset); the help lists what the current page has. The key presses the
// button (a click), so a shortcut does exactly what the button does.
//
// Never while the user types (inputs, selects, text areas, editable text), never with Ctrl / Alt /
// Meta, and Space / Enter on a focused button or link keep their native meaning.

/** The shortcuts: key (KeyboardEvent.key, lower case) → what it presses, and its words in the help. */
export const SHORTCUTS = [
  { key: ' ', label: 'Space', roles: ['pause', 'play'], words: 'play / pause' },
  { key: 's', label: 'S', roles: ['step'], words: 'one step' },
  { key: 'r', label: 'R', roles: ['reset'], words: 'reset' },
];

/** Status phases in which a run is going (Space then pauses). */
const RUNNING = new Set(['training', 'running']);

/** True when a key pressed on `target` belongs to the element (typing, or a native activation). */
export function typing(target, key) {
  if (!target || typeof target.closest !== 'function') return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return true;
  if (target.closest('dialog[open]')) return true; // the help or a dialog has the keyboard
  return (key === ' ' || key === 'Enter') && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || target.getAttribute('role') === 'tab');
}

/** The visible, enabled button of `doc` marked for `role`, or null. */
function buttonFor(doc, role) {
  for (const b of doc.querySelectorAll(`[data-shortcut="${role}"]`)) {
    if (!b.disabled && b.getClientRects().length > 0) return b;
  }
  return null;
}

/**
 * The button a key presses in `doc` (null: none). Space: Pause while the status says a run is
 * going (or the mode has no Play), else Play.
 */
export function target(doc, key) {
  const s = SHORTCUTS.find((x) => x.key === key.toLowerCase());
  if (!s) return null;
  if (s.key === ' ') {
    const phase = doc.querySelector('[data-testid="status"]')?.dataset.phase ?? '';
    const order = RUNNING.has(phase) ? ['pause', 'play'] : ['play', 'pause'];
    for (const role of order) {
      const b = buttonFor(doc, role);
      if (b) return b;
    }
    return null;
  }
  return buttonFor(doc, s.roles[0]);
}

/** The help's rows for what `doc` has now: [{label, words}]. */
export function available(doc) {
  return SHORTCUTS.filter((s) => s.roles.some((r) => buttonFor(doc, r)))
    .map(({ label, words }) => ({ label, words }))
    .concat([{ label: '?', words: 'this help' }]);
}

/**
 * Listens for the shortcuts on `doc`; `help` is the <dialog> (with a `[data-testid=shortcuts-list]`
 * body) and `open` the header's button that shows it. Returns a function that stops listening.
 */
export function installShortcuts(doc, { help, open }) {
  const showHelp = () => {
    const body = help.querySelector('[data-testid="shortcuts-list"]');
    body.replaceChildren(...available(doc).map(({ label, words }) => {
      const tr = doc.createElement('tr');
      const th = doc.createElement('th');
      th.scope = 'row';
      const kbd = doc.createElement('kbd');
      kbd.textContent = label;
      th.append(kbd);
      const td = doc.createElement('td');
      td.textContent = words;
      tr.append(th, td);
      return tr;
    }));
    if (!help.open) help.showModal();
  };
  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.repeat) return;
    if (typing(e.target, e.key)) return;
    if (e.key === '?') {
      e.preventDefault();
      showHelp();
      return;
    }
    const b = target(doc, e.key);
    if (!b) return;
    e.preventDefault(); // Space would scroll the page
    b.click();
  };
  doc.addEventListener('keydown', onKey);
  open?.addEventListener('click', showHelp);
  return () => {
    doc.removeEventListener('keydown', onKey);
    open?.removeEventListener('click', showHelp);
  };
}
