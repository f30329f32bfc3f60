// The garbage collector. Map of this file:
//   1. helpers: owner references, finalizers
//   2. workers (Controllers wrapping the two queues), wiring, start/stop
//   3. graph builder: graph changes → graph → queues
//   4. attemptToDelete
//   5. attemptToOrphan
//   6. live lookups and writes
#include "core/controllers/gc.h"

#include <algorithm>

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

constexpr const char* kOrphanFinalizer = "orphan";
constexpr const char* kForegroundFinalizer = "foregroundDeletion";

std::vector<GarbageCollector::OwnerRef> owner_refs_of(const Json& obj) {
  std::vector<GarbageCollector::OwnerRef> out;
  const Json& refs = api::field(obj, {"metadata", "ownerReferences"});
  if (!refs.is_array()) return out;
  for (const auto& r : refs) {
    if (!r.is_object()) continue;
    GarbageCollector::OwnerRef o;
    o.api_version = r.value("apiVersion", "");
    o.kind = r.value("kind", "");
    o.name = r.value("name", "");
    o.uid = r.value("uid", "");
    o.controller = r.value("controller", false);
    o.block_owner_deletion = r.value("blockOwnerDeletion", false);
    if (!o.uid.empty()) out.push_back(std::move(o));
  }
  return out;
}

bool has_finalizer(const Json& obj, std::string_view f) {
  const Json& fs = api::field(obj, {"metadata", "finalizers"});
  if (!fs.is_array()) return false;
  for (const auto& x : fs)
    if (x.is_string() && x.get_ref<const std::string&>() == f) return true;
  return false;
}

// deletionStartsWithFinalizer: the new state is being deleted with `f`, the old one
// was not (or did not have it).
bool deletion_starts_with_finalizer(const ObjectPtr& old_obj, const Json& obj, std::string_view f) {
  if (!api::meta::being_deleted(obj) || !has_finalizer(obj, f)) return false;
  if (!old_obj) return true;
  return !api::meta::being_deleted(*old_obj) || !has_finalizer(*old_obj, f);
}

}  // namespace

// ---- 2. workers, wiring ------------------------------------------------------------

class GarbageCollector::DeleteWorker : public client::Controller {
 public:
  DeleteWorker(GarbageCollector& gc, int workers)
      : client::Controller(gc.api_.sim(), Options{"garbage_collector_attempt_to_delete", workers, {}, nullptr}),
        gc_(gc) {}

 protected:
  SyncResult sync(const std::string& uid) override { return gc_.attempt_to_delete_item(uid); }

 private:
  GarbageCollector& gc_;
};

class GarbageCollector::OrphanWorker : public client::Controller {
 public:
  OrphanWorker(GarbageCollector& gc, int workers)
      : client::Controller(gc.api_.sim(), Options{"garbage_collector_attempt_to_orphan", workers, {}, nullptr}),
        gc_(gc) {}

 protected:
  SyncResult sync(const std::string& uid) override { return gc_.attempt_to_orphan_item(uid); }

 private:
  GarbageCollector& gc_;
};

GarbageCollector::GarbageCollector(api::ApiServer& api, client::SharedInformerFactory& factory, Options opts)
    : api_(api), delete_worker_(std::make_unique<DeleteWorker>(*this, opts.workers)),
      orphan_worker_(std::make_unique<OrphanWorker>(*this, opts.workers)),
      recorder_(api, "garbage-collector-controller") {
  for (const api::ResourceInfo* res : deletable_resources(api.registry())) {
    client::SharedInformer& inf = factory.informer(*res);
    client::ResourceEventHandler h;
    h.on_add = [this, res](const ObjectPtr& o) { push_change({GraphChange::Type::Add, false, {}, nullptr, o, res}); };
    h.on_update = [this, res](const ObjectPtr& old_obj, const ObjectPtr& o) {
      push_change({GraphChange::Type::Update, false, {}, old_obj, o, res});
    };
    h.on_delete = [this, res](const ObjectPtr& o) {
      push_change({GraphChange::Type::Delete, false, {}, nullptr, o, res});
    };
    handlers_.emplace_back(&inf, inf.add_handler(std::move(h)));
  }
}

GarbageCollector::~GarbageCollector() {
  for (auto& [inf, id] : handlers_) inf->remove_handler(id);
}

std::vector<const api::ResourceInfo*> GarbageCollector::deletable_resources(const api::ResourceRegistry& reg) {
  std::vector<const api::ResourceInfo*> out;
  for (const auto& r : reg.all()) {
    if (!r.preferred) continue;
    if (!r.has_verb("list") || !r.has_verb("watch") || !r.has_verb("delete")) continue;
    // DefaultIgnoredResources: events in both groups.
    if (r.plural == "events" && (r.group.empty() || r.group == "events.k8s.io")) continue;
    out.push_back(&r);
  }
  return out;
}

