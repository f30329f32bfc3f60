// Entry point of kubetab_web: builds the session, starts the terminal, opens the
// WebGL2 canvas through Emscripten's GLFW, and runs one frame per animation frame:
// report the wall time elapsed to the pacer, then draw the panels.
//
// The terminal comes first and works without the canvas: a browser without WebGL2
// still gets a full sandbox, just no cluster picture. The canvas opens a few frames
// late, once xterm.js has shown the prompt (it parses writes in a timer and paints in
// an animation frame): the first ImGui frame compiles shaders and uploads the font,
// which blocks the page for ~200 ms on a software rasterizer (headless Chromium).
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <cstdio>
#include <optional>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "wasm/platform.h"
#include "wasm/ui/panels.h"
#include "wasm/web_app.h"

namespace {

// Frame 1 can run before xterm.js's parse timer; by frame 3 the prompt is parsed and
// painted (see the file comment).
constexpr int kCanvasOpensOnFrame = 3;

// Lives for the whole page. emscripten_set_main_loop(…, true) unwinds main() with a
// JS exception, which wasm-EH cleanup pads would see: nothing the loop uses may be a
// local of main().
struct Session {
  kt::web::WebApp* app = nullptr;
  GLFWwindow* window = nullptr;  // null until the first frame, and when WebGL2 is unavailable
  int frames = 0;
  double last_wall_seconds = 0;
};
Session g_session;

double wall_seconds() { return emscripten_get_now() / 1000.0; }

bool open_canvas() {
  if (!glfwInit()) return false;
  // ES 3.0 == WebGL2; ImGui's OpenGL3 backend is built with IMGUI_IMPL_OPENGL_ES3.
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  kt::web::CanvasSize size = kt::web::canvas_css_size();
  g_session.window = glfwCreateWindow(size.width, size.height, "kubetab", nullptr, nullptr);
  if (!g_session.window) return false;
  glfwMakeContextCurrent(g_session.window);
  kt::web::leave_keyboard_to_page_elements();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // layout is computed each frame; nothing to persist
  kt::ui::apply_theme();
  ImGui_ImplGlfw_InitForOpenGL(g_session.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  return true;
}

// Follows the page layout: the canvas's CSS box decides its pixel size.
void fit_canvas() {
  kt::web::CanvasSize css = kt::web::canvas_css_size();
  int width = 0, height = 0;
  glfwGetWindowSize(g_session.window, &width, &height);
  if (css.width != width || css.height != height) {
    glfwSetWindowSize(g_session.window, css.width, css.height);
  }
}

void draw_canvas() {
  fit_canvas();
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();

  kt::web::WebApp& app = *g_session.app;
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float bar = kt::ui::time_bar_height();
  if (std::optional<kt::ui::TimeCommand> command =
          kt::ui::draw_time_bar(app.clock(), {0, 0, size.x, bar})) {
    app.apply(*command);
  }
  kt::ui::draw_cluster_view(app.nodes(), {0, bar, size.x, size.y - bar});

  ImGui::Render();
  int fb_width = 0, fb_height = 0;
  glfwGetFramebufferSize(g_session.window, &fb_width, &fb_height);
  glViewport(0, 0, fb_width, fb_height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void frame() {
  const double now = wall_seconds();
  g_session.app->tick(now - g_session.last_wall_seconds);
  g_session.last_wall_seconds = now;
  if (++g_session.frames == kCanvasOpensOnFrame) {
    if (!open_canvas()) {
      std::fprintf(stderr, "kubetab: no WebGL2 context; the cluster view is off\n");
      g_session.window = nullptr;
    }
  }
  if (g_session.window) draw_canvas();
}

}  // namespace

int main() {
  g_session.app = new kt::web::WebApp(kt::web::url_seed(1));  // never freed: lives as long as the page
  kt::web::attach(*g_session.app);
  g_session.app->start();
  g_session.last_wall_seconds = wall_seconds();
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
