// All Emscripten glue of the web app: the JS functions the C++ side calls (EM_JS) and
// the C functions the page calls (EMSCRIPTEN_KEEPALIVE, listed in cmake/web_app.cmake).
// web/app.js is the one JS caller; it documents the Module hooks used here:
//   Module.ktTerminalWrite(Uint8Array)   write bytes to xterm.js
//   Module.ktTerminalStarted()           banner and first prompt are written
//
// Sections: [JS imports] [platform.h implementation] [exports]
#include <emscripten.h>

#include <cstdint>
#include <string_view>

#include "wasm/platform.h"
#include "wasm/web_app.h"

// ---- [JS imports] -------------------------------------------------------------

EM_JS(void, kt_js_terminal_write, (const char* data, int len), {
  // A copy, not a view: a later memory growth would detach a view of HEAPU8.
  Module["ktTerminalWrite"](HEAPU8.slice(data, data + len));
});

EM_JS(void, kt_js_terminal_started, (), {
  if (Module["ktTerminalStarted"]) Module["ktTerminalStarted"]();
});

// Returns -1 when the URL has no usable seed. A double carries integers up to 2^53.
EM_JS(double, kt_js_url_seed, (), {
  var text = new URLSearchParams(location.search).get("seed");
  if (text === null || !/^[0-9]+$/.test(text)) return -1;
  var n = Number(text);
  return Number.isSafeInteger(n) ? n : -1;
});

EM_JS(void, kt_js_canvas_css_size, (int* width, int* height), {
  var rect = Module["canvas"].getBoundingClientRect();
  HEAP32[width >> 2] = Math.max(1, Math.floor(rect.width));
  HEAP32[height >> 2] = Math.max(1, Math.floor(rect.height));
});

// library_glfw.js registers GLFW.onKeydown / onKeyPress on window in the capture
// phase: they run before xterm's hidden textarea sees the key, feed ImGui, and
// preventDefault() Backspace and Tab. Re-register them behind a filter that skips
// keys aimed at an element handling the keyboard itself. keyup stays unfiltered so a
// key pressed over the canvas is always released in ImGui.
EM_JS(void, kt_js_leave_keyboard_to_page_elements, (), {
  var ownsKeys = function(event) {
    var t = event.target;
    return t instanceof Element &&
           t.closest('[data-kt-keyboard="own"], input, textarea, select, [contenteditable]') !== null;
  };
  [["keydown", GLFW.onKeydown], ["keypress", GLFW.onKeyPress]].forEach(function(pair) {
    window.removeEventListener(pair[0], pair[1], true);
    window.addEventListener(pair[0], function(event) {
      if (!ownsKeys(event)) pair[1](event);
    }, true);
  });
});

// ---- [platform.h implementation] ------------------------------------------------

namespace kt::web {
namespace {
WebApp* g_app = nullptr;
}  // namespace

void attach(WebApp& app) { g_app = &app; }

std::uint64_t url_seed(std::uint64_t fallback) {
  double seed = kt_js_url_seed();
  return seed < 0 ? fallback : static_cast<std::uint64_t>(seed);
}

void terminal_write(std::string_view bytes) {
  if (!bytes.empty()) kt_js_terminal_write(bytes.data(), static_cast<int>(bytes.size()));
}

void terminal_started() { kt_js_terminal_started(); }

CanvasSize canvas_css_size() {
  CanvasSize size;
  kt_js_canvas_css_size(&size.width, &size.height);
  return size;
}

void leave_keyboard_to_page_elements() { kt_js_leave_keyboard_to_page_elements(); }

}  // namespace kt::web

// ---- [exports] -------------------------------------------------------------------
// The page's whole API into the app. Each is a no-op until attach() has run.

extern "C" {

// `data` is what xterm.js's onData delivered, as UTF-8.
EMSCRIPTEN_KEEPALIVE void kt_terminal_input(const char* data) {
  if (kt::web::g_app && data) kt::web::g_app->terminal_input(data);
}

EMSCRIPTEN_KEEPALIVE void kt_terminal_resize(int cols, int rows) {
  if (kt::web::g_app) kt::web::g_app->terminal_resize(cols, rows);
}

// Virtual seconds per wall second (negative counts as 0).
EMSCRIPTEN_KEEPALIVE void kt_set_speed(double speed) {
  if (kt::web::g_app) kt::web::g_app->set_speed(speed);
}

EMSCRIPTEN_KEEPALIVE void kt_pause(int paused) {
  if (kt::web::g_app) kt::web::g_app->set_paused(paused != 0);
}

// Pauses, then runs the next simulation event.
EMSCRIPTEN_KEEPALIVE void kt_step() {
  if (kt::web::g_app) kt::web::g_app->step();
}

}  // extern "C"
