// Resources served in more than one version are stored in one of them, as
// kube-apiserver stores them in etcd: a HorizontalPodAutoscaler written through
// autoscaling/v1 is kept as autoscaling/v2 and reads back through either version.
// kube-apiserver converts through its internal type; the served versions here
// convert directly to and from the storage version, with the same results
// (including the round-trip annotations that carry what v1 cannot express).
#pragma once

#include "core/api/json.h"
#include "core/api/resources.h"

namespace kt::api {

struct VersionConversion {
  const ResourceInfo* storage;             // the version the store keeps
  Json (*to_storage)(const Json& served);  // a served-version object → storage version
  Json (*from_storage)(const Json& stored);
};

// Null when `res` is its own storage version.
const VersionConversion* conversion_for(const ResourceInfo& res);

// autoscaling/v1 ⇄ autoscaling/v2 HorizontalPodAutoscaler (pkg/apis/autoscaling/v1/
// conversion.go): targetCPUUtilizationPercentage is the cpu Utilization metric; the
// other metrics, the current metrics and the conditions travel in annotations.
Json hpa_v1_to_v2(const Json& v1);
Json hpa_v2_to_v1(const Json& v2);

}  // namespace kt::api
