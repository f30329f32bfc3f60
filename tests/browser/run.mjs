// Browser end-to-end test of the built site, in headless Chromium.
//   node tests/browser/run.mjs SITE_DIR
// Serves SITE_DIR on a free loopback port, loads the page, and checks what a learner
// sees first: the prompt, `kubectl get nodes` typed into the terminal (with Backspace
// editing), and a cluster view that really drew. Saves build/browser/kubetab.png.
// Ends with "N passed, M failed"; exits non-zero on any failure.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, siteDirFromArgs, startSite, withTimeout } from './browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = path.join(ROOT, 'build/browser/kubetab.png');
const LOAD_TIMEOUT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 10_000;
const WHOLE_RUN_TIMEOUT_MS = 180_000;
const PAGE_BACKGROUND = [0x17, 0x19, 0x1f];  // wasm/ui/theme.cpp WindowBg

const results = [];
async function check(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok    ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}\n      ${String(error.message ?? error).split('\n').join('\n      ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// Types a line into the terminal and returns the terminal text that it produced
// (from the line's own prompt on), once that text matches the regular expression `until`.
async function runLine(page, keys, until) {
  const fromRow = await page.evaluate(() => window.kubetab.cursorRow());
  for (const key of keys) {
    if (key.press) await page.keyboard.press(key.press);
    else await page.keyboard.type(key);
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([row, source, flags]) => new RegExp(source, flags).test(window.kubetab.terminalText(row)),
    [fromRow, until.source, until.flags],
    { timeout: COMMAND_TIMEOUT_MS, polling: 50 },
  ).catch(async (error) => {
    const text = await page.evaluate((row) => window.kubetab.terminalText(row), fromRow);
    throw new Error(`${error.message.split('\n')[0]}\nterminal shows:\n${text.trimEnd()}`);
  });
  return page.evaluate((row) => window.kubetab.terminalText(row), fromRow);
}

function assertNodeTable(text) {
  assert(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s*$/m.test(text),
    `no "NAME STATUS ROLES AGE VERSION" header in:\n${text}`);
  for (const node of ['k8s-master', 'k8s-node1', 'k8s-node2']) {
    assert(new RegExp(`^${node}\\s+\\S+`, 'm').test(text), `no row for ${node} in:\n${text}`);
  }
}

// Counts colours in a PNG of the canvas, decoded by the browser itself (no PNG
// library here): distinct colours, and pixels that are not the page background.
async function canvasColours(page, png) {
  return page.evaluate(async ([base64, background]) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const scratch = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = scratch.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colours = new Set();
    let foreground = 0, state = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      colours.add((r << 16) | (g << 8) | b);
      if (Math.abs(r - background[0]) + Math.abs(g - background[1]) + Math.abs(b - background[2]) > 12) foreground++;
      // Node card borders and status dots: Ready green or NotReady red (cluster_view.cpp).
      if ((g > 150 && g > r + 60 && g > b + 40) || (r > 200 && g < 120 && b < 120)) state++;
    }
    return { pixels: data.length / 4, distinct: colours.size, foreground, state };
  }, [png.toString('base64'), PAGE_BACKGROUND]);
}

