// Shared by the browser tests: serve a site folder on loopback and open Debian's
// Chromium through playwright-core (Playwright's own browser download is not used).
import { chromium } from 'playwright-core';
import { existsSync, statSync } from 'node:fs';
import { serveStatic } from '../../tools/serve.mjs';

// TOOLCHAIN.md pitfall 7. Playwright adds the headless flag itself and makes a fresh
// temporary profile per launch, so --headless and --user-data-dir are not repeated here.
// WebGL2 runs on SwiftShader with these; --disable-software-rasterizer would kill it.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHROMIUM = process.env.KT_CHROMIUM ?? '/usr/bin/chromium';

export function siteDirFromArgs(script) {
  const dir = process.argv[2];
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`usage: node ${script} SITE_DIR   (build it with: make site)`);
    process.exit(2);
  }
  return dir;
}

export async function startSite(dir) {
  return serveStatic(dir, 0);  // port 0: a free one, so runs never collide
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

// Rejects after ms with a message naming what was awaited.
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
