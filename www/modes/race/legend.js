// The race's legend: each racer's name next to a sample of its line (colour and dash), its loss
// and whether it stopped: names, not colour alone, tell the racers apart.

/** data: [{id, label, colour, dash, f, steps, stopped, why (0 running, 1 diverged, 2 converged,
 * 3 singular Hessian)}]. Rebuilds the list (it is small). */
export function render(container, data) {
  const key = data.map((r) => r.id).join(',');
  if (container.dataset.racers !== key) { // (not data-key: that names hideable parts, www/lesson/)
    container.textContent = '';
    for (const r of data) {
      const li = document.createElement('li');
      li.dataset.testid = `racer-${r.id}`;
      const swatch = document.createElement('canvas');
      swatch.width = 44;
      swatch.height = 14;
      swatch.setAttribute('aria-hidden', 'true');
      const ctx = swatch.getContext('2d');
      ctx.strokeStyle = r.colour;
      ctx.lineWidth = 4;
      ctx.setLineDash(r.dash);
      ctx.beginPath();
      ctx.moveTo(2, 7);
      ctx.lineTo(42, 7);
      ctx.stroke();
      const name = document.createElement('span');
      name.className = 'racer-name';
      name.textContent = r.label;
      const value = document.createElement('span');
      value.className = 'racer-value';
      value.dataset.testid = `racer-loss-${r.id}`;
      li.append(swatch, name, value);
      container.append(li);
    }
    container.dataset.racers = key;
  }
  data.forEach((r, i) => {
    const value = container.children[i].querySelector('.racer-value');
    const why = r.why === 1 ? ' (diverged)' : r.why === 3 ? ' (singular Hessian)' : r.stopped ? ' (stopped)' : '';
    const text = Number.isFinite(r.f) ? `f = ${r.f.toPrecision(3)}${why}` : 'diverged';
    if (value.textContent !== text) value.textContent = text;
  });
}
