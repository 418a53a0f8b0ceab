// The views mode's fixed markup and teaching text (no user text is ever put into HTML; values
// are written with textContent).

export const MODE_TEMPLATE = `
<div class="views">
  <div class="views-tabs" role="tablist" aria-label="Views" data-key="tabs" data-key-label="The view tabs">
    <button type="button" role="tab" id="views-tab-geometric" aria-controls="views-panel-geometric"
      data-testid="views-tab-geometric" data-view="geometric">Linear classifier, geometrically</button>
    <button type="button" role="tab" id="views-tab-curse" aria-controls="views-panel-curse"
      data-testid="views-tab-curse" data-view="curse">Curse of dimensionality</button>
  </div>
  <section id="views-panel-geometric" role="tabpanel" aria-labelledby="views-tab-geometric"></section>
  <section id="views-panel-curse" role="tabpanel" aria-labelledby="views-tab-curse" hidden></section>
</div>`;

export const GEO_TEMPLATE = `
<div class="layout geo">
  <aside class="panel side">
    <div class="buttons" role="group" aria-label="classifier" data-key="buttons" data-key-label="Train and Reset lines">
      <button type="button" data-testid="geo-train" data-shortcut="play" aria-keyshortcuts="Space" class="primary">▶ Train</button>
      <button type="button" data-testid="geo-reset" data-shortcut="reset" aria-keyshortcuts="R">↺ Reset lines</button>
    </div>
    <div data-key="settings" data-key-label="All settings">
      <h2>Settings</h2>
      <form id="geo-controls" class="controls" autocomplete="off"></form>
    </div>
    <p class="hint">“Train” takes full-batch gradient descent steps on the loss below, in the wasm
      core. The lines, like every setting, live in the page address: copy it to share this picture.</p>
  </aside>
  <section class="content">
    <div class="metrics geo-metrics" data-key="metrics" data-key-label="All figures (loss, accuracy, steps)">
      <div class="metric"><span class="metric-name">total loss</span>
        <span data-testid="geo-loss" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">data loss</span>
        <span data-testid="geo-data-loss" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">reg loss (reg·Σw²)</span>
        <span data-testid="geo-reg-loss" class="metric-value"></span></div>
      <div class="metric train"><span class="metric-name">accuracy</span>
        <span data-testid="geo-accuracy" class="metric-value"></span></div>
      <div class="metric train"><span class="metric-name">correct</span>
        <span data-testid="geo-correct" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">steps trained</span>
        <span data-testid="geo-steps" class="metric-value"></span></div>
    </div>
    <p class="geo-formula" data-testid="geo-loss-formula"></p>
    <div class="geo-main">
      <figure class="panel geo-figure" data-key="plane" data-key-label="The plane with the class lines">
        <figcaption>Each class c scores a point by s_c = w_c·x + b_c: zero on its line, growing in
          the direction of its normal arrow w_c. The plane is tinted by the class that scores highest.</figcaption>
        <div class="geo-stack">
          <canvas data-testid="geo-canvas" role="img"
            aria-label="The toy points, each class's line with its normal arrow, and the plane tinted by the winning class. Click a point to see its scores."></canvas>
          <div class="geo-handles"></div>
        </div>
        <p class="chart-note">Drag a <b>square knob</b> to move its line (changes b_c only; a dashed knob at
          the edge is a line outside the view: drag it back in); drag a
          <b>round knob</b>, the arrow's tip, to turn or stretch w_c. Keyboard: Tab to a knob, then the
          arrow keys (Shift: bigger steps). Grey halo: the point's loss Lᵢ (bigger = more loss);
          dark outline: misclassified. Click a point to see its scores.</p>
      </figure>
      <div class="geo-side">
        <figure class="panel" data-key="parameters">
          <figcaption>The parameters: s = Wᵀx + b (one row per class)</figcaption>
          <table class="geo-table" data-testid="geo-params"></table>
        </figure>
        <figure class="panel">
          <figcaption>One point's scores and loss terms</figcaption>
          <div class="field geo-point-field">
            <label for="geo-point">Point</label>
            <select id="geo-point" data-testid="geo-point"></select>
          </div>
          <div data-testid="geo-point-scores" class="geo-point-scores" aria-live="polite"></div>
        </figure>
        <figure class="panel">
          <figcaption>What a linear classifier can do here</figcaption>
          <p data-testid="geo-layout-note" class="geo-note"></p>
          <p class="geo-note">Best accuracy gradient descent reaches from 8 starts (SVM and softmax):
            <output data-testid="geo-best"></output></p>
        </figure>
      </div>
    </div>
  </section>
</div>`;

