// `kubectl top node|pod`: the sandbox runs no metrics-server, so the metrics.k8s.io
// group is never served and kubectl v1.32 answers what it answers on such a cluster.
// FIXME: a metrics-server (usage from the kubelets' simulated containers).
#include "core/kubectl/command.h"

namespace kt::kubectl {
namespace {

using K = FlagSpec::Kind;

CommandResult metrics_unavailable(Invocation&) { return fail("error: Metrics API not available\n"); }

std::vector<FlagSpec> top_flags(bool pods) {
  std::vector<FlagSpec> f = {{"selector", 'l', K::String, ""},
                             {"sort-by", 0, K::String, ""},
                             {"no-headers", 0, K::Bool, "false"},
                             {"use-protocol-buffers", 0, K::Bool, "true"},
                             {"show-capacity", 0, K::Bool, "false"}};
  if (pods) {
    f.push_back({"all-namespaces", 'A', K::Bool, "false"});
    f.push_back({"containers", 0, K::Bool, "false"});
    f.push_back({"field-selector", 0, K::String, ""});
    f.push_back({"sum", 0, K::Bool, "false"});
  }
  return f;
}

}  // namespace

Command top_command() {
  Command node{"node", top_flags(false), metrics_unavailable, {}};
  Command pod{"pod", top_flags(true), metrics_unavailable, {}};
  Command nodes = node, no = node, pods = pod, po = pod;
  nodes.name = "nodes";
  no.name = "no";
  pods.name = "pods";
  po.name = "po";
  return {"top", {}, nullptr, {node, nodes, no, pod, pods, po}};
}

}  // namespace kt::kubectl
