#include "core/controllers/deployment/deployment_controller.h"

#include "core/controllers/controller_ref_manager.h"

namespace kt::controllers {

using api::ObjectPtr;
using client::SyncResult;
using namespace deployment;

DeploymentController::DeploymentController(api::ApiServer& api, client::SharedInformerFactory& factory,
                                           Options opts)
    : client::Controller(api.sim(), client::Controller::Options{"deployment", opts.workers, {}, nullptr}),
      api_(api), deployments_res_(api.resource("apps", "deployments")), rs_res_(api.resource("apps", "replicasets")),
      deployments_(factory.informer(deployments_res_)), replicasets_(factory.informer(rs_res_)),
      pods_(factory.informer("", "pods")), recorder_(api, "deployment-controller") {
  replicasets_.add_indexer(client::kControllerUIDIndex, client::index_by_controller_uid);
  pods_.add_indexer(client::kControllerUIDIndex, client::index_by_controller_uid);
  client::ResourceEventHandler dh;
  dh.on_add = [this](const ObjectPtr& o) { enqueue(*o); };
  dh.on_update = [this](const ObjectPtr&, const ObjectPtr& o) { enqueue(*o); };
  dh.on_delete = [this](const ObjectPtr& o) { enqueue(*o); };
  d_handler_ = deployments_.add_handler(std::move(dh));
  client::ResourceEventHandler rh;
  rh.on_add = [this](const ObjectPtr& rs) { on_rs_add(rs); };
  rh.on_update = [this](const ObjectPtr& old_rs, const ObjectPtr& rs) { on_rs_update(old_rs, rs); };
  rh.on_delete = [this](const ObjectPtr& rs) { on_rs_delete(rs); };
  rs_handler_ = replicasets_.add_handler(std::move(rh));
  client::ResourceEventHandler ph;
  ph.on_delete = [this](const ObjectPtr& p) { on_pod_delete(p); };
  pod_handler_ = pods_.add_handler(std::move(ph));
}

DeploymentController::~DeploymentController() {
  deployments_.remove_handler(d_handler_);
  replicasets_.remove_handler(rs_handler_);
  pods_.remove_handler(pod_handler_);
}

// ---- handlers ----------------------------------------------------------------------------

ObjectPtr DeploymentController::resolve(const std::string& ns, const Json* ref) const {
  if (!ref || ref->value("kind", "") != "Deployment") return nullptr;
  ObjectPtr d = deployments_.get(ns, ref->value("name", ""));
  if (!d || api::meta::uid(*d) != ref->value("uid", "")) return nullptr;
  return d;
}

std::vector<ObjectPtr> DeploymentController::deployments_matching(const Json& rs) const {
  std::vector<ObjectPtr> out;
  const Json& labels = api::meta::labels(rs);
  if (!labels.is_object() || labels.empty()) return out;
  for (const auto& d : deployments_.list_namespace(api::meta::namespace_of(rs))) {
    try {
      api::LabelSelector sel = api::LabelSelector::from_json(api::field(*d, {"spec", "selector"}));
      if (!sel.empty() && sel.matches(labels)) out.push_back(d);
    } catch (const std::invalid_argument&) {
    }
  }
  return out;
}

void DeploymentController::on_rs_add(const ObjectPtr& rs) {
  if (api::meta::being_deleted(*rs)) {
    on_rs_delete(rs);
    return;
  }
  if (const Json* ref = api::meta::controller_ref(*rs)) {
    if (ObjectPtr d = resolve(api::meta::namespace_of(*rs), ref)) enqueue(*d);
    return;
  }
  for (const auto& d : deployments_matching(*rs)) enqueue(*d);
}

void DeploymentController::on_rs_update(const ObjectPtr& old_rs, const ObjectPtr& rs) {
  if (api::meta::resource_version(*old_rs) == api::meta::resource_version(*rs)) return;
  const std::string ns = api::meta::namespace_of(*rs);
  const Json* old_ref = api::meta::controller_ref(*old_rs);
  const Json* ref = api::meta::controller_ref(*rs);
  const bool ref_changed = (old_ref == nullptr) != (ref == nullptr) || (old_ref && *old_ref != *ref);
  if (ref_changed && old_ref)
    if (ObjectPtr d = resolve(ns, old_ref)) enqueue(*d);
  if (ref) {
    if (ObjectPtr d = resolve(ns, ref)) enqueue(*d);
    return;
  }
  if (ref_changed || api::meta::labels(*old_rs) != api::meta::labels(*rs))
    for (const auto& d : deployments_matching(*rs)) enqueue(*d);
}

void DeploymentController::on_rs_delete(const ObjectPtr& rs) {
  if (ObjectPtr d = resolve(api::meta::namespace_of(*rs), api::meta::controller_ref(*rs))) enqueue(*d);
}

void DeploymentController::on_pod_delete(const ObjectPtr& pod) {
  // Recreate waits for every old pod to be gone: a deletion may be what it waits for.
  const std::string ns = api::meta::namespace_of(*pod);
  const Json* ref = api::meta::controller_ref(*pod);
  if (!ref || ref->value("kind", "") != "ReplicaSet") return;
  ObjectPtr rs = replicasets_.get(ns, ref->value("name", ""));
  if (!rs || api::meta::uid(*rs) != ref->value("uid", "")) return;
  ObjectPtr d = resolve(ns, api::meta::controller_ref(*rs));
  if (d && api::str_field(*d, {"spec", "strategy", "type"}) == "Recreate") enqueue(*d);
}

// ---- sync ----------------------------------------------------------------------------------

DeploymentController::RSList DeploymentController::claim_replica_sets(const ObjectPtr& d,
                                                                      const api::LabelSelector& selector,
                                                                      std::string& error) {
  ControllerRefManager refs(api_, d, deployments_res_, rs_res_, selector);
  ClaimResult r = refs.claim(replicasets_.list_namespace(api::meta::namespace_of(*d)));
  error = r.error;
  return r.claimed;
}

std::map<std::string, std::vector<ObjectPtr>> DeploymentController::pod_map(const Json& d,
                                                                            const api::LabelSelector& selector,
                                                                            const RSList& rss) const {
  std::map<std::string, std::vector<ObjectPtr>> out;
  for (const auto& rs : rss) out[api::meta::uid(*rs)];
  for (const auto& p : pods_.list_namespace(api::meta::namespace_of(d))) {
    if (!selector.matches(api::meta::labels(*p))) continue;
    const Json* ref = api::meta::controller_ref(*p);
    if (!ref) continue;
    auto it = out.find(ref->value("uid", ""));
    if (it != out.end()) it->second.push_back(p);
  }
  return out;
}

void DeploymentController::check_paused_conditions(Json& d) {
  if (!has_progress_deadline(d)) return;
  const Json* cond = get_condition(api::field(d, {"status"}), "Progressing");
  // A reported lack of progress is not overwritten by a paused condition.
  if (cond && cond->value("reason", "") == kTimedOutReason) return;
  const bool paused_cond = cond && cond->value("reason", "") == kPausedDeployReason;
  const bool paused = api::field(d, {"spec", "paused"}) == true;
  const sim::Time now = api_.sim().now();
  if (paused && !paused_cond) {
    set_condition(d["status"], new_condition("Progressing", "Unknown", kPausedDeployReason, "Deployment is paused", now));
  } else if (!paused && paused_cond) {
    set_condition(d["status"], new_condition("Progressing", "Unknown", kResumedDeployReason, "Deployment is resumed", now));
  } else {
    return;
  }
  update_status(d);
}

SyncResult DeploymentController::sync(const std::string& key) {
  auto [ns, name] = api::split_key(key);
  ObjectPtr cached = deployments_.get(ns, name);
  if (!cached) return SyncResult::ok();
  Json d = *cached;
  if (!d.contains("status") || !d["status"].is_object()) d["status"] = Json::object();

  api::LabelSelector selector;
  try {
    selector = api::LabelSelector::from_json(api::field(d, {"spec", "selector"}));
  } catch (const std::invalid_argument&) {
    return SyncResult::ok();
  }
  if (selector.empty()) {
    recorder_.event(d, client::EventType::Warning, "SelectingAll",
                    "This deployment is selecting all pods. A non-empty selector is required.");
    if (api::int_field(d, {"status", "observedGeneration"}) < api::meta::generation(d)) {
      d["status"]["observedGeneration"] = api::meta::generation(d);
      update_status(d);
    }
    return SyncResult::ok();
  }

  std::string claim_error;
  RSList rss = claim_replica_sets(cached, selector, claim_error);
  if (!claim_error.empty()) return SyncResult::retry(claim_error);
  auto pods = pod_map(d, selector, rss);

  if (api::meta::being_deleted(d)) {
    Split split = all_replica_sets(d, rss, false);
    RSList all = split.old_rss;
    all.push_back(split.new_rs);
    sync_status(d, all, split.new_rs);
    return SyncResult::ok();
  }
  check_paused_conditions(d);
  if (api::field(d, {"spec", "paused"}) == true || is_scaling_event(d, rss)) {
    sync_scaling(d, rss);
    return SyncResult::ok();
  }
  if (api::str_field(d, {"spec", "strategy", "type"}) == "Recreate") rollout_recreate(d, rss, pods);
  else rollout_rolling(d, rss);
  return SyncResult::ok();
}

}  // namespace kt::controllers
