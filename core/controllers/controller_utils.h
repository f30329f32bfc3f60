// Helpers the workload controllers share, after pkg/controller/controller_utils.go
// and k8s.io/kubectl/pkg/util/podutils:
//   - pod state: active (not Succeeded/Failed, not being deleted), ready (Ready
//     condition True), available (ready for at least minReadySeconds);
//   - the ranking ReplicaSets use to pick which pods to delete on scale-down
//     (ActivePodsWithRanks), with the LogarithmicScaleDown and PodDeletionCost
//     behaviour that v1.32 has on by default;
//   - slowStartBatch: creations in batches of 1, 2, 4, ... that stop at the first
//     batch with a failure, so a quota or admission error costs one call, not 500.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/api/object.h"
#include "core/sim/time.h"

namespace kt::controllers {

// controller.SlowStartInitialBatchSize.
inline constexpr int kSlowStartInitialBatchSize = 1;
// The pod-deletion-cost annotation (PodDeletionCost, beta and on since v1.22).
inline constexpr const char* kPodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

// controller.IsPodActive.
bool is_pod_active(const Json& pod);
// podutil.IsPodReady.
bool is_pod_ready(const Json& pod);
// The Ready condition's lastTransitionTime when the pod is ready.
std::optional<sim::Time> pod_ready_time(const Json& pod);
// podutil.IsPodAvailable: ready, and ready since more than minReadySeconds before now.
bool is_pod_available(const Json& pod, std::int64_t min_ready_seconds, sim::Time now);
// The largest restart count of the pod's containers (and restartable init containers).
std::int64_t max_container_restarts(const Json& pod);

// ActivePodsWithRanks.Less: true when pod `a` (rank ra) should be deleted before
// pod `b` (rank rb). Ranks count the related active pods on the same node.
bool delete_before(const Json& a, int ra, const Json& b, int rb, sim::Time now);

// Orders `pods` for deletion (the first ones go first), ranking each pod by how many
// of `related` (active pods of the same owner family) share its node.
std::vector<api::ObjectPtr> rank_for_deletion(std::vector<api::ObjectPtr> pods,
                                              const std::vector<api::ObjectPtr>& related, sim::Time now);

// slowStartBatch: calls fn `count` times in batches of initial, 2*initial, ...;
// stops after the first batch in which fn returned an error. Returns the number of
// successes and the first error ("" if none).
struct BatchResult {
  int successes = 0;
  std::string error;
};
BatchResult slow_start_batch(int count, int initial_batch_size, const std::function<std::string()>& fn);

}  // namespace kt::controllers
