// Shared informers: client-go's Reflector + DeltaFIFO + Indexer + SharedIndexInformer
// (staging/src/k8s.io/client-go/tools/cache), collapsed onto the simulator.
//
// Life of an informer:
//  1. start(): LIST (all namespaces, or `ns`), fill the cache, call on_add for every
//     object (key order), mark has_synced(), then WATCH from the list's
//     resourceVersion (with bookmarks). All synchronous, inside start().
//  2. Watch events arrive as simulator events (ApiServer contract). Each updates the
//     cache first and then calls the handlers: ADDED → on_add (or on_update if the
//     key was cached), MODIFIED → on_update(old, new), DELETED → on_delete(last).
//     Objects are the server's shared ObjectPtr: never cast away const.
//  3. A watch that cannot resume (410 Expired at watch(), or an ERROR event with
//     code 410) triggers a relist, and the difference is delivered as the Reflector
//     + DeltaFIFO.Replace would: listed objects first, in list order — unknown keys as
//     on_add, changed resourceVersions as on_update(old, new), unchanged ones as a
//     resync (on_update(obj, obj), only to handlers with a resync period, as
//     sharedIndexInformer.OnUpdate does for Replaced deltas) — then every cached key
//     missing from the list as on_delete(last known state) (DeletedFinalStateUnknown).
//  4. Resync: a handler with resync_period > 0 gets on_update(obj, obj) for every
//     cached object every period (virtual time).
//  drop_watch(d) simulates a broken connection: the watch stops and the reflector
//  re-watches from its last resourceVersion after d (a relist if that is too old).
//
// Indexes: "namespace" always exists; add_indexer() adds more (may be called at any
// time; existing objects are indexed at once). Standard index functions below.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/apiserver.h"
#include "core/api/labels.h"
#include "core/api/object_map.h"
#include "core/client/lifetime.h"

namespace kt::client {

using api::ObjectPtr;

struct ResourceEventHandler {
  std::function<void(const ObjectPtr& obj)> on_add;
  std::function<void(const ObjectPtr& old_obj, const ObjectPtr& new_obj)> on_update;
  std::function<void(const ObjectPtr& last)> on_delete;
  sim::Duration resync_period{};  // 0: no periodic resync for this handler
};
using HandlerId = std::uint64_t;

using IndexFunc = std::function<std::vector<std::string>(const Json& obj)>;

// The index names and functions controllers share.
inline constexpr const char* kNamespaceIndex = "namespace";
inline constexpr const char* kNodeNameIndex = "spec.nodeName";       // pods
inline constexpr const char* kControllerUIDIndex = "controller-uid";  // controlling ownerRef UID
inline constexpr const char* kOwnerUIDIndex = "owner-uid";            // every ownerRef UID
std::vector<std::string> index_by_namespace(const Json& obj);
std::vector<std::string> index_by_node_name(const Json& obj);  // [] when unscheduled
std::vector<std::string> index_by_controller_uid(const Json& obj);
std::vector<std::string> index_by_owner_uid(const Json& obj);

struct InformerOptions {
  std::string ns;              // "" = all namespaces
  std::string label_selector;  // tweakListOptions, for non-shared informers
  std::string field_selector;
};

class Lister;

class SharedInformer {
 public:
  struct Stats {
    std::uint64_t lists = 0;     // LISTs, the first included
    std::uint64_t relists = 0;   // LISTs after a 410
    std::uint64_t watches = 0;   // WATCH calls
    std::uint64_t events = 0;    // watch events applied (bookmarks excluded)
  };

  SharedInformer(api::ApiServer& api, const api::ResourceInfo& res, InformerOptions opts = {});
  ~SharedInformer();
  SharedInformer(const SharedInformer&) = delete;
  SharedInformer& operator=(const SharedInformer&) = delete;

  const api::ResourceInfo& resource() const { return res_; }

  // Registers a handler. On a started informer the current objects are replayed to
  // it as on_add at once (client-go does the same, asynchronously).
  HandlerId add_handler(ResourceEventHandler h);
  void remove_handler(HandlerId id);
  void add_indexer(const std::string& name, IndexFunc fn);

  void start();
  void stop();
  bool started() const { return started_; }
  bool has_synced() const { return synced_; }
  // The resourceVersion of the last list, watch event or bookmark seen.
  std::uint64_t last_resource_version() const;

