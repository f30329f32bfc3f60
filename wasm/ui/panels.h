// The ImGui panels of the cluster canvas, one file each. Panels read snapshots that
// the app hands them and never touch the Sandbox: what a user asks for (pause, a new
// speed) comes back as a value that the app applies, so the UI owns no model state.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "core/sim/time.h"
#include "core/ui_model.h"

namespace kt::ui {

// Where a panel draws, in canvas pixels.
struct Rect {
  float x = 0, y = 0, width = 0, height = 0;
};

// ---- time_bar.cpp ----
struct ClockView {
  sim::Time now;
  double speed = 1.0;
  bool paused = false;
  std::size_t pending_events = 0;
};

struct TimeCommand {
  enum class Kind { Pause, Resume, Step, SetSpeed };
  Kind kind;
  double speed = 1.0;  // for SetSpeed
};

float time_bar_height();
std::optional<TimeCommand> draw_time_bar(const ClockView& clock, Rect where);

// ---- cluster_view.cpp ----
void draw_cluster_view(std::span<const NodeView> nodes, Rect where);

// ---- theme.cpp ----
void apply_theme();

}  // namespace kt::ui