void GarbageCollector::start() {
  running_ = true;
  delete_worker_->start();
  orphan_worker_->start();
  if (!changes_.empty()) drain_changes();
}

void GarbageCollector::stop() {
  running_ = false;
  delete_worker_->stop();
  orphan_worker_->stop();
}

client::Controller& GarbageCollector::attempt_to_delete() { return *delete_worker_; }
client::Controller& GarbageCollector::attempt_to_orphan() { return *orphan_worker_; }

const GarbageCollector::Node* GarbageCollector::node(const std::string& uid) const {
  auto it = graph_.find(uid);
  return it == graph_.end() ? nullptr : &it->second;
}

// ---- 3. graph builder --------------------------------------------------------------

void GarbageCollector::push_change(GraphChange c) {
  changes_.push_back(std::move(c));
  if (drain_scheduled_) return;
  drain_scheduled_ = true;
  api_.sim().schedule(sim::Duration{}, [w = life_.weak(), this] {
    if (w.expired()) return;
    drain_scheduled_ = false;
    if (running_) drain_changes();
  });
}

void GarbageCollector::drain_changes() {
  while (!changes_.empty()) {
    GraphChange c = std::move(changes_.front());
    changes_.pop_front();
    process_change(c);
    ++graph_changes_processed_;
  }
}

void GarbageCollector::process_change(const GraphChange& c) {
  Identity observed;
  if (c.is_virtual) {
    observed = c.identity;
  } else {
    const Json& o = *c.obj;
    observed = {c.res->api_version(), c.res->kind, api::meta::namespace_of(o), api::meta::name(o), api::meta::uid(o)};
  }
  auto it = graph_.find(observed.uid);
  const bool found = it != graph_.end();
  if (found && !c.is_virtual && it->second.is_virtual) {
    // The informer saw the object a virtual node stood for: from now on trust the
    // informer. Dependents whose reference disagrees with what was observed (another
    // kind or name, or a namespaced owner in another namespace) are re-checked.
    Node& n = it->second;
    for (const auto& dep_uid : n.dependents) {
      auto dep = graph_.find(dep_uid);
      if (dep == graph_.end()) continue;
      bool mismatch = !observed.ns.empty() && dep->second.identity.ns != observed.ns;
      for (const auto& r : dep->second.owners)
        if (r.uid == observed.uid && (r.kind != observed.kind || r.name != observed.name)) mismatch = true;
      if (mismatch) delete_worker_->enqueue_key(dep_uid);
    }
    n.identity = observed;
    n.is_virtual = false;
  }

  switch (c.type) {
    case GraphChange::Type::Add:
    case GraphChange::Type::Update: {
      const Json& o = *c.obj;
      if (!found) {
        Node n;
        n.identity = observed;
        n.owners = owner_refs_of(o);
        n.being_deleted = api::meta::being_deleted(o);
        n.deleting_dependents = n.being_deleted && has_finalizer(o, kForegroundFinalizer);
        const std::string uid = observed.uid;
        insert_node(std::move(n));
        process_transitions(c.old_obj, o, graph_[uid]);
        return;
      }
      Node& n = it->second;
      n.identity.api_version = observed.api_version;
      n.identity.kind = observed.kind;
      // referencesDiffs by UID.
      std::vector<OwnerRef> now = owner_refs_of(o);
      std::vector<OwnerRef> added, removed;
      std::vector<std::pair<OwnerRef, OwnerRef>> changed;
      for (const auto& r : now) {
        auto old = std::find_if(n.owners.begin(), n.owners.end(), [&](const OwnerRef& x) { return x.uid == r.uid; });
        if (old == n.owners.end()) added.push_back(r);
        else if (!(*old == r)) changed.emplace_back(*old, r);
      }
      for (const auto& r : n.owners)
        if (std::none_of(now.begin(), now.end(), [&](const OwnerRef& x) { return x.uid == r.uid; }))
          removed.push_back(r);
      if (!added.empty() || !removed.empty() || !changed.empty()) {
        // An owner waiting for its blocking dependents may now be unblocked.
        for (const auto& r : removed)
          if (r.block_owner_deletion && graph_.count(r.uid)) delete_worker_->enqueue_key(r.uid);
        for (const auto& [was, is] : changed)
          if (was.block_owner_deletion && !is.block_owner_deletion && graph_.count(is.uid))
            delete_worker_->enqueue_key(is.uid);
        const std::string uid = n.identity.uid;
        n.owners = now;
        add_dependent_to_owners(uid, added);
        remove_dependent_from_owners(uid, removed);
      }
      Node& cur = graph_[observed.uid];
      if (api::meta::being_deleted(o)) cur.being_deleted = true;
      process_transitions(c.old_obj, o, cur);
      return;
    }
    case GraphChange::Type::Delete: {
      if (!found) return;
      if (c.is_virtual && !it->second.is_virtual && !(it->second.identity == observed)) {
        // A real node is not removed on the word of a virtual delete for other
        // coordinates; dependents that used those coordinates are re-checked.
        for (const auto& dep : it->second.dependents) delete_worker_->enqueue_key(dep);
        return;
      }
      Node gone = it->second;
      remove_node(observed.uid);
      for (const auto& dep : gone.dependents) delete_worker_->enqueue_key(dep);
      for (const auto& owner : gone.owners) {
        auto on = graph_.find(owner.uid);
        if (on != graph_.end() && on->second.deleting_dependents) delete_worker_->enqueue_key(owner.uid);
      }
      return;
    }
  }
}

