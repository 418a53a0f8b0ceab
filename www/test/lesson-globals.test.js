import test from 'node:test';
import assert from 'node:assert/strict';
import {
  GLOBAL_KEYS, PAGE_PARTS, globalKeyErrors, globalsDiffer, keepGlobals, parseGlobals, stripGlobals, withGlobals,
} from '../lesson/globals.js';
import { MODES, checkGlobalKey, hideableNames } from '../modes.js';
import { PROPS, defaults, parseHash, serialiseHash } from '../modes/train/state.js';
import { parseHash as parseKnnHash } from '../modes/knn/state.js';
import { SETTINGS as LAB_SETTINGS } from '../modes/lab/state.js';
import { SETTINGS as RACE_SETTINGS } from '../modes/race/state.js';
import { hideRule } from '../lesson/apply.js';
import { linkWith } from '../lesson/share.js';

test('parseGlobals: hide lists (several keys, blanks, duplicates), flags, junk left out', () => {
  assert.deepEqual(parseGlobals(''), { hide: [], presenter: false, embed: false, theme: 'auto' });
  assert.deepEqual(parseGlobals('#seed=3&hide=loss,reg&presenter=1&hide=reg,,reset&embed=true'),
    { hide: ['loss', 'reg', 'reset'], presenter: true, embed: true, theme: 'auto' });
  assert.deepEqual(parseGlobals('#hide=<b>&presenter=yes&theme=<b>'), { hide: [], presenter: false, embed: false, theme: 'auto' });
});

test('globalKeyErrors: unknown hide names are quoted; flags must be 0/1', () => {
  const known = ['loss', 'reg', 'reset'];
  assert.deepEqual(globalKeyErrors('hide', 'loss,reg', known), []);
  const [msg] = globalKeyErrors('hide', 'loss,bogus,zz', known);
  assert.match(msg, /^hide: "bogus", "zz" are not a control or panel of this mode/);
  assert.match(globalKeyErrors('hide', 'bogus', known)[0], /^hide: "bogus" is not/);
  assert.match(globalKeyErrors('hide', '<img src=x>', known)[0], /^hide: "<img src=x>" is not a control or panel name/);
  assert.match(globalKeyErrors('hide', Array(100).fill('loss').join(','), known)[0], /more than 80 names/);
  assert.deepEqual(globalKeyErrors('presenter', '1', known), []);
  assert.deepEqual(globalKeyErrors('embed', '0', known), []);
  assert.match(globalKeyErrors('presenter', '2', known)[0], /^presenter: "2" is not 0 or 1/);
});

test('withGlobals / stripGlobals / keepGlobals: the mode\'s own keys stay, lesson keys follow them', () => {
  assert.equal(stripGlobals('#mode=knn&hide=k&k=3&presenter=1'), '#mode=knn&k=3');
  assert.equal(withGlobals('#seed=1&hide=x', { hide: ['loss', 'reg'], presenter: true }), '#seed=1&hide=loss,reg&presenter=1');
  assert.equal(withGlobals('', { hide: ['reset'] }), '#hide=reset');
  assert.equal(withGlobals('#seed=1', { hide: [] }), '#seed=1');
  assert.equal(keepGlobals('#seed=2&reg=5', '#seed=1&hide=reg&embed=1'), '#seed=2&reg=5&hide=reg&embed=1');
  assert.ok(globalsDiffer('#hide=a', '#hide=b'));
  assert.ok(!globalsDiffer('#seed=1&hide=a', '#seed=2&hide=a'));
  assert.equal(linkWith('http://h:1/p/?q#seed=1', { hide: ['loss'], presenter: true }), 'http://h:1/p/?q#seed=1&hide=loss&presenter=1');
  assert.equal(linkWith('http://h:1/', { hide: [] }), 'http://h:1/');
});

