#include "core/controllers/replicaset/replica_set.h"

#include <algorithm>

#include "core/controllers/controller_ref_manager.h"
#include "core/controllers/controller_utils.h"
#include "core/controllers/serviceaccount_controller.h"
#include "core/util/timefmt.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

// ---- kinds ---------------------------------------------------------------------------

namespace {

api::LabelSelector label_selector_of(const Json& rs) {
  return api::LabelSelector::from_json(api::field(rs, {"spec", "selector"}));
}
api::LabelSelector map_selector_of(const Json& rc) {
  return api::LabelSelector::from_set(api::field(rc, {"spec", "selector"}));
}

// Sets an omitempty integer field of a status: zero values are left out.
void set_count(Json& status, const char* name, std::int64_t v) {
  if (v != 0) status[name] = v;
  else status.erase(name);
}

}  // namespace

ReplicaSetKind ReplicaSetKind::replica_sets() {
  return {"replicaset", "replicaset-controller", "apps", "replicasets", &label_selector_of};
}

ReplicaSetKind ReplicaSetKind::replication_controllers() {
  return {"replicationmanager", "replication-controller", "", "replicationcontrollers", &map_selector_of};
}

// ---- wiring ----------------------------------------------------------------------------

ReplicaSetController::ReplicaSetController(api::ApiServer& api, client::SharedInformerFactory& factory,
                                           ReplicaSetKind kind, Options opts)
    : client::Controller(api.sim(), client::Controller::Options{kind.controller_name, opts.workers, {}, nullptr}),
      api_(api), kind_(std::move(kind)), opts_(opts), owner_res_(api.resource(kind_.group, kind_.plural)),
      pods_res_(api.resource("", "pods")), owners_(factory.informer(owner_res_)), pods_(factory.informer(pods_res_)),
      expectations_(api.sim()), recorder_(api, kind_.event_component) {
  pods_.add_indexer(client::kControllerUIDIndex, client::index_by_controller_uid);
  client::ResourceEventHandler oh;
  oh.on_add = [this](const ObjectPtr& o) { enqueue(*o); };
  oh.on_update = [this](const ObjectPtr& old_obj, const ObjectPtr& o) {
    if (api::meta::uid(*old_obj) != api::meta::uid(*o)) expectations_.delete_expectations(api::meta::key(*old_obj));
    enqueue(*o);
  };
  oh.on_delete = [this](const ObjectPtr& o) {
    expectations_.delete_expectations(api::meta::key(*o));
    enqueue(*o);
  };
  owner_handler_ = owners_.add_handler(std::move(oh));
  client::ResourceEventHandler ph;
  ph.on_add = [this](const ObjectPtr& p) { on_pod_add(p); };
  ph.on_update = [this](const ObjectPtr& old_pod, const ObjectPtr& p) { on_pod_update(old_pod, p); };
  ph.on_delete = [this](const ObjectPtr& p) { on_pod_delete(p); };
  pod_handler_ = pods_.add_handler(std::move(ph));
}

ReplicaSetController::~ReplicaSetController() {
  owners_.remove_handler(owner_handler_);
  pods_.remove_handler(pod_handler_);
}

ObjectPtr ReplicaSetController::resolve(const std::string& ns, const Json* ref) const {
  if (!ref || ref->value("kind", "") != owner_res_.kind) return nullptr;
  ObjectPtr owner = owners_.get(ns, ref->value("name", ""));
  if (!owner || api::meta::uid(*owner) != ref->value("uid", "")) return nullptr;
  return owner;
}

std::vector<ObjectPtr> ReplicaSetController::owners_matching(const Json& pod) const {
  std::vector<ObjectPtr> out;
  const Json& labels = api::meta::labels(pod);
  if (!labels.is_object() || labels.empty()) return out;
  for (const auto& owner : owners_.list_namespace(api::meta::namespace_of(pod))) {
    try {
      api::LabelSelector sel = kind_.selector(*owner);
      if (!sel.empty() && !sel.matches_nothing() && sel.matches(labels)) out.push_back(owner);
    } catch (const std::invalid_argument&) {
    }
  }
  return out;
}

