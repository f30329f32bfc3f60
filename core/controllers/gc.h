// The garbage collector (pkg/controller/garbagecollector): deletes objects whose
// owners are gone, and carries out foreground and orphan deletion.
//
// Parts, as in kube:
//  - GraphBuilder: informers on every resource that can own or be owned (preferred
//    versions with list, watch and delete; events excluded) feed a queue of graph
//    changes; one simulator event drains it in order and keeps the owner→dependents
//    graph keyed by UID. An ownerReference to a UID not seen yet creates a "virtual"
//    node, which is verified by a live GET.
//  - attemptToDelete (--concurrent-gc-syncs workers), keyed by UID:
//      * a node whose object is gone (live GET: NotFound or another UID) is removed by
//        a "virtual delete event", and its dependents are enqueued;
//      * an object in foreground deletion (foregroundDeletion finalizer) waits until no
//        dependent with blockOwnerDeletion=true points at it, then the finalizer is
//        removed (the API server then erases it);
//      * otherwise its ownerReferences are classified by live GET as solid (owner
//        exists), dangling (absent, or a different UID), or waiting (owner in
//        foreground deletion): with a solid owner, dangling/waiting references are
//        patched away; with only waiting owners and dependents of its own, it is
//        deleted with Foreground; with no solid owner it is deleted (Background,
//        or the policy its own orphan/foregroundDeletion finalizer asks for).
//        Deletes carry UID and resourceVersion preconditions.
//  - attemptToOrphan, keyed by UID: an owner with the `orphan` finalizer and a
//    deletionTimestamp has its UID removed from every dependent's ownerReferences,
//    then the finalizer removed.
// Transitions come from graph changes: an object that starts being deleted with
// `orphan` goes to attemptToOrphan; with `foregroundDeletion`, it and all its
// dependents go to attemptToDelete. A deleted node's dependents, and its owners that
// are deleting dependents, go to attemptToDelete.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/api/apiserver.h"
#include "core/client/controller.h"
#include "core/client/events.h"
#include "core/client/informer.h"

namespace kt::controllers {

class GarbageCollector {
 public:
  struct OwnerRef {
    std::string api_version, kind, name, uid;
    bool controller = false;
    bool block_owner_deletion = false;
    bool operator==(const OwnerRef&) const = default;
  };
  struct Identity {
    std::string api_version, kind, ns, name, uid;
    bool operator==(const Identity&) const = default;
  };
  struct Node {
    Identity identity;
    std::vector<OwnerRef> owners;
    std::set<std::string> dependents;  // UIDs
    bool being_deleted = false;
    bool deleting_dependents = false;
    bool is_virtual = false;  // known only from ownerReferences, not observed yet
  };

  struct Options {
    int workers = 20;  // --concurrent-gc-syncs
  };

  GarbageCollector(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts);
  GarbageCollector(api::ApiServer& api, client::SharedInformerFactory& factory)
      : GarbageCollector(api, factory, Options{}) {}
  ~GarbageCollector();

  void start();
  void stop();

  // The resources the collector watches (GetDeletableResources minus ignored ones).
  static std::vector<const api::ResourceInfo*> deletable_resources(const api::ResourceRegistry& reg);

  // Inspection (tests, UI).
  const Node* node(const std::string& uid) const;
  std::size_t graph_size() const { return graph_.size(); }
  client::Controller& attempt_to_delete();
  client::Controller& attempt_to_orphan();
  std::uint64_t graph_changes_processed() const { return graph_changes_processed_; }

 private:
  class DeleteWorker;
  class OrphanWorker;
  struct GraphChange {
    enum class Type { Add, Update, Delete } type;
    bool is_virtual = false;
    Identity identity;       // for virtual deletes
    api::ObjectPtr old_obj;  // updates
    api::ObjectPtr obj;      // add/update/delete (null for virtual deletes)
    const api::ResourceInfo* res = nullptr;
  };

  // Graph builder.
  void push_change(GraphChange c);
  void drain_changes();
  void process_change(const GraphChange& c);
  void insert_node(Node n);
  void remove_node(const std::string& uid);
  void add_dependent_to_owners(const std::string& uid, const std::vector<OwnerRef>& owners);
  void remove_dependent_from_owners(const std::string& uid, const std::vector<OwnerRef>& owners);
  void process_transitions(const api::ObjectPtr& old_obj, const Json& obj, Node& n);
  void enqueue_virtual_delete(const Identity& id);

  // Workers.
  client::SyncResult attempt_to_delete_item(const std::string& uid);
  client::SyncResult process_deleting_dependents(const Node& n);
  client::SyncResult attempt_to_orphan_item(const std::string& uid);
  // Live lookups and writes.
  const api::ResourceInfo* resource_for(const std::string& api_version, const std::string& kind) const;
  api::ObjectPtr get_live(const Identity& id) const;
  void remove_finalizer(const Identity& id, const std::string& finalizer);
  void patch_owner_refs(const Identity& id, const Json& latest, const std::set<std::string>& remove_uids,
                        bool unblock_all);
  void delete_object(const Identity& id, const Json& latest, api::Propagation policy);

  api::ApiServer& api_;
  std::map<std::string, Node> graph_;
  std::deque<GraphChange> changes_;
  bool drain_scheduled_ = false;
  bool running_ = false;
  std::uint64_t graph_changes_processed_ = 0;
  std::unique_ptr<DeleteWorker> delete_worker_;
  std::unique_ptr<OrphanWorker> orphan_worker_;
  std::vector<std::pair<client::SharedInformer*, client::HandlerId>> handlers_;
  client::EventRecorder recorder_;
  client::Lifetime life_;
};

}  // namespace kt::controllers
