#include "core/kubectl/rollout_viewers.h"

#include <algorithm>

#include "core/api/labels.h"

namespace kt::kubectl {
namespace {

constexpr const char* kRevision = "deployment.kubernetes.io/revision";
constexpr const char* kChangeCause = "kubernetes.io/change-cause";

std::string n(std::int64_t v) { return std::to_string(v); }

std::int64_t rs_revision(const Json& rs) {
  const std::string v = api::str_field(rs, {"metadata", "annotations", kRevision});
  return v.empty() || v.find_first_not_of("0123456789") != std::string::npos ? 0 : std::stoll(v);
}

bool owned_by(const Json& obj, const Json& owner) {
  const Json* ref = api::meta::controller_ref(obj);
  return ref && ref->value("uid", "") == api::meta::uid(owner);
}

}  // namespace

RolloutStatus deployment_rollout_status(const Json& d) {
  const std::string name = api::meta::name(d);
  if (api::meta::generation(d) > api::int_field(d, {"status", "observedGeneration"}))
    return {"Waiting for deployment spec update to be observed...\n", false, false};
  const Json& conds = api::field(d, {"status", "conditions"});
  if (conds.is_array())
    for (const auto& c : conds)
      if (c.value("type", "") == "Progressing" && c.value("reason", "") == "ProgressDeadlineExceeded")
        return {"deployment \"" + name + "\" exceeded its progress deadline\n", true, true};
  const std::int64_t want = api::int_field(d, {"spec", "replicas"}, 1);
  const std::int64_t updated = api::int_field(d, {"status", "updatedReplicas"});
  const std::int64_t replicas = api::int_field(d, {"status", "replicas"});
  const std::int64_t available = api::int_field(d, {"status", "availableReplicas"});
  const std::string wait = "Waiting for deployment \"" + name + "\" rollout to finish: ";
  if (updated < want) return {wait + n(updated) + " out of " + n(want) + " new replicas have been updated...\n", false, false};
  if (replicas > updated) return {wait + n(replicas - updated) + " old replicas are pending termination...\n", false, false};
  if (available < updated) return {wait + n(available) + " of " + n(updated) + " updated replicas are available...\n", false, false};
  return {"deployment \"" + name + "\" successfully rolled out\n", true, false};
}

RolloutStatus daemonset_rollout_status(const Json& ds) {
  if (api::str_field(ds, {"spec", "updateStrategy", "type"}) != "RollingUpdate")
    return {"rollout status is only available for RollingUpdate strategy type\n", true, true};
  if (api::meta::generation(ds) > api::int_field(ds, {"status", "observedGeneration"}))
    return {"Waiting for daemon set spec update to be observed...\n", false, false};
  const std::string name = api::meta::name(ds);
  const std::int64_t desired = api::int_field(ds, {"status", "desiredNumberScheduled"});
  const std::int64_t updated = api::int_field(ds, {"status", "updatedNumberScheduled"});
  const std::int64_t available = api::int_field(ds, {"status", "numberAvailable"});
  const std::string wait = "Waiting for daemon set \"" + name + "\" rollout to finish: ";
  if (updated < desired) return {wait + n(updated) + " out of " + n(desired) + " new pods have been updated...\n", false, false};
  if (available < desired) return {wait + n(available) + " of " + n(desired) + " updated pods are available...\n", false, false};
  return {"daemon set \"" + name + "\" successfully rolled out\n", true, false};
}

RolloutStatus statefulset_rollout_status(const Json& sts) {
  const Json& strategy = api::field(sts, {"spec", "updateStrategy"});
  if (api::str_field(sts, {"spec", "updateStrategy", "type"}) != "RollingUpdate")
    return {"rollout status is only available for RollingUpdate strategy type\n", true, true};
  const std::int64_t observed = api::int_field(sts, {"status", "observedGeneration"});
  if (observed == 0 || api::meta::generation(sts) > observed)
    return {"Waiting for statefulset spec update to be observed...\n", false, false};
  const Json& spec_replicas = api::field(sts, {"spec", "replicas"});
  const bool has_replicas = spec_replicas.is_number_integer();
  const std::int64_t replicas = has_replicas ? spec_replicas.get<std::int64_t>() : 0;
  const std::int64_t ready = api::int_field(sts, {"status", "readyReplicas"});
  if (has_replicas && ready < replicas) return {"Waiting for " + n(replicas - ready) + " pods to be ready...\n", false, false};
  const std::int64_t updated = api::int_field(sts, {"status", "updatedReplicas"});
  // The API defaults rollingUpdate.partition to 0, so a RollingUpdate set takes this branch.
  if (strategy.is_object() && strategy.contains("rollingUpdate") && strategy["rollingUpdate"].is_object()) {
    const Json& partition = strategy["rollingUpdate"].value("partition", Json());
    if (has_replicas && partition.is_number_integer() && updated < replicas - partition.get<std::int64_t>())
      return {"Waiting for partitioned roll out to finish: " + n(updated) + " out of " +
                  n(replicas - partition.get<std::int64_t>()) + " new pods have been updated...\n",
              false, false};
    return {"partitioned roll out complete: " + n(updated) + " new pods have been updated...\n", true, false};
  }
  const std::string update_rev = api::str_field(sts, {"status", "updateRevision"});
  const std::string current_rev = api::str_field(sts, {"status", "currentRevision"});
  if (update_rev != current_rev)
    return {"waiting for statefulset rolling update to complete " + n(updated) + " pods at revision " + update_rev + "...\n",
            false, false};
  return {"statefulset rolling update complete " + n(api::int_field(sts, {"status", "currentReplicas"})) +
              " pods at revision " + current_rev + "...\n",
          true, false};
}

std::vector<Revision> workload_revisions(api::ApiServer& api, const api::ResourceInfo& res, const Json& owner) {
  std::vector<Revision> out;
  const std::string ns = api::meta::namespace_of(owner);
  const auto selector = api::LabelSelector::from_json(api::field(owner, {"spec", "selector"}));
  if (res.kind == "Deployment") {
    for (const auto& rs : api.list(api.resource("apps", "replicasets"), ns).items) {
      if (!owned_by(*rs, owner) || !selector.matches(api::field(*rs, {"metadata", "labels"}))) continue;
      Revision r;
      r.number = rs_revision(*rs);
      if (r.number == 0) continue;
      r.change_cause = api::str_field(*rs, {"metadata", "annotations", kChangeCause});
      r.pod_template = api::field(*rs, {"spec", "template"});
      if (!r.change_cause.empty()) r.pod_template["metadata"]["annotations"][kChangeCause] = r.change_cause;
      r.source = rs;
      out.push_back(std::move(r));
    }
  } else {
    for (const auto& cr : api.list(api.resource("apps", "controllerrevisions"), ns).items) {
      if (!owned_by(*cr, owner) || !selector.matches(api::field(*cr, {"metadata", "labels"}))) continue;
      Revision r;
      r.number = cr->value("revision", std::int64_t{0});
      r.change_cause = api::str_field(*cr, {"metadata", "annotations", kChangeCause});
      // The revision's data is a strategic-merge patch `{"spec":{"template":{…,"$patch":"replace"}}}`.
      r.pod_template = api::field(*cr, {"data", "spec", "template"});
      if (r.pod_template.is_object()) r.pod_template.erase("$patch");
      r.source = cr;
      out.push_back(std::move(r));
    }
  }
  // Two revisions never share a number here; history.go keeps the last one it meets.
  std::stable_sort(out.begin(), out.end(), [](const Revision& a, const Revision& b) { return a.number < b.number; });
  return out;
}

}  // namespace kt::kubectl
