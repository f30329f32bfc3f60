#include "core/client/controller.h"

#include <exception>

#include "core/api/errors.h"

namespace kt::client {

Controller::Controller(sim::Simulator& sim, Options opts)
    : sim_(sim), name_(opts.name), workers_(opts.workers < 1 ? 1 : opts.workers),
      sync_duration_(opts.sync_duration), queue_(sim, opts.name, std::move(opts.rate_limiter)) {
  queue_.set_ready_callback([this] { maybe_schedule(); });
}

Controller::~Controller() = default;

void Controller::start() {
  if (started_) return;
  started_ = true;
  maybe_schedule();
}

void Controller::stop() {
  started_ = false;
  queue_.shut_down();
}

// One event per key: schedule as many as there are idle workers and ready keys.
void Controller::maybe_schedule() {
  if (!started_) return;
  while (busy_ + scheduled_ < workers_ && static_cast<std::size_t>(scheduled_) < queue_.len()) {
    ++scheduled_;
    sim_.schedule(sim::Duration{}, [w = life_.weak(), this] {
      if (w.expired()) return;
      --scheduled_;
      run_one();
    });
  }
}

void Controller::run_one() {
  if (!started_) return;
  auto key = queue_.get();
  if (!key) return;
  ++busy_;
  ++metrics_.syncs;
  SyncResult r;
  try {
    r = sync_handler ? sync_handler(*key) : sync(*key);
  } catch (const api::ApiError& e) {
    ++metrics_.exceptions;
    r = SyncResult::retry(e.message());
  } catch (const std::exception& e) {
    ++metrics_.exceptions;
    r = SyncResult::retry(e.what());
  }
  if (sync_duration_.us <= 0) {
    finish(*key, r);
    return;
  }
  sim_.schedule(sync_duration_, [w = life_.weak(), this, k = *key, r] {
    if (w.expired()) return;
    finish(k, r);
  });
}

void Controller::finish(const std::string& key, const SyncResult& r) {
  --busy_;
  switch (r.kind) {
    case SyncResult::Kind::Ok:
      ++metrics_.ok;
      queue_.forget(key);
      break;
    case SyncResult::Kind::Retry:
      ++metrics_.retries;
      last_error_ = key + ": " + r.error;
      queue_.add_rate_limited(key);
      break;
    case SyncResult::Kind::RequeueAfter:
      ++metrics_.requeues_after;
      queue_.add_after(key, r.after);
      break;
  }
  queue_.done(key);
  maybe_schedule();
}

}  // namespace kt::client
