// The work queue (dedup, processing set, delays, client-go's rate limiters on virtual
// time) and the Controller worker loop built on it.
#include <catch2/catch.hpp>

#include <map>
#include <vector>

#include "core/api/errors.h"
#include "core/client/controller.h"
#include "core/client/workqueue.h"

using namespace kt;
using namespace kt::client;

namespace {

constexpr sim::Time kT0{1736931600LL * 1000000};

// A controller whose sync is a lambda, recording when each key ran.
class FnController : public Controller {
 public:
  FnController(sim::Simulator& sim, int workers, sim::Duration cost,
               std::function<SyncResult(const std::string&)> fn)
      : Controller(sim, Options{"test", workers, cost, nullptr}), fn_(std::move(fn)) {}

 protected:
  SyncResult sync(const std::string& key) override { return fn_(key); }

 private:
  std::function<SyncResult(const std::string&)> fn_;
};

}  // namespace

TEST_CASE("workqueue: a dirty key is queued once", "[workqueue]") {
  sim::Simulator sim(kT0);
  WorkQueue q(sim, "q");
  q.add("a");
  q.add("b");
  q.add("a");
  REQUIRE(q.len() == 2);
  REQUIRE(q.get() == std::optional<std::string>("a"));
  REQUIRE(q.get() == std::optional<std::string>("b"));
  REQUIRE_FALSE(q.get());
}

TEST_CASE("workqueue: a key re-added while processing is processed again after done", "[workqueue]") {
  sim::Simulator sim(kT0);
  WorkQueue q(sim, "q");
  q.add("a");
  auto k = q.get();
  REQUIRE(k == std::optional<std::string>("a"));
  REQUIRE(q.is_processing("a"));
  q.add("a");  // a change seen during the sync
  q.add("a");
  REQUIRE(q.len() == 0);  // never handed to a second worker
  REQUIRE(q.is_dirty("a"));
  q.done("a");
  REQUIRE(q.len() == 1);
  REQUIRE(q.get() == std::optional<std::string>("a"));
  q.done("a");
  REQUIRE(q.len() == 0);
  REQUIRE_FALSE(q.is_processing("a"));
}

TEST_CASE("workqueue: add_after waits on virtual time and keeps the earlier deadline", "[workqueue]") {
  sim::Simulator sim(kT0);
  WorkQueue q(sim, "q");
  q.add_after("a", sim::seconds(10));
  q.add_after("a", sim::seconds(20));  // later: ignored
  REQUIRE(q.ready_at("a") == kT0 + sim::seconds(10));
  q.add_after("a", sim::seconds(5));  // earlier: wins
  REQUIRE(q.ready_at("a") == kT0 + sim::seconds(5));
  REQUIRE(q.waiting() == 1);
  sim.run_for(sim::millis(4999));
  REQUIRE(q.len() == 0);
  sim.run_for(sim::millis(1));
  REQUIRE(q.len() == 1);
  REQUIRE(q.waiting() == 0);
  sim.run_for(sim::seconds(30));
  REQUIRE(q.len() == 1);  // the cancelled deadlines never fire
}

TEST_CASE("workqueue: per-item exponential backoff 5ms·2^n capped at 1000s", "[workqueue]") {
  sim::Simulator sim(kT0);
  ItemExponentialFailureRateLimiter l(sim::millis(5), sim::seconds(1000));
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 6; ++i) waits.push_back(l.when("x", sim.now()).us);
  REQUIRE(waits == std::vector<std::int64_t>{5000, 10000, 20000, 40000, 80000, 160000});
  REQUIRE(l.num_requeues("x") == 6);
  for (int i = 6; i < 17; ++i) l.when("x", sim.now());
  REQUIRE(l.when("x", sim.now()) == sim::micros(655360000));  // 5ms·2^17 = 655.36s
  REQUIRE(l.when("x", sim.now()) == sim::seconds(1000));      // 1310.72s capped
  REQUIRE(l.when("x", sim.now()) == sim::seconds(1000));
  REQUIRE(l.when("y", sim.now()) == sim::millis(5));  // per item
  l.forget("x");
  REQUIRE(l.num_requeues("x") == 0);
  REQUIRE(l.when("x", sim.now()) == sim::millis(5));
}

