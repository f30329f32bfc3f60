// The strategies of the built-in kinds, one accessor per kind; registry.cpp maps
// resources to them (an explicit table: a static library drops translation units no
// one references, so self-registration would silently lose kinds).
#pragma once

#include "core/api/strategy.h"

namespace kt::api::kinds {

// pod.cpp
const KindStrategy& pod_strategy();
const KindStrategy& podtemplate_strategy();
// workloads.cpp
const KindStrategy& deployment_strategy();
const KindStrategy& replicaset_strategy();
const KindStrategy& replicationcontroller_strategy();
const KindStrategy& statefulset_strategy();
const KindStrategy& daemonset_strategy();
const KindStrategy& controllerrevision_strategy();
// batch.cpp
const KindStrategy& job_strategy();
const KindStrategy& cronjob_strategy();
// service.cpp
const KindStrategy& service_strategy();
const KindStrategy& endpoints_strategy();
const KindStrategy& endpointslice_strategy();
// config.cpp
const KindStrategy& configmap_strategy();
const KindStrategy& secret_strategy();
const KindStrategy& serviceaccount_strategy();
// cluster.cpp
const KindStrategy& namespace_strategy();
const KindStrategy& node_strategy();
const KindStrategy& event_strategy();
const KindStrategy& events_k8s_io_event_strategy();
const KindStrategy& lease_strategy();
const KindStrategy& priorityclass_strategy();
// storage.cpp
const KindStrategy& persistentvolume_strategy();
const KindStrategy& persistentvolumeclaim_strategy();
const KindStrategy& storageclass_strategy();
// policy.cpp
const KindStrategy& resourcequota_strategy();
const KindStrategy& limitrange_strategy();
const KindStrategy& poddisruptionbudget_strategy();
const KindStrategy& hpa_v1_strategy();
const KindStrategy& hpa_v2_strategy();
// networking.cpp
const KindStrategy& ingress_strategy();
const KindStrategy& ingressclass_strategy();
const KindStrategy& networkpolicy_strategy();
// rbac.cpp
const KindStrategy& role_strategy();
const KindStrategy& clusterrole_strategy();
const KindStrategy& rolebinding_strategy();
const KindStrategy& clusterrolebinding_strategy();

}  // namespace kt::api::kinds