void ReplicaSetController::on_pod_add(const ObjectPtr& pod) {
  if (api::meta::being_deleted(*pod)) {
    // Seen for the first time while already going away (e.g. after a relist).
    on_pod_delete(pod);
    return;
  }
  const std::string ns = api::meta::namespace_of(*pod);
  if (const Json* ref = api::meta::controller_ref(*pod)) {
    ObjectPtr owner = resolve(ns, ref);
    if (!owner) return;
    expectations_.creation_observed(api::meta::key(*owner));
    enqueue(*owner);
    return;
  }
  for (const auto& owner : owners_matching(*pod)) enqueue(*owner);
}

void ReplicaSetController::on_pod_update(const ObjectPtr& old_pod, const ObjectPtr& pod) {
  if (api::meta::resource_version(*old_pod) == api::meta::resource_version(*pod)) return;  // resync
  const bool labels_changed = api::meta::labels(*old_pod) != api::meta::labels(*pod);
  if (api::meta::being_deleted(*pod)) {
    on_pod_delete(pod);
    if (labels_changed) on_pod_delete(old_pod);
    return;
  }
  const std::string ns = api::meta::namespace_of(*pod);
  const Json* old_ref = api::meta::controller_ref(*old_pod);
  const Json* ref = api::meta::controller_ref(*pod);
  const bool ref_changed = (old_ref == nullptr) != (ref == nullptr) || (old_ref && *old_ref != *ref);
  if (ref_changed && old_ref)
    if (ObjectPtr old_owner = resolve(ns, old_ref)) enqueue(*old_owner);
  if (ref) {
    ObjectPtr owner = resolve(ns, ref);
    if (!owner) return;
    enqueue(*owner);
    const std::int64_t min_ready = api::int_field(*owner, {"spec", "minReadySeconds"});
    if (!is_pod_ready(*old_pod) && is_pod_ready(*pod) && min_ready > 0)
      queue().add_after(api::meta::key(*owner), sim::seconds(min_ready) + sim::seconds(1));
    return;
  }
  if (labels_changed || ref_changed)
    for (const auto& owner : owners_matching(*pod)) enqueue(*owner);
}

void ReplicaSetController::on_pod_delete(const ObjectPtr& pod) {
  ObjectPtr owner = resolve(api::meta::namespace_of(*pod), api::meta::controller_ref(*pod));
  if (!owner) return;
  const std::string key = api::meta::key(*owner);
  expectations_.deletion_observed(key, api::meta::key(*pod));
  enqueue_key(key);
}

std::vector<ObjectPtr> ReplicaSetController::related_pods(const Json& owner) const {
  std::vector<ObjectPtr> out;
  const Json* ref = api::meta::controller_ref(owner);
  if (!ref) return out;
  const std::string controller_uid = ref->value("uid", "");
  for (const auto& sibling : owners_.list_namespace(api::meta::namespace_of(owner))) {
    const Json* sref = api::meta::controller_ref(*sibling);
    if (!sref || sref->value("uid", "") != controller_uid) continue;
    for (auto& p : pods_.by_index(client::kControllerUIDIndex, api::meta::uid(*sibling))) out.push_back(std::move(p));
  }
  return out;
}

// ---- sync --------------------------------------------------------------------------------

