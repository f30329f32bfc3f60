// What objects cost against a ResourceQuota: kube's quota evaluators
// (pkg/quota/v1/evaluator/core, apiserver/pkg/quota/v1/generic), shared by the
// ResourceQuota admission plugin and the resourcequota controller.
//
// Resource names an object consumes:
//   pods      count/pods (every stored pod); pods, cpu, memory, requests.cpu,
//             requests.memory, limits.cpu, limits.memory, ephemeral-storage,
//             requests./limits.ephemeral-storage, hugepages-*, requests.<extended>
//             (only pods not Succeeded/Failed and not past their deletion grace;
//             cpu and memory are shorthands for the requests)
//   services  count/services, services, services.nodeports (ports of NodePort and
//             LoadBalancer services), services.loadbalancers
//   PVCs      count/persistentvolumeclaims, persistentvolumeclaims, requests.storage
//             (rounded up to whole bytes), and the same per storage class as
//             <class>.storageclass.storage.k8s.io/{persistentvolumeclaims,requests.storage}
//   others    count/<plural>[.<group>]; configmaps, secrets, replicationcontrollers and
//             resourcequotas also under those legacy names
// Quota scopes (spec.scopes, spec.scopeSelector) only select pods: Terminating
// (activeDeadlineSeconds set), NotTerminating, BestEffort (QoS), NotBestEffort,
// PriorityClass (Exists/DoesNotExist/In/NotIn on spec.priorityClassName) and
// CrossNamespacePodAffinity. A scoped quota never matches other resources.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/admission/resource_list.h"
#include "core/api/admission.h"
#include "core/api/object.h"
#include "core/api/resources.h"
#include "core/sim/time.h"

namespace kt::api {
class ApiServer;
}

namespace kt::admission {

// One corev1.ScopedResourceSelectorRequirement; spec.scopes become operator Exists.
struct ScopeRequirement {
  std::string scope;     // "BestEffort", "PriorityClass", ...
  std::string op;        // "Exists", "DoesNotExist", "In", "NotIn"
  std::vector<std::string> values;
};
std::vector<ScopeRequirement> quota_scopes(const Json& quota);

// The hard limits enforced and tracked. Kube reads status.hard, the copy of
// spec.hard the controller keeps; spec.hard is what it becomes, so we use it and
// need no controller round trip before a new quota takes effect.
ResourceList quota_hard(const Json& quota);

// Resources quota never looks at (virtual ones, events).
bool quota_ignores(const api::ResourceInfo& res);

class QuotaEvaluator {
 public:
  enum class Kind { Pods, Services, PersistentVolumeClaims, ObjectCount };

  // The evaluator for objects of `res`.
  static QuotaEvaluator for_resource(const api::ResourceInfo& res);

  const api::ResourceInfo& resource() const { return *res_; }
  Kind kind() const { return kind_; }

  // Whether this write can change usage (evaluator.Handles): pods on create (and on
  // an update that changes the Terminating scope), services and PVCs on create and
  // update, other kinds on create.
  bool handles(api::Operation op, const std::string& subresource, const Json* obj, const Json* old) const;
  // The names in `names` this evaluator measures (MatchingResources).
  ResourceNames matching_resources(const ResourceNames& names) const;
  bool matches_scope(const ScopeRequirement& scope, const Json& obj) const;
  // evaluator.Matches: the quota limits something this evaluator measures and every
  // scope of the quota selects `obj`.
  bool matches(const Json& quota, const Json& obj) const;
  // The usage of one object at virtual time `now`.
  ResourceList usage(const Json& obj, sim::Time now) const;
  // Constraints: "" or the reason a pod cannot be charged, e.g.
  //   must specify limits.cpu for: nginx; limits.memory for: nginx
  std::string constraints(const ResourceNames& required, const Json& obj) const;

 private:
  QuotaEvaluator(const api::ResourceInfo& res, Kind kind, std::string alias)
      : res_(&res), kind_(kind), alias_(std::move(alias)) {}
  const api::ResourceInfo* res_;
  Kind kind_;
  std::string alias_;  // legacy object-count name ("configmaps"), or ""
};

// The evaluators that measure at least one of `names`, in a fixed order (pods,
// services, PVCs, the legacy counters, then count/<resource> ones resolved against
// the registry).
std::vector<QuotaEvaluator> evaluators_for(const ResourceNames& names, const api::ResourceRegistry& registry);

// Lists the objects of a resource in a namespace (an informer cache or the server).
using ObjectLister = std::function<std::vector<api::ObjectPtr>(const api::ResourceInfo& res, const std::string& ns)>;
ObjectLister server_lister(api::ApiServer& api);

// quota.CalculateUsage: the namespace's usage of every resource the quota limits
// that an evaluator measures (zero when nothing uses it), objects filtered by the
// quota's scopes.
ResourceList calculate_usage(const Json& quota, const std::string& ns, const api::ResourceRegistry& registry,
                             const ObjectLister& lister, sim::Time now);

// qos.GetPodQOS(pod) == BestEffort: no container asks for or limits cpu or memory.
bool is_best_effort(const Json& pod);

}  // namespace kt::admission
