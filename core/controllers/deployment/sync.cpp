// The Deployment controller's shared steps (pkg/controller/deployment/sync.go):
// finding or creating the new ReplicaSet with its revision, scaling (including
// proportional scaling of a rollout in flight), revision history cleanup, status.
#include "core/controllers/deployment/deployment_controller.h"

#include "core/controllers/controller_ref_manager.h"
#include "core/controllers/serviceaccount_controller.h"

namespace kt::controllers {

using api::ObjectPtr;
using namespace deployment;

namespace {

void set_omitempty(Json& obj, const char* name, std::int64_t v) {
  if (v != 0) obj[name] = v;
  else obj.erase(name);
}

void replace_by_uid(deployment::RSList& rss, const ObjectPtr& rs) {
  for (auto& x : rss)
    if (api::meta::uid(*x) == api::meta::uid(*rs)) {
      x = rs;
      return;
    }
  rss.push_back(rs);
}

}  // namespace

DeploymentController::Split DeploymentController::all_replica_sets(Json& d, RSList& rss, bool create) {
  ObjectPtr existing = find_new_replica_set(d, rss);
  Split out{nullptr, old_replica_sets(rss, existing)};
  out.new_rs = new_replica_set(d, existing, out.old_rss, create);
  if (out.new_rs) replace_by_uid(rss, out.new_rs);
  return out;
}

ObjectPtr DeploymentController::new_replica_set(Json& d, const ObjectPtr& existing, const RSList& old_rss,
                                                bool create) {
  const std::string ns = api::meta::namespace_of(d);
  const std::string new_revision = std::to_string(max_revision(old_rss) + 1);
  const sim::Time now = api_.sim().now();
  const std::int64_t min_ready = api::int_field(d, {"spec", "minReadySeconds"});

  if (existing) {
    // Bring the RS's annotations (and minReadySeconds) in line; the revision rises
    // when an old template comes back (a rollback).
    Json copy = *existing;
    const bool annotations_changed = set_new_replica_set_annotations(d, copy, new_revision, true);
    if (annotations_changed || api::int_field(copy, {"spec", "minReadySeconds"}) != min_ready) {
      set_omitempty(copy["spec"], "minReadySeconds", min_ready);
      return api_.update(rs_res_, ns, std::move(copy));
    }
    bool needs_update = set_deployment_revision(d, api::str_field(copy, {"metadata", "annotations", kRevisionAnnotation}));
    if (has_progress_deadline(d) && !get_condition(d["status"], "Progressing")) {
      set_condition(d["status"], new_condition("Progressing", "True", kFoundNewRSReason,
                                               "Found new replica set \"" + api::meta::name(copy) + "\"", now));
      needs_update = true;
    }
    if (needs_update) update_status(d);
    return existing;
  }
  if (!create) return nullptr;

  // The pod-template-hash makes the name deterministic (idempotent creates) and
  // keeps the RS's pods apart from its siblings'.
  Json tmpl = api::field(d, {"spec", "template"});
  const Json& cc = api::field(d, {"status", "collisionCount"});
  std::optional<std::int32_t> collisions;
  if (cc.is_number_integer()) collisions = cc.get<std::int32_t>();
  const std::string hash = compute_hash(tmpl, collisions);
  tmpl["metadata"]["labels"][kPodTemplateHashLabel] = hash;
  Json selector = api::field(d, {"spec", "selector"});
  selector["matchLabels"][kPodTemplateHashLabel] = hash;
  Json refs = Json::array();
  refs.push_back(new_controller_ref(d));
  Json rs = {{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"},
             {"metadata", {{"name", api::meta::name(d) + "-" + hash}, {"namespace", ns},
                           {"ownerReferences", std::move(refs)}, {"labels", tmpl["metadata"]["labels"]}}},
             {"spec", {{"replicas", 0}, {"selector", std::move(selector)}, {"template", tmpl}}}};
  set_omitempty(rs["spec"], "minReadySeconds", min_ready);
  RSList all = old_rss;
  all.push_back(api::make_object(rs));
  const std::int64_t replicas = new_rs_new_replicas(d, all, rs);
  rs["spec"]["replicas"] = replicas;
  set_new_replica_set_annotations(d, rs, new_revision, false);
  const std::string rs_name = api::meta::name(rs);

  ObjectPtr created;
  bool already_exists = false;
  try {
    created = api_.create(rs_res_, ns, std::move(rs));
  } catch (const api::ApiError& e) {
    if (e.code() == 409) {
      // A slow cache, or a hash collision: the same name with another template.
      ObjectPtr found = replicasets_.get(ns, rs_name);
      if (!found) found = api_.try_get(rs_res_, ns, rs_name);
      const Json* ref = found ? api::meta::controller_ref(*found) : nullptr;
      if (ref && ref->value("uid", "") == api::meta::uid(d) &&
          equal_ignore_hash(api::field(d, {"spec", "template"}), api::field(*found, {"spec", "template"}))) {
        created = found;
        already_exists = true;
      } else {
        d["status"]["collisionCount"] = api::int_field(d, {"status", "collisionCount"}) + 1;
        update_status(d);
        throw;
      }
    } else if (is_namespace_terminating(e)) {
      throw;
    } else {
      const std::string msg = "Failed to create new replica set \"" + rs_name + "\": " + e.message();
      if (has_progress_deadline(d)) {
        set_condition(d["status"], new_condition("Progressing", "False", kFailedRSCreateReason, msg, now));
        try {
          update_status(d);
        } catch (const api::ApiError&) {
          // The create failure is the error to report.
        }
      }
      recorder_.event(d, client::EventType::Warning, kFailedRSCreateReason, msg);
      throw;
    }
  }
  if (!already_exists && replicas > 0)
    recorder_.event(d, client::EventType::Normal, "ScalingReplicaSet",
                    "Scaled up replica set " + api::meta::name(*created) + " from 0 to " + std::to_string(replicas));
  bool needs_update = set_deployment_revision(d, new_revision);
  if (!already_exists && has_progress_deadline(d)) {
    set_condition(d["status"], new_condition("Progressing", "True", kNewReplicaSetReason,
                                             "Created new replica set \"" + api::meta::name(*created) + "\"", now));
    needs_update = true;
  }
  if (needs_update) update_status(d);
  return created;
}

ObjectPtr DeploymentController::scale_replica_set(const ObjectPtr& rs, std::int64_t size, const Json& d,
                                                  bool& scaled) {
  scaled = false;
  const std::int64_t desired = spec_replicas(d);
  const std::int64_t max_replicas = desired + max_surge(d);
  const std::int64_t old_size = spec_replicas(*rs);
  const bool size_changes = old_size != size;
  if (!size_changes && !replicas_annotations_need_update(*rs, desired, max_replicas)) return rs;
  Json copy = *rs;
  copy["spec"]["replicas"] = size;
  set_replicas_annotations(copy, desired, max_replicas);
  ObjectPtr stored = api_.update(rs_res_, api::meta::namespace_of(*rs), std::move(copy));
  if (size_changes) {
    scaled = true;
    recorder_.event(d, client::EventType::Normal, "ScalingReplicaSet",
                    std::string("Scaled ") + (old_size < size ? "up" : "down") + " replica set " +
                        api::meta::name(*stored) + " from " + std::to_string(old_size) + " to " + std::to_string(size));
  }
  return stored;
}

bool DeploymentController::is_scaling_event(Json& d, RSList& rss) {
  Split split = all_replica_sets(d, rss, false);
  RSList all = split.old_rss;
  all.push_back(split.new_rs);
  for (const auto& rs : filter_active(all)) {
    std::optional<std::int64_t> desired = desired_replicas_annotation(*rs);
    if (desired && *desired != spec_replicas(d)) return true;
  }
  return false;
}

void DeploymentController::sync_scaling(Json& d, RSList& rss) {
  Split split = all_replica_sets(d, rss, false);
  scale(d, split.new_rs, split.old_rss);
  if (api::field(d, {"spec", "paused"}) == true) cleanup(d, split.old_rss);
  RSList all = split.old_rss;
  all.push_back(split.new_rs);
  sync_status(d, all, split.new_rs);
}

void DeploymentController::scale(const Json& d, const ObjectPtr& new_rs, const RSList& old_rss) {
  const std::int64_t desired = spec_replicas(d);
  bool scaled = false;
  // One active RS (or none: the newest) takes the whole count.
  if (ObjectPtr only = find_active_or_latest(new_rs, old_rss)) {
    if (spec_replicas(*only) != desired) scale_replica_set(only, desired, d, scaled);
    return;
  }
  // A saturated new RS: the old ones go to zero.
  if (is_saturated(d, new_rs)) {
    for (const auto& old : filter_active(old_rss))
      if (spec_replicas(*old) != 0) scale_replica_set(old, 0, d, scaled);
    return;
  }
  if (!is_rolling_update(d)) return;
  // Proportional scaling of a rollout in flight. E.g. 10 replicas, maxSurge 3, the
  // old RS at 8 and the new one at 5 (13 = the maximum); scaled to 15 (maximum 18):
  // 5 more pods split by each RS's share of the old maximum, 8*18/13 → +3 for the
  // old RS, 5*18/13 → +2 for the new one; rounding leftovers go to the largest.
  RSList all = old_rss;
  all.push_back(new_rs);
  all = filter_active(all);
  const std::int64_t allowed = desired > 0 ? desired + max_surge(d) : 0;
  const std::int64_t to_add = allowed - sum_spec_replicas(all);
  if (to_add > 0) sort_by_size_newer(all);
  else if (to_add < 0) sort_by_size_older(all);
  std::int64_t added = 0;
  std::vector<std::int64_t> sizes;
  for (const auto& rs : all) {
    std::int64_t proportion = to_add != 0 ? replica_set_proportion(*rs, d, to_add, added) : 0;
    sizes.push_back(spec_replicas(*rs) + proportion);
    added += proportion;
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i == 0 && to_add != 0) sizes[0] = std::max<std::int64_t>(0, sizes[0] + to_add - added);
    scale_replica_set(all[i], sizes[i], d, scaled);
  }
}

void DeploymentController::cleanup(const Json& d, const RSList& old_rss) {
  if (!has_revision_history_limit(d)) return;
  RSList cleanable;
  for (const auto& rs : old_rss)
    if (rs && !api::meta::being_deleted(*rs)) cleanable.push_back(rs);
  const std::int64_t diff =
      static_cast<std::int64_t>(cleanable.size()) - api::int_field(d, {"spec", "revisionHistoryLimit"});
  if (diff <= 0) return;
  sort_by_revision(cleanable);
  for (std::int64_t i = 0; i < diff; ++i) {
    const Json& rs = *cleanable[static_cast<std::size_t>(i)];
    // Only RSes scaled to zero whose controller has seen that.
    if (status_count(rs, "replicas") != 0 || spec_replicas(rs) != 0 ||
        api::meta::generation(rs) > api::int_field(rs, {"status", "observedGeneration"}))
      continue;
    try {
      api_.remove(rs_res_, api::meta::namespace_of(rs), api::meta::name(rs));
    } catch (const api::ApiError& e) {
      if (e.code() != 404) throw;
    }
  }
}

Json DeploymentController::calculate_status(const RSList& all, const ObjectPtr& new_rs, const Json& d) const {
  const std::int64_t available = sum_status(all, "availableReplicas");
  const std::int64_t unavailable = std::max<std::int64_t>(0, sum_spec_replicas(all) - available);
  Json status = Json::object();
  set_omitempty(status, "observedGeneration", api::meta::generation(d));
  set_omitempty(status, "replicas", sum_status(all, "replicas"));
  set_omitempty(status, "updatedReplicas", new_rs ? status_count(*new_rs, "replicas") : 0);
  set_omitempty(status, "readyReplicas", sum_status(all, "readyReplicas"));
  set_omitempty(status, "availableReplicas", available);
  set_omitempty(status, "unavailableReplicas", unavailable);
  const Json& cc = api::field(d, {"status", "collisionCount"});
  if (!cc.is_null()) status["collisionCount"] = cc;
  const Json& conds = api::field(d, {"status", "conditions"});
  if (conds.is_array() && !conds.empty()) status["conditions"] = conds;
  const sim::Time now = api_.sim().now();
  if (available >= spec_replicas(d) - max_unavailable(d))
    set_condition(status, new_condition("Available", "True", kMinimumReplicasAvailable,
                                         "Deployment has minimum availability.", now));
  else
    set_condition(status, new_condition("Available", "False", kMinimumReplicasUnavailable,
                                         "Deployment does not have minimum availability.", now));
  return status;
}

void DeploymentController::sync_status(Json& d, const RSList& all, const ObjectPtr& new_rs) {
  Json status = calculate_status(all, new_rs, d);
  if (d["status"] == status) return;
  d["status"] = std::move(status);
  update_status(d);
}

void DeploymentController::update_status(Json& d) {
  const std::string ns = api::meta::namespace_of(d);
  api::WriteOptions o;
  o.subresource = "status";
  ObjectPtr stored = api_.update(deployments_res_, ns, d, o);
  d = *stored;
  if (!d.contains("status") || !d["status"].is_object()) d["status"] = Json::object();
}

}  // namespace kt::controllers
