// What the describers share (labels, annotations, taints, tolerations, events, pod
// counts), and the dispatch from a resource to its describer.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>

#include "core/api/labels.h"
#include "core/printers/describe_util.h"
#include "core/util/duration.h"
#include "core/util/quantity.h"
#include "core/util/timefmt.h"
#include "core/util/strings.h"

namespace kt::printers {
namespace describe_detail {

std::string s(const Json& obj, std::initializer_list<std::string_view> path) {
  const Json& v = api::field(obj, path);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

std::string i64(const Json& obj, std::initializer_list<std::string_view> path, std::int64_t dflt) {
  return std::to_string(api::int_field(obj, path, dflt));
}

bool has(const Json& obj, std::initializer_list<std::string_view> path) { return !api::field(obj, path).is_null(); }

std::string rfc1123z(const std::string& rfc3339) {
  auto t = util::parse_rfc3339(rfc3339);
  if (!t) return "Mon, 01 Jan 0001 00:00:00 +0000";
  return util::format_rfc1123z(*t);
}

std::string since(const DescribeContext& ctx, const std::string& rfc3339) {
  auto t = util::parse_rfc3339(rfc3339);
  if (!t) return "<unknown>";
  return util::human_duration(ctx.now - *t);
}

std::string go_list(const Json& arr) {
  std::string out = "[";
  if (arr.is_array())
    for (std::size_t i = 0; i < arr.size(); ++i) {
      if (i) out += " ";
      out += arr[i].is_string() ? arr[i].get<std::string>() : arr[i].dump();
    }
  return out + "]";
}

std::string go_bool_title(bool b) { return b ? "True" : "False"; }
std::string or_none(const std::string& v) { return v.empty() ? "<none>" : v; }
std::string qty(const Json& q) { return util::Quantity::from_json(q).to_string(); }
std::string intstr(const Json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_string()) return v.get<std::string>();
  return v.is_null() ? "0" : v.dump();
}

const api::ResourceInfo& resource_info(const DescribeContext& ctx, const char* group, const char* version,
                                       const char* plural) {
  return *ctx.api.registry().find(group, version, plural);
}

std::vector<std::string> sorted_keys(const Json& obj) {
  std::vector<std::string> keys;
  if (obj.is_object())
    for (auto it = obj.begin(); it != obj.end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string join_list(const Json& arr, const std::string& sep) {
  std::string out;
  if (arr.is_array())
    for (const auto& x : arr) out += (out.empty() ? "" : sep) + (x.is_string() ? x.get<std::string>() : x.dump());
  return out;
}

std::string join_strings(const std::vector<std::string>& parts, const std::string& sep) {
  return util::join(parts, sep);
}

namespace {

std::string str_value(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

void labels_multiline(PrefixWriter& w, const std::string& title, const Json& labels, const std::string& indent) {
  w.write(L0, indent + title + ":\t");
  auto keys = sorted_keys(labels);
  if (keys.empty()) {
    w.line("<none>");
    return;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) w.write(L0, indent + "\t");
    w.write(L0, keys[i] + "=" + str_value(labels[keys[i]]) + "\n");
  }
}

void annotations_multiline(PrefixWriter& w, const std::string& title, const Json& annotations) {
  constexpr std::size_t kMax = 140;
  w.write(L0, title + ":\t");
  std::vector<std::string> keys;
  for (const auto& k : sorted_keys(annotations))
    if (k != "kubectl.kubernetes.io/last-applied-configuration") keys.push_back(k);
  if (keys.empty()) {
    w.line("<none>");
    return;
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) w.write(L0, "\t");
    std::string value = str_value(annotations[keys[i]]);
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.size() + keys[i].size() + 2 > kMax || value.find('\n') != std::string::npos) {
      w.write(L0, keys[i] + ":\n");
      std::size_t start = 0;
      while (true) {
        auto nl = value.find('\n', start);
        std::string part = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (part.size() > kMax - 2) part = part.substr(0, kMax - 2) + "...";
        w.write(L0, "\t  " + part + "\n");
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    } else {
      w.write(L0, keys[i] + ": " + value + "\n");
    }
  }
}

void tolerations_multiline(PrefixWriter& w, const std::string& title, const Json& tolerations) {
  w.write(L0, title + ":\t");
  if (!tolerations.is_array() || tolerations.empty()) {
    w.line("<none>");
    return;
  }
  std::vector<Json> list(tolerations.begin(), tolerations.end());
  std::stable_sort(list.begin(), list.end(), [](const Json& a, const Json& b) { return s(a, {"key"}) < s(b, {"key"}); });
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& t = list[i];
    if (i) w.write(L0, "\t");
    std::string text = s(t, {"key"});
    const std::string value = s(t, {"value"}), effect = s(t, {"effect"});
    if (!value.empty()) text += "=" + value;
    if (!effect.empty()) text += ":" + effect;
    if (s(t, {"operator"}) == "Exists" && value.empty())
      text += (!s(t, {"key"}).empty() || !effect.empty()) ? " op=Exists" : "op=Exists";
    if (has(t, {"tolerationSeconds"})) text += " for " + i64(t, {"tolerationSeconds"}) + "s";
    w.write(L0, text + "\n");
  }
}

void taints_multiline(PrefixWriter& w, const std::string& title, const Json& taints) {
  w.write(L0, title + ":\t");
  if (!taints.is_array() || taints.empty()) {
    w.line("<none>");
    return;
  }
  std::vector<Json> list(taints.begin(), taints.end());
  auto key = [](const Json& t) { return s(t, {"effect"}) + "," + s(t, {"key"}); };
  std::stable_sort(list.begin(), list.end(), [&](const Json& a, const Json& b) { return key(a) < key(b); });
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) w.write(L0, "\t");
    // Taint.ToString: key[=value]:effect (":effect" only when the effect is set).
    std::string text = s(list[i], {"key"});
    if (!s(list[i], {"value"}).empty()) text += "=" + s(list[i], {"value"});
    if (!s(list[i], {"effect"}).empty()) text += ":" + s(list[i], {"effect"});
    w.write(L0, text + "\n");
  }
}

std::string controlled_by(const Json& obj) {
  const Json* ref = api::meta::controller_ref(obj);
  if (!ref) return "";
  return s(*ref, {"kind"}) + "/" + s(*ref, {"name"});
}

std::vector<api::ObjectPtr> search_events(const DescribeContext& ctx, const std::string& ns, const std::string& name,
                                          const std::string& kind, const std::string& uid) {
  const api::ResourceInfo* res = ctx.api.registry().find("", "v1", "events");
  if (!res) return {};
  api::ListOptions lo;
  lo.field_selector = "involvedObject.name=" + name + ",involvedObject.namespace=" + ns;
  if (!kind.empty()) lo.field_selector += ",involvedObject.kind=" + kind;
  if (!uid.empty()) lo.field_selector += ",involvedObject.uid=" + uid;
  try {
    return ctx.api.list(*res, ns, lo).items;
  } catch (const api::ApiError&) {
    return {};
  }
}

void events_of(const DescribeContext& ctx, PrefixWriter& w, const Json& obj, const std::string& kind) {
  if (!ctx.show_events) return;
  describe_events(ctx, w,
                  search_events(ctx, api::meta::namespace_of(obj), api::meta::name(obj), kind, api::meta::uid(obj)));
}

void describe_events(const DescribeContext& ctx, PrefixWriter& w, std::vector<api::ObjectPtr> events) {
  if (events.empty()) {
    w.write(L0, "Events:\t<none>\n");
    return;
  }
  // event.SortableEvents: by lastTimestamp (unset first).
  auto last = [](const api::ObjectPtr& e) {
    auto t = util::parse_rfc3339(s(*e, {"lastTimestamp"}));
    return t ? t->us : std::numeric_limits<std::int64_t>::min();
  };
  std::stable_sort(events.begin(), events.end(), [&](const auto& a, const auto& b) { return last(a) < last(b); });
  w.write(L0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(L1, "----\t------\t----\t----\t-------\n");
  for (const auto& ep : events) {
    const Json& e = *ep;
    std::string first = !s(e, {"eventTime"}).empty() ? since(ctx, s(e, {"eventTime"})) : since(ctx, s(e, {"firstTimestamp"}));
    std::string interval = first;
    const std::int64_t count = api::int_field(e, {"count"}, 0);
    if (api::field(e, {"series"}).is_object())
      interval = since(ctx, s(e, {"series", "lastObservedTime"})) + " (x" + i64(e, {"series", "count"}) + " over " +
                 first + ")";
    else if (count > 1)
      interval = since(ctx, s(e, {"lastTimestamp"})) + " (x" + std::to_string(count) + " over " + first + ")";
    std::string source = s(e, {"source", "component"});
    if (source.empty()) source = s(e, {"reportingComponent"});
    std::string message = s(e, {"message"});
    auto b = message.find_first_not_of(" \t\n\r\v\f");
    auto en = message.find_last_not_of(" \t\n\r\v\f");
    message = b == std::string::npos ? "" : message.substr(b, en - b + 1);
    w.write(L1, s(e, {"type"}) + "\t" + s(e, {"reason"}) + "\t" + interval + "\t" + source + "\t" + message + "\n");
  }
}

PodCounts pod_counts(const DescribeContext& ctx, const std::string& ns, const std::string& selector,
                     const std::string& uid) {
  PodCounts c;
  const api::ResourceInfo* res = ctx.api.registry().find("", "v1", "pods");
  api::ListOptions lo;
  lo.label_selector = selector;
  for (const auto& p : ctx.api.list(*res, ns, lo).items) {
    const Json* ref = api::meta::controller_ref(*p);
    if (!ref || s(*ref, {"uid"}) != uid) continue;
    const std::string phase = s(*p, {"status", "phase"});
    if (phase == "Running") ++c.running;
    else if (phase == "Pending") ++c.waiting;
    else if (phase == "Succeeded") ++c.succeeded;
    else if (phase == "Failed") ++c.failed;
  }
  return c;
}

std::string pods_status(const PodCounts& c) {
  return std::to_string(c.running) + " Running / " + std::to_string(c.waiting) + " Waiting / " +
         std::to_string(c.succeeded) + " Succeeded / " + std::to_string(c.failed) + " Failed";
}

}  // namespace describe_detail

using namespace describe_detail;

std::string describe(const DescribeContext& ctx, const api::ResourceInfo& res, const std::string& ns,
                     const std::string& name) {
  static const std::map<std::pair<std::string, std::string>, DescribeFn> by_kind = {
      {{"", "Pod"}, [](const DescribeContext& c, const Json& o) { return describe_pod(c, o); }},
      {{"", "ReplicationController"}, describe_replication_controller},
      {{"", "Secret"}, describe_secret},
      {{"", "Service"}, describe_service},
      {{"", "ServiceAccount"}, describe_service_account},
      {{"", "Node"}, describe_node},
      {{"", "LimitRange"}, describe_limit_range},
      {{"", "ResourceQuota"}, describe_quota},
      {{"", "PersistentVolume"}, describe_pv},
      {{"", "PersistentVolumeClaim"}, describe_pvc},
      {{"", "Namespace"}, describe_namespace},
      {{"", "Endpoints"}, describe_endpoints},
      {{"", "ConfigMap"}, describe_configmap},
      {{"discovery.k8s.io", "EndpointSlice"}, describe_endpoint_slice},
      {{"autoscaling", "HorizontalPodAutoscaler"}, describe_hpa},
      {{"networking.k8s.io", "Ingress"}, describe_ingress},
      {{"networking.k8s.io", "IngressClass"}, describe_ingress_class},
      {{"networking.k8s.io", "NetworkPolicy"}, describe_network_policy},
      {{"batch", "Job"}, describe_job},
      {{"batch", "CronJob"}, describe_cronjob},
      {{"apps", "StatefulSet"}, describe_statefulset},
      {{"apps", "Deployment"}, describe_deployment},
      {{"apps", "DaemonSet"}, describe_daemonset},
      {{"apps", "ReplicaSet"}, describe_replicaset},
      {{"storage.k8s.io", "StorageClass"}, describe_storage_class},
      {{"policy", "PodDisruptionBudget"}, describe_pdb},
      {{"rbac.authorization.k8s.io", "Role"}, describe_role},
      {{"rbac.authorization.k8s.io", "ClusterRole"}, describe_role},
      {{"rbac.authorization.k8s.io", "RoleBinding"}, describe_role_binding},
      {{"rbac.authorization.k8s.io", "ClusterRoleBinding"}, describe_role_binding},
      {{"scheduling.k8s.io", "PriorityClass"}, describe_priority_class},
  };
  // HorizontalPodAutoscalerDescriber reads autoscaling/v2 whatever version was named,
  // and falls back to autoscaling/v1 (and its layout) when that read fails.
  if (res.group == "autoscaling" && res.kind == "HorizontalPodAutoscaler") {
    const auto* v2 = ctx.api.registry().find("autoscaling", "v2", "horizontalpodautoscalers");
    const auto* v1 = ctx.api.registry().find("autoscaling", "v1", "horizontalpodautoscalers");
    if (v2)
      if (auto obj = ctx.api.try_get(*v2, ns, name)) return describe_hpa(ctx, *obj);
    if (v1) return describe_hpa_v1(ctx, *ctx.api.get(*v1, ns, name));
  }
  const api::ResourceInfo* read_as = &res;
  api::ObjectPtr obj;
  try {
    obj = ctx.api.get(*read_as, res.namespaced ? ns : "", name);
  } catch (const api::ApiError& e) {
    // PodDescriber: a pod that is gone may still have events.
    if (res.group.empty() && res.kind == "Pod" && ctx.show_events) {
      auto events = search_events(ctx, ns, name, "", "");
      if (!events.empty()) {
        PrefixWriter w;
        w.write(L0, "Pod '" + name + "': error '" + e.message() + "', but found events.\n");
        describe_events(ctx, w, events);
        return w.finish();
      }
    }
    throw;
  }
  auto it = by_kind.find({res.group, res.kind});
  if (it != by_kind.end()) return it->second(ctx, *obj);
  return describe_generic(ctx, *obj);
}

}  // namespace kt::printers
