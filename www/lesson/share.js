// The header's "Copy link" button and the "Lesson link" dialog, the same in every mode.
//
// Copy link copies the page address (every setting is in its hash) with the lesson keys the page
// was opened with; where the clipboard API is refused it shows the address in a read-only field,
// selected, to copy by hand. The dialog builds a lesson link: tick the controls and panels to hide,
// presenter / embed layout, then copy or open it.

import { hideableParts } from './apply.js';
import { withGlobals } from './globals.js';

/** How long the "copied" confirmation stays (ms). */
const CONFIRM_MS = 2500;

/** `href` with its hash's lesson keys set to `g` (other keys and their order kept). */
export function linkWith(href, g) {
  const i = href.indexOf('#');
  const base = i < 0 ? href : href.slice(0, i);
  const hash = withGlobals(i < 0 ? '' : href.slice(i), g);
  return hash === '#' ? base : base + hash;
}

/** Copy `text`: the clipboard API, else select it in `field` (and try the legacy copy command). */
async function copyText(text, field) {
  field.value = text;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field.hidden = false;
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

/**
 * Build the share controls into `box` (an empty element of the header).
 * lesson: the page's lesson settings ({hide, presenter, embed}, globals.js parseGlobals).
 */
export function mountShare(box, lesson) {
  const copyButton = el('button', { type: 'button', className: 'share-button', textContent: 'Copy link',
    title: 'copy the address of this page: it holds every setting' });
  copyButton.dataset.testid = 'copy-link';
  copyButton.dataset.key = 'copy_link';
  const field = el('input', { type: 'text', readOnly: true, hidden: true, className: 'link-text' });
  field.setAttribute('aria-label', 'link to this page');
  field.dataset.testid = 'link-text';
  const done = el('span', { className: 'copy-done' });
  done.setAttribute('role', 'status');
  done.dataset.testid = 'copy-done';
  let timer = 0;
  const confirm = (text) => {
    done.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => { done.textContent = ''; }, CONFIRM_MS);
  };
  copyButton.addEventListener('click', async () => {
    const url = linkWith(location.href, lesson);
    const ok = await copyText(url, field);
    confirm(ok ? 'copied ✓' : 'select the link and copy it (Ctrl+C)');
  });

  const openButton = el('button', { type: 'button', className: 'share-button', textContent: 'Lesson link…',
    title: 'make a link that hides chosen controls, or opens the presenter layout' });
  openButton.dataset.testid = 'lesson-open';
  openButton.dataset.key = 'lesson';
  const dialog = buildDialog(lesson);
  openButton.addEventListener('click', () => dialog.open());
  box.append(copyButton, openButton, done, field, dialog.element);
}

function buildDialog(lesson) {
  const dialog = el('dialog', { className: 'lesson-builder' });
  dialog.dataset.testid = 'lesson-builder';
  dialog.setAttribute('aria-labelledby', 'lesson-title');
  const title = el('h2', { id: 'lesson-title', textContent: 'Lesson link' });
  const intro = el('p', { className: 'hint', textContent: 'Tick what the students should not see (or ' +
    'change), then copy the link into your slides. The link keeps every current setting.' });
  const parts = el('fieldset', { className: 'lesson-parts' }, el('legend', { textContent: 'Hide' }));
  const partList = el('div', { className: 'lesson-part-list' });
  parts.append(partList);
  const flag = (name, text) => {
    const box = el('input', { type: 'checkbox', id: `lesson-${name}`, checked: lesson[name] });
    box.dataset.testid = `lesson-${name}`;
    return { box, row: el('div', { className: 'lesson-flag' }, box, el('label', { htmlFor: box.id, textContent: text })) };
  };
  const presenter = flag('presenter', 'Presenter layout: large type, settings shown but not editable');
  const embed = flag('embed', 'Embed: no header (title, tabs, build) for an iframe');
  const urlLabel = el('label', { htmlFor: 'lesson-url', textContent: 'Link' });
  const url = el('input', { type: 'text', id: 'lesson-url', readOnly: true, className: 'lesson-url' });
  url.dataset.testid = 'lesson-url';
  const copyDone = el('span', { className: 'copy-done' });
  copyDone.setAttribute('role', 'status');
  const button = (testid, text, onClick, primary = false) => {
    const b = el('button', { type: 'button', textContent: text, className: primary ? 'primary' : '' });
    b.dataset.testid = testid;
    b.addEventListener('click', onClick);
    return b;
  };
  const chosen = () => ({
    hide: [...partList.querySelectorAll('input:checked')].map((b) => b.value),
    presenter: presenter.box.checked,
    embed: embed.box.checked,
  });
  const update = () => { url.value = linkWith(location.href, chosen()); };
  dialog.addEventListener('change', update);
  const actions = el('div', { className: 'lesson-actions' },
    button('lesson-copy', 'Copy', async () => {
      copyDone.textContent = (await copyText(url.value, url)) ? 'copied ✓' : 'select the link and copy it';
    }, true),
    button('lesson-apply', 'Open it here', () => { location.href = url.value; }),
    button('lesson-close', 'Close', () => dialog.close()),
    copyDone);
  dialog.append(title, intro, parts, presenter.row, embed.row,
    el('div', { className: 'lesson-link' }, urlLabel, url), actions);

  /** Fill the list with the parts the page has now (a mode builds its controls after loading). */
  function open() {
    const ticked = new Set(lesson.hide);
    partList.textContent = '';
    for (const { name, label } of hideableParts(document)) {
      const box = el('input', { type: 'checkbox', id: `hide-${name}`, value: name, checked: ticked.has(name) });
      box.dataset.testid = `hide-${name}`;
      const code = el('code', { textContent: name });
      partList.append(el('div', { className: 'lesson-part' }, box,
        el('label', { htmlFor: box.id }, `${label} `, code)));
    }
    copyDone.textContent = '';
    update();
    dialog.showModal();
  }
  return { element: dialog, open };
}
