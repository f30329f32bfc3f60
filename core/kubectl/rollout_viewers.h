// What `kubectl rollout` reads from a workload, kind by kind, as kubectl v1.32's
// polymorphichelpers compute it (rollout_status.go, history.go, rollback.go):
//   status_line   the StatusViewer's one line for the object as it is now
//   revisions     its history: ReplicaSets (Deployment, revision annotation) or
//                 ControllerRevisions (DaemonSet, StatefulSet), oldest first, each
//                 with the pod template it would restore and its change-cause
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/api/apiserver.h"

namespace kt::kubectl {

struct RolloutStatus {
  std::string line;   // with its newline; for `error` the message without "error: "
  bool done = false;
  bool error = false;
};

RolloutStatus deployment_rollout_status(const Json& d);
RolloutStatus daemonset_rollout_status(const Json& ds);
RolloutStatus statefulset_rollout_status(const Json& sts);

struct Revision {
  std::int64_t number = 0;
  std::string change_cause;  // the kubernetes.io/change-cause annotation, "" when none
  Json pod_template;         // as history --revision prints it
  api::ObjectPtr source;     // the ReplicaSet or ControllerRevision
};

// `owner`'s revisions, sorted by number. For a Deployment the template carries
// the change-cause as an annotation (history.go adds it) and the pod-template-hash label.
std::vector<Revision> workload_revisions(api::ApiServer& api, const api::ResourceInfo& res, const Json& owner);

}  // namespace kt::kubectl
