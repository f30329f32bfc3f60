// Workloads: Deployment, ReplicaSet, ReplicationController, DaemonSet, StatefulSet,
// Job and CronJob; each prints its pod template with DescribePodTemplate.
#include "core/api/labels.h"
#include "core/controllers/deployment/deployment_util.h"
#include "core/printers/describe_util.h"
#include "core/util/duration.h"
#include "core/util/timefmt.h"

namespace kt::printers::describe_detail {
namespace {

// LabelSelectorAsSelector(...).String(): "" for an empty selector.
std::string selector_string(const Json& sel) {
  try {
    return api::LabelSelector::from_json(sel).to_string();
  } catch (const std::exception&) {
    return "";
  }
}

void conditions_type_status_reason(PrefixWriter& w, const Json& conditions) {
  if (!conditions.is_array() || conditions.empty()) return;
  w.write(L0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(L1, "----\t------\t------\n");
  for (const auto& c : conditions) w.write(L1, s(c, {"type"}) + " \t" + s(c, {"status"}) + "\t" + s(c, {"reason"}) + "\n");
}

std::string rs_list(const std::vector<api::ObjectPtr>& rss) {
  std::string out;
  for (const auto& rs : rss) {
    if (!out.empty()) out += ", ";
    out += api::meta::name(*rs) + " (" + i64(*rs, {"status", "replicas"}) + "/" + i64(*rs, {"spec", "replicas"}) +
           " replicas created)";
  }
  return out.empty() ? "<none>" : out;
}

}  // namespace

std::string describe_deployment(const DescribeContext& ctx, const Json& d) {
  PrefixWriter w;
  const Json& spec = api::field(d, {"spec"});
  const Json& status = api::field(d, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(d) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(d) + "\n");
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(s(d, {"metadata", "creationTimestamp"})) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(d));
  annotations_multiline(w, "Annotations", api::meta::annotations(d));
  w.write(L0, "Selector:\t" + selector_string(api::field(spec, {"selector"})) + "\n");
  w.write(L0, "Replicas:\t" + i64(spec, {"replicas"}) + " desired | " + i64(status, {"updatedReplicas"}) + " updated | " +
                  i64(status, {"replicas"}) + " total | " + i64(status, {"availableReplicas"}) + " available | " +
                  i64(status, {"unavailableReplicas"}) + " unavailable\n");
  w.write(L0, "StrategyType:\t" + s(spec, {"strategy", "type"}) + "\n");
  w.write(L0, "MinReadySeconds:\t" + i64(spec, {"minReadySeconds"}) + "\n");
  if (has(spec, {"strategy", "rollingUpdate"})) {
    const Json& ru = spec["strategy"]["rollingUpdate"];
    w.write(L0, "RollingUpdateStrategy:\t" + intstr(api::field(ru, {"maxUnavailable"})) + " max unavailable, " +
                    intstr(api::field(ru, {"maxSurge"})) + " max surge\n");
  }
  describe_pod_template(ctx, w, api::field(spec, {"template"}));
  conditions_type_status_reason(w, api::field(status, {"conditions"}));

