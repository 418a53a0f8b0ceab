// The k-NN mode's page skeleton: fixed markup only (no user text is ever put into HTML; values
// are written with textContent by index.js).

export const TEMPLATE = `
<div class="layout knn">
  <aside class="panel side">
    <div class="buttons" role="group" aria-label="nearest neighbour" data-key="buttons" data-key-label="Train and Predict">
      <button type="button" data-testid="train">Train (memorise)</button>
      <button type="button" data-testid="predict" class="primary">▶ Predict</button>
    </div>
    <div data-key="settings" data-key-label="All settings">
      <h2>Settings</h2>
      <form id="knn-controls" class="controls" autocomplete="off"></form>
    </div>
    <p class="hint">“Train” only stores the training images; “Predict” compares every test image with
      all of them. Settings live in the page address: copy it to share this exact run.</p>
    <section class="data-panel knn-files" aria-labelledby="knn-files-heading">
      <h2 id="knn-files-heading">Your files</h2>
      <div id="knn-import" class="import-panel"></div>
    </section>
  </aside>

  <section class="content">
    <div class="metrics" data-key="metrics" data-key-label="All figures (times, accuracy)">
      <div class="metric train"><span class="metric-name">train time</span>
        <span data-testid="train-ms" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">predict time</span>
        <span data-testid="predict-ms" class="metric-value"></span></div>
      <div class="metric test"><span class="metric-name">test accuracy</span>
        <span data-testid="test-acc" class="metric-value"></span></div>
      <div class="metric test" title="the true class is among the first five of the k-NN ranking: votes (ties to the smaller label), then the classes of the nearest other training images"><span class="metric-name">top-5 accuracy</span>
        <span data-testid="knn-top5" class="metric-value"></span></div>
      <div class="metric test"><span class="metric-name">correct</span>
        <span data-testid="test-correct" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">workers</span>
        <span data-testid="workers-info" class="metric-value"></span></div>
    </div>

    <div class="panel knn-features" data-key="features" data-key-label="Pixels vs features">
      <h2>Pixels vs features</h2>
      <p data-testid="features-compare" class="features-compare">Predict with features=pixels, then with hog+color_hist, to compare.</p>
      <p data-testid="features-note" class="note" hidden></p>
      <canvas data-testid="hog-view" width="128" height="128" role="img"
        aria-label="HOG of the first test image: its 8×8 cells, one line per orientation bin, as long as the bin's mean gradient"></canvas>
      <p class="note">What HOG sees: the first test image with, in each 8×8-pixel cell, one stroke per orientation
        bin (9 over 0–180°), as long as that bin's mean gradient.</p>
    </div>

    <div class="panel knn-progress" data-key="progress">
      <label for="knn-progress-bar">Test images labelled</label>
      <progress id="knn-progress-bar" data-testid="progress" max="1" value="0"></progress>
      <span data-testid="progress-text" class="progress-text">–</span>
    </div>

    <div class="charts">
      <figure class="panel chart" data-key="time_chart">
        <figcaption>Time against training-set size: training is O(1), predicting O(N)</figcaption>
        <div data-testid="time-chart" data-png="time"><p class="placeholder">Press “Predict”: afterwards the page times
          memorising and predicting with 1/8, 1/4, 1/2 and all of the training images.</p></div>
        <p class="chart-note" data-testid="time-note">Measured after each prediction: the time to
          memorise 1/8, 1/4, 1/2 and all of the training images, and to label a few test images.</p>
      </figure>
      <figure class="panel chart cv" data-key="cross_validation">
        <figcaption>Choosing k: 5-fold cross-validation on the training subset only</figcaption>
        <div class="inline-controls">
          <label for="k-choices">k to try</label>
          <input id="k-choices" data-testid="k-choices" type="text" spellcheck="false" inputmode="numeric">
          <button type="button" data-testid="cross-validate">Cross-validate</button>
        </div>
        <div data-testid="cv-chart" class="cv-chart" data-png="cv"><p class="placeholder">Press “Cross-validate”: each k is
          scored on 5 folds of the training subset (4 folds train, 1 validates, in turn).</p></div>
        <p class="chart-note">Grey dots: each fold’s accuracy · blue line and band: mean ± 1 std ·
          ring: the best k (ties go to the smaller k).</p>
        <p class="cv-result">
          <span>best k <output data-testid="cv-best-k"></output></span>
          <span>validation <output data-testid="cv-best-acc"></output></span>
          <span>test accuracy with it <output data-testid="cv-test-acc"></output></span>
          <button type="button" data-testid="use-best-k" disabled>Use this k</button>
        </p>
      </figure>
    </div>

    <figure class="panel" data-key="gallery">
      <figcaption>Nearest neighbours: each test image, then its k nearest training images
        (✓ solid border: same class · ✗ dashed: another class · label · distance)</figcaption>
      <div class="inline-controls">
        <label for="gallery-rows">Test images (numbers in the test subset)</label>
        <input id="gallery-rows" data-testid="gallery-rows" type="text" spellcheck="false">
        <button type="button" data-testid="gallery-random">Random</button>
      </div>
      <div data-testid="gallery" class="gallery"></div>
    </figure>

    <details class="panel draw-panel" data-testid="draw-panel" data-key="draw" data-key-label="Draw a digit">
      <summary>Draw a digit</summary>
      <div class="draw-pad"></div>
    </details>

    <figure class="panel toy" data-key="toy">
      <figcaption>2-D toy data: the plane coloured by the k-NN vote (grey: a tied vote)</figcaption>
      <div class="toy-layout">
        <canvas data-testid="plane" data-png="toy" width="480" height="480" role="img"
          aria-label="toy points and the k-NN decision regions"></canvas>
        <div class="toy-controls">
          <p data-testid="plane-info" class="plane-info"></p>
          <div class="field"><label for="toy-classes">Classes</label>
            <select id="toy-classes" data-testid="toy-classes">
              <option>2</option><option>3</option><option>4</option><option>5</option>
            </select></div>
          <fieldset class="class-picker">
            <legend>Class of new points</legend>
            <div data-testid="class-picker"></div>
          </fieldset>
          <div class="toy-buttons">
            <button type="button" data-testid="toy-add">Add a random point</button>
            <button type="button" data-testid="toy-remove">Remove the last point</button>
            <button type="button" data-testid="toy-new">New points</button>
          </div>
          <p class="hint">Click the plane to add a point of the chosen class, drag a point to move
            it, Shift-click a point to remove it. k and the distance are the settings on the left.</p>
        </div>
      </div>
    </figure>

    <details class="panel history" data-key="predictions">
      <summary>Predicted labels of the test subset (as text)</summary>
      <p data-testid="predictions" class="loss-history"></p>
    </details>
  </section>
</div>`;
