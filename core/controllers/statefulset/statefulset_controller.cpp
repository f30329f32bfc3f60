#include "core/controllers/statefulset/statefulset_controller.h"

#include <algorithm>
#include <map>

#include "core/controllers/controller_ref_manager.h"
#include "core/controllers/controller_revision.h"
#include "core/controllers/controller_utils.h"
#include "core/controllers/serviceaccount_controller.h"
#include "core/util/names.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;

namespace {

constexpr const char* kHashLabel = "controller-revision-hash";

bool running_and_ready(const Json& pod) {
  return api::str_field(pod, {"status", "phase"}) == "Running" && is_pod_ready(pod) && !api::meta::being_deleted(pod);
}

bool running_and_available(const Json& pod, std::int64_t min_ready, sim::Time now) {
  return running_and_ready(pod) && is_pod_available(pod, min_ready, now);
}

// A plain (non-controller) owner reference, as the claim retention policy sets them.
Json owner_ref(const char* api_version, const char* kind, const std::string& name, const std::string& uid) {
  Json ref = Json::object();
  ref["apiVersion"] = api_version;
  ref["kind"] = kind;
  ref["name"] = name;
  ref["uid"] = uid;
  return ref;
}

// updateClaimOwnerRefForSetAndPod (stateful_set_utils.go): which of the set and the
// pod own a claim under persistentVolumeClaimRetentionPolicy.
//   whenDeleted Delete   the set owns its claims (deleting the set deletes them)
//   whenScaled Delete    a pod scaled away (ordinal >= replicas) owns its claims, so
//                        they go with it; while in range it does not
// Returns whether `claim`'s ownerReferences changed.
bool set_claim_owners(Json& claim, const Json& set, const std::string& pod_name, const std::string& pod_uid,
                      bool scaled_down) {
  const std::string when_deleted = api::str_field(set, {"spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"}, "Retain");
  const std::string when_scaled = api::str_field(set, {"spec", "persistentVolumeClaimRetentionPolicy", "whenScaled"}, "Retain");
  const bool want_set = when_deleted == "Delete" && !(when_scaled == "Delete" && scaled_down);
  const bool want_pod = when_scaled == "Delete" && scaled_down && !pod_uid.empty();
  Json refs = claim["metadata"].contains("ownerReferences") && claim["metadata"]["ownerReferences"].is_array()
                  ? claim["metadata"]["ownerReferences"]
                  : Json::array();
  const Json before = refs;
  auto has = [&](const std::string& uid) {
    return std::any_of(refs.begin(), refs.end(), [&](const Json& r) { return r.value("uid", "") == uid; });
  };
  auto drop = [&](const std::string& uid) {
    refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const Json& r) { return r.value("uid", "") == uid; }), refs.end());
  };
  const std::string set_uid = api::meta::uid(set);
  if (want_set && !has(set_uid)) refs.push_back(owner_ref("apps/v1", "StatefulSet", api::meta::name(set), set_uid));
  if (!want_set) drop(set_uid);
  if (want_pod && !has(pod_uid)) refs.push_back(owner_ref("v1", "Pod", pod_name, pod_uid));
  if (!want_pod && !pod_uid.empty()) drop(pod_uid);
  if (refs == before) return false;
  if (refs.empty()) claim["metadata"].erase("ownerReferences");
  else claim["metadata"]["ownerReferences"] = refs;
  return true;
}

std::optional<std::int64_t> ordinal_of(const std::string& set, const std::string& pod) {
  if (pod.size() <= set.size() + 1 || pod.compare(0, set.size() + 1, set + "-") != 0) return std::nullopt;
  const std::string tail = pod.substr(set.size() + 1);
  if (tail.empty() || tail.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(tail);
}

}  // namespace