/** Why the layout is (or is not) within a linear classifier's reach. */
export const LAYOUT_NOTES = {
  blobs: 'Three separate blobs: three lines can put every point in its own class’s region, so a ' +
    'linear classifier can reach 100 %. Any loss above zero then comes from margins (SVM) or ' +
    'from probabilities short of 1 (softmax), and from reg.',
  xor: 'XOR: the blue circles sit on two opposite corners, the orange squares on the other two, ' +
    'the green triangles in the middle. A class’s region (where its score is highest) is the ' +
    'intersection of two half-planes, so it is convex: a region holding both blue corners holds ' +
    'the middle between them too, and the same for orange. So at most one corner of blue, one of ' +
    'orange and the middle can be right: about 2 of every 3 points. No setting of w and b wins. ' +
    'Training gives up instead: the lowest loss makes the three scores nearly equal everywhere ' +
    '(softmax: every probability about ⅓, data loss about ln 3 ≈ 1.099), so the accuracy may even ' +
    'fall while the loss falls.',
  rings: 'Rings: a disc inside two rings. A linear classifier’s regions are convex (wedges and ' +
    'strips), never rings, so the outer classes cannot surround the inner one. Features that ' +
    'depend on the radius (or a neural network) would be needed.',
};

// Each control row names its URL key in data-key, as the settings form's fields do (ui/controls.js).
export const CURSE_TEMPLATE = `
<div class="curse">
  <div class="panel curse-controls">
    <div class="curse-control" data-key="num_points">
      <label for="curse-n">Random points n: <output id="curse-n-value" for="curse-n"></output></label>
      <input type="range" id="curse-n" data-testid="curse-n" min="10" max="2000" step="10">
    </div>
    <div class="curse-control" data-key="metric">
      <label for="curse-metric">Distance</label>
      <select id="curse-metric" data-testid="curse-metric">
        <option value="l2">L2 (Euclidean)</option>
        <option value="l1">L1 (Manhattan)</option>
      </select>
    </div>
    <div class="curse-control" data-key="num_queries">
      <label for="curse-queries">Queries per dimension: <output id="curse-queries-value" for="curse-queries"></output></label>
      <input type="range" id="curse-queries" data-testid="curse-queries" min="1" max="100" step="1">
    </div>
    <div class="curse-control" data-key="points_per_axis">
      <label for="curse-k">Grid points per axis: <output id="curse-k-value" for="curse-k"></output></label>
      <input type="range" id="curse-k" data-testid="curse-points-per-axis" min="2" max="20" step="1">
    </div>
    <p class="curse-progress" data-testid="curse-progress"></p>
  </div>
  <div class="charts curse-charts">
    <figure class="panel chart">
      <figcaption>(a) Covering space with a grid: <span data-testid="curse-grid-title"></span></figcaption>
      <div data-testid="curse-grid-chart" class="curse-chart"></div>
      <p class="chart-note">To have a training image near every possible input, a grid with k points per
        axis needs k<sup>d</sup> of them. An MNIST digit has d = 784 pixels, a CIFAR-10 image 3072:
        far beyond the 60 000 / 50 000 images we have, and the number of atoms in the observable
        universe (about 10<sup>80</sup>). The y axis is logarithmic in the number of digits.</p>
    </figure>
    <figure class="panel chart">
      <figcaption>(b) Nearest ÷ farthest distance from a query, as the dimension d grows</figcaption>
      <div data-testid="curse-distance-chart" class="curse-chart"></div>
      <p class="chart-note">For n random points uniform in the cube [0, 1]<sup>d</sup> and a random query,
        the ratio of its nearest to its farthest distance. Line: mean over the queries; band: ± 1 standard
        deviation. As d grows the ratio tends to 1: every point is about as far away as every other,
        so “nearest” neighbour says less and less.</p>
    </figure>
    <figure class="panel chart">
      <figcaption>The distances themselves: nearest (blue, solid) and farthest (orange, dashed)</figcaption>
      <div data-testid="curse-minmax-chart" class="curse-chart"></div>
      <p class="chart-note">Both grow with d (like √d for L2, like d for L1), but the nearest catches up
        with the farthest. Bands: ± 1 standard deviation over the queries.</p>
    </figure>
    <figure class="panel">
      <figcaption>The numbers (mean ± standard deviation over the queries)</figcaption>
      <table class="geo-table curse-table" data-testid="curse-table">
        <thead><tr><th scope="col">d</th><th scope="col">nearest</th><th scope="col">farthest</th>
          <th scope="col">nearest ÷ farthest</th></tr></thead>
        <tbody></tbody>
      </table>
      <p class="chart-note curse-moral">What it means for k-nearest neighbour on images: with d = 3072
        pixels no training set is dense, and when every image is about as far from a query as every
        other, the few that come out nearest are often near for the wrong reasons (a similar
        background or colour), not because they show the same object.</p>
    </figure>
  </div>
</div>`;