void GarbageCollector::insert_node(Node n) {
  const std::string uid = n.identity.uid;
  std::vector<OwnerRef> owners = n.owners;
  graph_[uid] = std::move(n);
  add_dependent_to_owners(uid, owners);
}

void GarbageCollector::remove_node(const std::string& uid) {
  auto it = graph_.find(uid);
  if (it == graph_.end()) return;
  std::vector<OwnerRef> owners = it->second.owners;
  graph_.erase(it);
  remove_dependent_from_owners(uid, owners);
}

void GarbageCollector::add_dependent_to_owners(const std::string& uid, const std::vector<OwnerRef>& owners) {
  const std::string dep_ns = graph_[uid].identity.ns;
  bool potentially_invalid = false;
  for (const auto& ref : owners) {
    auto on = graph_.find(ref.uid);
    if (on == graph_.end()) {
      // A virtual node for an owner not observed yet; attemptToDelete verifies it.
      Node v;
      const api::ResourceInfo* res = resource_for(ref.api_version, ref.kind);
      v.identity = {ref.api_version, ref.kind, (res && !res->namespaced) ? "" : dep_ns, ref.name, ref.uid};
      v.is_virtual = true;
      v.dependents.insert(uid);
      graph_[ref.uid] = std::move(v);
      delete_worker_->enqueue_key(ref.uid);
      continue;
    }
    on->second.dependents.insert(uid);
    const Identity& oid = on->second.identity;
    if (!oid.ns.empty() && oid.ns != dep_ns) {
      // Owners never span namespaces: this reference can only dangle.
      potentially_invalid = true;
      if (!on->second.is_virtual) {
        const Identity& d = graph_[uid].identity;
        Json dep = {{"apiVersion", d.api_version}, {"kind", d.kind},
                    {"metadata", {{"name", d.name}, {"namespace", d.ns}, {"uid", d.uid}}}};
        recorder_.event(dep, client::EventType::Warning, "OwnerRefInvalidNamespace",
                        "ownerRef [" + ref.api_version + "/" + ref.kind + ", namespace: " + d.ns + ", name: " +
                            ref.name + ", uid: " + ref.uid + "] does not exist in namespace \"" + d.ns + "\"");
      }
    } else if (oid.kind != ref.kind || oid.name != ref.name || oid.api_version != ref.api_version)
      potentially_invalid = true;
  }
  if (potentially_invalid) delete_worker_->enqueue_key(uid);
}

void GarbageCollector::remove_dependent_from_owners(const std::string& uid, const std::vector<OwnerRef>& owners) {
  for (const auto& ref : owners) {
    auto on = graph_.find(ref.uid);
    if (on != graph_.end()) on->second.dependents.erase(uid);
  }
}

void GarbageCollector::process_transitions(const ObjectPtr& old_obj, const Json& obj, Node& n) {
  if (deletion_starts_with_finalizer(old_obj, obj, kOrphanFinalizer)) {
    orphan_worker_->enqueue_key(n.identity.uid);
    return;
  }
  if (deletion_starts_with_finalizer(old_obj, obj, kForegroundFinalizer)) {
    n.deleting_dependents = true;
    for (const auto& dep : n.dependents) delete_worker_->enqueue_key(dep);
    delete_worker_->enqueue_key(n.identity.uid);
  }
}

void GarbageCollector::enqueue_virtual_delete(const Identity& id) {
  GraphChange c{GraphChange::Type::Delete, true, id, nullptr, nullptr, nullptr};
  push_change(std::move(c));
}