  // Cache reads (key order).
  ObjectPtr get(std::string_view key) const;
  ObjectPtr get(std::string_view ns, std::string_view name) const;
  std::vector<ObjectPtr> list() const;
  std::vector<ObjectPtr> list_namespace(std::string_view ns) const;
  std::vector<ObjectPtr> by_index(std::string_view index, std::string_view value) const;
  std::vector<std::string> keys() const;
  std::size_t size() const { return items_.size(); }
  Lister lister() const;

  // Fault injection: the watch connection breaks; re-watch after `reconnect_after`.
  void drop_watch(sim::Duration reconnect_after = {});
  const Stats& stats() const { return stats_; }

 private:
  struct Handler {
    ResourceEventHandler h;
    sim::EventId resync_event = 0;
  };
  struct Index {
    IndexFunc fn;
    std::map<std::string, std::set<std::string>> values;  // index value → keys
  };

  void list_and_watch(bool relist);
  void start_watch();
  void on_watch_event(const api::WatchEvent& ev);
  void watch_failed(bool expired);
  ObjectPtr store(const api::SharedKey& key, const ObjectPtr& obj);  // returns the replaced object
  void erase(const std::string& key);
  void index_add(const std::string& key, const Json& obj);
  void index_remove(const std::string& key, const Json& obj);
  void notify_add(const ObjectPtr& obj);
  void notify_update(const ObjectPtr& old_obj, const ObjectPtr& new_obj, bool is_sync);
  void notify_delete(const ObjectPtr& obj);
  void schedule_resync(HandlerId id);

  api::ApiServer& api_;
  const api::ResourceInfo& res_;
  InformerOptions opts_;
  api::ObjectMap items_;
  // Every index but the built-in "namespace" one, which is answered from items_
  // (keys are "ns/name", so a namespace is a key prefix): keeping it as a map of
  // key sets cost ~130 bytes and ~2,000 instructions per cached object.
  std::map<std::string, Index> indexes_;
  bool namespace_index_builtin_ = true;
  std::map<HandlerId, Handler> handlers_;
  HandlerId next_handler_ = 1;
  api::WatchPtr watch_;
  sim::EventId reconnect_event_ = 0;
  // The resourceVersion seen last. Watch events arrive in revision order and the
  // store's carry it as a number; an event without one (a relist's synthetic ADDED)
  // leaves its object here, read only when the value is needed (parsing it for each
  // of 20 informers was ~13% of the bench).
  mutable std::uint64_t last_rv_ = 0;
  mutable ObjectPtr last_event_object_;
  bool started_ = false;
  bool synced_ = false;
  Stats stats_;
  Lifetime life_;
};

// A read-only view of an informer's cache (client-go listers).
class Lister {
 public:
  explicit Lister(const SharedInformer& inf) : inf_(&inf) {}
  // Null when absent. For cluster-scoped resources pass ns "".
  ObjectPtr get(std::string_view ns, std::string_view name) const;
  // ns "" = all namespaces. Key order.
  std::vector<ObjectPtr> list(std::string_view ns = "") const;
  std::vector<ObjectPtr> list(std::string_view ns, const api::LabelSelector& selector) const;
  std::vector<ObjectPtr> list(std::string_view ns, const std::function<bool(const Json&)>& pred) const;
  std::vector<ObjectPtr> by_index(std::string_view index, std::string_view value) const {
    return inf_->by_index(index, value);
  }

 private:
  const SharedInformer* inf_;
};

// One shared informer per resource for a whole cluster (SharedInformerFactory).
class SharedInformerFactory {
 public:
  explicit SharedInformerFactory(api::ApiServer& api);
  ~SharedInformerFactory();

  api::ApiServer& api() { return api_; }
  // The shared informer of `res` (created on first request, started by start()).
  SharedInformer& informer(const api::ResourceInfo& res);
  SharedInformer& informer(std::string_view group, std::string_view plural);
  // Starts every informer not started yet (call again after requesting more).
  void start();
  void stop();
  bool has_synced() const;
  std::vector<SharedInformer*> informers() const;

 private:
  api::ApiServer& api_;
  std::map<std::string, std::unique_ptr<SharedInformer>> informers_;  // "apps/v1/deployments"
};

}  // namespace kt::client
