#include "core/api/store.h"

#include <algorithm>
#include <deque>

#include "core/api/json_identical.h"

namespace kt::api {

std::string_view to_string(WatchEvent::Type t) {
  switch (t) {
    case WatchEvent::Type::Added: return "ADDED";
    case WatchEvent::Type::Modified: return "MODIFIED";
    case WatchEvent::Type::Deleted: return "DELETED";
    case WatchEvent::Type::Bookmark: return "BOOKMARK";
    case WatchEvent::Type::Error: return "ERROR";
  }
  return "ERROR";
}

// One watch: reads its resource's log from a cursor, filters and delivers the
// entries in a simulator event per batch, so handlers never run inside the write
// that caused them. Events of its own (the initial state, a replay, bookmarks) wait
// in a backlog, each for the log position it was queued at.
class Store::WatchImpl final : public Watch, public std::enable_shared_from_this<WatchImpl> {
 public:
  WatchImpl(Store& store, const Bucket& log, std::string ns, ObjectFilter filter, bool bookmarks,
            WatchHandler handler)
      : store_(store), log_(log), ns_(std::move(ns)), filter_(std::move(filter)), bookmarks_(bookmarks),
        handler_(std::move(handler)), cursor_(log.end_seq()) {}

  void stop() override {
    stopped_ = true;
    backlog_.clear();
  }
  bool stopped() const override { return stopped_; }
  bool wants_bookmarks() const { return bookmarks_ && !stopped_; }
  std::uint64_t cursor() const { return cursor_; }

  bool in_scope(const Json& obj) const {
    if (!ns_.empty() && meta::namespace_of(obj) != ns_) return false;
    return !filter_ || filter_(obj);
  }

  // What this watch sees of a change: an object entering the selection is ADDED,
  // one leaving it is DELETED (kube's watch cache does this). False: nothing.
  bool sees(const HistoryEntry& e, WatchEvent::Type& type) const {
    type = e.event.type;
    return !selective_ || selected(e, type);
  }
  bool selected(const HistoryEntry& e, WatchEvent::Type& type) const {
    const bool now_in = in_scope(*e.event.object);
    const bool was_in = e.previous && in_scope(*e.previous);
    switch (e.event.type) {
      case WatchEvent::Type::Added: return now_in;
      case WatchEvent::Type::Modified:
        if (now_in && was_in) return true;
        type = now_in ? WatchEvent::Type::Added : WatchEvent::Type::Deleted;
        return now_in || was_in;
      case WatchEvent::Type::Deleted: return now_in || was_in;
      default: return true;
    }
  }

  // The log gained the entry at `seq`: wake for it if this watch sees it. An idle
  // watch (nothing scheduled, not delivering) has read everything before it, and
  // steps over an entry it does not see.
  void appended(std::uint64_t seq) {
    if (stopped_ || scheduled_) return;
    WatchEvent::Type type;
    if (sees(log_.at(seq), type)) schedule();
    else if (cursor_ == seq) cursor_ = seq + 1;
  }

  // Queues an event of this watch's own, after what the log holds now.
  void push(WatchEvent ev) {
    backlog_.push_back({std::move(ev), log_.end_seq()});
    schedule();
  }
  // Queues the change `e` (from the history, before the log's end) as this watch sees it.
  void replay(const HistoryEntry& e) {
    WatchEvent::Type type;
    if (sees(e, type)) push({type, e.event.object, e.event.key, e.rv});
  }

  // The backlog comes first (what it holds is queued at or before the log's end);
  // then the log entries this watch sees, as it sees them.
  const WatchEvent* peek(std::size_t ahead) const override {
    if (ahead == 0 || stopped_) return nullptr;
    const std::size_t queued = backlog_.empty() ? 0 : backlog_.size();  // a deque's size() is not a load
    if (ahead <= queued) return &backlog_[ahead - 1].event;
    const std::size_t n = ahead - queued;
    if (!selective_) {  // it sees every entry as it is
      const std::uint64_t seq = cursor_ + n - 1;
      return seq < log_.end_seq() ? &log_.at(seq).event : nullptr;
    }
    const Seen seen = nth_seen(n);
    if (seen.seq == kNone) return nullptr;
    const HistoryEntry& e = log_.at(seen.seq);
    if (seen.type == e.event.type) return &e.event;
    peeked_ = {seen.type, e.event.object, e.event.key, e.rv};  // seen with another type
    return &peeked_;
  }

 private:
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};

