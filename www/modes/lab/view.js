// The lab's fixed markup (no user text): settings on the side, one panel per experiment.
export const TEMPLATE = `
<div class="layout lab">
  <aside class="panel side">
    <div data-key="settings" data-key-label="All settings">
    <h2>Lab settings</h2>
    <form id="lab-controls" class="controls" autocomplete="off"></form>
    <fieldset class="racer-picks" data-key="rules">
      <legend>Update rules compared</legend>
      <div data-testid="rule-picks"></div>
    </fieldset>
    </div>
    <p class="hint">Every rule starts from the same initial weights and seed. Learning rates per rule are
    in the table (adaptive rules step ≈ learning_rate per weight; raw pixels make SGD's rate tiny).
    Settings live in the page address.</p>
  </aside>
  <section class="content">
    <section class="panel lab-panel" aria-labelledby="sanity-title" data-key="sanity">
      <div class="panel-head"><h2 id="sanity-title">Loss at initialisation vs theory</h2>
        <button type="button" data-testid="run-sanity">Check again</button></div>
      <table class="lab-table sanity" tabindex="0"><tbody>
        <tr><th scope="row">measured data loss (training split, initial w)</th><td data-testid="sanity-measured"></td></tr>
        <tr><th scope="row">expected at this weight scale (σ = <span data-testid="sanity-sigma"></span>)</th><td data-testid="sanity-expected"></td></tr>
        <tr><th scope="row">small-score limit: <span data-testid="sanity-theory"></span></th><td data-testid="sanity-limit"></td></tr>
        <tr><th scope="row">measured with w ×1/1000</th><td data-testid="sanity-small"></td></tr>
        <tr><th scope="row">verdict</th><td data-testid="sanity-verdict" class="verdict"></td></tr>
        <tr><th scope="row">regularisation loss at init</th><td data-testid="sanity-reg"></td></tr>
      </tbody></table>
      <p class="note">Pixels are 0..255 minus the mean image and w ~ 1e-4·N(0, 1), so an image's scores
        spread with σ = 1e-4·|x|: not ≈ 0. Expected: softmax ln C + ½σ²(C − 1)/C (second-order
        expansion), SVM exact (each margin ~ N(Δ, 2σ²)), averaged over the images. Tolerance: 4 standard
        deviations of the loss over 12 further draws of w (one w moves every image's loss together),
        and the ×1/1000 loss must sit on the limit.</p>
    </section>

    <section class="panel lab-panel" aria-labelledby="questions-title" data-key="questions">
      <div class="panel-head"><h2 id="questions-title">The lecture's questions, live</h2>
        <button type="button" data-testid="run-questions">Answer again</button></div>
      <p class="note">Answered on this data: the first training images, the initial w and w after num_iters SGD
        iterations (the run's loss, reg, seed).</p>
      <dl class="lab-questions" data-testid="questions"></dl>
    </section>

    <section class="panel lab-panel" id="gradcheck-panel" data-testid="gradcheck-panel" aria-labelledby="gradcheck-title" data-key="gradcheck">
      <div class="panel-head"><h2 id="gradcheck-title">Gradient check (centred difference, f64)</h2>
        <button type="button" class="primary" data-testid="run-gradcheck">Run gradient check</button></div>
      <p class="lab-figures">worst relative error <strong data-testid="gradcheck-max-rel-error">–</strong>
        · without kinks <strong data-testid="gradcheck-max-smooth">–</strong></p>
      <p class="legend-bands"><span class="band-good">good &lt; 1e-7</span> <span class="band-fine">1e-7…1e-4 fine only at a kink</span>
        <span class="band-fine">kink: analytic between the one-sided slopes</span>
        <span class="band-uneasy">1e-4…1e-2 uneasy</span> <span class="band-wrong">&gt; 1e-2 wrong</span></p>
      <div data-testid="gradcheck-rows"></div>
      <p class="note" data-testid="gradcheck-note"></p>
      <p class="hint" data-testid="gradcheck-hint"></p>
    </section>

    <section class="panel lab-panel" aria-labelledby="compare-title" data-key="compare">
      <div class="panel-head"><h2 id="compare-title">Update rules from the same start</h2>
        <button type="button" class="primary" data-testid="run-compare">Run comparison</button></div>
      <div data-testid="compare-chart" class="lab-chart" data-png="compare"></div>
      <table class="lab-table" tabindex="0"><thead><tr><th scope="col">update rule</th><th scope="col">learning_rate</th>
        <th scope="col">iterations</th><th scope="col">val accuracy</th><th scope="col">test accuracy</th></tr></thead>
        <tbody data-testid="compare-results"></tbody></table>
    </section>

    <section class="panel lab-panel" aria-labelledby="search-title" data-key="search">
      <div class="panel-head"><h2 id="search-title">Random search vs gradient descent</h2>
        <button type="button" class="primary" data-testid="run-search">Run searches</button></div>
      <div data-testid="search-chart" class="lab-chart" data-png="search"></div>
      <table class="lab-table" tabindex="0"><thead><tr><th scope="col">method</th><th scope="col">val accuracy</th><th scope="col">test accuracy</th></tr></thead>
        <tbody>
          <tr><th scope="row">random search (best of random w)</th><td data-testid="search-random-val"></td><td data-testid="search-random-test"></td></tr>
          <tr><th scope="row">random local search</th><td data-testid="search-local-val"></td><td data-testid="search-local-test"></td></tr>
          <tr><th scope="row">gradient descent (full batch)</th><td data-testid="search-gd-val"></td><td data-testid="search-gd-test"></td></tr>
        </tbody></table>
    </section>

    <section class="panel lab-panel" aria-labelledby="sweep-title" data-key="sweep">
      <div class="panel-head"><h2 id="sweep-title">Learning rate × regularisation sweep (SGD)</h2>
        <button type="button" class="primary" data-testid="run-sweep">Run sweep</button></div>
      <div data-testid="sweep-heatmap-box"></div>
      <p class="note" data-testid="sweep-best"></p>
    </section>
  </section>
</div>`;
