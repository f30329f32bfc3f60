#include "core/client/workqueue.h"

#include <algorithm>
#include <cmath>

namespace kt::client {

// ---- token bucket -------------------------------------------------------------

double TokenBucket::advance(sim::Time now) const {
  if (!last_) return burst_;  // a fresh limiter is full (x/time/rate: elapsed since zero time)
  sim::Time last = *last_;
  if (now < last) last = now;
  const double elapsed_s = static_cast<double>((now - last).us) / 1e6;
  return std::min<double>(burst_, tokens_ + elapsed_s * qps_);
}

double TokenBucket::tokens_at(sim::Time now) const { return advance(now); }

sim::Duration TokenBucket::reserve(sim::Time now) {
  double tokens = advance(now) - 1.0;
  sim::Duration wait{};
  if (tokens < 0) {
    // durationFromTokens: seconds = tokens / limit, truncated (to microseconds here).
    wait = sim::micros(static_cast<std::int64_t>(-tokens / qps_ * 1e6 + 1e-6));
  }
  last_ = now;
  tokens_ = tokens;
  return wait;
}

bool TokenBucket::try_accept(sim::Time now) {
  double tokens = advance(now);
  if (tokens < 1.0) return false;  // AllowN with no future reservation: no state change
  last_ = now;
  tokens_ = tokens - 1.0;
  return true;
}

// ---- rate limiters ------------------------------------------------------------

sim::Duration ItemExponentialFailureRateLimiter::when(const std::string& item, sim::Time) {
  int exp = failures_[item]++;
  // base·2^exp in floating point first, as client-go does, so huge exponents cap cleanly.
  double backoff = static_cast<double>(base_.us) * std::pow(2.0, exp);
  if (backoff >= static_cast<double>(max_.us)) return max_;
  return sim::micros(static_cast<std::int64_t>(backoff));
}

int ItemExponentialFailureRateLimiter::num_requeues(const std::string& item) const {
  auto it = failures_.find(item);
  return it == failures_.end() ? 0 : it->second;
}

sim::Duration MaxOfRateLimiter::when(const std::string& item, sim::Time now) {
  sim::Duration out{};
  for (auto& l : limiters_) out = std::max(out, l->when(item, now));
  return out;
}

void MaxOfRateLimiter::forget(const std::string& item) {
  for (auto& l : limiters_) l->forget(item);
}

int MaxOfRateLimiter::num_requeues(const std::string& item) const {
  int n = 0;
  for (const auto& l : limiters_) n = std::max(n, l->num_requeues(item));
  return n;
}

sim::Duration WithMaxWaitRateLimiter::when(const std::string& item, sim::Time now) {
  return std::min(inner_->when(item, now), max_wait_);
}

std::unique_ptr<RateLimiter> default_controller_rate_limiter() {
  std::vector<std::unique_ptr<RateLimiter>> v;
  v.push_back(std::make_unique<ItemExponentialFailureRateLimiter>(sim::millis(5), sim::seconds(1000)));
  v.push_back(std::make_unique<BucketRateLimiter>(10.0, 100));
  return std::make_unique<MaxOfRateLimiter>(std::move(v));
}

// ---- queue ----------------------------------------------------------------------

WorkQueue::WorkQueue(sim::Simulator& sim, std::string name, std::unique_ptr<RateLimiter> limiter)
    : sim_(sim), name_(std::move(name)),
      limiter_(limiter ? std::move(limiter) : default_controller_rate_limiter()) {}

WorkQueue::~WorkQueue() {
  for (auto& [k, w] : waiting_) sim_.cancel(w.event);
}

void WorkQueue::push_ready(const std::string& key) {
  queue_.push_back(key);
  metrics_.max_depth = std::max(metrics_.max_depth, queue_.size());
  if (on_ready_) on_ready_();
}

void WorkQueue::add(const std::string& key) {
  if (shutting_down_) return;
  if (dirty_.count(key)) return;
  ++metrics_.adds;
  dirty_.insert(key);
  if (processing_.count(key)) return;  // done() queues it again
  push_ready(key);
}

void WorkQueue::add_after(const std::string& key, sim::Duration delay) {
  if (shutting_down_) return;
  if (delay.us <= 0) {
    add(key);
    return;
  }
  const sim::Time at = sim_.now() + delay;
  auto it = waiting_.find(key);
  if (it != waiting_.end()) {
    if (it->second.at <= at) return;  // already due earlier
    sim_.cancel(it->second.event);
    waiting_.erase(it);
  }
  sim::EventId ev = sim_.schedule(delay, [w = life_.weak(), this, key] {
    if (w.expired()) return;
    waiting_.erase(key);
    add(key);
  });
  waiting_[key] = {at, ev};
}

void WorkQueue::add_rate_limited(const std::string& key) {
  if (shutting_down_) return;
  ++metrics_.retries;
  add_after(key, limiter_->when(key, sim_.now()));
}

void WorkQueue::forget(const std::string& key) { limiter_->forget(key); }

int WorkQueue::num_requeues(const std::string& key) const { return limiter_->num_requeues(key); }

std::optional<std::string> WorkQueue::get() {
  if (queue_.empty()) return std::nullopt;
  std::string key = std::move(queue_.front());
  queue_.pop_front();
  dirty_.erase(key);
  processing_.insert(key);
  ++metrics_.gets;
  return key;
}

void WorkQueue::done(const std::string& key) {
  processing_.erase(key);
  if (dirty_.count(key)) push_ready(key);
}

void WorkQueue::shut_down() {
  shutting_down_ = true;
  for (auto& [k, w] : waiting_) sim_.cancel(w.event);
  waiting_.clear();
}

std::optional<sim::Time> WorkQueue::ready_at(const std::string& key) const {
  auto it = waiting_.find(key);
  if (it == waiting_.end()) return std::nullopt;
  return it->second.at;
}

}  // namespace kt::client