  // For a watch with a selector: the n-th entry (from 1) at or after the cursor that
  // it sees, and how it sees it. What was scanned is remembered, so an informer that
  // peeks a few events ahead for each one it gets tests each entry once, however few
  // of them it sees.
  struct Seen {
    std::uint64_t seq;      // kNone: there is no such entry (yet)
    WatchEvent::Type type;  // as this watch sees it
  };
  Seen nth_seen(std::size_t n) const {
    const std::uint64_t end = log_.end_seq();
    while (!seen_ahead_.empty() && seen_ahead_.front().seq < cursor_) seen_ahead_.pop_front();
    scanned_ = std::max(scanned_, cursor_);
    for (WatchEvent::Type type; seen_ahead_.size() < n && scanned_ < end; ++scanned_)
      if (sees(log_.at(scanned_), type)) seen_ahead_.push_back({scanned_, type});
    return seen_ahead_.size() >= n ? seen_ahead_[n - 1] : Seen{kNone, {}};
  }

  struct Queued {
    WatchEvent event;
    std::uint64_t after;  // delivered once the cursor has reached this log position
  };

  void schedule() {
    if (scheduled_) return;
    scheduled_ = true;
    std::weak_ptr<WatchImpl> self = weak_from_this();
    store_.sim_.schedule(sim::Duration{}, [self] {
      if (auto w = self.lock()) w->deliver();
    });
  }

  void deliver() {
    scheduled_ = false;
    // Handlers may write (appending to the log, which may then drop entries this
    // watch has read) or stop the watch: each event is copied out before its call.
    while (!stopped_) {
      if (!backlog_.empty() && backlog_.front().after <= cursor_) {
        WatchEvent ev = std::move(backlog_.front().event);
        backlog_.pop_front();
        ++store_.delivered_;
        handler_(ev);
        continue;
      }
      if (cursor_ == log_.end_seq()) break;
      const HistoryEntry& e = log_.at(cursor_++);
      WatchEvent::Type type;
      if (!sees(e, type)) continue;
      WatchEvent ev{type, e.event.object, e.event.key, e.rv};
      ++store_.delivered_;
      handler_(ev);
    }
  }

  Store& store_;
  const Bucket& log_;
  std::string ns_;
  ObjectFilter filter_;
  bool selective_ = !ns_.empty() || filter_ != nullptr;  // else it sees every entry as it is
  bool bookmarks_;
  WatchHandler handler_;
  std::uint64_t cursor_;  // the next log position to read
  std::deque<Queued> backlog_;
  mutable WatchEvent peeked_{};  // peek's answer when this watch sees an entry with another type
  mutable std::deque<Seen> seen_ahead_;  // nth_seen's memo: the entries seen from the cursor on
  mutable std::uint64_t scanned_ = 0;             // ... up to here
  bool scheduled_ = false;
  bool stopped_ = false;
};

Store::Store(sim::Simulator& sim, std::size_t history_per_resource, sim::Duration bookmark_interval)
    : sim_(sim), history_cap_(history_per_resource), bookmark_interval_(bookmark_interval) {}

Store::~Store() = default;

// Buckets are keyed by the registry's entry: a copied ResourceInfo finds the same one.
Store::Bucket& Store::bucket(const ResourceInfo& res) {
  auto& b = buckets_[&ResourceRegistry::builtin().canonical(res)];
  if (!b) {
    b = std::make_unique<Bucket>();
    b->floor = rv_;  // nothing of this resource happened before now
  }
  return *b;
}

const Store::Bucket* Store::find_bucket(const ResourceInfo& res) const {
  auto it = buckets_.find(&ResourceRegistry::builtin().canonical(res));
  return it == buckets_.end() ? nullptr : it->second.get();
}

ObjectPtr Store::get(const ResourceInfo& res, std::string_view key) const {
  const Bucket* b = find_bucket(res);
  return b ? b->objects.get(key) : nullptr;
}

std::size_t Store::count(const ResourceInfo& res) const {
  const Bucket* b = find_bucket(res);
  return b ? b->objects.size() : 0;
}

void Store::record(Bucket& b, HistoryEntry e) {
  ++writes_;
  b.history.push_back(std::move(e));
  if (b.history.size() > history_cap_) b.floor = b.history[b.history.size() - history_cap_ - 1].rv;
  const std::uint64_t seq = b.end_seq() - 1;
  // Wake the watches, in registration order; forget those that were stopped.
  auto& ws = b.watchers;
  std::uint64_t unread = seq;  // the oldest position a live watch has yet to read
  std::size_t live = 0;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    // Single-threaded: a watch not expired here stays alive through appended(),
    // which only schedules (handlers run later, in their own simulator event).
    if (ws[i].weak.expired() || ws[i].raw->stopped()) continue;
    ws[i].raw->appended(seq);
    unread = std::min(unread, ws[i].raw->cursor());
    if (live != i) ws[live] = std::move(ws[i]);
    ++live;
  }
  ws.resize(live);
  while (b.history.size() > history_cap_ && b.first_seq < unread) {
    b.history.pop_front();
    ++b.first_seq;
  }
}

