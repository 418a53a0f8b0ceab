// A static server for dist/ on a free localhost port (sirv: correct MIME types, .wasm included).
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

export const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');

/** Serve `dir` on 127.0.0.1 at a free port. Returns {url, close()}. */
export async function serve(dir = DIST) {
  const handler = sirv(dir, { dev: true, etag: true });
  const server = http.createServer((req, res) => handler(req, res, () => {
    res.statusCode = 404;
    res.end('not found');
  }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
