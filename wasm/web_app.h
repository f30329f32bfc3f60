// The browser session: one Sandbox driven in paced mode, its Terminal wired to xterm.js,
// and the read-only snapshots the ImGui panels draw. Platform-free: the browser is
// reached through platform.h, and main.cpp owns the window and the frame loop.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/sandbox.h"
#include "core/sim/pacer.h"
#include "core/terminal/terminal.h"
#include "core/ui_model.h"
#include "wasm/ui/panels.h"

namespace kt::web {

class WebApp {
 public:
  explicit WebApp(std::uint64_t seed);

  // Writes the banner and the first prompt, then tells the page.
  void start();

  // ---- from the page (platform_web.cpp exports) ----
  void terminal_input(std::string_view data);
  void terminal_resize(int cols, int rows);
  void set_speed(double speed);
  void set_paused(bool paused);
  void step();  // pauses first: a step is only meaningful on a stopped clock

  // ---- from the frame loop (main.cpp) ----
  // Advances virtual time by the wall time since the last frame, times the speed.
  void tick(double wall_seconds);
  ui::ClockView clock();  // non-const only because Sandbox::sim() is
  // Nodes as the cluster view shows them; re-read through the API at most every
  // kNodeRefreshSeconds of wall time, and right after anything the user did.
  const std::vector<NodeView>& nodes();
  void apply(const ui::TimeCommand& command);

 private:
  static constexpr double kNodeRefreshSeconds = 0.25;

  Sandbox sandbox_;
  sim::Pacer pacer_;
  Terminal terminal_;
  std::vector<NodeView> nodes_;
  double since_node_refresh_ = kNodeRefreshSeconds;  // first call reads
};

}  // namespace kt::web
