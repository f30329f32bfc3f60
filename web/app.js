// kubetab page glue: xterm.js on the left, the wasm sandbox behind it, the ImGui
// canvas top right. This file is the only caller of the wasm module; the whole
// boundary is:
//   page -> wasm   kt_terminal_input(utf8)  kt_terminal_resize(cols, rows)
//                  kt_set_speed(x)  kt_pause(0|1)  kt_step()
//   wasm -> page   Module.ktTerminalWrite(Uint8Array)  Module.ktTerminalStarted()
// (exports listed in cmake/web_app.cmake, implemented in wasm/platform_web.cpp).
//
// For tests and the console: window.kubetab = {
//   ready          Promise, resolves once the first prompt is in xterm's buffer
//                  (painted on the next animation frame)
//   firstPromptAt  performance.now() at that moment (NaN before)
//   terminalText(fromRow = 0)  the terminal's buffer from that row on, one line per row
//   cursorRow()    the cursor's row in the buffer (scrollback included)
//   setSpeed(x), pause(bool), step()   the time controls
// }
'use strict';

(function () {
  const statusLine = document.getElementById('status');
  const canvas = document.getElementById('cluster-canvas');
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());

  const term = new Terminal({
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", "Menlo", "Consolas", monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: { background: '#17191f', foreground: '#e1e4eb' },
  });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(document.getElementById('terminal'));
  fit.fit();
  term.focus();

  let failed = false;  // an abort before start reaches both onAbort and the catch below
  function showFailure(what) {
    if (failed) return;
    failed = true;
    statusLine.hidden = false;
    statusLine.textContent = 'The sandbox stopped: ' + what;
    statusLine.classList.add('error');
    term.write('\r\n\x1b[31mkubetab stopped: ' + what + '\x1b[0m\r\n');
  }

  let wasm = null;        // the cwrap'ed exports, once the module runs
  const pending = [];     // keys typed before that
  let resolveReady, rejectReady;
  const kubetab = {
    ready: new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; }),
    firstPromptAt: NaN,
    terminalText(fromRow = 0) {
      const buffer = term.buffer.active;
      const lines = [];
      for (let i = fromRow; i < buffer.length; i++) {
        lines.push(buffer.getLine(i).translateToString(true));
      }
      return lines.join('\n');
    },
    cursorRow() {
      const buffer = term.buffer.active;
      return buffer.baseY + buffer.cursorY;
    },
    setSpeed: (x) => wasm && wasm.setSpeed(x),
    pause: (paused) => wasm && wasm.pause(paused ? 1 : 0),
    step: () => wasm && wasm.step(),
  };
  window.kubetab = kubetab;

  term.onData((data) => {
    if (wasm) wasm.input(data); else pending.push(data);
  });

  function resizeTerminal() {
    fit.fit();
    if (wasm) wasm.resize(term.cols, term.rows);
  }
  new ResizeObserver(resizeTerminal).observe(document.getElementById('terminal'));

  createKubetab({
    canvas,
    ktTerminalWrite: (bytes) => term.write(bytes),
    ktTerminalStarted() {
      // term.write() parses asynchronously: the callback runs once everything written
      // so far, prompt included, is in the buffer.
      term.write('', () => {
        kubetab.firstPromptAt = performance.now();
        statusLine.hidden = true;
        resolveReady();
      });
    },
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onAbort: (what) => showFailure(what),  // a crash after start: say so where the user looks
  }).then((Module) => {
    // Runs after main(): the terminal has started, the frame loop is scheduled.
    wasm = {
      input: Module.cwrap('kt_terminal_input', null, ['string']),
      resize: Module.cwrap('kt_terminal_resize', null, ['number', 'number']),
      setSpeed: Module.cwrap('kt_set_speed', null, ['number']),
      pause: Module.cwrap('kt_pause', null, ['number']),
      step: Module.cwrap('kt_step', null, []),
    };
    wasm.resize(term.cols, term.rows);
    for (const data of pending.splice(0)) wasm.input(data);
  }).catch((error) => {
    showFailure(error);
    rejectReady(error);
  });
})();