  // deploymentutil.GetAllReplicaSetsInChunks: the RSes the deployment controls.
  controllers::deployment::RSList owned;
  try {
    const api::ResourceInfo* rs_res = ctx.api.registry().find("apps", "v1", "replicasets");
    api::ListOptions lo;
    lo.label_selector = selector_string(api::field(spec, {"selector"}));
    for (const auto& rs : ctx.api.list(*rs_res, api::meta::namespace_of(d), lo).items) {
      const Json* ref = api::meta::controller_ref(*rs);
      if (ref && s(*ref, {"uid"}) == api::meta::uid(d)) owned.push_back(rs);
    }
  } catch (const api::ApiError&) {
  }
  controllers::deployment::sort_by_creation(owned);
  api::ObjectPtr new_rs = controllers::deployment::find_new_replica_set(d, owned);
  std::vector<api::ObjectPtr> old_rss, new_rss;
  for (const auto& rs : owned)
    if (!new_rs || api::meta::uid(*rs) != api::meta::uid(*new_rs)) old_rss.push_back(rs);
  if (new_rs) new_rss.push_back(new_rs);
  if (!old_rss.empty() || !new_rss.empty()) {
    w.write(L0, "OldReplicaSets:\t" + rs_list(old_rss) + "\n");
    w.write(L0, "NewReplicaSet:\t" + rs_list(new_rss) + "\n");
  }
  events_of(ctx, w, d, "Deployment");
  return w.finish();
}

std::string describe_replicaset(const DescribeContext& ctx, const Json& rs) {
  PrefixWriter w;
  const Json& spec = api::field(rs, {"spec"});
  w.write(L0, "Name:\t" + api::meta::name(rs) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(rs) + "\n");
  w.write(L0, "Selector:\t" + api::format_label_selector(api::field(spec, {"selector"})) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(rs));
  annotations_multiline(w, "Annotations", api::meta::annotations(rs));
  if (const std::string c = controlled_by(rs); !c.empty()) w.write(L0, "Controlled By:\t" + c + "\n");
  w.write(L0, "Replicas:\t" + i64(rs, {"status", "replicas"}) + " current / " + i64(spec, {"replicas"}) + " desired\n");
  w.write(L0, "Pods Status:\t");
  w.write(L0, pods_status(pod_counts(ctx, api::meta::namespace_of(rs), selector_string(api::field(spec, {"selector"})),
                                     api::meta::uid(rs))) +
                  "\n");
  describe_pod_template(ctx, w, api::field(spec, {"template"}));
  conditions_type_status_reason(w, api::field(rs, {"status", "conditions"}));
  events_of(ctx, w, rs, "ReplicaSet");
  return w.finish();
}

std::string describe_replication_controller(const DescribeContext& ctx, const Json& rc) {
  PrefixWriter w;
  const Json& spec = api::field(rc, {"spec"});
  const std::string selector = api::format_labels(api::field(spec, {"selector"}));
  w.write(L0, "Name:\t" + api::meta::name(rc) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(rc) + "\n");
  w.write(L0, "Selector:\t" + selector + "\n");
  labels_multiline(w, "Labels", api::meta::labels(rc));
  annotations_multiline(w, "Annotations", api::meta::annotations(rc));
  w.write(L0, "Replicas:\t" + i64(rc, {"status", "replicas"}) + " current / " + i64(spec, {"replicas"}) + " desired\n");
  const std::string sel = api::LabelSelector::from_set(api::field(spec, {"selector"})).to_string();
  w.write(L0, "Pods Status:\t" + pods_status(pod_counts(ctx, api::meta::namespace_of(rc), sel, api::meta::uid(rc))) + "\n");
  describe_pod_template(ctx, w, api::field(spec, {"template"}));
  conditions_type_status_reason(w, api::field(rc, {"status", "conditions"}));
  events_of(ctx, w, rc, "ReplicationController");
  return w.finish();
}

std::string describe_daemonset(const DescribeContext& ctx, const Json& ds) {
  PrefixWriter w;
  const Json& spec = api::field(ds, {"spec"});
  const Json& st = api::field(ds, {"status"});
  const std::string selector = selector_string(api::field(spec, {"selector"}));
  const PodCounts counts = pod_counts(ctx, api::meta::namespace_of(ds), selector, api::meta::uid(ds));
  w.write(L0, "Name:\t" + api::meta::name(ds) + "\n");
  w.write(L0, "Selector:\t" + selector + "\n");
  std::string ns = api::format_labels(api::field(spec, {"template", "spec", "nodeSelector"}));
  w.write(L0, "Node-Selector:\t" + ns + "\n");
  labels_multiline(w, "Labels", api::meta::labels(ds));
  annotations_multiline(w, "Annotations", api::meta::annotations(ds));
  w.write(L0, "Desired Number of Nodes Scheduled: " + i64(st, {"desiredNumberScheduled"}) + "\n");
  w.write(L0, "Current Number of Nodes Scheduled: " + i64(st, {"currentNumberScheduled"}) + "\n");
  w.write(L0, "Number of Nodes Scheduled with Up-to-date Pods: " + i64(st, {"updatedNumberScheduled"}) + "\n");
  w.write(L0, "Number of Nodes Scheduled with Available Pods: " + i64(st, {"numberAvailable"}) + "\n");
  w.write(L0, "Number of Nodes Misscheduled: " + i64(st, {"numberMisscheduled"}) + "\n");
  w.write(L0, "Pods Status:\t" + pods_status(counts) + "\n");
  describe_pod_template(ctx, w, api::field(spec, {"template"}));
  events_of(ctx, w, ds, "DaemonSet");
  return w.finish();
}

std::string describe_statefulset(const DescribeContext& ctx, const Json& ss) {
  PrefixWriter w;
  const Json& spec = api::field(ss, {"spec"});
  const std::string selector = selector_string(api::field(spec, {"selector"}));
  const PodCounts counts = pod_counts(ctx, api::meta::namespace_of(ss), selector, api::meta::uid(ss));
  w.write(L0, "Name:\t" + api::meta::name(ss) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(ss) + "\n");
  w.write(L0, "CreationTimestamp:\t" + rfc1123z(s(ss, {"metadata", "creationTimestamp"})) + "\n");
  w.write(L0, "Selector:\t" + selector + "\n");
  labels_multiline(w, "Labels", api::meta::labels(ss));
  annotations_multiline(w, "Annotations", api::meta::annotations(ss));
  w.write(L0, "Replicas:\t" + i64(spec, {"replicas"}) + " desired | " + i64(ss, {"status", "replicas"}) + " total\n");
  w.write(L0, "Update Strategy:\t" + s(spec, {"updateStrategy", "type"}) + "\n");
  const Json& ru = api::field(spec, {"updateStrategy", "rollingUpdate"});
  if (ru.is_object() && has(ru, {"partition"})) {
    w.write(L1, "Partition:\t" + i64(ru, {"partition"}) + "\n");
    if (has(ru, {"maxUnavailable"})) w.write(L1, "MaxUnavailable:\t" + intstr(ru["maxUnavailable"]) + "\n");
  }
  w.write(L0, "Pods Status:\t" + pods_status(counts) + "\n");
  describe_pod_template(ctx, w, api::field(spec, {"template"}));
  const Json& vcts = api::field(spec, {"volumeClaimTemplates"});
  if (!vcts.is_array() || vcts.empty()) {
    w.write(L0, "Volume Claims:\t<none>\n");
  } else {
    w.write(L0, "Volume Claims:\n");
    for (const auto& pvc : vcts) {
      w.write(L1, "Name:\t" + api::meta::name(pvc) + "\n");
      std::string sc = s(pvc, {"spec", "storageClassName"});
      if (!has(pvc, {"spec", "storageClassName"}))
        sc = s(pvc, {"metadata", "annotations", "volume.beta.kubernetes.io/storage-class"});
      w.write(L1, "StorageClass:\t" + sc + "\n");
      labels_multiline(w, "Labels", api::meta::labels(pvc), "  ");
      labels_multiline(w, "Annotations", api::meta::annotations(pvc), "  ");
      const Json& cap = api::field(pvc, {"spec", "resources", "requests", "storage"});
      w.write(L1, "Capacity:\t" + (cap.is_null() ? std::string("<default>") : qty(cap)) + "\n");
      w.write(L1, "Access Modes:\t" + go_list(api::field(pvc, {"spec", "accessModes"})) + "\n");
    }
  }
  events_of(ctx, w, ss, "StatefulSet");
  return w.finish();
}

std::string describe_job(const DescribeContext& ctx, const Json& job) {
  PrefixWriter w;
  const Json& spec = api::field(job, {"spec"});
  const Json& st = api::field(job, {"status"});
  w.write(L0, "Name:\t" + api::meta::name(job) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(job) + "\n");
  w.write(L0, "Selector:\t" + selector_string(api::field(spec, {"selector"})) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(job));
  annotations_multiline(w, "Annotations", api::meta::annotations(job));
  if (const std::string c = controlled_by(job); !c.empty()) w.write(L0, "Controlled By:\t" + c + "\n");
  if (has(spec, {"parallelism"})) w.write(L0, "Parallelism:\t" + i64(spec, {"parallelism"}) + "\n");
  if (has(spec, {"completions"})) w.write(L0, "Completions:\t" + i64(spec, {"completions"}) + "\n");
  else w.write(L0, "Completions:\t<unset>\n");
  if (has(spec, {"completionMode"})) w.write(L0, "Completion Mode:\t" + s(spec, {"completionMode"}) + "\n");
  if (has(spec, {"suspend"})) w.write(L0, "Suspend:\t" + s(spec, {"suspend"}) + "\n");
  if (has(spec, {"backoffLimit"})) w.write(L0, "Backoff Limit:\t" + i64(spec, {"backoffLimit"}) + "\n");
  if (has(spec, {"ttlSecondsAfterFinished"}))
    w.write(L0, "TTL Seconds After Finished:\t" + i64(spec, {"ttlSecondsAfterFinished"}) + "\n");
  if (has(st, {"startTime"})) w.write(L0, "Start Time:\t" + rfc1123z(s(st, {"startTime"})) + "\n");
  if (has(st, {"completionTime"})) w.write(L0, "Completed At:\t" + rfc1123z(s(st, {"completionTime"})) + "\n");
  if (has(st, {"startTime"}) && has(st, {"completionTime"})) {
    auto a = util::parse_rfc3339(s(st, {"startTime"})), b = util::parse_rfc3339(s(st, {"completionTime"}));
    if (a && b) w.write(L0, "Duration:\t" + util::human_duration(*b - *a) + "\n");
  }
  if (has(spec, {"activeDeadlineSeconds"}))
    w.write(L0, "Active Deadline Seconds:\t" + i64(spec, {"activeDeadlineSeconds"}) + "s\n");
  if (!has(st, {"ready"}))
    w.write(L0, "Pods Statuses:\t" + i64(st, {"active"}) + " Active / " + i64(st, {"succeeded"}) + " Succeeded / " +
                    i64(st, {"failed"}) + " Failed\n");
  else
    w.write(L0, "Pods Statuses:\t" + i64(st, {"active"}) + " Active (" + i64(st, {"ready"}) + " Ready) / " +
                    i64(st, {"succeeded"}) + " Succeeded / " + i64(st, {"failed"}) + " Failed\n");
  if (s(spec, {"completionMode"}) == "Indexed") {
    std::string idx = s(st, {"completedIndexes"});
    if (idx.empty()) {
      idx = "<none>";
    } else if (idx.size() > 50) {
      std::size_t ix = 50;
      while (ix < idx.size() && idx[ix] != ',') ++ix;
      if (ix < idx.size()) idx = idx.substr(0, ix + 1) + "...";
    }
    w.write(L0, "Completed Indexes:\t" + idx + "\n");
  }
  describe_pod_template(ctx, w, api::field(spec, {"template"}));
  events_of(ctx, w, job, "Job");
  return w.finish();
}

std::string describe_cronjob(const DescribeContext& ctx, const Json& cj) {
  PrefixWriter w;
  const Json& spec = api::field(cj, {"spec"});
  w.write(L0, "Name:\t" + api::meta::name(cj) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(cj) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(cj));
  annotations_multiline(w, "Annotations", api::meta::annotations(cj));
  w.write(L0, "Schedule:\t" + s(spec, {"schedule"}) + "\n");
  w.write(L0, "Concurrency Policy:\t" + s(spec, {"concurrencyPolicy"}) + "\n");
  w.write(L0, "Suspend:\t" + (has(spec, {"suspend"}) ? go_bool_title(spec["suspend"] == Json(true)) : "<unset>") + "\n");
  auto opt_int = [&](const char* f, const std::string& suffix = "") {
    return has(spec, {f}) ? i64(spec, {f}) + suffix : std::string("<unset>");
  };
  w.write(L0, "Successful Job History Limit:\t" + opt_int("successfulJobsHistoryLimit") + "\n");
  w.write(L0, "Failed Job History Limit:\t" + opt_int("failedJobsHistoryLimit") + "\n");
  w.write(L0, "Starting Deadline Seconds:\t" + opt_int("startingDeadlineSeconds", "s") + "\n");
  const Json& jt = api::field(spec, {"jobTemplate", "spec"});
  if (has(jt, {"selector"})) w.write(L0, "Selector:\t" + selector_string(jt["selector"]) + "\n");
  else w.write(L0, "Selector:\t<unset>\n");
  w.write(L0, "Parallelism:\t" + (has(jt, {"parallelism"}) ? i64(jt, {"parallelism"}) : std::string("<unset>")) + "\n");
  w.write(L0, "Completions:\t" + (has(jt, {"completions"}) ? i64(jt, {"completions"}) : std::string("<unset>")) + "\n");
  if (has(jt, {"activeDeadlineSeconds"}))
    w.write(L0, "Active Deadline Seconds:\t" + i64(jt, {"activeDeadlineSeconds"}) + "s\n");
  describe_pod_template(ctx, w, api::field(jt, {"template"}));
  if (has(cj, {"status", "lastScheduleTime"}))
    w.write(L0, "Last Schedule Time:\t" + rfc1123z(s(cj, {"status", "lastScheduleTime"})) + "\n");
  else
    w.write(L0, "Last Schedule Time:\t<unset>\n");
  w.write(L0, "Active Jobs:\t");
  const Json& active = api::field(cj, {"status", "active"});
  if (!active.is_array() || active.empty()) {
    w.line("<none>");
  } else {
    for (std::size_t i = 0; i < active.size(); ++i) w.write(L0, (i ? ", " : "") + s(active[i], {"name"}));
    w.line("");
  }
  events_of(ctx, w, cj, "CronJob");
  return w.finish();
}

}  // namespace kt::printers::describe_detail
