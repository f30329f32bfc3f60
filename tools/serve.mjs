// A tiny static file server for the built site (no dependencies), loopback only.
//   node tools/serve.mjs DIR PORT        (PORT 0 picks a free one)
// Also imported by the browser tests: serveStatic(dir, port) -> { server, url }.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Browsers refuse streaming wasm compilation unless it is served as application/wasm.
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// Maps a URL path to a file under root, or null when it would leave root.
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function handle(root, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let file = resolveFile(root, req.url);
  let stat = file && (await fs.stat(file).catch(() => null));
  if (stat && stat.isDirectory()) {
    file = path.join(file, 'index.html');
    stat = await fs.stat(file).catch(() => null);
  }
  if (!stat || !stat.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',  // a rebuilt site shows up on reload
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

export function serveStatic(dir, port = 0) {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    handle(root, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tools/serve.mjs DIR [PORT]');
    process.exit(2);
  }
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat || !stat.isDirectory()) {
    console.error(`serve: ${dir} is not a folder (run: make site)`);
    process.exit(1);
  }
  try {
    const { url } = await serveStatic(dir, Number(port ?? 8080));
    console.log(`kubetab: serving ${dir} on ${url}`);
  } catch (error) {
    console.error(`serve: cannot listen on 127.0.0.1:${port ?? 8080}: ${error.message}`);
    process.exit(1);
  }
}
