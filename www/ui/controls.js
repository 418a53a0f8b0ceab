// The settings form, generated from the property table in state.js: one labelled control per key.

import { formatValue } from '../settings/values.js';
import { PROPS } from '../settings/linear.js';
import { isPresenter } from '../lesson/apply.js';

function makeControl(p) {
  if (p.type === 'enum') {
    const select = document.createElement('select');
    for (const v of p.values) {
      const option = document.createElement('option');
      option.value = v;
      option.textContent = p.valueNames?.[v] ?? v;
      select.append(option);
    }
    return select;
  }
  const input = document.createElement('input');
  if (p.type === 'bool') {
    input.type = 'checkbox';
  } else {
    input.type = 'text'; // not type=number: it would reformat 0.000001 and accept "1e308" silently
    input.inputMode = p.type === 'f32' ? 'decimal' : 'numeric';
    input.spellcheck = false;
    input.autocomplete = 'off';
  }
  return input;
}

/**
 * Build the controls (first call) and show `state` in them.
 * opts: {onEdit(name, text), onRandomSeed(), props, format, readOnly}: `props` is the settings table
 * (default: the linear classifier's), `format(p, value)` its value-to-text (default formatValue),
 * `readOnly` shows the values without letting them change (default: in the presenter layout).
 * A property with `when(state)` is shown only while that is true (the hyperparameters of one rule).
 * onEdit gets the control's text ('1'/'0' for checkboxes), so every edit goes through the same
 * parsing and validation as the URL.
 */
export function renderControls(form, state, opts) {
  const props = opts.props ?? PROPS;
  const format = opts.format ?? formatValue;
  if (!form.dataset.built) {
    const readOnly = opts.readOnly ?? isPresenter(form.ownerDocument);
    for (const p of props) {
      const row = document.createElement('div');
      row.className = `field field-${p.type}`;
      row.dataset.key = p.name;
      const label = document.createElement('label');
      const control = makeControl(p);
      control.id = `ctl-${p.name}`;
      control.name = p.name;
      control.disabled = readOnly;
      label.htmlFor = control.id;
      label.textContent = p.label;
      control.addEventListener('change', () => {
        opts.onEdit(p.name, control.type === 'checkbox' ? (control.checked ? '1' : '0') : control.value);
      });
      if (p.type === 'bool') row.append(control, label);
      else row.append(label, control);
      if (p.name === 'seed' && opts.onRandomSeed) {
        const dice = document.createElement('button');
        dice.type = 'button';
        dice.id = 'random-seed';
        dice.textContent = 'random';
        dice.title = 'pick a random seed';
        dice.disabled = readOnly;
        dice.addEventListener('click', () => opts.onRandomSeed());
        row.append(dice);
      }
      form.append(row);
    }
    form.addEventListener('submit', (e) => e.preventDefault());
    form.dataset.built = '1';
  }
  for (const p of props) {
    const control = form.elements.namedItem(p.name);
    if (control.type === 'checkbox') control.checked = Boolean(state[p.name]);
    else control.value = format(p, state[p.name]);
    if (p.when) control.closest('.field').hidden = !p.when(state); // e.g. beta1 only for Adam
  }
}
