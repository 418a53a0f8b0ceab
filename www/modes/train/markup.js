// The train mode's markup (fixed, no user text): the side panel with the buttons, the Data panel,
// the settings form and the weights file, and the content with the figures, charts, templates and
// the evaluation views. mount() puts it into the router's <main>.

export const TEMPLATE = `
<aside class="panel side">
  <div class="buttons" role="group" aria-label="training" data-key="buttons" data-key-label="Play, Pause, Step, Reset">
    <button type="button" data-testid="play" data-shortcut="play" aria-keyshortcuts="Space" class="primary" data-key="play">▶ Play</button>
    <button type="button" data-testid="pause" data-shortcut="pause" aria-keyshortcuts="Space" data-key="pause">❚❚ Pause</button>
    <button type="button" data-testid="step" data-shortcut="step" aria-keyshortcuts="S" data-key="step">Step</button>
    <button type="button" data-testid="reset" data-shortcut="reset" aria-keyshortcuts="R" data-key="reset">↺ Reset</button>
  </div>
  <section class="data-panel" aria-labelledby="data-heading" data-key="data" data-key-label="The Data panel (your own files)">
    <h2 id="data-heading">Data</h2>
    <div id="import-panel" class="import-panel"></div>
  </section>
  <div data-key="settings" data-key-label="All settings">
    <h2>Settings</h2>
    <form id="controls" class="controls" autocomplete="off"></form>
    <p class="hint hessian-cost" data-testid="hessian-cost" aria-live="polite"></p>
  </div>
  <p class="hint" data-key="hint" data-key-label="The hint under the settings">Settings live in the page address: copy it to share this exact run.</p>
  <div class="weights-io" role="group" aria-label="weights file" data-key="weights" data-key-label="Export / import weights">
    <h2>Weights</h2>
    <button type="button" data-testid="export-weights">Export weights (.bin)</button>
    <label for="import-weights">Import weights</label>
    <input type="file" id="import-weights" data-testid="import-weights" accept=".bin,application/octet-stream">
    <p data-testid="weights-status" class="hint" aria-live="polite"></p>
  </div>
</aside>

<section class="content">
  <div class="metrics" data-key="metrics" data-key-label="All figures (iteration, loss, accuracies)">
    <div class="metric"><span class="metric-name">iteration</span>
      <span data-testid="iteration" class="metric-value">0 / 0</span></div>
    <div class="metric"><span class="metric-name">loss</span>
      <span data-testid="loss" class="metric-value"></span></div>
    <div class="metric train" data-key="train_acc" data-key-label="Train accuracy"><span class="metric-name">train accuracy</span>
      <span data-testid="train-acc" class="metric-value"></span></div>
    <div class="metric val" data-key="val_acc" data-key-label="Validation accuracy"><span class="metric-name">val accuracy</span>
      <span data-testid="val-acc" class="metric-value"></span></div>
    <div class="metric test" data-key="test_acc" data-key-label="Test accuracy"><span class="metric-name">test accuracy</span>
      <span data-testid="test-acc" class="metric-value"></span></div>
    <div class="metric val" data-key="val_top5" data-key-label="Validation top-5 accuracy"><span class="metric-name">val top-5</span>
      <span data-testid="val-top5" class="metric-value"></span></div>
    <div class="metric test" data-key="test_top5" data-key-label="Test top-5 accuracy"><span class="metric-name">test top-5</span>
      <span data-testid="test-top5" class="metric-value"></span></div>
  </div>

  <div class="charts" data-key="charts" data-key-label="Both charts">
    <figure class="panel chart" data-key="loss_chart">
      <figcaption>Loss per iteration</figcaption>
      <div data-testid="loss-chart"></div>
    </figure>
    <figure class="panel chart" data-key="acc_chart">
      <figcaption>Accuracy</figcaption>
      <div data-testid="acc-chart"></div>
    </figure>
  </div>

  <figure class="panel train-features" data-testid="features-panel" data-key="features" data-key-label="Pixels vs features">
    <figcaption>Pixels vs features</figcaption>
    <p data-testid="features-compare" aria-live="polite">Train with features=pixels, then with hog+color_hist (Settings → Features), to compare their test accuracies.</p>
    <p data-testid="features-note" class="hint" hidden></p>
  </figure>

  <figure class="panel" data-key="templates" data-testid="templates-panel">
    <figcaption>Learned templates: one weight row per class, as an image</figcaption>
    <div data-testid="templates" class="class-grid templates"></div>
  </figure>

  <details class="panel view" data-view="confusion" data-testid="confusion-panel" open data-key="confusion">
    <summary>Confusion matrix and per-class accuracy</summary>
    <div class="view-controls">
      <input type="checkbox" id="cm-normalise" data-testid="cm-normalise">
      <label for="cm-normalise">Row-normalised (each true class sums to 1)</label>
      <span class="hint">Rows: true class; columns: predicted class. Click a cell for its images.</span>
    </div>
    <div data-testid="confusion-matrix" class="confusion"></div>
    <div data-testid="cm-images" class="cm-images" aria-live="polite"></div>
  </details>

  <details class="panel view" data-view="predictions" data-testid="predictions-panel" open data-key="predictions">
    <summary>Predictions on test images: the top 3 classes</summary>
    <div class="view-controls">
      <button type="button" data-testid="gallery-next">Next page</button>
      <button type="button" data-testid="gallery-shuffle">Shuffle</button>
      <span data-testid="gallery-status" class="hint"></span>
    </div>
    <div data-testid="predictions" class="pred-gallery"></div>
  </details>

  <details class="panel view" data-view="algebraic" data-testid="algebraic-panel" open data-key="algebraic">
    <summary>Algebraic view: score = W·x + b for one image</summary>
    <div class="view-controls">
      <label for="algebraic-index">Test image index</label>
      <input type="text" id="algebraic-index" data-testid="algebraic-index" inputmode="numeric" value="0" size="6">
      <span class="hint">or click an image in the gallery</span>
    </div>
    <div data-testid="algebraic-view" class="algebraic"></div>
  </details>

  <details class="panel draw-panel" data-testid="draw-panel" data-key="draw" data-key-label="Draw a digit">
    <summary>Draw a digit</summary>
    <div class="draw-pad"></div>
  </details>

  <figure class="panel" data-key="samples">
    <figcaption>Training images from <span id="dataset-name">…</span></figcaption>
    <div data-testid="samples" class="class-grid samples"></div>
  </figure>

  <details class="panel history" data-key="loss_history">
    <summary>Loss history (all iterations, as text)</summary>
    <p data-testid="loss-history" class="loss-history"></p>
  </details>
</section>
`;