ObjectPtr Store::put(const ResourceInfo& res, std::string_view key, Json obj, const Json* spec_twin) {
  Bucket& b = bucket(res);
  ++rv_;
  // Immutable from here on, in the compact form: a new version shares the unchanged
  // parts of the one it replaces, a new object those of the last one stored (the
  // pods of one ReplicaSet differ in a few metadata fields).
  const ObjectMap::Place place = b.objects.locate(key);
  const ObjectMap::Entry* existing = b.objects.entry(place);
  const ObjectPtr& like = existing ? existing->object : b.last_put;
  // The spec's address is taken before obj is moved into the call (arguments are
  // evaluated in no set order; a moved-from obj has no members).
  const Json* spec = nullptr;
  if (auto it = spec_twin ? obj.find("spec") : obj.end(); it != obj.end()) spec = &*it;
  ObjectPtr stored = spec ? make_frozen_with(std::move(obj), like.get(), spec, *spec_twin)
                          : make_frozen(std::move(obj), like.get());
  b.last_put = stored;
  // One key per object, shared by the store, the history and every watcher.
  SharedKey shared;
  ObjectPtr previous = b.objects.put_at(place, key, stored, shared);
  record(b, {rv_, {previous ? WatchEvent::Type::Modified : WatchEvent::Type::Added, stored, std::move(shared), rv_},
             std::move(previous)});
  return stored;
}

void Store::erase(const ResourceInfo& res, std::string_view key, Json final_state) {
  Bucket& b = bucket(res);
  const ObjectMap::Entry* existing = b.objects.find(key);
  if (!existing) return;
  SharedKey shared = existing->key;
  ObjectPtr previous = b.objects.erase(key);
  ++rv_;
  ObjectPtr last = make_frozen(std::move(final_state), previous.get());  // the last version, but for its metadata
  record(b, {rv_, {WatchEvent::Type::Deleted, std::move(last), std::move(shared), rv_}, std::move(previous)});
}

WatchPtr Store::watch(const ResourceInfo& res, const std::string& ns, std::optional<std::uint64_t> from_rv,
                      ObjectFilter filter, bool bookmarks, WatchHandler handler) {
  Bucket& b = bucket(res);
  if (from_rv && *from_rv < b.floor) {
    throw ApiError::expired("too old resource version: " + std::to_string(*from_rv) + " (" +
                            std::to_string(b.floor) + ")");
  }
  auto w = std::make_shared<WatchImpl>(*this, b, ns, std::move(filter), bookmarks, std::move(handler));
  if (!from_rv) {
    // Current state as synthetic ADDED events, in key order.
    b.objects.for_each([&](const ObjectMap::Entry& e) {
      if (w->in_scope(*e.object)) w->push({WatchEvent::Type::Added, e.object, e.key});
    });
  } else {
    // The replay window (entries before it, kept for slower watches, are older than floor).
    b.history.for_each([&](const HistoryEntry& e) {
      if (e.rv > *from_rv) w->replay(e);
    });
  }
  b.watchers.push_back({w, w.get()});
  if (bookmarks) schedule_bookmarks();
  return w;
}

void Store::schedule_bookmarks() {
  if (bookmark_timer_ || bookmark_interval_.us <= 0) return;
  bookmark_timer_ = true;
  sim_.schedule(bookmark_interval_, [this] {
    bookmark_timer_ = false;
    bool any = false;
    for (auto& [res, b] : buckets_) {
      for (auto& wk : b->watchers) {
        auto w = wk.weak.lock();
        if (!w || !w->wants_bookmarks()) continue;
        any = true;
        Json bm = {{"kind", res->kind},
                   {"apiVersion", res->api_version()},
                   {"metadata", {{"resourceVersion", std::to_string(rv_)}}}};
        w->push({WatchEvent::Type::Bookmark, make_object(std::move(bm)), nullptr, rv_});
      }
    }
    if (any) schedule_bookmarks();
  });
}

std::size_t Store::log_size(const ResourceInfo& res) const {
  const Bucket* b = find_bucket(res);
  return b ? b->history.size() : 0;
}

StoreStats Store::stats() const {
  StoreStats s;
  for (const auto& [res, b] : buckets_) s.objects += b->objects.size();
  s.writes = writes_;
  s.watch_events_delivered = delivered_;
  return s;
}

}  // namespace kt::api
