// The default profile's filter and score plugins (pkg/scheduler/framework/plugins),
// in the order kube-scheduler v1.32 runs them.
//
// Filters (a node is feasible when all pass; the first failure decides):
//   NodeUnschedulable  "node(s) were unschedulable"                       unresolvable
//   NodeName           "node(s) didn't match the requested node name"     unresolvable
//   TaintToleration    "node(s) had untolerated taint {key: value}"       unresolvable
//   NodeAffinity       "node(s) didn't match Pod's node affinity/selector" unresolvable
//   NodePorts          "node(s) didn't have free ports for the requested pod ports"
//   NodeResourcesFit   "Too many pods", "Insufficient cpu", "Insufficient memory", …
//   InterPodAffinity   "node(s) didn't match pod anti-affinity rules",
//                      "node(s) didn't match pod affinity rules"
// "Unresolvable" failures are the ones preemption cannot fix.
//
// Scores (0..100 each, weighted as the default profile): NodeResourcesFit
// LeastAllocated ×1, NodeResourcesBalancedAllocation ×1, TaintToleration
// (PreferNoSchedule) ×3, NodeAffinity (preferred terms) ×2, PodTopologySpread's
// system default (spread a controller's pods across hostnames) ×2.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/api/object.h"
#include "core/scheduler/node_info.h"

namespace kt::scheduler {

struct FilterResult {
  bool ok = true;
  bool unresolvable = false;
  std::vector<std::string> reasons;
};

// Whether one toleration matches `taint` (key/operator/value and effect).
bool toleration_matches(const Json& toleration, const Json& taint);
// Whether `tolerations` (a pod's spec.tolerations) tolerate `taint`.
bool tolerates(const Json& tolerations, const Json& taint);
// nodeSelector and requiredDuringScheduling node affinity.
bool matches_node_selector_and_affinity(const Json& pod, const Json& node);

// All nodes, for the inter-pod (anti-)affinity filter that looks across them.
using NodeInfos = std::map<std::string, NodeInfo>;

FilterResult run_filters(const Json& pod, const NodeInfo& node, const NodeInfos& all);

// The weighted sum of the score plugins for a feasible node.
std::int64_t score_node(const Json& pod, const NodeInfo& node, const std::vector<const NodeInfo*>& feasible);

}  // namespace kt::scheduler
