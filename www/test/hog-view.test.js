import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hogGlyphs } from '../ui/hog-view.js';

test('hogGlyphs: one glyph per non-zero bin, through the cell centre, edge direction of the bin', () => {
  // 16×8 image: 2 cells across, 1 down. Cell (col 1, row 0) has bin 4 (80..100°: a vertical edge)
  // at the maximum; cell (col 0) has bin 0 (0..20°) at half.
  const cells = new Float32Array(2 * 1 * 9);
  cells[0 * 9 + 0] = 2;
  cells[1 * 9 + 4] = 4;
  const g = hogGlyphs(cells, 8, 16, 1);
  assert.equal(g.length, 2);
  const [a, b] = g;
  // cell 0 centre (4, 4), half length 4 · 0.5 = 2 along 10°
  assert.ok(Math.abs((a.x0 + a.x1) / 2 - 4) < 1e-9 && Math.abs((a.y0 + a.y1) / 2 - 4) < 1e-9);
  assert.ok(Math.abs(a.x1 - 4 - 2 * Math.cos(Math.PI / 18)) < 1e-9);
  assert.equal(a.strength, 0.5);
  // cell 1 centre (12, 4), full strength, at 90°: nearly vertical
  assert.equal(b.strength, 1);
  assert.ok(Math.abs(b.x1 - b.x0) < 1e-9 * 10 + Math.abs(b.y1 - b.y0) * Math.tan(Math.PI / 18) + 1e-9);
  assert.ok(Math.abs(Math.abs(b.y1 - b.y0) - 8) < 1e-9);
  assert.deepEqual(hogGlyphs(new Float32Array(18), 8, 16, 1), []);
});
