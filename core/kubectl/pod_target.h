// The pod a command that talks to one container acts on (exec, attach, run -i,
// port-forward): POD, pod/NAME, or TYPE/NAME of a workload (its selector picks the
// pod, running and newest first); and the container in it (-c, or the
// kubectl.kubernetes.io/default-container annotation, or the first, with kubectl's
// "Defaulted container" note when there are several).
#pragma once

#include <string>

#include "core/api/object.h"
#include "core/kubectl/command.h"

namespace kt::kubectl {

struct PodTarget {
  api::ObjectPtr pod;
  std::string container;
  std::string note;   // printed first (stderr): "Defaulted container ..."
  std::string error;  // set when there is no such pod/workload: the whole message
};

PodTarget find_pod_target(Invocation& inv, const std::string& target, std::string container);

// The pod a workload (TYPE/NAME that is not a pod) stands for: its selector's pods,
// running and newest first. Null with `error` set when there is none; `note` says
// which was picked among several ("Found 3 pods, using pod/x", as logs prints it).
api::ObjectPtr pod_for_workload(Invocation& inv, const api::ResourceInfo& res, const std::string& name,
                                std::string& note, std::string& error);

}  // namespace kt::kubectl
