// The controller skeleton every kube-controller-manager loop in the sandbox uses:
// a name, a rate-limited WorkQueue, N workers, and one entry point, sync(key).
//
// As in client-go controllers (processNextWorkItem):
//  - informer handlers only turn objects into keys and enqueue them;
//  - a worker takes a key, calls sync(key), then:
//      SyncResult::ok()              → queue.forget(key)      (backoff reset)
//      SyncResult::retry(why)        → queue.add_rate_limited(key)
//      SyncResult::requeue_after(d)  → queue.add_after(key, d) (no forget: e.g. the
//                                      namespace controller's "content remains")
//    and an ApiError (or any std::exception) thrown out of sync counts as retry;
//  - retry never lives inside sync.
//
// Workers on virtual time: whenever a key is ready and a worker is idle, a
// zero-delay simulator event is scheduled; each event takes ONE key and runs its
// sync, so syncs of different controllers interleave in scheduling order and a
// run is reproducible. A worker stays busy for `sync_duration` of virtual time
// (default 0: the key is done within its event); with a non-zero duration,
// `workers` (--concurrent-*-syncs) bounds how many keys are in flight at once.
// Nothing runs before start(); stop() shuts the queue down.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/api/object.h"
#include "core/client/lifetime.h"
#include "core/client/workqueue.h"
#include "core/sim/simulator.h"

namespace kt::client {

struct SyncResult {
  enum class Kind { Ok, Retry, RequeueAfter };
  Kind kind = Kind::Ok;
  sim::Duration after{};
  std::string error;

  static SyncResult ok() { return {}; }
  static SyncResult retry(std::string why) { return {Kind::Retry, {}, std::move(why)}; }
  static SyncResult requeue_after(sim::Duration d, std::string why = {}) {
    return {Kind::RequeueAfter, d, std::move(why)};
  }
};

class Controller {
 public:
  struct Options {
    std::string name;                 // "namespace-controller"
    int workers = 1;                  // --concurrent-*-syncs
    sim::Duration sync_duration{};    // virtual time a worker is busy per key
    std::unique_ptr<RateLimiter> rate_limiter;  // null: DefaultControllerRateLimiter
  };
  struct Metrics {
    std::uint64_t syncs = 0;
    std::uint64_t ok = 0;
    std::uint64_t retries = 0;
    std::uint64_t requeues_after = 0;
    std::uint64_t exceptions = 0;     // syncs that threw
  };

  Controller(sim::Simulator& sim, Options opts);
  virtual ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  const std::string& name() const { return name_; }
  WorkQueue& queue() { return queue_; }
  const WorkQueue& queue() const { return queue_; }
  int workers() const { return workers_; }
  int busy_workers() const { return busy_; }

  virtual void start();
  virtual void stop();
  bool started() const { return started_; }

  const Metrics& metrics() const { return metrics_; }
  const std::string& last_error() const { return last_error_; }

  // Test seam: when set, workers call this instead of sync().
  std::function<SyncResult(const std::string&)> sync_handler;

  // Enqueue helpers for informer handlers (meta::key of the object).
  void enqueue(const Json& obj) { queue_.add(api::meta::key(obj)); }
  void enqueue_key(const std::string& key) { queue_.add(key); }

 protected:
  virtual SyncResult sync(const std::string& key) = 0;
  sim::Simulator& sim() { return sim_; }

 private:
  void maybe_schedule();
  void run_one();
  void finish(const std::string& key, const SyncResult& r);

  sim::Simulator& sim_;
  std::string name_;
  int workers_;
  sim::Duration sync_duration_;
  WorkQueue queue_;
  bool started_ = false;
  int busy_ = 0;
  int scheduled_ = 0;  // run_one events pending
  Metrics metrics_;
  std::string last_error_;
  Lifetime life_;
};

}  // namespace kt::client