StatefulSetController::StatefulSetController(api::ApiServer& api, client::SharedInformerFactory& factory, int workers)
    : client::Controller(api.sim(), client::Controller::Options{"statefulset-controller", workers, {}, nullptr}),
      api_(api), sts_res_(api.resource("apps", "statefulsets")), pods_res_(api.resource("", "pods")),
      pvc_res_(api.resource("", "persistentvolumeclaims")),
      sets_(factory.informer(sts_res_)), pods_(factory.informer(pods_res_)), recorder_(api, "statefulset-controller") {
  client::ResourceEventHandler sh;
  sh.on_add = [this](const ObjectPtr& s) { enqueue(*s); };
  sh.on_update = [this](const ObjectPtr&, const ObjectPtr& s) { enqueue(*s); };
  set_handler_ = sets_.add_handler(std::move(sh));
  auto pod_changed = [this](const ObjectPtr& p) {
    const Json* ref = api::meta::controller_ref(*p);
    if (ref && ref->value("kind", "") == "StatefulSet")
      enqueue_key(api::meta::namespace_of(*p) + "/" + ref->value("name", ""));
  };
  client::ResourceEventHandler ph;
  ph.on_add = pod_changed;
  ph.on_update = [pod_changed](const ObjectPtr&, const ObjectPtr& p) { pod_changed(p); };
  ph.on_delete = pod_changed;
  pod_handler_ = pods_.add_handler(std::move(ph));
}

StatefulSetController::~StatefulSetController() {
  sets_.remove_handler(set_handler_);
  pods_.remove_handler(pod_handler_);
}

std::string StatefulSetController::revision(const ObjectPtr& set, std::string& error) {
  const std::string hash = util::compute_hash_fnv32a(api::field(*set, {"spec", "template"}).dump());
  const std::string name = api::meta::name(*set) + "-" + hash;
  error = ensure_controller_revision(api_, *set, name, name);
  return name;
}

