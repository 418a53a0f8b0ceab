// The few-shot mode's page skeleton: fixed markup only (no user text is ever put into HTML; values
// are written with textContent by index.js).

export const TEMPLATE = `
<div class="layout fewshot">
  <aside class="panel side">
    <div class="buttons" role="group" aria-label="few-shot episodes" data-key="buttons" data-key-label="Run episodes">
      <button type="button" data-testid="fewshot-run" class="primary">▶ Run episodes</button>
    </div>
    <div data-key="settings" data-key-label="All settings">
      <h2>Settings</h2>
      <form id="fewshot-controls" class="controls" autocomplete="off"></form>
    </div>
    <p class="hint">Settings live in the page address: copy it to share this exact run. The same
      seed draws the same episodes.</p>
    <section class="data-panel fs-files" aria-labelledby="fewshot-files-heading">
      <h2 id="fewshot-files-heading">Your files</h2>
      <div id="fewshot-import" class="import-panel"></div>
    </section>
  </aside>

  <section class="content">
    <p class="panel fs-explain" data-testid="fewshot-caption" data-key="caption" data-key-label="What one episode is"></p>

    <div class="metrics" data-key="metrics" data-key-label="All figures (accuracy, chance, episodes)">
      <div class="metric test"><span class="metric-name" data-testid="fewshot-accuracy-name">mean accuracy ± 95 % CI</span>
        <span data-testid="fewshot-accuracy" class="metric-value"></span></div>
      <div class="metric" hidden><span class="metric-name">pixels, the same episodes ± 95 % CI</span>
        <span data-testid="fewshot-pixel-accuracy" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">chance 1/N</span>
        <span data-testid="fewshot-chance" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">episodes</span>
        <span data-testid="fewshot-done" class="metric-value"></span></div>
      <div class="metric"><span class="metric-name">std over episodes</span>
        <span data-testid="fewshot-std" class="metric-value"></span></div>
    </div>

    <div class="panel fs-progress" data-key="progress">
      <label for="fewshot-progress-bar">Episodes run</label>
      <progress id="fewshot-progress-bar" data-testid="fewshot-progress" max="1" value="0"></progress>
    </div>

    <div class="charts">
      <figure class="panel chart" data-key="run_chart">
        <figcaption>Accuracy per episode and the running mean with its 95 % confidence band</figcaption>
        <div data-testid="fewshot-chart" data-png="episodes"><p class="placeholder">Press “Run episodes”: each dot is one
          episode’s accuracy; the line is the mean so far, the band its 95 % confidence interval.</p></div>
        <p class="chart-note">Grey dots: each episode’s accuracy · blue line and band: running mean
          ± 95 % CI · dashed: chance 1/N.</p>
      </figure>
      <figure class="panel chart" data-key="sweep_chart">
        <figcaption>More examples per class: accuracy against K for the same N</figcaption>
        <div class="inline-controls">
          <button type="button" data-testid="fewshot-sweep">Sweep K = 1, 2, 5, 10</button>
        </div>
        <div data-testid="fewshot-sweep-chart" data-png="sweep"><p class="placeholder">Press “Sweep”: the same number of
          episodes is run with K = 1, 2, 5 and 10 support images per class.</p></div>
        <p class="chart-note">Green line and band: mean accuracy ± 95 % CI · dashed: chance 1/N.</p>
        <p><output data-testid="fewshot-sweep-result" class="fs-sweep-result"></output></p>
      </figure>
    </div>

    <figure class="panel" data-key="episode">
      <figcaption>One episode: the support set in rows by class, and queries with the support
        image each one matched (✓ solid green: right · ✗ dashed red: wrong)</figcaption>
      <div class="inline-controls">
        <button type="button" data-testid="fewshot-next">Next episode</button>
        <span class="hint">Episode i here is episode i of the run: same seed, same draw.</span>
      </div>
      <div data-testid="fewshot-episode" class="fs-episode"></div>
    </figure>

    <figure class="panel fs-oneshot" data-key="oneshot" data-key-label="Omniglot's one-shot benchmark">
      <figcaption>Omniglot's one-shot benchmark: 20 runs of 20-way 1-shot at 105×105 (Lake et al.,
        Science 2015), each test drawing given the class of its nearest training drawing</figcaption>
      <div class="inline-controls">
        <button type="button" data-testid="oneshot-run">Run the one-shot benchmark</button>
        <span class="hint">Distance: the Distance setting (MHD: Modified Hausdorff Distance on the
          inked pixels, centred; L1 / L2 on the pixels).</span>
      </div>
      <label class="fs-oneshot-progress">Runs done
        <progress data-testid="oneshot-progress" max="20" value="0"></progress></label>
      <div class="fs-oneshot-tables">
        <table class="fs-table">
          <caption>Mean error over the 20 runs</caption>
          <thead><tr><th scope="col">classifier</th><th scope="col">error %</th></tr></thead>
          <tbody>
            <tr class="fs-mine"><th scope="row">this page, nearest neighbour (<span data-testid="oneshot-metric"></span>)</th>
              <td><output data-testid="oneshot-error"></output></td></tr>
            <tr><th scope="row">People</th><td>4.5</td></tr>
            <tr><th scope="row">Bayesian Program Learning</th><td>3.3</td></tr>
            <tr><th scope="row">Siamese ConvNet</th><td>8.0</td></tr>
            <tr><th scope="row">Modified Hausdorff Distance (repository's demo)</th><td>38.8</td></tr>
          </tbody>
        </table>
        <table class="fs-table">
          <caption>Error per run</caption>
          <thead><tr><th scope="col">run</th><th scope="col">error %</th></tr></thead>
          <tbody data-testid="oneshot-table"></tbody>
        </table>
      </div>
      <p class="chart-note">Published figures: Lake, Salakhutdinov and Tenenbaum, Science 350 (2015);
        the MHD baseline is brendenlake/omniglot's demo_classification.py. Per-run errors (%):
        <span data-testid="oneshot-runs"></span></p>
    </figure>

    <details class="panel history" data-key="accuracies">
      <summary>Accuracy of every episode (as text)</summary>
      <p data-testid="fewshot-accuracies" class="loss-history"></p>
    </details>
  </section>
</div>`;
