// What `kubectl set env` and `kubectl set resources` share (workload_edit.cpp): the
// one workload a command line names, the pod spec inside it, cobra's container glob,
// and the write back with kubectl's "<kind>/<name> <what>" line.
#pragma once

#include <string>
#include <vector>

#include "core/kubectl/command.h"

namespace kt::kubectl {

struct Workload {
  const api::ResourceInfo* res = nullptr;
  api::ObjectPtr obj;
  std::string error;  // kubectl's error line when the workload could not be read
};

// The one object named by `resources` ("deployment/x", "pods x"), read in -n's namespace.
Workload find_workload(Invocation& inv, const std::vector<std::string>& resources);
// The pod spec inside a workload (its own spec for a Pod); null when the kind has none.
Json* pod_spec(Json& obj);
// -c's shell glob on container names ("*" by default).
bool glob_match(const std::string& pat, const std::string& s);
// Writes `obj` back when it differs from w.obj (honouring --dry-run) and prints
// "deployment.apps/x <what>[ (dry run)]"; prints nothing when nothing changed.
CommandResult write_back(Invocation& inv, const Workload& w, Json obj, const std::string& what);

}  // namespace kt::kubectl
