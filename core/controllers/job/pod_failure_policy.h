// A Job's podFailurePolicy against one failed pod (pkg/controller/job/pod_failure_policy.go).
//
// Rules are tried in order; the first that matches decides:
//   onExitCodes      a terminated container (regular first, then init; exit code 0
//                    never counts) whose exit code is In / NotIn the values, limited to
//                    containerName when given
//   onPodConditions  a pod condition with the pattern's type and status (DisruptionTarget
//                    is what eviction, preemption, the taint manager and pod GC set)
// Actions: FailJob (the Job fails with reason PodFailurePolicy and the message below),
// FailIndex (the pod's index fails; needs backoffLimitPerIndex), Ignore (the failure
// is not counted towards any backoff limit), Count (counted, as with no match).
#pragma once

#include <string>

#include "core/api/json.h"

namespace kt::controllers {

enum class FailureAction { Count, FailJob, FailIndex, Ignore };

struct FailureMatch {
  FailureAction action = FailureAction::Count;
  std::string message;  // FailJob: "Container main for pod default/x failed with exit code 42 matching
                        // FailJob rule at index 0" / "Pod default/x has condition DisruptionTarget
                        // matching FailJob rule at index 0"
};

// `policy` is spec.podFailurePolicy (null: every failure counts).
FailureMatch match_pod_failure_policy(const Json& policy, const Json& pod);

}  // namespace kt::controllers
