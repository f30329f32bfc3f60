// Load-time and size figures of the built site.
//   node tests/browser/measure.mjs SITE_DIR
// - first prompt: median over 5 cold loads (a fresh browser context each, so nothing is
//   cached) of window.kubetab.firstPromptAt, i.e. performance.now() from navigation
//   start to the first prompt being in the terminal.
// - page size: every file of the site, raw and gzip (node's zlib, default level 6, as a
//   typical server would compress).
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, siteDirFromArgs, startSite, withTimeout } from './browser.mjs';

const LOADS = 5;
const LOAD_TIMEOUT_MS = 30_000;

function siteFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const siteDir = siteDirFromArgs('tests/browser/measure.mjs');

let rawTotal = 0, gzipTotal = 0;
console.log('file                              raw bytes   gzip bytes');
for (const file of siteFiles(siteDir)) {
  const bytes = readFileSync(file);
  const raw = bytes.length, gz = gzipSync(bytes).length;
  rawTotal += raw;
  gzipTotal += gz;
  console.log(`${path.relative(siteDir, file).padEnd(32)} ${String(raw).padStart(11)} ${String(gz).padStart(12)}`);
}

const { server, url } = await startSite(siteDir);
const browser = await launchBrowser();
const times = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    try {
      const page = await context.newPage();
      await page.goto(url, { timeout: LOAD_TIMEOUT_MS });
      await withTimeout(page.evaluate(() => window.kubetab.ready), LOAD_TIMEOUT_MS, 'window.kubetab.ready');
      times.push(await page.evaluate(() => window.kubetab.firstPromptAt));
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close().catch(() => {});
  server.close();
  server.closeAllConnections?.();
}

console.log(`first prompt over ${LOADS} cold loads (ms): ${times.map((t) => t.toFixed(0)).join(' ')}`);
console.log(`median first prompt: ${median(times).toFixed(0)} ms ` +
  `(${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}: timings are noisy on a busy machine)`);
console.log(`page size: ${rawTotal} bytes raw, ${gzipTotal} bytes gzip`);
