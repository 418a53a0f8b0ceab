// A `fetch` for node tests that serves the page's data URLs (`/data/<dataset>/<file>`) from where
// the build takes them: target/data/ (MNIST and CIFAR-10, packed by scripts/pack-data.mjs, which
// this runs first when its output is missing) and data/cifar100/ (committed packed).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FOLDERS = { mnist: 'target/data/mnist', cifar10: 'target/data/cifar10', cifar100: 'data/cifar100' };

/** Installs the fetch; returns the list of URLs it was asked for. */
export function serveData() {
  if (!fs.existsSync(path.join(root, 'target/data/cifar10/manifest.json'))) {
    execFileSync(process.execPath, [path.join(root, 'scripts/pack-data.mjs')], { stdio: 'inherit' });
  }
  const asked = [];
  globalThis.fetch = async (url) => {
    asked.push(String(url));
    const [, dataset, name] = /^\/data\/([^/]+)\/([^/]+)$/.exec(new URL(url).pathname) ?? [];
    const file = dataset && Object.hasOwn(FOLDERS, dataset) && path.join(root, FOLDERS[dataset], name);
    if (!file || !fs.existsSync(file)) return new Response('missing', { status: 404 });
    return new Response(fs.readFileSync(file));
  };
  return asked;
}