SyncResult ReplicaSetController::sync(const std::string& key) {
  auto [ns, name] = api::split_key(key);
  ObjectPtr owner = owners_.get(ns, name);
  if (!owner) {
    expectations_.delete_expectations(key);
    return SyncResult::ok();
  }
  const bool needs_sync = expectations_.satisfied(key);
  api::LabelSelector selector;
  try {
    selector = kind_.selector(*owner);
  } catch (const std::invalid_argument&) {
    return SyncResult::ok();  // validation keeps these out; nothing sensible to do
  }

  std::vector<ObjectPtr> active;
  for (auto& p : pods_.list_namespace(ns))
    if (is_pod_active(*p)) active.push_back(std::move(p));
  ControllerRefManager refs(api_, owner, owner_res_, pods_res_, selector);
  ClaimResult claim = refs.claim(active);
  if (!claim.error.empty()) return SyncResult::retry(claim.error);

  std::string manage_error;
  if (needs_sync && !api::meta::being_deleted(*owner)) manage_error = manage_replicas(claim.claimed, owner, key);

  Json status = calculate_status(*owner, claim.claimed, manage_error);
  ObjectPtr updated = update_status(owner, std::move(status));
  if (!manage_error.empty()) return SyncResult::retry(manage_error);

  const std::int64_t replicas = api::int_field(*updated, {"spec", "replicas"}, 1);
  const std::int64_t min_ready = api::int_field(*updated, {"spec", "minReadySeconds"});
  // Upstream requeues after minReadySeconds; real clocks then have moved on a little.
  // Virtual time has not: at exactly ready+minReadySeconds a pod is not available yet
  // (it must be strictly later), so wait one more second, as the pod handler does.
  if (min_ready > 0 && api::int_field(*updated, {"status", "readyReplicas"}) == replicas &&
      api::int_field(*updated, {"status", "availableReplicas"}) != replicas)
    queue().add_after(key, sim::seconds(min_ready) + sim::seconds(1));
  return SyncResult::ok();
}

std::string ReplicaSetController::create_pod(const Json& owner) {
  // controller.GetPodFromTemplate.
  const Json& tmpl = api::field(owner, {"spec", "template"});
  const Json& tmeta = api::field(tmpl, {"metadata"});
  Json meta = {{"generateName", api::meta::name(owner) + "-"}};
  for (const char* k : {"labels", "annotations", "finalizers"})
    if (tmeta.contains(k) && !tmeta[k].is_null()) meta[k] = tmeta[k];
  Json refs = Json::array();
  refs.push_back(new_controller_ref(owner));
  meta["ownerReferences"] = std::move(refs);
  Json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", std::move(meta)},
              {"spec", api::field(tmpl, {"spec"})}};
  try {
    ObjectPtr created = api_.create(pods_res_, api::meta::namespace_of(owner), std::move(pod));
    recorder_.event(owner, client::EventType::Normal, "SuccessfulCreate", "Created pod: " + api::meta::name(*created));
  } catch (const api::ApiError& e) {
    // A terminating namespace refuses every create; nothing to report.
    if (is_namespace_terminating(e)) return "";
    recorder_.event(owner, client::EventType::Warning, "FailedCreate", "Error creating: " + e.message());
    return e.message();
  }
  return "";
}

std::string ReplicaSetController::manage_replicas(const std::vector<ObjectPtr>& pods, const ObjectPtr& owner,
                                                  const std::string& key) {
  const std::int64_t want = api::int_field(*owner, {"spec", "replicas"}, 1);
  std::int64_t diff = static_cast<std::int64_t>(pods.size()) - want;
  if (diff < 0) {
    const int count = static_cast<int>(std::min<std::int64_t>(-diff, opts_.burst_replicas));
    // Expect every creation before issuing any: the informer may report the first
    // pod before the last one is sent.
    expectations_.expect_creations(key, count);
    BatchResult r = slow_start_batch(count, kSlowStartInitialBatchSize, [&] { return create_pod(*owner); });
    // Creations that failed or were never tried will not be observed.
    for (int skipped = count - r.successes; skipped > 0; --skipped) expectations_.creation_observed(key);
    return r.error;
  }
  if (diff > 0) {
    const int count = static_cast<int>(std::min<std::int64_t>(diff, opts_.burst_replicas));
    std::vector<ObjectPtr> victims = pods;
    if (static_cast<std::size_t>(count) < victims.size())
      victims = rank_for_deletion(std::move(victims), related_pods(*owner), api_.sim().now());
    victims.resize(count);
    std::vector<std::string> keys;
    for (const auto& p : victims) keys.push_back(api::meta::key(*p));
    expectations_.expect_deletions(key, keys);
    std::string first_error;
    for (const auto& p : victims) {
      try {
        api_.remove(pods_res_, api::meta::namespace_of(*p), api::meta::name(*p));
        recorder_.event(*owner, client::EventType::Normal, "SuccessfulDelete", "Deleted pod: " + api::meta::name(*p));
      } catch (const api::ApiError& e) {
        // This deletion will never be observed.
        expectations_.deletion_observed(key, api::meta::key(*p));
        if (e.code() == 404) continue;
        recorder_.event(*owner, client::EventType::Warning, "FailedDelete", "Error deleting: " + e.message());
        if (first_error.empty()) first_error = "unable to delete pods: " + e.message();
      }
    }
    return first_error;
  }
  return "";
}