TEST_CASE("workqueue: the default limiter's 10 qps / burst 100 bucket on virtual time", "[workqueue]") {
  sim::Simulator sim(kT0);
  WorkQueue q(sim, "q");
  for (int i = 0; i < 103; ++i) q.add_rate_limited("k" + std::to_string(i));
  // 100 tokens in the bucket: new items wait only their 5ms first backoff.
  REQUIRE(q.ready_at("k0") == kT0 + sim::millis(5));
  REQUIRE(q.ready_at("k99") == kT0 + sim::millis(5));
  // Then one token per 100ms.
  REQUIRE(q.ready_at("k100") == kT0 + sim::millis(100));
  REQUIRE(q.ready_at("k101") == kT0 + sim::millis(200));
  REQUIRE(q.ready_at("k102") == kT0 + sim::millis(300));
  sim.run_for(sim::millis(5));
  REQUIRE(q.len() == 100);
  sim.run_for(sim::millis(295));
  REQUIRE(q.len() == 103);
  // Ten seconds later the bucket refilled 100 tokens (it never holds more than 100).
  sim.run_for(sim::seconds(10));
  TokenBucket b(10, 100);
  REQUIRE(b.reserve(sim.now()) == sim::Duration{});
  REQUIRE(b.tokens_at(sim.now()) == Approx(99.0));
  REQUIRE(b.tokens_at(sim.now() + sim::millis(50)) == Approx(99.5));
  REQUIRE(b.tokens_at(sim.now() + sim::hours(1)) == Approx(100.0));
}

TEST_CASE("workqueue: rate-limited retries and forget", "[workqueue]") {
  sim::Simulator sim(kT0);
  WorkQueue q(sim, "q");
  q.add_rate_limited("a");
  q.add_rate_limited("a");
  q.add_rate_limited("a");
  REQUIRE(q.num_requeues("a") == 3);
  // The earliest pending deadline (5ms) is kept for a key already waiting.
  REQUIRE(q.ready_at("a") == kT0 + sim::millis(5));
  q.forget("a");
  REQUIRE(q.num_requeues("a") == 0);
}

TEST_CASE("workqueue: shut_down ignores adds and drains what is queued", "[workqueue]") {
  sim::Simulator sim(kT0);
  WorkQueue q(sim, "q");
  q.add("a");
  q.add_after("b", sim::seconds(1));
  q.shut_down();
  q.add("c");
  q.add_rate_limited("d");
  REQUIRE(q.shutting_down());
  REQUIRE(q.waiting() == 0);
  REQUIRE(q.get() == std::optional<std::string>("a"));
  REQUIRE_FALSE(q.get());
  sim.run_for(sim::seconds(2));
  REQUIRE(q.len() == 0);
}

TEST_CASE("controller: each sync is its own simulator event, in queue order", "[workqueue]") {
  sim::Simulator sim(kT0);
  std::vector<std::string> seen;
  FnController c(sim, 2, {}, [&](const std::string& k) {
    seen.push_back(k);
    return SyncResult::ok();
  });
  c.enqueue_key("a");
  c.enqueue_key("b");
  c.enqueue_key("a");
  REQUIRE(seen.empty());  // nothing runs before start
  c.start();
  REQUIRE(seen.empty());  // nor inside start
  const auto before = sim.events_run();
  sim.run_for(sim::Duration{});
  REQUIRE(seen == std::vector<std::string>{"a", "b"});
  REQUIRE(sim.events_run() - before == 2);
  REQUIRE(c.metrics().syncs == 2);
  REQUIRE(c.metrics().ok == 2);
}

