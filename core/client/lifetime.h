// A liveness token for callbacks scheduled on the Simulator.
//
// Components schedule timers that capture `this`; if the component is destroyed
// before the timer fires the callback must do nothing. Capture `life_.weak()` and
// check `expired()` first:
//   sim.schedule(d, [w = life_.weak(), this] { if (w.expired()) return; tick(); });
#pragma once

#include <memory>

namespace kt::client {

class Lifetime {
 public:
  Lifetime() : token_(std::make_shared<char>(0)) {}
  Lifetime(const Lifetime&) = delete;
  Lifetime& operator=(const Lifetime&) = delete;
  std::weak_ptr<char> weak() const { return token_; }

 private:
  std::shared_ptr<char> token_;
};

}  // namespace kt::client