// ---- status ---------------------------------------------------------------------------------

Json ReplicaSetController::calculate_status(const Json& owner, const std::vector<ObjectPtr>& pods,
                                            const std::string& manage_error) {
  Json status = api::field(owner, {"status"}).is_object() ? api::field(owner, {"status"}) : Json::object();
  const api::LabelSelector template_labels =
      api::LabelSelector::from_set(api::field(owner, {"spec", "template", "metadata", "labels"}));
  const std::int64_t min_ready = api::int_field(owner, {"spec", "minReadySeconds"});
  const sim::Time now = api_.sim().now();
  std::int64_t fully_labeled = 0, ready = 0, available = 0;
  for (const auto& p : pods) {
    if (template_labels.matches(api::meta::labels(*p))) ++fully_labeled;
    if (is_pod_ready(*p)) {
      ++ready;
      if (is_pod_available(*p, min_ready, now)) ++available;
    }
  }

  // The ReplicaFailure condition: set once on a failure, removed after a clean sync.
  Json conditions = status.contains("conditions") && status["conditions"].is_array() ? status["conditions"]
                                                                                     : Json::array();
  auto failure = std::find_if(conditions.begin(), conditions.end(),
                              [](const Json& c) { return c.value("type", "") == "ReplicaFailure"; });
  if (!manage_error.empty() && failure == conditions.end()) {
    const std::int64_t diff =
        static_cast<std::int64_t>(pods.size()) - api::int_field(owner, {"spec", "replicas"}, 1);
    const std::string reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
    conditions.push_back({{"type", "ReplicaFailure"}, {"status", "True"},
                          {"lastTransitionTime", util::format_rfc3339(now)}, {"reason", reason},
                          {"message", manage_error}});
  } else if (manage_error.empty() && failure != conditions.end()) {
    conditions.erase(failure);
  }
  if (conditions.empty()) status.erase("conditions");
  else status["conditions"] = std::move(conditions);

  status["replicas"] = static_cast<std::int64_t>(pods.size());
  set_count(status, "fullyLabeledReplicas", fully_labeled);
  set_count(status, "readyReplicas", ready);
  set_count(status, "availableReplicas", available);
  return status;
}

ObjectPtr ReplicaSetController::update_status(const ObjectPtr& owner, Json status) {
  const Json& current = api::field(*owner, {"status"});
  if (current == status && api::int_field(*owner, {"status", "observedGeneration"}) == api::meta::generation(*owner))
    return owner;
  // One retry on a conflict, with the object re-read from the API server
  // (statusUpdateRetries).
  const std::string ns = api::meta::namespace_of(*owner);
  Json obj = *owner;
  for (int attempt = 0;; ++attempt) {
    set_count(status, "observedGeneration", api::meta::generation(obj));
    obj["status"] = status;
    try {
      api::WriteOptions o;
      o.subresource = "status";
      return api_.update(owner_res_, ns, std::move(obj), o);
    } catch (const api::ApiError& e) {
      if (e.code() != 409 || attempt >= 1) throw;
      obj = *api_.get(owner_res_, ns, api::meta::name(*owner));
    }
  }
}

}  // namespace kt::controllers
