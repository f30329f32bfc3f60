#include "core/sim/simulator.h"

#include <utility>

namespace kt::sim {

EventId Simulator::schedule(Duration delay, Callback fn) {
  return schedule_at(now_ + (delay.us < 0 ? Duration{} : delay), std::move(fn));
}

EventId Simulator::schedule_at(Time when, Callback fn) {
  if (when < now_) when = now_;
  const std::uint64_t seq = next_seq_++;
  const EventId id = seq + 1;  // 0 is never a valid id
  queue_.push(Entry{when, seq, id});
  callbacks_.emplace(id, std::move(fn));
  ++pending_;
  return id;
}

bool Simulator::cancel(EventId id) {
  auto it = callbacks_.find(id);
  if (it == callbacks_.end()) return false;
  callbacks_.erase(it);
  --pending_;
  return true;
}

void Simulator::drop_cancelled_top() {
  while (!queue_.empty() && !callbacks_.count(queue_.top().id)) queue_.pop();
}

std::optional<Time> Simulator::next_event_time() {
  drop_cancelled_top();
  if (queue_.empty()) return std::nullopt;
  return queue_.top().when;
}

bool Simulator::step() {
  drop_cancelled_top();
  if (queue_.empty()) return false;
  const Entry e = queue_.top();
  queue_.pop();
  auto it = callbacks_.find(e.id);
  Callback fn = std::move(it->second);
  callbacks_.erase(it);
  --pending_;
  now_ = e.when;
  ++events_run_;
  fn();
  return true;
}

std::size_t Simulator::run_until(Time until) {
  std::size_t n = 0;
  for (;;) {
    auto next = next_event_time();
    if (!next || *next > until) break;
    step();
    ++n;
  }
  if (until > now_) now_ = until;
  return n;
}

std::size_t Simulator::run_until_idle(std::size_t max_events) {
  std::size_t n = 0;
  while (n < max_events && step()) ++n;
  return n;
}

}  // namespace kt::sim
