// The API server: the only way components read or change the cluster.
//
// Semantics follow kube-apiserver v1.32 (storage: one global, monotonically
// increasing resourceVersion, as etcd's revision):
//  - Every write bumps the global resourceVersion and stores an immutable object.
//  - Reads return shared immutable objects (ObjectPtr); never cast away const.
//  - Errors are thrown as ApiError carrying the metav1.Status kube would send.
//  - Watches deliver events asynchronously, through the simulator, in the order
//    the writes happened (an event scheduled at the write's virtual time). A
//    handler may write; its own writes reach it later, never re-entrantly.
//  - A watch from a resourceVersion older than the bounded history fails with
//    410 Expired ("too old resource version"), as the watch cache does.
//
// Writes go: decode/check → defaults → admission (mutating) → prepare → validation
// → admission (validating) → store. dryRun stops before the store.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/admission.h"
#include "core/api/errors.h"
#include "core/api/object.h"
#include "core/api/resources.h"
#include "core/sim/random.h"
#include "core/sim/simulator.h"

namespace kt::api {

struct ObjectKey;  // object_map.h

enum class FieldValidation { Ignore, Warn, Strict };
enum class PatchType { Merge, Strategic, Json, Apply };
enum class Propagation { Default, Orphan, Background, Foreground };

struct ListOptions {
  std::string label_selector;
  std::string field_selector;
  std::int64_t limit = 0;        // 0: no paging
  std::string continue_token;
};

struct ListResult {
  std::vector<ObjectPtr> items;
  std::uint64_t resource_version = 0;
  std::string continue_token;
  std::int64_t remaining = 0;  // metadata.remainingItemCount when paging
};

struct WriteOptions {
  bool dry_run = false;
  std::string field_manager;
  FieldValidation validation = FieldValidation::Ignore;
  std::string subresource;  // "", "status", "scale"
  bool force = false;       // server-side apply --force-conflicts
};

struct DeleteOptions {
  Propagation propagation = Propagation::Default;
  std::optional<std::int64_t> grace_period_seconds;
  std::optional<std::string> precondition_uid;
  std::optional<std::uint64_t> precondition_resource_version;
  bool dry_run = false;
};

struct WatchEvent {
  enum class Type { Added, Modified, Deleted, Bookmark, Error };
  Type type;
  ObjectPtr object;  // for Bookmark: only metadata.resourceVersion; for Error: a Status
  // The object's store key (meta::key) and its hash, shared with the store so that
  // watchers (informer caches) need not build, keep or hash a copy. Null for
  // Bookmark and Error.
  std::shared_ptr<const ObjectKey> key = nullptr;
  // The object's metadata.resourceVersion as a number, where the store sends it
  // (changes and bookmarks); 0: read it from the object.
  std::uint64_t resource_version = 0;
};
std::string_view to_string(WatchEvent::Type t);  // "ADDED", "MODIFIED", ...

struct WatchOptions {
  // "" or "0": start with synthetic ADDED events for the current state.
  // "N": every change after N (410 Expired if N fell out of history).
  std::string resource_version;
  std::string label_selector;
  std::string field_selector;
  bool allow_bookmarks = false;
};

class Watch {
 public:
  virtual ~Watch() = default;
  virtual void stop() = 0;
  virtual bool stopped() const = 0;
  // The `ahead`-th event (1, 2, ...) queued for delivery and not yet delivered, or
  // null. While the handler runs, peek(1) is the event after the one it was given.
  // Lets a handler prepare for what comes (an informer prefetches its cache slots).
  virtual const WatchEvent* peek(std::size_t /*ahead*/) const { return nullptr; }
};
using WatchPtr = std::shared_ptr<Watch>;
using WatchHandler = std::function<void(const WatchEvent&)>;

// Writes that happened, for observers that want the raw log (UI timelines, tests).
struct StoreStats {
  std::uint64_t objects = 0;
  std::uint64_t writes = 0;
  std::uint64_t watch_events_delivered = 0;
};

class CreateMemo;
class Store;
struct VersionConversion;

class ApiServer {
 public:
  struct Config {
    std::size_t watch_history = 10000;       // events kept per resource for watch resumption
    sim::Duration bookmark_interval = sim::seconds(60);
  };