// ---- 4. attemptToDelete ---------------------------------------------------------------

SyncResult GarbageCollector::attempt_to_delete_item(const std::string& uid) {
  auto it = graph_.find(uid);
  if (it == graph_.end()) return SyncResult::ok();
  const Node n = it->second;  // a copy: writes below may not reach the graph until later events
  // "Being deleted" is a one-way trip; its dependents are handled when it is gone.
  if (n.being_deleted && !n.deleting_dependents) return SyncResult::ok();

  if (!resource_for(n.identity.api_version, n.identity.kind))
    return SyncResult::retry("unable to get REST mapping for " + n.identity.api_version + "/" + n.identity.kind);
  ObjectPtr latest = get_live(n.identity);
  if (!latest || api::meta::uid(*latest) != n.identity.uid) {
    enqueue_virtual_delete(n.identity);
    return SyncResult::ok();
  }

  SyncResult result = SyncResult::ok();
  if (n.deleting_dependents) {
    result = process_deleting_dependents(n);
  } else {
    std::vector<OwnerRef> refs = owner_refs_of(*latest);
    if (refs.empty()) {
      result = SyncResult::ok();
    } else {
      // classifyReferences, with live GETs of the owners.
      std::vector<OwnerRef> solid, dangling, waiting;
      for (const auto& ref : refs) {
        const api::ResourceInfo* ores = resource_for(ref.api_version, ref.kind);
        if (!ores) return SyncResult::retry("unable to get REST mapping for " + ref.api_version + "/" + ref.kind);
        // A cluster-scoped object cannot be owned by a namespaced one: the reference
        // never resolves, and retrying would not change that.
        if (n.identity.ns.empty() && ores->namespaced) return SyncResult::ok();
        ObjectPtr owner = api_.try_get(*ores, ores->namespaced ? n.identity.ns : "", ref.name);
        if (!owner || api::meta::uid(*owner) != ref.uid) dangling.push_back(ref);
        else if (api::meta::being_deleted(*owner) && has_finalizer(*owner, kForegroundFinalizer)) waiting.push_back(ref);
        else solid.push_back(ref);
      }
      if (!solid.empty()) {
        if (!dangling.empty() || !waiting.empty()) {
          std::set<std::string> drop;
          for (const auto& r : dangling) drop.insert(r.uid);
          for (const auto& r : waiting) drop.insert(r.uid);
          patch_owner_refs(n.identity, *latest, drop, false);
        }
      } else if (!waiting.empty() && !n.dependents.empty()) {
        // Its owner waits for it, and it has dependents of its own: delete it in the
        // foreground so they go first. A dependent that is itself deleting dependents
        // could form a cycle: make this object's references non-blocking first.
        for (const auto& dep_uid : n.dependents) {
          auto dep = graph_.find(dep_uid);
          if (dep != graph_.end() && dep->second.deleting_dependents) {
            patch_owner_refs(n.identity, *latest, {}, true);
            latest = get_live(n.identity);
            if (!latest) {
              enqueue_virtual_delete(n.identity);
              return SyncResult::ok();
            }
            break;
          }
        }
        delete_object(n.identity, *latest, api::Propagation::Foreground);
      } else {
        api::Propagation policy = api::Propagation::Background;
        if (has_finalizer(*latest, kOrphanFinalizer)) policy = api::Propagation::Orphan;
        else if (has_finalizer(*latest, kForegroundFinalizer)) policy = api::Propagation::Foreground;
        delete_object(n.identity, *latest, policy);
      }
    }
  }
  // A virtual node whose object exists keeps being checked until the informer
  // reports it (kube: "item hasn't been observed via informer yet").
  auto now = graph_.find(uid);
  if (result.kind == SyncResult::Kind::Ok && now != graph_.end() && now->second.is_virtual)
    return SyncResult::retry("item hasn't been observed via informer yet");
  return result;
}

SyncResult GarbageCollector::process_deleting_dependents(const Node& n) {
  // blockingDependents: dependents whose reference to n has blockOwnerDeletion=true.
  std::vector<std::string> blocking;
  for (const auto& dep_uid : n.dependents) {
    auto dep = graph_.find(dep_uid);
    if (dep == graph_.end()) continue;
    for (const auto& r : dep->second.owners)
      if (r.uid == n.identity.uid && r.block_owner_deletion) {
        blocking.push_back(dep_uid);
        break;
      }
  }
  if (blocking.empty()) {
    remove_finalizer(n.identity, kForegroundFinalizer);
    return SyncResult::ok();
  }
  for (const auto& dep_uid : blocking)
    if (!graph_[dep_uid].deleting_dependents) delete_worker_->enqueue_key(dep_uid);
  return SyncResult::ok();
}

