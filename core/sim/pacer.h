// Paced drive mode (the browser): virtual time follows wall time × speed, with
// pause and single-step. The platform reports elapsed wall time; the core never
// reads a clock itself. Fast-forward mode (tests, CLI) calls Simulator directly.
#pragma once

#include "core/sim/simulator.h"

namespace kt::sim {

class Pacer {
 public:
  explicit Pacer(Simulator& sim) : sim_(sim) {}

  void set_speed(double speed) { speed_ = speed < 0 ? 0 : speed; }
  double speed() const { return speed_; }
  void pause() { paused_ = true; }
  void resume() { paused_ = false; }
  bool paused() const { return paused_; }

  // Advances virtual time by wall_seconds × speed (nothing while paused). Large gaps
  // (a backgrounded tab) are capped at max_catch_up so one frame never runs for long.
  std::size_t on_wall_elapsed(double wall_seconds, Duration max_catch_up = seconds(5)) {
    if (paused_ || wall_seconds <= 0) return 0;
    carry_ += wall_seconds * speed_ * 1e6;
    Micros whole = static_cast<Micros>(carry_);
    carry_ -= static_cast<double>(whole);
    if (whole > max_catch_up.us) whole = max_catch_up.us;
    return sim_.run_until(sim_.now() + Duration{whole});
  }

  // Single-step while paused: runs the next event, advancing the clock to it.
  bool step() { return sim_.step(); }

 private:
  Simulator& sim_;
  double speed_ = 1.0;
  bool paused_ = false;
  double carry_ = 0;  // sub-microsecond remainder
};

}  // namespace kt::sim