  ApiServer(sim::Simulator& sim, sim::Random rng);
  ApiServer(sim::Simulator& sim, sim::Random rng, Config cfg);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  const ResourceRegistry& registry() const { return registry_; }
  sim::Simulator& sim() { return sim_; }
  // Looks a resource up by its API path parts; throws NotFound for unknown ones.
  const ResourceInfo& resource(std::string_view group, std::string_view plural) const;

  void add_admission(std::unique_ptr<AdmissionPlugin> plugin);

  ObjectPtr create(const ResourceInfo& res, std::string_view ns, Json obj, const WriteOptions& opts = {});
  ObjectPtr get(const ResourceInfo& res, std::string_view ns, std::string_view name) const;
  // Like get, but returns null instead of throwing NotFound.
  ObjectPtr try_get(const ResourceInfo& res, std::string_view ns, std::string_view name) const;
  ListResult list(const ResourceInfo& res, std::string_view ns, const ListOptions& opts = {}) const;
  ObjectPtr update(const ResourceInfo& res, std::string_view ns, Json obj, const WriteOptions& opts = {});
  ObjectPtr patch(const ResourceInfo& res, std::string_view ns, std::string_view name, PatchType type,
                  const Json& patch, const WriteOptions& opts = {});
  // Returns the object as left by the call: with deletionTimestamp set when the
  // deletion waits for finalizers or a graceful pod shutdown, else its last state.
  ObjectPtr remove(const ResourceInfo& res, std::string_view ns, std::string_view name,
                   const DeleteOptions& opts = {});
  WatchPtr watch(const ResourceInfo& res, std::string_view ns, const WatchOptions& opts, WatchHandler handler);

  // pods/binding: assigns a pending pod to a node (the scheduler's write). Sets
  // spec.nodeName and the PodScheduled condition; the pod-update rules do not apply.
  ObjectPtr bind_pod(std::string_view ns, std::string_view name, const std::string& node,
                     const WriteOptions& opts = {});

  // The scale subresource (autoscaling/v1 Scale) for deployments, replicasets,
  // statefulsets and replicationcontrollers.
  Json get_scale(const ResourceInfo& res, std::string_view ns, std::string_view name) const;
  Json update_scale(const ResourceInfo& res, std::string_view ns, std::string_view name, std::int64_t replicas,
                    const WriteOptions& opts = {});

  std::uint64_t current_resource_version() const;
  StoreStats stats() const;
  // Warnings produced by the last write (e.g. fieldValidation=Warn unknown fields).
  const std::vector<std::string>& last_warnings() const { return warnings_; }

  // "2024-01-01T00:00:00Z" of the simulator's now.
  std::string now_rfc3339() const;
  // A random version-4 UUID from the server's seeded stream.
  std::string new_uid();

 private:
  // `applied`: a server-side apply that has already set metadata.managedFields;
  // other writes hand the fields they change to their field manager.
  ObjectPtr write_update(const ResourceInfo& res, std::string_view ns, Json obj, const ObjectPtr& old,
                         const WriteOptions& opts, bool applied = false);
  ObjectPtr write_converted(const VersionConversion& conv, const ResourceInfo& res, std::string_view ns, Json obj,
                            const WriteOptions& opts, bool applied);
  ObjectPtr finish_delete(const ResourceInfo& res, const ObjectPtr& current, bool dry_run);
  void run_admission(AdmissionRequest& req);
  void check_namespace(const ResourceInfo& res, std::string_view ns, Operation op) const;

  sim::Simulator& sim_;
  sim::Random rng_;
  Config cfg_;
  const ResourceRegistry& registry_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<CreateMemo> memo_;  // checks an identical spec need not repeat
  std::vector<std::unique_ptr<AdmissionPlugin>> admission_;
  std::vector<std::string> warnings_;
};

}  // namespace kt::api
