#include "wasm/web_app.h"

#include <exception>
#include <string>

#include "wasm/platform.h"

namespace kt::web {

WebApp::WebApp(std::uint64_t seed)
    : sandbox_(SandboxOptions{.seed = seed}),
      pacer_(sandbox_.sim()),
      terminal_(sandbox_, [](std::string_view bytes) { terminal_write(bytes); }) {}

void WebApp::start() {
  terminal_.start();
  terminal_started();
}

void WebApp::terminal_input(std::string_view data) {
  // A throw escaping here would abort the whole wasm instance: keep the tab alive and
  // say what happened where the user is looking.
  try {
    terminal_.input(data);
  } catch (const std::exception& e) {
    terminal_write(std::string("\r\n\x1b[31mkubetab: internal error: ") + e.what() + "\x1b[0m\r\n");
  }
  since_node_refresh_ = kNodeRefreshSeconds;
}

void WebApp::terminal_resize(int cols, int rows) {
  if (cols > 0 && rows > 0) terminal_.resize(cols, rows);
}

void WebApp::set_speed(double speed) { pacer_.set_speed(speed); }

void WebApp::set_paused(bool paused) {
  if (paused) {
    pacer_.pause();
  } else {
    pacer_.resume();
  }
}

void WebApp::step() {
  pacer_.pause();
  pacer_.step();
  since_node_refresh_ = kNodeRefreshSeconds;
}

void WebApp::tick(double wall_seconds) {
  pacer_.on_wall_elapsed(wall_seconds);
  // A running command (kubectl get -w, logs -f, rollout status) prints what came.
  try {
    terminal_.tick();
  } catch (const std::exception& e) {
    terminal_write(std::string("\r\n\x1b[31mkubetab: internal error: ") + e.what() + "\x1b[0m\r\n");
  }
  since_node_refresh_ += wall_seconds;
}

ui::ClockView WebApp::clock() {
  auto& sim = sandbox_.sim();  // read only: now() and pending()
  return ui::ClockView{.now = sim.now(),
                       .speed = pacer_.speed(),
                       .paused = pacer_.paused(),
                       .pending_events = sim.pending()};
}

const std::vector<NodeView>& WebApp::nodes() {
  if (since_node_refresh_ >= kNodeRefreshSeconds) {
    nodes_ = nodes_for_view(sandbox_);
    since_node_refresh_ = 0;
  }
  return nodes_;
}

void WebApp::apply(const ui::TimeCommand& command) {
  using Kind = ui::TimeCommand::Kind;
  switch (command.kind) {
    case Kind::Pause: set_paused(true); break;
    case Kind::Resume: set_paused(false); break;
    case Kind::Step: step(); break;
    case Kind::SetSpeed: set_speed(command.speed); break;
  }
}

}  // namespace kt::web
