// `kubectl describe` describers (kubectl v1.32 pkg/describe/describe.go): the text a
// describer builds for one object, and the other objects it reads (events, pods,
// ReplicaSets, EndpointSlices, the node's Lease) through the API.
//
// Files: describe_writer.* (PrefixWriter, tabwriter), describe_common.cpp (labels,
// annotations, events, tolerations, conditions; the dispatch by kind),
// describe_pods.cpp (Pod, containers, volumes, the pod template),
// describe_workloads.cpp (Deployment, ReplicaSet, ReplicationController, DaemonSet,
// StatefulSet, Job, CronJob), describe_core.cpp (Node, Namespace, Service,
// Endpoints, ConfigMap, Secret, ServiceAccount, PV, PVC, LimitRange, ResourceQuota),
// describe_other.cpp (Ingress, IngressClass, EndpointSlice, HPA, PDB, RBAC,
// StorageClass, PriorityClass, the generic describer).
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
