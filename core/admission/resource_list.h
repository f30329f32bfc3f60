// corev1.ResourceList arithmetic as apiserver/pkg/quota/v1 (resources.go) has it, and
// the pod-level aggregation of container requests/limits (component-helpers
// resource.PodRequests/PodLimits) that LimitRanger and ResourceQuota share.
//
// A ResourceList is kept sorted by name, which is also the order kube prints them in
// errors (prettyPrint sorts the keys).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/util/quantity.h"

namespace kt::admission {

using ResourceList = std::map<std::string, util::Quantity>;
using ResourceNames = std::set<std::string>;

// A JSON object of quantities ({"cpu": "500m", "memory": 1024}). Values that do not
// parse are skipped (validation reports them; admission must not throw first).
ResourceList parse_resource_list(const Json& obj);
Json to_json(const ResourceList& list);

ResourceNames names_of(const ResourceList& list);
// quota.Add: keys of both; values summed.
ResourceList add(const ResourceList& a, const ResourceList& b);
// quota.SubtractWithNonNegativeResult: a - b per key of a, floored at zero.
ResourceList subtract_non_negative(const ResourceList& a, const ResourceList& b);
// quota.Mask: only the keys in `names`.
ResourceList mask(const ResourceList& list, const ResourceNames& names);
// quota.RemoveZeros.
ResourceList remove_zeros(const ResourceList& list);
// quota.LessThanOrEqual: the keys of `a` whose value exceeds b's (keys b lacks pass).
ResourceNames exceeding(const ResourceList& a, const ResourceList& b);
// quota.Equals: same keys, same values.
bool equals(const ResourceList& a, const ResourceList& b);
// prettyPrint: "limits.cpu=2,limits.memory=2Gi".
std::string pretty_print(const ResourceList& list);
// prettyPrintResourceNames: "limits.cpu,limits.memory".
std::string pretty_print(const ResourceNames& names);

// The effective requests ("requests") or limits ("limits") of a pod (JSON), as
// resource.PodRequests/PodLimits compute them: the sum over containers, raised to any
// init container's own (restartable sidecar init containers are added and stay
// running), plus spec.overhead with Overhead::Include (quota does, LimitRanger not).
enum class Overhead { Exclude, Include };
ResourceList pod_resources(const Json& pod, const char* which, Overhead overhead);

// A container's resources.requests / resources.limits.
ResourceList container_resources(const Json& container, const char* which);

}  // namespace kt::admission
