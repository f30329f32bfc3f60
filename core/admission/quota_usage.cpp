// Quota evaluators. Map: 1. quota fields; 2. pods (usage, scopes, constraints);
// 3. services and PVCs; 4. the evaluator dispatch; 5. namespace usage.
#include "core/admission/quota_usage.h"

#include <algorithm>
#include <map>

#include "core/api/apiserver.h"
#include "core/api/kinds/podspec.h"
#include "core/util/timefmt.h"

namespace kt::admission {
namespace {

// ---- 1. quota fields -------------------------------------------------------------

util::Quantity one() { return util::Quantity::from_int(1); }
util::Quantity zero() { return util::Quantity::from_int(0); }

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// generic.ObjectCountQuotaResourceNameFor: count/<resource>[.<group>].
std::string count_name(const api::ResourceInfo& res) { return "count/" + res.qualified(); }

// ---- 2. pods ------------------------------------------------------------------------

const ResourceNames kPodResources = {"count/pods",
                                     "cpu",
                                     "memory",
                                     "ephemeral-storage",
                                     "requests.cpu",
                                     "requests.memory",
                                     "requests.ephemeral-storage",
                                     "limits.cpu",
                                     "limits.memory",
                                     "limits.ephemeral-storage",
                                     "pods"};
// Resources a quota can only limit if every container states them (a historical
// mistake kube keeps for compatibility; "do not add more resources to this list").
const ResourceNames kValidationSet = {"cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu",
                                      "limits.memory"};

// helper.IsNativeResource: no domain, or a kubernetes.io one.
bool is_native(const std::string& name) {
  return name.find('/') == std::string::npos || name.find("kubernetes.io/") != std::string::npos;
}
// helper.IsExtendedResourceName: a domain-qualified, non-native name that is not
// itself a quota name (requests.*).
bool is_extended(const std::string& name) { return !is_native(name) && !starts_with(name, "requests."); }
// isExtendedResourceNameForQuota: requests.<extended>.
bool is_extended_for_quota(const std::string& name) { return !is_native(name) && starts_with(name, "requests."); }

// podComputeUsageHelper.
ResourceList compute_usage(const ResourceList& requests, const ResourceList& limits) {
  ResourceList out{{"pods", one()}};
  for (const char* r : {"cpu", "memory", "ephemeral-storage"}) {
    if (auto it = requests.find(r); it != requests.end()) {
      out[r] = it->second;
      out[std::string("requests.") + r] = it->second;
    }
    if (auto it = limits.find(r); it != limits.end()) out[std::string("limits.") + r] = it->second;
  }
  for (const auto& [name, q] : requests) {
    if (starts_with(name, "hugepages-")) {
      out[name] = q;
      out["requests." + name] = q;
    }
    if (is_extended(name)) out["requests." + name] = q;
  }
  return out;
}

// QuotaV1Pod: terminal pods, and pods stuck terminating past their grace period,
// are not charged compute resources.
bool charged(const Json& pod, sim::Time now) {
  const std::string phase = api::str_field(pod, {"status", "phase"});
  if (phase == "Succeeded" || phase == "Failed") return false;
  const Json& grace = api::field(pod, {"metadata", "deletionGracePeriodSeconds"});
  const std::string ts = api::str_field(pod, {"metadata", "deletionTimestamp"});
  if (!ts.empty() && grace.is_number_integer()) {
    if (auto t = util::parse_rfc3339(ts); t && now > *t + sim::seconds(grace.get<std::int64_t>())) return false;
  }
  return true;
}

bool is_terminating(const Json& pod) {
  const Json& ads = api::field(pod, {"spec", "activeDeadlineSeconds"});
  return ads.is_number() && ads.get<double>() >= 0;
}

bool affinity_terms_cross_namespace(const Json& terms, bool weighted) {
  for (const auto& t : terms) {
    const Json& term = weighted ? api::field(t, {"podAffinityTerm"}) : t;
    const Json& ns = api::field(term, {"namespaces"});
    if ((ns.is_array() && !ns.empty()) || api::field(term, {"namespaceSelector"}).is_object()) return true;
  }
  return false;
}

bool uses_cross_namespace_affinity(const Json& pod) {
  for (const char* kind : {"podAffinity", "podAntiAffinity"}) {
    const Json& a = api::field(pod, {"spec", "affinity", kind});
    if (!a.is_object()) continue;
    if (affinity_terms_cross_namespace(api::field(a, {"requiredDuringSchedulingIgnoredDuringExecution"}), false) ||
        affinity_terms_cross_namespace(api::field(a, {"preferredDuringSchedulingIgnoredDuringExecution"}), true))
      return true;
  }
  return false;
}

// podMatchesSelector for the PriorityClass scope: the requirement as a label
// selector over {PriorityClass: <name>} (no label when the pod has no class).
bool priority_class_matches(const ScopeRequirement& s, const std::string& pc) {
  const bool in = std::find(s.values.begin(), s.values.end(), pc) != s.values.end();
  if (s.op == "Exists") return !pc.empty();
  if (s.op == "DoesNotExist") return pc.empty();
  if (s.op == "In") return !pc.empty() && in;
  if (s.op == "NotIn") return pc.empty() || !in;
  return false;
}

// enforcePodContainerConstraints over all containers.
std::string pod_constraints(const ResourceNames& required, const Json& pod) {
  ResourceNames required_set;
  for (const auto& r : required)
    if (kValidationSet.count(r)) required_set.insert(r);
  if (required_set.empty()) return "";
  std::map<std::string, std::set<std::string>> missing;  // resource -> container names
  for (const char* list : {"containers", "initContainers"}) {
    for (const auto& c : api::field(pod, {"spec", list})) {
      const ResourceList usage = compute_usage(container_resources(c, "requests"), container_resources(c, "limits"));
      for (const auto& r : required_set)
        if (!usage.count(r)) missing[r].insert(api::str_field(c, {"name"}));
    }
  }
  if (missing.empty()) return "";
  std::string msg = "must specify ";
  bool first = true;
  for (const auto& [resource, names] : missing) {
    if (!first) msg += "; ";
    first = false;
    msg += resource + " for: ";
    bool first_name = true;
    for (const auto& n : names) {
      msg += (first_name ? "" : ",") + n;
      first_name = false;
    }
  }
  return msg;
}

// ---- 3. services and PVCs -------------------------------------------------------------

const ResourceNames kServiceResources = {"count/services", "services", "services.loadbalancers", "services.nodeports"};
const ResourceNames kPvcResources = {"persistentvolumeclaims", "requests.storage"};
constexpr std::string_view kStorageClassSuffix = ".storageclass.storage.k8s.io/";

ResourceList service_usage(const Json& svc) {
  const std::string type = api::str_field(svc, {"spec", "type"});
  const Json& ports = api::field(svc, {"spec", "ports"});
  const auto nports = static_cast<std::int64_t>(ports.is_array() ? ports.size() : 0);
  ResourceList out{{"count/services", one()}, {"services", one()}, {"services.loadbalancers", zero()},
                   {"services.nodeports", zero()}};
  if (type == "NodePort" || type == "LoadBalancer") out["services.nodeports"] = util::Quantity::from_int(nports);
  if (type == "LoadBalancer") out["services.loadbalancers"] = one();
  return out;
}

// storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins.
std::string pvc_class(const Json& pvc) {
  const Json& a = api::field(pvc, {"metadata", "annotations", "volume.beta.kubernetes.io/storage-class"});
  if (a.is_string()) return a.get<std::string>();
  return api::str_field(pvc, {"spec", "storageClassName"});
}

// RoundUp(0): storage is charged in whole bytes.
util::Quantity whole(const util::Quantity& q) {
  if (q.nanos() % 1000000000 == 0) return q;
  return util::Quantity::from_int(q.value(), q.format());
}

ResourceList pvc_usage(const Json& pvc) {
  ResourceList out{{"persistentvolumeclaims", one()}, {"count/persistentvolumeclaims", one()}};
  const std::string cls = pvc_class(pvc);
  if (!cls.empty()) out[cls + std::string(kStorageClassSuffix) + "persistentvolumeclaims"] = one();
  const ResourceList requests = parse_resource_list(api::field(pvc, {"spec", "resources", "requests"}));
  auto it = requests.find("storage");
  if (it == requests.end()) return out;
  util::Quantity storage = whole(it->second);
  // RecoverVolumeExpansionFailure (on by default): a larger allocation is charged.
  const ResourceList allocated = parse_resource_list(api::field(pvc, {"status", "allocatedResources"}));
  if (auto a = allocated.find("storage"); a != allocated.end() && a->second.compare(storage) > 0)
    storage = whole(a->second);
  out["requests.storage"] = storage;
  if (!cls.empty()) out[cls + std::string(kStorageClassSuffix) + "requests.storage"] = storage;
  return out;
}

// ---- 4. dispatch --------------------------------------------------------------------------

// legacyObjectCountAliases
const std::map<std::string, std::string> kLegacyAliases = {{"configmaps", "configmaps"},
                                                            {"resourcequotas", "resourcequotas"},
                                                            {"replicationcontrollers", "replicationcontrollers"},
                                                            {"secrets", "secrets"}};

}  // namespace

std::vector<ScopeRequirement> quota_scopes(const Json& quota) {
  std::vector<ScopeRequirement> out;
  for (const auto& s : api::field(quota, {"spec", "scopes"}))
    if (s.is_string()) out.push_back({s.get<std::string>(), "Exists", {}});
  for (const auto& e : api::field(quota, {"spec", "scopeSelector", "matchExpressions"})) {
    ScopeRequirement r{api::str_field(e, {"scopeName"}), api::str_field(e, {"operator"}), {}};
    for (const auto& v : api::field(e, {"values"}))
      if (v.is_string()) r.values.push_back(v.get<std::string>());
    out.push_back(std::move(r));
  }
  return out;
}

ResourceList quota_hard(const Json& quota) { return parse_resource_list(api::field(quota, {"spec", "hard"})); }

bool quota_ignores(const api::ResourceInfo& res) {
  static const std::set<std::string> kIgnored = {"bindings",
                                                 "componentstatuses",
                                                 "events",
                                                 "events.events.k8s.io",
                                                 "tokenreviews.authentication.k8s.io",
                                                 "selfsubjectreviews.authentication.k8s.io",
                                                 "subjectaccessreviews.authorization.k8s.io",
                                                 "selfsubjectaccessreviews.authorization.k8s.io",
                                                 "localsubjectaccessreviews.authorization.k8s.io",
                                                 "selfsubjectrulesreviews.authorization.k8s.io"};
  return kIgnored.count(res.qualified()) > 0;
}

QuotaEvaluator QuotaEvaluator::for_resource(const api::ResourceInfo& res) {
  if (res.group.empty()) {
    if (res.plural == "pods") return {res, Kind::Pods, ""};
    if (res.plural == "services") return {res, Kind::Services, ""};
    if (res.plural == "persistentvolumeclaims") return {res, Kind::PersistentVolumeClaims, ""};
    if (auto it = kLegacyAliases.find(res.plural); it != kLegacyAliases.end())
      return {res, Kind::ObjectCount, it->second};
  }
  return {res, Kind::ObjectCount, ""};
}

bool QuotaEvaluator::handles(api::Operation op, const std::string& subresource, const Json* obj,
                             const Json* old) const {
  switch (kind_) {
    case Kind::Pods:
      if (subresource == "resize") return op == api::Operation::Update;
      if (!subresource.empty()) return false;
      if (op == api::Operation::Update && obj && old) return is_terminating(*obj) != is_terminating(*old);
      return op == api::Operation::Create;
    case Kind::Services:
    case Kind::PersistentVolumeClaims:
      return op == api::Operation::Create || op == api::Operation::Update;
    case Kind::ObjectCount:
      return op == api::Operation::Create;
  }
  return false;
}

ResourceNames QuotaEvaluator::matching_resources(const ResourceNames& names) const {
  ResourceNames out;
  for (const auto& n : names) {
    switch (kind_) {
      case Kind::Pods:
        if (kPodResources.count(n) || starts_with(n, "hugepages-") || starts_with(n, "requests.hugepages-") ||
            is_extended_for_quota(n))
          out.insert(n);
        break;
      case Kind::Services:
        if (kServiceResources.count(n)) out.insert(n);
        break;
      case Kind::PersistentVolumeClaims:
        if (n == "count/persistentvolumeclaims" || kPvcResources.count(n) ||
            ends_with(n, std::string(kStorageClassSuffix) + "persistentvolumeclaims") ||
            ends_with(n, std::string(kStorageClassSuffix) + "requests.storage"))
          out.insert(n);
        break;
      case Kind::ObjectCount:
        if (n == count_name(*res_) || (!alias_.empty() && n == alias_)) out.insert(n);
        break;
    }
  }
  return out;
}

bool QuotaEvaluator::matches_scope(const ScopeRequirement& s, const Json& obj) const {
  if (kind_ != Kind::Pods) return false;  // generic.MatchesNoScopeFunc
  if (s.scope == "Terminating") return is_terminating(obj);
  if (s.scope == "NotTerminating") return !is_terminating(obj);
  if (s.scope == "BestEffort") return is_best_effort(obj);
  if (s.scope == "NotBestEffort") return !is_best_effort(obj);
  if (s.scope == "PriorityClass") return priority_class_matches(s, api::str_field(obj, {"spec", "priorityClassName"}));
  if (s.scope == "CrossNamespacePodAffinity") return uses_cross_namespace_affinity(obj);
  return false;
}

bool QuotaEvaluator::matches(const Json& quota, const Json& obj) const {
  if (matching_resources(names_of(quota_hard(quota))).empty()) return false;
  for (const auto& s : quota_scopes(quota))
    if (!matches_scope(s, obj)) return false;
  return true;
}

ResourceList QuotaEvaluator::usage(const Json& obj, sim::Time now) const {
  switch (kind_) {
    case Kind::Pods: {
      ResourceList out{{"count/pods", one()}};
      if (!charged(obj, now)) return out;
      return add(out, compute_usage(pod_resources(obj, "requests", Overhead::Include),
                                    pod_resources(obj, "limits", Overhead::Include)));
    }
    case Kind::Services:
      return service_usage(obj);
    case Kind::PersistentVolumeClaims:
      return pvc_usage(obj);
    case Kind::ObjectCount: {
      ResourceList out{{count_name(*res_), one()}};
      if (!alias_.empty()) out[alias_] = one();
      return out;
    }
  }
  return {};
}

std::string QuotaEvaluator::constraints(const ResourceNames& required, const Json& obj) const {
  return kind_ == Kind::Pods ? pod_constraints(required, obj) : "";
}

bool is_best_effort(const Json& pod) { return api::kinds::pod_qos_class(api::field(pod, {"spec"})) == "BestEffort"; }

std::vector<QuotaEvaluator> evaluators_for(const ResourceNames& names, const api::ResourceRegistry& registry) {
  std::vector<QuotaEvaluator> out;
  std::set<std::string> seen;  // qualified resources
  auto consider = [&](const api::ResourceInfo& res) {
    if (seen.count(res.qualified())) return;
    QuotaEvaluator e = QuotaEvaluator::for_resource(res);
    if (e.matching_resources(names).empty()) return;
    seen.insert(res.qualified());
    out.push_back(e);
  };
  for (const char* plural : {"pods", "services", "persistentvolumeclaims", "configmaps", "resourcequotas",
                             "replicationcontrollers", "secrets"})
    if (const api::ResourceInfo* r = registry.find_plural("", plural)) consider(*r);
  for (const auto& n : names) {
    if (!starts_with(n, "count/")) continue;
    const std::string qualified = n.substr(6);
    for (const auto& r : registry.all())
      if (r.preferred && r.namespaced && r.qualified() == qualified && !quota_ignores(r)) consider(r);
  }
  return out;
}

ObjectLister server_lister(api::ApiServer& api) {
  return [&api](const api::ResourceInfo& res, const std::string& ns) { return api.list(res, ns).items; };
}

ResourceList calculate_usage(const Json& quota, const std::string& ns, const api::ResourceRegistry& registry,
                             const ObjectLister& lister, sim::Time now) {
  const ResourceNames hard = names_of(quota_hard(quota));
  const std::vector<ScopeRequirement> scopes = quota_scopes(quota);
  ResourceList used;
  ResourceNames matched;
  for (const QuotaEvaluator& e : evaluators_for(hard, registry)) {
    const ResourceNames mine = e.matching_resources(hard);
    matched.insert(mine.begin(), mine.end());
    ResourceList stats;
    for (const auto& n : mine) stats.emplace(n, zero());
    for (const api::ObjectPtr& obj : lister(e.resource(), ns)) {
      bool selected = true;
      for (const auto& s : scopes) selected = selected && e.matches_scope(s, *obj);
      if (selected) stats = add(stats, e.usage(*obj, now));
    }
    used = add(used, mask(stats, mine));
  }
  return mask(used, matched);
}

}  // namespace kt::admission
