// The discrete-event kernel: a virtual clock and a queue of timed callbacks.
//
// Contract:
//  - now() only moves forward, and only inside run_until / run_until_idle / step.
//  - Events due at the same time run in the order they were scheduled (FIFO by a
//    sequence number), so a run is a pure function of the seed and the inputs.
//  - A callback may schedule or cancel other events, including at the current time;
//    those run in the same run_until call if they are due.
//  - cancel() of an id that already ran or was cancelled is a no-op returning false.
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/sim/time.h"

namespace kt::sim {

using EventId = std::uint64_t;

class Simulator {
 public:
  using Callback = std::function<void()>;

  explicit Simulator(Time start) : now_(start) {}
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  Time now() const { return now_; }

  EventId schedule(Duration delay, Callback fn);
  EventId schedule_at(Time when, Callback fn);  // a past time runs at now()
  bool cancel(EventId id);

  // Runs every event due at or before `until`, then sets the clock to `until`.
  // Returns the number of events run.
  std::size_t run_until(Time until);
  std::size_t run_for(Duration d) { return run_until(now_ + d); }
  // Runs events until none is left or `max_events` ran; the clock ends at the last
  // event's time. Periodic components (heartbeats) never go idle: prefer run_until.
  std::size_t run_until_idle(std::size_t max_events = 1'000'000);
  // Runs the next due event (advancing the clock to it). False when the queue is empty.
  bool step();

  bool idle() const { return pending_ == 0; }
  std::size_t pending() const { return pending_; }
  // Time of the next live event, if any.
  std::optional<Time> next_event_time();
  std::uint64_t events_run() const { return events_run_; }

 private:
  struct Entry {
    Time when;
    std::uint64_t seq;
    EventId id;
    // Later entries sort first so the std::priority_queue top is the earliest.
    bool operator<(const Entry& o) const {
      return when != o.when ? when > o.when : seq > o.seq;
    }
  };
  void drop_cancelled_top();

  Time now_;
  std::uint64_t next_seq_ = 0;
  std::priority_queue<Entry> queue_;
  std::unordered_map<EventId, Callback> callbacks_;
  std::size_t pending_ = 0;
  std::uint64_t events_run_ = 0;
};

}  // namespace kt::sim