test('every mode\'s parser accepts the global keys and reports bad ones by name', () => {
  const train = parseHash('#seed=4&hide=loss,reg,reset,templates,charts&presenter=1&embed=0');
  assert.deepEqual(train.errors, []);
  assert.equal(train.state.seed, 4);
  assert.equal(serialiseHash(train.state), serialiseHash({ ...defaults(), seed: 4 }), 'globals are not settings');
  const bad = parseHash('#hide=loss,bogus&presenter=maybe');
  assert.equal(bad.errors.length, 2);
  assert.match(bad.errors[0], /"bogus"/);
  assert.match(bad.errors[1], /presenter/);
  assert.deepEqual(parseKnnHash('#mode=knn&k=5&hide=k,metric,gallery&presenter=1').errors, []);
  assert.match(parseKnnHash('#mode=knn&hide=bogus').errors[0], /"bogus"/);
  assert.match(parseKnnHash('#mode=knn&hide=k_choices').errors[0], /"k_choices"/, 'no control: not hideable');
  for (const [props, mode] of [[LAB_SETTINGS, 'lab'], [RACE_SETTINGS, 'race'], [LAB_SETTINGS, 'gradcheck']]) {
    const ok = props.parseHash(`#mode=${mode}&hide=seed,settings&embed=1`, props.defaults());
    assert.deepEqual(ok.errors, [], mode);
    const no = props.parseHash(`#mode=${mode}&hide=bogus`, props.defaults());
    assert.match(no.errors[0], /^hide: "bogus"/, mode);
  }
});

test('hideable names: the controls, the mode\'s parts and the header\'s, no clashes with settings', () => {
  const names = hideableNames('train', PROPS.map((p) => p.name));
  for (const n of ['loss', 'reg', 'learning_rate', 'reset', 'templates', 'charts', 'copy_link']) assert.ok(names.includes(n), n);
  for (const [mode, m] of Object.entries(MODES)) {
    assert.ok(Array.isArray(m.parts), mode);
    for (const part of m.parts) assert.ok(!PROPS.some((p) => p.name === part) || mode !== 'train', `${mode}: ${part} is a setting`);
    assert.equal(new Set([...m.parts, ...PAGE_PARTS]).size, m.parts.length + PAGE_PARTS.length, `${mode}: a duplicate`);
  }
  assert.deepEqual(checkGlobalKey('train', 'hide', 'loss', ['loss']), []);
  assert.deepEqual(GLOBAL_KEYS, ['hide', 'presenter', 'embed', 'theme']);
});

test('every part name is a data-key in that mode\'s markup', async () => {
  const fs = await import('node:fs');
  const read = (p) => fs.readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');
  const markup = {
    train: read('modes/train/markup.js') + read('export/train.js'),
    knn: read('modes/knn/view.js'), race: read('modes/race/index.js'), lab: read('modes/lab/view.js'),
    fewshot: read('modes/fewshot/view.js'), views: read('modes/views/text.js'),
  };
  markup.gradcheck = markup.lab;
  const header = read('index.html') + read('lesson/share.js');
  for (const part of PAGE_PARTS) assert.match(header, new RegExp(`data-key="${part}"|dataset.key = '${part}'`), part);
  for (const [mode, m] of Object.entries(MODES)) {
    for (const part of m.parts) {
      assert.match(markup[mode], new RegExp(`data-key="${part}"|dataset.key = '${part}'`), `${mode}: ${part}`);
    }
  }
});

test('hideRule: one CSS rule for the named parts, none for no names', () => {
  assert.equal(hideRule([]), '');
  assert.equal(hideRule(['loss', 'reg']), '[data-key="loss"],\n[data-key="reg"] { display: none !important; }');
});

test('theme: auto | light | dark, refused otherwise, kept across edits, applied without a reload', () => {
  assert.equal(parseGlobals('#theme=dark').theme, 'dark');
  assert.equal(parseGlobals('#theme=light&theme=dark').theme, 'dark');
  assert.deepEqual(globalKeyErrors('theme', 'dark', []), []);
  assert.match(globalKeyErrors('theme', 'neon', [])[0], /^theme: "neon" is not auto, light or dark/);
  assert.match(globalKeyErrors('theme', '<img src=x onerror=alert(1)>', [])[0], /^theme: "<img/);
  assert.equal(withGlobals('#seed=1', { theme: 'dark' }), '#seed=1&theme=dark');
  assert.equal(withGlobals('#seed=1&theme=dark', { theme: 'auto' }), '#seed=1'); // the default is not written
  assert.equal(keepGlobals('#seed=2', '#seed=1&theme=light'), '#seed=2&theme=light');
  assert.equal(stripGlobals('#theme=dark&k=3'), '#k=3');
  assert.equal(globalsDiffer('#theme=dark', '#theme=light'), false);
  assert.equal(globalsDiffer('#theme=dark&presenter=1', '#theme=dark'), true);
});