async function main() {
  const siteDir = siteDirFromArgs('tests/browser/run.mjs');
  const { server, url } = await startSite(siteDir);
  let browser;
  try {
    await check('server answers .wasm as application/wasm', async () => {
      const response = await fetch(new URL('kubetab_web.wasm', url));
      assert(response.ok, `GET kubetab_web.wasm: ${response.status}`);
      const type = response.headers.get('content-type');
      assert(type === 'application/wasm', `content-type is ${type}`);
    });

    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`HTTP ${response.status()} for ${response.url()}`);
    });

    let loaded = false;
    await check('page loads and shows the first prompt', async () => {
      await page.goto(url, { timeout: LOAD_TIMEOUT_MS });
      await withTimeout(page.evaluate(() => window.kubetab.ready), LOAD_TIMEOUT_MS, 'window.kubetab.ready');
      const at = await page.evaluate(() => window.kubetab.firstPromptAt);
      assert(Number.isFinite(at) && at > 0, `firstPromptAt is ${at}`);
      const text = await page.evaluate(() => window.kubetab.terminalText());
      assert(/\S+[#$] $/m.test(text), `no prompt in the terminal:\n${text.trimEnd()}`);
      loaded = true;
      console.log(`      first prompt at ${at.toFixed(0)} ms`);
    });
    if (!loaded) throw new Error('the page did not load; skipping the rest');

    await page.click('#terminal');
    await check('kubectl get nodes lists the three nodes', async () => {
      const text = await runLine(page, ['kubectl get nodes'], /^k8s-node2\s/m);
      assertNodeTable(text);
    });

    await check('Backspace edits the line (kubectl get nodex, Backspace, s)', async () => {
      const text = await runLine(page, ['kubectl get nodex', { press: 'Backspace' }, 's'],
        /^k8s-node2\s|error|unknown|not found/im);
      const firstLine = text.split('\n')[0];
      assert(/kubectl get nodes\s*$/.test(firstLine), `the edited line reads: ${firstLine}`);
      assertNodeTable(text);
    });

    await check('Tab reaches the terminal (completes hostn -> hostname) and keeps focus', async () => {
      const row = await page.evaluate(() => window.kubetab.cursorRow());
      await page.keyboard.type('hostn');
      await page.keyboard.press('Tab');
      await page.waitForFunction((r) => /hostname/.test(window.kubetab.terminalText(r)), row,
        { timeout: COMMAND_TIMEOUT_MS, polling: 50 }).catch(async () => {
        const text = await page.evaluate((r) => window.kubetab.terminalText(r), row);
        throw new Error(`no completion after Tab; the line reads: ${text.trimEnd()}`);
      });
      const inTerminal = await page.evaluate(
        () => document.activeElement?.closest('#terminal') !== null);
      assert(inTerminal, `focus moved to ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`);
      await page.keyboard.press('Control+C');  // abandon the completed line
    });

    // xterm.js handles Backspace on keydown even when it was preventDefault()ed, so the
    // test above passes with or without the key filter of wasm/platform_web.cpp. An HTML
    // text field is what Emscripten's GLFW really breaks (TOOLCHAIN.md pitfall 6): the
    // lesson panel will have some.
    await check('Backspace works in an HTML text field next to the canvas', async () => {
      await page.evaluate(() => {
        const input = document.createElement('input');
        input.id = 'kt-test-input';
        document.querySelector('.lesson-pane').append(input);
      });
      await page.click('#kt-test-input');
      await page.keyboard.type('podx');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('s');
      const value = await page.evaluate(() => document.getElementById('kt-test-input').value);
      await page.evaluate(() => document.getElementById('kt-test-input').remove());
      assert(value === 'pods', `the field holds "${value}", expected "pods"`);
    });

    await check('time controls answer from the page', async () => {
      await page.evaluate(() => { window.kubetab.pause(true); window.kubetab.step(); window.kubetab.setSpeed(2); window.kubetab.pause(false); });
    });

    await check('the cluster view drew nodes on the canvas', async () => {
      await page.waitForTimeout(300);  // a few frames after the last node refresh
      const box = await page.locator('#cluster-canvas').boundingBox();
      assert(box && box.width > 100 && box.height > 100, `canvas box ${JSON.stringify(box)}`);
      const png = await page.screenshot({ clip: box });
      const c = await canvasColours(page, png);
      console.log(`      canvas ${box.width}x${box.height}: ${c.distinct} colours, ` +
        `${(100 * c.foreground / c.pixels).toFixed(1)}% drawn, ${c.state} node-status pixels`);
      assert(c.distinct >= 24, `only ${c.distinct} distinct colours: the canvas looks blank`);
      assert(c.foreground / c.pixels >= 0.02, `only ${c.foreground} non-background pixels`);
      // Three cards have about 3 × 700 border pixels; 600 means at least one card is there.
      assert(c.state >= 600, `only ${c.state} green/red pixels: no node card drawn`);
    });

    // Exercises mouse input into ImGui and the UI -> app path: the virtual clock in the
    // time bar (wasm/ui/time_bar.cpp) moves while running and freezes after a click on
    // its first button, Pause.
    await check('the Pause button on the canvas stops the virtual clock', async () => {
      const box = await page.locator('#cluster-canvas').boundingBox();
      const bar = { x: box.x, y: box.y, width: box.width, height: 34 };
      const barChanges = async () => {
        const before = await page.screenshot({ clip: bar });
        await page.waitForTimeout(1300);
        return !before.equals(await page.screenshot({ clip: bar }));
      };
      assert(await barChanges(), 'the time bar did not change over 1.3 s while running');
      await page.mouse.click(box.x + 40, box.y + 18);
      await page.waitForTimeout(200);
      const frozen = !(await barChanges());
      await page.mouse.click(box.x + 40, box.y + 18);  // Resume
      assert(frozen, 'the time bar still changes after clicking Pause');
    });

    await check('screenshot saved', async () => {
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      console.log(`      ${path.relative(ROOT, SCREENSHOT)}`);
    });

    await check('no errors on the page', async () => {
      assert(pageErrors.length === 0, pageErrors.join('\n'));
    });
  } catch (error) {
    results.push({ name: 'run', ok: false });
    console.log(`FAIL  ${error.message}`);
  } finally {
    await browser?.close().catch(() => {});
    server.close();
    server.closeAllConnections?.();
  }
}

const watchdog = setTimeout(() => {
  console.log(`FAIL  the whole run took over ${WHOLE_RUN_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, WHOLE_RUN_TIMEOUT_MS);
watchdog.unref();

await main();
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
