// What the web app needs from the browser, as plain C++. The only implementation is
// platform_web.cpp, which holds every EM_JS and EMSCRIPTEN_KEEPALIVE in the app; the
// rest of wasm/ (and all of wasm/ui/) stays free of JavaScript.
#pragma once

#include <cstdint>
#include <string_view>

namespace kt::web {

class WebApp;

// The app that the exported kt_* functions (called by web/app.js) drive. Set once,
// before the page may call in; calls that arrive earlier are dropped.
void attach(WebApp& app);

// ?seed=N from the page URL, or `fallback` when absent or not a non-negative integer.
std::uint64_t url_seed(std::uint64_t fallback);

// Bytes for xterm.js's term.write(): UTF-8 with "\r\n" and ANSI sequences.
void terminal_write(std::string_view bytes);

// Tells the page that the banner and the first prompt have been written.
void terminal_started();

// Size in CSS pixels that the page's layout gives the ImGui canvas.
struct CanvasSize {
  int width = 0;
  int height = 0;
};
CanvasSize canvas_css_size();

// Emscripten's GLFW takes every key on the page and preventDefault()s Backspace and
// Tab (TOOLCHAIN.md pitfall 6). After glfwInit, this lets keys aimed at the terminal
// (or any text field) reach only that element, so ImGui sees keys only otherwise.
void leave_keyboard_to_page_elements();

}  // namespace kt::web
