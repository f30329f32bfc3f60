// `kubectl describe` describers (kubectl v1.32 pkg/describe/describe.go): the text a
// describer builds for one object, and the other objects it reads (events, pods,
// ReplicaSets, EndpointSlices, the node's Lease) through the API.
//
// Files: describe_writer.* (PrefixWriter, tabwriter), describe_common.cpp (labels,
// annotations, events, tolerations; the dispatch by kind), describe_pods.cpp (Pod,
// containers, the pod template), describe_volumes.cpp, describe_workloads.cpp
// (Deployment, ReplicaSet, ReplicationController, DaemonSet, StatefulSet, Job,
// CronJob), describe_node.cpp, describe_namespace.cpp (Namespace, LimitRange,
// ResourceQuota), describe_services.cpp (Service, Endpoints, EndpointSlice),
// describe_config.cpp (ConfigMap, Secret, ServiceAccount), describe_storage.cpp (PV,
// PVC, StorageClass), describe_networking.cpp (Ingress, IngressClass, NetworkPolicy),
// describe_policy.cpp (HPA, PDB, PriorityClass), describe_rbac.cpp, and
// describe_generic.cpp (every other kind).
#pragma once

#include <string>

#include "core/api/apiserver.h"
#include "core/api/resources.h"
#include "core/sim/time.h"

namespace kt::printers {

struct DescribeContext {
  const api::ApiServer& api;
  sim::Time now;  // "the client's clock": ages of events, Terminating (lasts ...)
  bool show_events = true;
};

// Describer.Describe(namespace, name): the object's description (ending in a
// newline). Throws api::ApiError as the describer's first GET does (NotFound, ...).
std::string describe(const DescribeContext& ctx, const api::ResourceInfo& res, const std::string& ns,
                     const std::string& name);

}  // namespace kt::printers
