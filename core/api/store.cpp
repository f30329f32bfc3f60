#include "core/api/store.h"

#include <algorithm>

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

// One watch: filters events, buffers them and delivers each batch in a simulator
// event, so handlers never run inside the write that caused them.
class Store::WatchImpl : public Watch, public std::enable_shared_from_this<WatchImpl> {
 public:
  WatchImpl(Store& store, std::string ns, ObjectFilter filter, bool bookmarks, WatchHandler handler)
      : store_(store), ns_(std::move(ns)), filter_(std::move(filter)), bookmarks_(bookmarks),
        handler_(std::move(handler)) {}

  void stop() override {
    stopped_ = true;
    pending_.clear();
  }
  bool stopped() const override { return stopped_; }
  bool wants_bookmarks() const { return bookmarks_ && !stopped_; }

  bool in_scope(const Json& obj) const {
    if (!ns_.empty() && meta::namespace_of(obj) != ns_) return false;
    return !filter_ || filter_(obj);
  }

  // Turns a store change into what this watch sees: an object entering the
  // selection is ADDED, one leaving it is DELETED (kube's watch cache does this).
  void offer(const HistoryEntry& e) {
    if (stopped_) return;
    const bool now_in = in_scope(*e.object);
    const bool was_in = e.previous && in_scope(*e.previous);
    switch (e.type) {
      case WatchEvent::Type::Added:
        if (now_in) push({WatchEvent::Type::Added, e.object, e.key});
        break;
      case WatchEvent::Type::Modified:
        if (now_in && was_in) push({WatchEvent::Type::Modified, e.object, e.key});
        else if (now_in) push({WatchEvent::Type::Added, e.object, e.key});
        else if (was_in) push({WatchEvent::Type::Deleted, e.object, e.key});
        break;
      case WatchEvent::Type::Deleted:
        if (was_in || now_in) push({WatchEvent::Type::Deleted, e.object, e.key});
        break;
      default:
        push({e.type, e.object, e.key});
    }
  }

  const WatchEvent* peek(std::size_t ahead) const override {
    return ahead >= 1 && ahead <= pending_.size() ? &pending_[ahead - 1] : nullptr;
  }

  void push(WatchEvent ev) {
    pending_.push_back(std::move(ev));
    if (scheduled_) return;
    scheduled_ = true;
    std::weak_ptr<WatchImpl> self = weak_from_this();
    store_.sim_.schedule(sim::Duration{}, [self] {
      if (auto w = self.lock()) w->deliver();
    });
  }

 private:
  void deliver() {
    scheduled_ = false;
    // Handlers may write (queueing more events here) or stop the watch.
    while (!pending_.empty() && !stopped_) {
      WatchEvent ev = std::move(pending_.front());
      pending_.pop_front();
      ++store_.delivered_;
      handler_(ev);
    }
  }

  Store& store_;
  std::string ns_;
  ObjectFilter filter_;
  bool bookmarks_;
  WatchHandler handler_;
  std::deque<WatchEvent> pending_;
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
  // Fan out first, in registration order; forget watches that were stopped.
  auto& ws = b.watchers;
  std::size_t live = 0;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    // Single-threaded: a watch not expired here stays alive through offer(), which
    // only queues (handlers run later, in their own simulator event).
    if (ws[i].weak.expired() || ws[i].raw->stopped()) continue;
    ws[i].raw->offer(e);
    if (live != i) ws[live] = std::move(ws[i]);
    ++live;
  }
  ws.resize(live);
  b.history.push_back(std::move(e));
  while (b.history.size() > history_cap_) {
    b.floor = b.history.front().rv;
    b.history.pop_front();
  }
}

ObjectPtr Store::put(const ResourceInfo& res, std::string_view key, Json obj) {
  Bucket& b = bucket(res);
  ++rv_;
  // Immutable from here on, in the compact form: a new version shares the unchanged
  // parts of the one it replaces, a new object those of the last one stored (the
  // pods of one ReplicaSet differ in a few metadata fields).
  const ObjectMap::Entry* existing = b.objects.find(key);
  const ObjectPtr& like = existing ? existing->object : b.last_put;
  ObjectPtr stored = make_frozen(std::move(obj), like.get());
  b.last_put = stored;
  // One key per object, shared by the store, the history and every watcher.
  SharedKey shared;
  ObjectPtr previous = b.objects.put(key, stored, shared);
  record(b, {rv_, previous ? WatchEvent::Type::Modified : WatchEvent::Type::Added, stored, std::move(previous),
             std::move(shared)});
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
  record(b, {rv_, WatchEvent::Type::Deleted, std::move(last), std::move(previous), std::move(shared)});
}

WatchPtr Store::watch(const ResourceInfo& res, const std::string& ns, std::optional<std::uint64_t> from_rv,
                      ObjectFilter filter, bool bookmarks, WatchHandler handler) {
  Bucket& b = bucket(res);
  if (from_rv && *from_rv < b.floor) {
    throw ApiError::expired("too old resource version: " + std::to_string(*from_rv) + " (" +
                            std::to_string(b.floor) + ")");
  }
  auto w = std::make_shared<WatchImpl>(*this, ns, std::move(filter), bookmarks, std::move(handler));
  if (!from_rv) {
    // Current state as synthetic ADDED events, in key order.
    b.objects.for_each([&](const ObjectMap::Entry& e) {
      if (w->in_scope(*e.object)) w->push({WatchEvent::Type::Added, e.object, e.key});
    });
  } else {
    for (const auto& e : b.history)
      if (e.rv > *from_rv) w->offer(e);
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
        w->push({WatchEvent::Type::Bookmark, make_object(std::move(bm))});
      }
    }
    if (any) schedule_bookmarks();
  });
}

StoreStats Store::stats() const {
  StoreStats s;
  for (const auto& [res, b] : buckets_) s.objects += b->objects.size();
  s.writes = writes_;
  s.watch_events_delivered = delivered_;
  return s;
}

}  // namespace kt::api