SyncResult StatefulSetController::sync(const std::string& key) {
  ObjectPtr set = sets_.get(key);
  if (!set || api::meta::being_deleted(*set)) return SyncResult::ok();
  const auto key_parts = api::split_key(key);
  const std::string ns = key_parts.first, name = key_parts.second;
  std::string error;
  const std::string update_revision = revision(set, error);
  if (!error.empty()) return SyncResult::retry(error);
  const Json& spec = api::field(*set, {"spec"});
  const std::int64_t replicas = spec.value("replicas", std::int64_t{1});
  const bool ordered = spec.value("podManagementPolicy", std::string("OrderedReady")) != "Parallel";
  const std::string service = spec.value("serviceName", std::string());
  const std::int64_t min_ready = spec.value("minReadySeconds", std::int64_t{0});
  const sim::Time now = api_.sim().now();
  const Json& claims = api::field(spec, {"volumeClaimTemplates"});

  std::map<std::int64_t, ObjectPtr> pods;
  for (const auto& p : pods_.list_namespace(ns)) {
    const Json* ref = api::meta::controller_ref(*p);
    if (!ref || ref->value("uid", "") != api::meta::uid(*set)) continue;
    if (auto ord = ordinal_of(name, api::meta::name(*p))) pods[*ord] = p;
  }

  auto create_pod = [&](std::int64_t ord) -> std::string {
    const std::string pod_name = name + "-" + std::to_string(ord);
    const Json& tmpl = api::field(spec, {"template"});
    Json meta = api::field(tmpl, {"metadata"}).is_object() ? api::field(tmpl, {"metadata"}) : Json::object();
    meta["name"] = pod_name;
    meta["labels"]["statefulset.kubernetes.io/pod-name"] = pod_name;
    meta["labels"]["apps.kubernetes.io/pod-index"] = std::to_string(ord);
    meta["labels"][kHashLabel] = update_revision;
    meta["ownerReferences"] = Json::array({new_controller_ref(*set)});
    Json pod_spec = api::field(tmpl, {"spec"});
    pod_spec["hostname"] = pod_name;
    if (!service.empty()) pod_spec["subdomain"] = service;
    // Each claim template: a PVC of its own, made first, mounted by the template's volume name.
    if (claims.is_array())
      for (const auto& ct : claims) {
        const std::string vol = api::str_field(ct, {"metadata", "name"});
        const std::string claim = vol + "-" + pod_name;
        if (!api_.try_get(pvc_res_, ns, claim)) {
          Json labels = api::field(ct, {"metadata", "labels"}).is_object() ? api::field(ct, {"metadata", "labels"}) : Json::object();
          const Json& match = api::field(spec, {"selector", "matchLabels"});
          if (match.is_object())
            for (auto it = match.begin(); it != match.end(); ++it) labels[it.key()] = *it;
          Json pvc = {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"},
                      {"metadata", {{"name", claim}, {"labels", labels}}}, {"spec", api::field(ct, {"spec"})}};
          set_claim_owners(pvc, *set, pod_name, "", ord >= replicas);
          try {
            api_.create(pvc_res_, ns, std::move(pvc));
            recorder_.event(*set, client::EventType::Normal, "SuccessfulCreate",
                            "create Claim " + claim + " Pod " + pod_name + " in StatefulSet " + name + " success");
          } catch (const api::ApiError& e) {
            if (e.code() != 409) {
              recorder_.event(*set, client::EventType::Warning, "FailedCreate",
                              "create Claim " + claim + " for Pod " + pod_name + " in StatefulSet " + name + " failed error: " + e.message());
              return e.message();
            }
          }
        }
        if (!pod_spec["volumes"].is_array()) pod_spec["volumes"] = Json::array();
        Json& volumes = pod_spec["volumes"];
        volumes.erase(std::remove_if(volumes.begin(), volumes.end(), [&](const Json& v) { return v.value("name", "") == vol; }),
                      volumes.end());
        volumes.push_back({{"name", vol}, {"persistentVolumeClaim", {{"claimName", claim}}}});
      }
    try {
      api_.create(pods_res_, ns, Json{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", pod_spec}});
      recorder_.event(*set, client::EventType::Normal, "SuccessfulCreate",
                      "create Pod " + pod_name + " in StatefulSet " + name + " successful");
    } catch (const api::ApiError& e) {
      if (is_namespace_terminating(e) || e.code() == 409) return "";
      recorder_.event(*set, client::EventType::Warning, "FailedCreate",
                      "create Pod " + pod_name + " in StatefulSet " + name + " failed error: " + e.message());
      return e.message();
    }
    return "";
  };
  // Brings the ownerReferences of a pod's claims in line with the retention policy.
  auto sync_claims = [&](const ObjectPtr& p, std::int64_t ord) -> std::string {
    if (!claims.is_array()) return "";
    for (const auto& ct : claims) {
      const std::string claim_name = api::str_field(ct, {"metadata", "name"}) + "-" + api::meta::name(*p);
      api::ObjectPtr claim = api_.try_get(pvc_res_, ns, claim_name);
      if (!claim || api::meta::being_deleted(*claim)) continue;
      Json c = *claim;
      if (!set_claim_owners(c, *set, api::meta::name(*p), api::meta::uid(*p), ord >= replicas)) continue;
      try {
        api_.update(pvc_res_, ns, std::move(c));
      } catch (const api::ApiError& e) {
        return e.message();
      }
    }
    return "";
  };
  for (const auto& [ord, p] : pods)
    if (!api::meta::being_deleted(*p)) {
      const std::string err = sync_claims(p, ord);
      if (!err.empty()) return SyncResult::retry(err);
    }
  auto delete_pod = [&](const ObjectPtr& p) {
    try {
      api_.remove(pods_res_, ns, api::meta::name(*p));
      recorder_.event(*set, client::EventType::Normal, "SuccessfulDelete",
                      "delete Pod " + api::meta::name(*p) + " in StatefulSet " + name + " successful");
    } catch (const api::ApiError&) {
    }
  };

  // 1. Ordinals below replicas: replace finished pods, create missing ones in order.
  bool waiting = false;
  for (std::int64_t ord = 0; ord < replicas && !waiting; ++ord) {
    auto it = pods.find(ord);
    if (it != pods.end()) {
      const std::string phase = api::str_field(*it->second, {"status", "phase"});
      if ((phase == "Failed" || phase == "Succeeded") && !api::meta::being_deleted(*it->second)) {
        delete_pod(it->second);
        waiting = ordered;
        continue;
      }
      if (ordered && !running_and_available(*it->second, min_ready, now)) waiting = true;
      continue;
    }
    const std::string err = create_pod(ord);
    if (!err.empty()) return SyncResult::retry(err);
    if (ordered) waiting = true;
  }
  // 2. Ordinals at or above replicas go, the highest first (one at a time when ordered).
  if (!waiting) {
    for (auto it = pods.rbegin(); it != pods.rend(); ++it) {
      if (it->first < replicas) break;
      if (api::meta::being_deleted(*it->second)) {
        if (ordered) break;
        continue;
      }
      delete_pod(it->second);
      if (ordered) break;
    }
  }
  // 3. RollingUpdate: the highest ordinal not on the update revision, down to partition.
  bool all_ready = true;
  for (std::int64_t ord = 0; ord < replicas; ++ord)
    if (!pods.count(ord) || !running_and_available(*pods[ord], min_ready, now)) all_ready = false;
  if (all_ready && api::str_field(*set, {"spec", "updateStrategy", "type"}, "RollingUpdate") == "RollingUpdate") {
    const std::int64_t partition = api::int_field(*set, {"spec", "updateStrategy", "rollingUpdate", "partition"}, 0);
    for (std::int64_t ord = replicas - 1; ord >= partition; --ord)
      if (api::str_field(*pods[ord], {"metadata", "labels", kHashLabel}) != update_revision) {
        delete_pod(pods[ord]);
        break;
      }
  }

  // Status.
  std::int64_t count = 0, ready = 0, available = 0, updated = 0, current = 0;
  std::optional<sim::Time> next_check;  // when a ready pod becomes available
  std::string current_revision = api::str_field(*set, {"status", "currentRevision"});
  if (current_revision.empty()) current_revision = update_revision;
  for (const auto& [ord, p] : pods) {
    if (api::meta::being_deleted(*p)) continue;
    ++count;
    if (running_and_ready(*p)) ++ready;
    if (running_and_available(*p, min_ready, now)) {
      ++available;
    } else if (running_and_ready(*p)) {
      const auto since = pod_ready_time(*p);
      const sim::Time at = (since ? *since : now) + sim::seconds(min_ready) + sim::seconds(1);
      if (!next_check || at < *next_check) next_check = at;
    }
    const std::string rev = api::str_field(*p, {"metadata", "labels", kHashLabel});
    if (rev == update_revision) ++updated;
    if (rev == current_revision) ++current;
  }
  if (updated == replicas && ready == replicas && count == replicas) {
    current_revision = update_revision;
    current = updated;
  }
  Json status = api::field(*set, {"status"}).is_object() ? api::field(*set, {"status"}) : Json::object();
  status["availableReplicas"] = available;
  status["collisionCount"] = 0;
  status["currentReplicas"] = current;
  status["currentRevision"] = current_revision;
  status["observedGeneration"] = api::meta::generation(*set);
  status["readyReplicas"] = ready;
  status["replicas"] = count;
  status["updateRevision"] = update_revision;
  status["updatedReplicas"] = updated;
  for (const char* zero : {"currentReplicas", "readyReplicas", "updatedReplicas"})  // omitempty
    if (status[zero] == 0) status.erase(zero);
  if (status != api::field(*set, {"status"})) {
    Json s = *set;
    s["status"] = status;
    api::WriteOptions opts;
    opts.subresource = "status";
    try {
      api_.update(sts_res_, ns, std::move(s), opts);
    } catch (const api::ApiError& e) {
      return SyncResult::retry(e.message());
    }
  }
  if (next_check) return SyncResult::requeue_after(*next_check - now);
  return SyncResult::ok();
}

}  // namespace kt::controllers