// ---- 5. attemptToOrphan -------------------------------------------------------------------

SyncResult GarbageCollector::attempt_to_orphan_item(const std::string& uid) {
  auto it = graph_.find(uid);
  if (it == graph_.end()) return SyncResult::ok();
  const Node owner = it->second;
  std::string errors;
  for (const auto& dep_uid : owner.dependents) {
    auto dep = graph_.find(dep_uid);
    if (dep == graph_.end()) continue;
    const Identity id = dep->second.identity;
    try {
      ObjectPtr latest = get_live(id);
      if (!latest || api::meta::uid(*latest) != id.uid) continue;
      patch_owner_refs(id, *latest, {owner.identity.uid}, false);
    } catch (const api::ApiError& e) {
      if (e.code() == 404) continue;
      if (!errors.empty()) errors += ", ";
      errors += "orphaning " + id.ns + "/" + id.name + " failed, " + e.message();
    }
  }
  if (!errors.empty()) return SyncResult::retry("failed to orphan dependents of owner " + owner.identity.name + ": " + errors);
  remove_finalizer(owner.identity, kOrphanFinalizer);
  return SyncResult::ok();
}

// ---- 6. live lookups and writes --------------------------------------------------------------

const api::ResourceInfo* GarbageCollector::resource_for(const std::string& api_version, const std::string& kind) const {
  const api::ResourceInfo* r = api_.registry().find_kind(api_version, kind);
  if (r && !r->preferred) {
    // Another version of the same resource: use the preferred one (shared storage).
    if (const api::ResourceInfo* p = api_.registry().find_plural(r->group, r->plural)) return p;
  }
  return r;
}

ObjectPtr GarbageCollector::get_live(const Identity& id) const {
  const api::ResourceInfo* res = resource_for(id.api_version, id.kind);
  if (!res) return nullptr;
  if (res->namespaced && id.ns.empty()) return nullptr;
  return api_.try_get(*res, res->namespaced ? id.ns : "", id.name);
}

void GarbageCollector::remove_finalizer(const Identity& id, const std::string& finalizer) {
  ObjectPtr latest = get_live(id);
  if (!latest || api::meta::uid(*latest) != id.uid || !has_finalizer(*latest, finalizer)) return;
  Json keep = Json::array();
  for (const auto& f : api::field(*latest, {"metadata", "finalizers"}))
    if (!(f.is_string() && f.get_ref<const std::string&>() == finalizer)) keep.push_back(f);
  Json patch = {{"metadata",
                 {{"finalizers", keep.empty() ? Json(nullptr) : keep},
                  {"resourceVersion", api::str_field(*latest, {"metadata", "resourceVersion"})}}}};
  try {
    api_.patch(*resource_for(id.api_version, id.kind), id.ns, id.name, api::PatchType::Merge, patch);
  } catch (const api::ApiError& e) {
    if (e.code() != 404) throw;
  }
}

void GarbageCollector::patch_owner_refs(const Identity& id, const Json& latest, const std::set<std::string>& remove_uids,
                                        bool unblock_all) {
  Json refs = Json::array();
  bool changed = false;
  for (const auto& r : api::field(latest, {"metadata", "ownerReferences"})) {
    if (r.is_object() && remove_uids.count(r.value("uid", ""))) {
      changed = true;
      continue;
    }
    Json copy = r;
    if (unblock_all && copy.is_object() && copy.value("blockOwnerDeletion", false)) {
      copy["blockOwnerDeletion"] = false;
      changed = true;
    }
    refs.push_back(std::move(copy));
  }
  if (!changed) return;
  Json patch = {{"metadata",
                 {{"ownerReferences", refs.empty() ? Json(nullptr) : refs},
                  {"resourceVersion", api::str_field(latest, {"metadata", "resourceVersion"})}}}};
  api_.patch(*resource_for(id.api_version, id.kind), id.ns, id.name, api::PatchType::Merge, patch);
}

void GarbageCollector::delete_object(const Identity& id, const Json& latest, api::Propagation policy) {
  api::DeleteOptions opts;
  opts.propagation = policy;
  opts.precondition_uid = id.uid;
  opts.precondition_resource_version = api::meta::resource_version(latest);
  try {
    api_.remove(*resource_for(id.api_version, id.kind), id.ns, id.name, opts);
  } catch (const api::ApiError& e) {
    if (e.code() != 404) throw;
    enqueue_virtual_delete(id);
  }
}

}  // namespace kt::controllers
