// The v1.PodStatus the kubelet's status manager writes for a pod it runs, built
// from its PodState as kubelet_pods.go's generateAPIPodStatus does: the phase
// (getPhase), the conditions (PodReadyToStartContainers, Initialized, Ready,
// ContainersReady, PodScheduled) keeping each lastTransitionTime while its status
// holds, and the init and app containers' statuses.
#pragma once

#include <string>

#include "core/api/json.h"
#include "core/node/pod_state.h"

namespace kt::node {

// `old_status` is the pod's current status (conditions keep their transition
// times, qosClass and PodScheduled are carried over).
Json build_pod_status(const PodState& pod, const Json& old_status, const std::string& host_ip, sim::Time now);

// getPhase: Pending, Running, Succeeded or Failed.
std::string pod_phase(const PodState& pod);

// format.Pod: "name_namespace(uid)", as back-off messages name a pod.
std::string pod_desc(const PodState& pod);

}  // namespace kt::node