TEST_CASE("controller: a key is never synced by two workers at once", "[workqueue]") {
  sim::Simulator sim(kT0);
  std::map<std::string, int> in_flight;
  int max_in_flight_same_key = 0, max_busy = 0;
  std::vector<std::pair<std::int64_t, std::string>> starts;
  FnController* self = nullptr;
  FnController c(sim, 3, sim::millis(10), [&](const std::string& k) {
    max_in_flight_same_key = std::max(max_in_flight_same_key, ++in_flight[k]);
    max_busy = std::max(max_busy, self->busy_workers());
    starts.emplace_back((sim.now() - kT0).us / 1000, k);
    // The in-flight count drops when the worker finishes, 10ms later.
    sim.schedule(sim::millis(10), [&, k] { --in_flight[k]; });
    return SyncResult::ok();
  });
  self = &c;
  c.start();
  for (const char* k : {"a", "b", "c", "d", "e", "f"}) c.enqueue_key(k);
  sim.run_for(sim::millis(1));
  c.enqueue_key("a");  // while "a" is being processed
  sim.run_for(sim::millis(100));
  REQUIRE(max_in_flight_same_key == 1);
  REQUIRE(max_busy == 3);  // --concurrent-*-syncs bounds the keys in flight
  // 3 workers, 10ms per key: a,b,c at 0ms; d,e,f at 10ms; "a" again at 20ms.
  REQUIRE(starts == std::vector<std::pair<std::int64_t, std::string>>{
                        {0, "a"}, {0, "b"}, {0, "c"}, {10, "d"}, {10, "e"}, {10, "f"}, {20, "a"}});
}

TEST_CASE("controller: retry backs off exponentially, success forgets", "[workqueue]") {
  sim::Simulator sim(kT0);
  std::vector<std::int64_t> at_ms;
  int failures_left = 3;
  FnController c(sim, 1, {}, [&](const std::string&) {
    at_ms.push_back((sim.now() - kT0).us / 1000);
    if (failures_left-- > 0) return SyncResult::retry("boom");
    return SyncResult::ok();
  });
  c.start();
  c.enqueue_key("a");
  sim.run_for(sim::seconds(1));
  REQUIRE(at_ms == std::vector<std::int64_t>{0, 5, 15, 35});
  REQUIRE(c.metrics().retries == 3);
  REQUIRE(c.queue().num_requeues("a") == 0);
  REQUIRE(c.last_error() == "a: boom");
}

TEST_CASE("controller: an ApiError thrown by sync is a retry; requeue_after waits", "[workqueue]") {
  sim::Simulator sim(kT0);
  std::vector<std::int64_t> at_ms;
  int n = 0;
  FnController c(sim, 1, {}, [&](const std::string&) -> SyncResult {
    at_ms.push_back((sim.now() - kT0).us / 1000);
    ++n;
    if (n == 1) throw api::ApiError::conflict_modified("pods", "x");
    if (n == 2) return SyncResult::requeue_after(sim::seconds(8));
    return SyncResult::ok();
  });
  c.start();
  c.enqueue_key("a");
  sim.run_for(sim::seconds(20));
  REQUIRE(at_ms == std::vector<std::int64_t>{0, 5, 8005});
  REQUIRE(c.metrics().exceptions == 1);
  REQUIRE(c.metrics().requeues_after == 1);
}

TEST_CASE("controller: the sync_handler seam replaces sync", "[workqueue]") {
  sim::Simulator sim(kT0);
  int real = 0, fake = 0;
  FnController c(sim, 1, {}, [&](const std::string&) {
    ++real;
    return SyncResult::ok();
  });
  c.sync_handler = [&](const std::string&) {
    ++fake;
    return SyncResult::ok();
  };
  c.start();
  c.enqueue_key("x");
  sim.run_for(sim::seconds(1));
  REQUIRE(real == 0);
  REQUIRE(fake == 1);
}
