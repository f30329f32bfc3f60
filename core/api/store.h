// Versioned object storage with watch: what etcd plus kube-apiserver's watch
// cache provide. Internal to the API server (which does validation, admission and
// the metadata bookkeeping); it stores what it is given.
//
// Invariants:
//  - resource_version() is the highest revision written; every put/erase gets a
//    new one, so revisions order all writes across all resources.
//  - For each resource, history holds the last N events in revision order; a watch
//    from revision R replays the history after R, or fails with 410 Expired if
//    events after R were already dropped.
//  - Events reach a watch in revision order, through one simulator event per
//    delivery batch, never inside the write that caused them.
//
// Fan-out: each resource's history doubles as the event log its watches read. A
// write appends one entry and wakes the watches; each watch keeps a cursor into
// the log and turns entries into what it sees (its namespace and selectors) when
// it delivers them. Entries leave the log once they are outside the replay window
// and every live watch has read them. (A queue per watch meant 20 copies of each
// event, with their references, for 20 informers.)
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/api/object_map.h"
#include "core/util/ring_buffer.h"

namespace kt::api {

// Decides whether an object belongs to a watch or list (namespace, selectors).
using ObjectFilter = std::function<bool(const Json&)>;

class Store {
 public:
  Store(sim::Simulator& sim, std::size_t history_per_resource, sim::Duration bookmark_interval);
  ~Store();

  std::uint64_t resource_version() const { return rv_; }
  std::uint64_t next_resource_version() const { return rv_ + 1; }

  ObjectPtr get(const ResourceInfo& res, std::string_view key) const;
  // Objects in key order ("ns/name"), restricted to a namespace when ns is non-empty.
  template <typename Fn>
  void for_each(const ResourceInfo& res, const std::string& ns, Fn&& fn) const;
  std::size_t count(const ResourceInfo& res) const;

  // Stores obj (whose metadata.resourceVersion must already be next_resource_version())
  // and notifies watchers. Returns the stored pointer. `spec_twin`: a stored spec
  // known to be identical to obj's (the create memo's), shared without comparing.
  ObjectPtr put(const ResourceInfo& res, std::string_view key, Json obj, const Json* spec_twin = nullptr);
  // Removes the object; `final_state` (with the new resourceVersion) is what watchers
  // receive in the DELETED event.
  void erase(const ResourceInfo& res, std::string_view key, Json final_state);

  WatchPtr watch(const ResourceInfo& res, const std::string& ns, std::optional<std::uint64_t> from_rv,
                 ObjectFilter filter, bool bookmarks, WatchHandler handler);

  StoreStats stats() const;
  // The entries a resource's log holds: the replay window, and older ones that a live
  // watch has yet to read.
  std::size_t log_size(const ResourceInfo& res) const;

 private:
  struct Bucket;
  class WatchImpl;
  struct HistoryEntry {
    std::uint64_t rv;
    WatchEvent event;    // as a watch that sees the object before and after the write gets it
    ObjectPtr previous;  // null for ADDED
  };

  Bucket& bucket(const ResourceInfo& res);
  const Bucket* find_bucket(const ResourceInfo& res) const;
  void record(Bucket& b, HistoryEntry e);
  void schedule_bookmarks();

  sim::Simulator& sim_;
  std::size_t history_cap_;
  sim::Duration bookmark_interval_;
  std::uint64_t rv_ = 1;  // kube's first revision after bootstrap is > 1; 1 is "empty"
  std::map<const ResourceInfo*, std::unique_ptr<Bucket>> buckets_;
  std::uint64_t writes_ = 0;
  std::uint64_t delivered_ = 0;
  bool bookmark_timer_ = false;
};

struct Store::Bucket {
  ObjectMap objects;
  // Revision order. The newest history_per_resource entries are the replay window;
  // older ones stay while a live watch has yet to read them.
  util::RingBuffer<HistoryEntry> history;
  std::uint64_t first_seq = 0;  // the log position of history.front(); positions never repeat
  std::uint64_t floor = 0;      // the replay window holds every revision > floor
  std::uint64_t end_seq() const { return first_seq + history.size(); }
  const HistoryEntry& at(std::uint64_t seq) const { return history[static_cast<std::size_t>(seq - first_seq)]; }
  ObjectPtr last_put;       // the newest object stored: what the next new one likely resembles
  // A watch lives as long as its owner holds it. `raw` is used once `weak` is known
  // not to have expired (a load, where lock() is an atomic read-modify-write pair
  // per watcher and write).
  struct WatcherRef {
    std::weak_ptr<WatchImpl> weak;
    WatchImpl* raw;
  };
  std::vector<WatcherRef> watchers;
};

template <typename Fn>
void Store::for_each(const ResourceInfo& res, const std::string& ns, Fn&& fn) const {
  const Bucket* b = find_bucket(res);
  if (!b) return;
  if (ns.empty()) {
    b->objects.for_each([&](const ObjectMap::Entry& e) { fn(e.object); });
    return;
  }
  const std::string prefix = ns + "/";
  b->objects.for_each_prefix(prefix, [&](const ObjectMap::Entry& e) { fn(e.object); });
}

}  // namespace kt::api
