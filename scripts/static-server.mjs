// A static server for dist/ (serve-handler: correct MIME types, application/wasm included, and
// data/*.gz served as application/gzip bytes — no Content-Encoding, as on a typical static host,
// so the core's own gunzip runs). Used by the e2e tests and by `npm start`.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import handler from 'serve-handler';

export const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/**
 * Serve `dir` on 127.0.0.1:`port` (0 = any free port), under the sub-path `prefix` (e.g.
 * '/classplay/': a deploy to https://user.example/classplay/; anything outside it is a 404), with
 * `headers` on every response (e.g. COOP / COEP: a cross-origin isolated page, for the k-NN pool's
 * SharedArrayBuffer path).
 * Returns {url, close()} with `url` the page's address (prefix included).
 */
export async function serve(dir = DIST, port = 0, { prefix = '/', headers = {} } = {}) {
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (!req.url.startsWith(prefix)) {
      res.statusCode = 404;
      return res.end('outside the sub-path');
    }
    req.url = `/${req.url.slice(prefix.length)}`;
    // A folder is its index.html (cleanUrls is off below).
    req.url = req.url.replace(/^([^?#]*\/)([?#].*)?$/, (_, dir, rest = '') => `${dir}index.html${rest}`);
    // cleanUrls off: a static host serves index.html as it is (no redirect to /index).
    return handler(req, res, { public: dir, directoryListing: false, cleanUrls: false });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}${prefix}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// `node scripts/static-server.mjs` (npm start): serve dist/ on $PORT (default 8080) until stopped.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await serve(DIST, Number(process.env.PORT ?? 8080), { prefix: process.env.BASE_PATH ?? '/' });
  console.log(`ClassPlay is served from ${DIST} at ${url}  (Ctrl+C stops)`);
}
