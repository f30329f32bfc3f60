#include "core/api/resources.h"

#include <algorithm>
#include <functional>
#include <cctype>

#include "core/util/strings.h"

namespace kt::api {
namespace {

const std::vector<std::string> kAllVerbs = {"create", "delete", "deletecollection", "get",
                                            "list",   "patch",  "update",           "watch"};
const std::vector<std::string> kAll = {"all"};

using util::lower;

struct Row {
  const char* group;
  const char* version;
  const char* kind;
  const char* plural;
  bool namespaced;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  std::vector<std::string> subresources;
  bool tracks_generation;
  std::vector<std::string> verbs = kAllVerbs;
  bool preferred = true;
};

// Facts from kube-apiserver v1.32 discovery (`kubectl api-resources -o wide`).
std::vector<Row> builtin_rows() {
  return {
      // core/v1
      {"", "v1", "Binding", "bindings", true, {}, {}, {}, false, {"create"}},
      {"", "v1", "ComponentStatus", "componentstatuses", false, {"cs"}, {}, {}, false, {"get", "list"}},
      {"", "v1", "ConfigMap", "configmaps", true, {"cm"}, {}, {}, false},
      {"", "v1", "Endpoints", "endpoints", true, {"ep"}, {}, {}, false},
      {"", "v1", "Event", "events", true, {"ev"}, {}, {}, false},
      {"", "v1", "LimitRange", "limitranges", true, {"limits"}, {}, {}, false},
      {"", "v1", "Namespace", "namespaces", false, {"ns"}, {}, {"status", "finalize"}, false,
       {"create", "delete", "get", "list", "patch", "update", "watch"}},
      {"", "v1", "Node", "nodes", false, {"no"}, {}, {"status", "proxy"}, false},
      {"", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, {"pvc"}, {}, {"status"}, false},
      {"", "v1", "PersistentVolume", "persistentvolumes", false, {"pv"}, {}, {"status"}, false},
      {"", "v1", "Pod", "pods", true, {"po"}, kAll,
       {"attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize", "status"},
       false},
      {"", "v1", "PodTemplate", "podtemplates", true, {}, {}, {}, false},
      {"", "v1", "ReplicationController", "replicationcontrollers", true, {"rc"}, kAll, {"scale", "status"}, true},
      {"", "v1", "ResourceQuota", "resourcequotas", true, {"quota"}, {}, {"status"}, false},
      {"", "v1", "Secret", "secrets", true, {}, {}, {}, false},
      {"", "v1", "ServiceAccount", "serviceaccounts", true, {"sa"}, {}, {"token"}, false},
      {"", "v1", "Service", "services", true, {"svc"}, kAll, {"proxy", "status"}, false,
       {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}},
      // apps/v1
      {"apps", "v1", "ControllerRevision", "controllerrevisions", true, {}, {}, {}, false},
      {"apps", "v1", "DaemonSet", "daemonsets", true, {"ds"}, kAll, {"status"}, true},
      {"apps", "v1", "Deployment", "deployments", true, {"deploy"}, kAll, {"scale", "status"}, true},
      {"apps", "v1", "ReplicaSet", "replicasets", true, {"rs"}, kAll, {"scale", "status"}, true},
      {"apps", "v1", "StatefulSet", "statefulsets", true, {"sts"}, kAll, {"scale", "status"}, true},
      // autoscaling
      {"autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, {"hpa"}, kAll, {"status"}, false},
      {"autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, {"hpa"}, kAll, {"status"}, false,
       kAllVerbs, false},
      // batch/v1
      {"batch", "v1", "CronJob", "cronjobs", true, {"cj"}, kAll, {"status"}, true},
      {"batch", "v1", "Job", "jobs", true, {}, kAll, {"status"}, true},
      // coordination.k8s.io/v1
      {"coordination.k8s.io", "v1", "Lease", "leases", true, {}, {}, {}, false},
      // discovery.k8s.io/v1
      {"discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, {}, {}, {}, false},
      // events.k8s.io/v1
      {"events.k8s.io", "v1", "Event", "events", true, {"ev"}, {}, {}, false},
      // networking.k8s.io/v1
      {"networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, {}, {}, {}, false},
      {"networking.k8s.io", "v1", "Ingress", "ingresses", true, {"ing"}, {}, {"status"}, true},
      {"networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, {"netpol"}, {}, {}, true},
      // policy/v1
      {"policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, {"pdb"}, {}, {"status"}, true},
      // rbac.authorization.k8s.io/v1
      {"rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, {}, {}, {}, false},
      {"rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, {}, {}, {}, false},
      {"rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, {}, {}, {}, false},
      {"rbac.authorization.k8s.io", "v1", "Role", "roles", true, {}, {}, {}, false},
      // scheduling.k8s.io/v1
      {"scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, {"pc"}, {}, {}, false},
      // storage.k8s.io/v1
      {"storage.k8s.io", "v1", "StorageClass", "storageclasses", false, {"sc"}, {}, {}, false},
  };
}

bool contains(const std::vector<std::string>& xs, std::string_view x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

std::string singular_of(const std::string& kind) { return lower(kind); }

}  // namespace

bool ResourceInfo::has_subresource(std::string_view s) const { return contains(subresources, s); }
bool ResourceInfo::has_verb(std::string_view v) const { return contains(verbs, v); }

const ResourceRegistry& ResourceRegistry::builtin() {
  static const ResourceRegistry registry;
  return registry;
}

ResourceRegistry::ResourceRegistry() {
  for (auto& r : builtin_rows()) {
    ResourceInfo info;
    info.group = r.group;
    info.version = r.version;
    info.kind = r.kind;
    info.plural = r.plural;
    info.singular = singular_of(r.kind);
    info.namespaced = r.namespaced;
    info.short_names = r.short_names;
    info.categories = r.categories;
    info.verbs = r.verbs;
    info.subresources = r.subresources;
    info.tracks_generation = r.tracks_generation;
    info.preferred = r.preferred;
    resources_.push_back(std::move(info));
  }
}

const ResourceInfo* ResourceRegistry::find(std::string_view group, std::string_view version,
                                           std::string_view plural) const {
  for (const auto& r : resources_)
    if (r.group == group && r.version == version && r.plural == plural) return &r;
  return nullptr;
}

const ResourceInfo* ResourceRegistry::find_plural(std::string_view group, std::string_view plural) const {
  const ResourceInfo* any = nullptr;
  for (const auto& r : resources_) {
    if (r.group != group || r.plural != plural) continue;
    if (r.preferred) return &r;
    if (!any) any = &r;
  }
  return any;
}

const ResourceInfo* ResourceRegistry::find_kind(std::string_view api_version, std::string_view kind) const {
  for (const auto& r : resources_)
    if (r.api_version() == api_version && r.kind == kind) return &r;
  return nullptr;
}

const ResourceInfo* ResourceRegistry::resolve(std::string_view name) const {
  // As kubectl: the shortcut expander matches short names as spelled ("EV" is none);
  // the RESTMapper lowers the resource for plurals, singulars and kinds ("PODS", "Pod")
  // but not the group ("deployments.Apps" is unknown).
  std::string spelled(name), qualifier;
  if (auto dot = spelled.find('.'); dot != std::string::npos) {
    qualifier = spelled.substr(dot + 1);
    spelled = spelled.substr(0, dot);
  }
  const std::string resource = lower(spelled);
  auto names_match = [&](const ResourceInfo& r) {
    return r.plural == resource || r.singular == resource || lower(r.kind) == resource ||
           contains(r.short_names, spelled);
  };
  auto qualifier_match = [&](const ResourceInfo& r) {
    if (qualifier.empty()) return true;
    if (qualifier == r.group) return true;
    if (qualifier == r.version + (r.group.empty() ? "" : "." + r.group)) return true;
    // kubectl expands a short name to its preferred resource and drops the version:
    // "hpa.v1.autoscaling" is autoscaling/v2's horizontalpodautoscalers.
    return contains(r.short_names, spelled) && r.preferred && !r.group.empty() &&
           qualifier.size() > r.group.size() + 1 && qualifier.compare(qualifier.size() - r.group.size(), r.group.size(), r.group) == 0 &&
           qualifier[qualifier.size() - r.group.size() - 1] == '.';
  };
  // Core group and preferred versions first, as kubectl's RESTMapper prefers them.
  const ResourceInfo* best = nullptr;
  for (const auto& r : resources_) {
    if (!names_match(r) || !qualifier_match(r)) continue;
    if (!best) best = &r;
    else if (!best->preferred && r.preferred) best = &r;
  }
  // "events" resolves to core/v1 (listed first); "ev" likewise.
  return best;
}

std::vector<std::string> ResourceRegistry::group_versions() const {
  std::vector<std::string> out;
  for (const auto& r : resources_) {
    std::string gv = r.api_version();
    if (!contains(out, gv)) out.push_back(gv);
  }
  return out;
}

}  // namespace kt::api

namespace kt::api {

const ResourceInfo& ResourceRegistry::canonical(const ResourceInfo& r) const {
  const std::less<const ResourceInfo*> before;
  const ResourceInfo* first = resources_.data();
  if (!before(&r, first) && before(&r, first + resources_.size())) return r;
  const ResourceInfo* found = find(r.group, r.version, r.plural);
  return found ? *found : r;
}

}  // namespace kt::api
