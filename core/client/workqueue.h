// Work queues with client-go's semantics (staging/src/k8s.io/client-go/util/workqueue),
// on the Simulator's virtual clock.
//
// Three layers in one class, as client-go stacks them:
//  - queue: FIFO of keys with a `dirty` set (waiting to be processed) and a
//    `processing` set (handed out by get(), not yet done()).
//      * add(k) while k is dirty: no-op (deduplication).
//      * add(k) while k is processing: k becomes dirty but is NOT queued; done(k)
//        queues it again. So a key is never handed to two workers at once, and a
//        change seen during a sync is processed once more afterwards.
//  - delaying: add_after(k, d) adds k when the virtual clock reaches now+d (a
//    simulator event). A key waiting twice keeps the earlier time.
//  - rate-limited: add_rate_limited(k) = add_after(k, limiter.when(k)); forget(k)
//    resets the per-item backoff; num_requeues(k) counts failures since forget.
//
// Rate limiters are client-go's: DefaultControllerRateLimiter is the max of a
// per-item exponential backoff (5ms·2^failures, capped at 1000s) and an overall
// token bucket (10 qps, burst 100; golang.org/x/time/rate's reservation
// arithmetic). Worked numbers: the 1st..100th add_rate_limited of *new* items at one
// instant wait 5ms (the bucket is full); the 101st waits 100ms (bucket empty,
// one token per 100ms); one item failing repeatedly waits 5, 10, 20, 40 ms …,
// 655.36 s after 17 failures, then 1000 s for good.
//
// Consumers: get() hands out the next ready key (marking it processing); done()
// must follow. Nothing here runs work: Controller (controller.h) drives workers from
// simulator events and uses set_ready_callback() to learn when keys are ready.
// After shut_down(), adds are ignored and pending delays are dropped; get() drains
// what was already queued and then returns nullopt.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/client/lifetime.h"
#include "core/sim/simulator.h"

namespace kt::client {

// golang.org/x/time/rate.Limiter on virtual time: `qps` tokens per second, at
// most `burst` banked; starts full.
class TokenBucket {
 public:
  TokenBucket(double qps, int burst) : qps_(qps), burst_(burst), tokens_(burst) {}
  // Reserve(): takes a token (going into debt if needed); returns how long the
  // caller must wait for it (0 when one was available).
  sim::Duration reserve(sim::Time now);
  // Allow(): takes a token only if one is available now.
  bool try_accept(sim::Time now);
  double tokens_at(sim::Time now) const;

 private:
  double advance(sim::Time now) const;
  double qps_;
  int burst_;
  double tokens_;
  std::optional<sim::Time> last_;
};

class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  // How long `item` should wait before its next try. Called once per retry.
  virtual sim::Duration when(const std::string& item, sim::Time now) = 0;
  // Stop tracking `item` (its backoff starts over).
  virtual void forget(const std::string& item) = 0;
  // Failures of `item` since the last forget.
  virtual int num_requeues(const std::string& item) const = 0;
};

// base·2^failures, capped at max (ItemExponentialFailureRateLimiter).
class ItemExponentialFailureRateLimiter : public RateLimiter {
 public:
  ItemExponentialFailureRateLimiter(sim::Duration base, sim::Duration max) : base_(base), max_(max) {}
  sim::Duration when(const std::string& item, sim::Time now) override;
  void forget(const std::string& item) override { failures_.erase(item); }
  int num_requeues(const std::string& item) const override;

 private:
  sim::Duration base_, max_;
  std::map<std::string, int> failures_;
};

// One token bucket shared by all items (BucketRateLimiter); forget is a no-op.
class BucketRateLimiter : public RateLimiter {
 public:
  BucketRateLimiter(double qps, int burst) : bucket_(qps, burst) {}
  sim::Duration when(const std::string&, sim::Time now) override { return bucket_.reserve(now); }
  void forget(const std::string&) override {}
  int num_requeues(const std::string&) const override { return 0; }

 private:
  TokenBucket bucket_;
};

// The longest wait of all (MaxOfRateLimiter); forget goes to all.
class MaxOfRateLimiter : public RateLimiter {
 public:
  explicit MaxOfRateLimiter(std::vector<std::unique_ptr<RateLimiter>> limiters) : limiters_(std::move(limiters)) {}
  sim::Duration when(const std::string& item, sim::Time now) override;
  void forget(const std::string& item) override;
  int num_requeues(const std::string& item) const override;

 private:
  std::vector<std::unique_ptr<RateLimiter>> limiters_;
};

// Caps another limiter's wait (WithMaxWaitRateLimiter).
class WithMaxWaitRateLimiter : public RateLimiter {
 public:
  WithMaxWaitRateLimiter(std::unique_ptr<RateLimiter> inner, sim::Duration max_wait)
      : inner_(std::move(inner)), max_wait_(max_wait) {}
  sim::Duration when(const std::string& item, sim::Time now) override;
  void forget(const std::string& item) override { inner_->forget(item); }
  int num_requeues(const std::string& item) const override { return inner_->num_requeues(item); }

 private:
  std::unique_ptr<RateLimiter> inner_;
  sim::Duration max_wait_;
};

// workqueue.DefaultControllerRateLimiter(): max(exponential 5ms..1000s, bucket 10qps/100).
std::unique_ptr<RateLimiter> default_controller_rate_limiter();

class WorkQueue {
 public:
  struct Metrics {
    std::uint64_t adds = 0;       // add() calls that queued or dirtied a key
    std::uint64_t retries = 0;    // add_rate_limited() calls
    std::uint64_t gets = 0;       // keys handed out
    std::size_t max_depth = 0;    // longest ready queue seen
  };

  WorkQueue(sim::Simulator& sim, std::string name,
            std::unique_ptr<RateLimiter> limiter = default_controller_rate_limiter());
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  const std::string& name() const { return name_; }

  void add(const std::string& key);
  void add_after(const std::string& key, sim::Duration delay);
  void add_rate_limited(const std::string& key);
  void forget(const std::string& key);
  int num_requeues(const std::string& key) const;

  // The next ready key, now marked processing; nullopt when none is ready.
  std::optional<std::string> get();
  void done(const std::string& key);

  void shut_down();
  bool shutting_down() const { return shutting_down_; }

  std::size_t len() const { return queue_.size(); }        // ready keys
  std::size_t waiting() const { return waiting_.size(); }   // delayed keys
  bool is_dirty(const std::string& key) const { return dirty_.count(key) > 0; }
  bool is_processing(const std::string& key) const { return processing_.count(key) > 0; }
  // When a delayed key is due, if it is waiting.
  std::optional<sim::Time> ready_at(const std::string& key) const;
  const Metrics& metrics() const { return metrics_; }

  // Called (synchronously) whenever a key enters the ready queue.
  void set_ready_callback(std::function<void()> cb) { on_ready_ = std::move(cb); }

 private:
  struct Waiting {
    sim::Time at;
    sim::EventId event;
  };
  void push_ready(const std::string& key);

  sim::Simulator& sim_;
  std::string name_;
  std::unique_ptr<RateLimiter> limiter_;
  std::deque<std::string> queue_;
  std::set<std::string> dirty_;
  std::set<std::string> processing_;
  std::map<std::string, Waiting> waiting_;
  bool shutting_down_ = false;
  std::function<void()> on_ready_;
  Metrics metrics_;
  Lifetime life_;
};

}  // namespace kt::client
