// DefaultPreemption, the default profile's PostFilter (pkg/scheduler/framework/
// plugins/defaultpreemption and framework/preemption), for a pod no node fits.
//
//  1. Eligibility: a pod whose preemptionPolicy is Never may not preempt ("not
//     eligible due to preemptionPolicy=Never."); nor may one whose nominated node
//     still holds a lower-priority pod terminating because of an earlier preemption
//     ("not eligible due to a terminating pod on the nominated node.").
//  2. Dry run on every node whose filters failed for a reason preemption can fix:
//     remove every pod of lower priority; if the pod still does not fit, the node's
//     filter reasons stand ("No preemption victims found for incoming pod" when it has
//     no lower-priority pods). Else put the removed pods back, most important first
//     (higher priority, then the one that started earlier) — those whose eviction
//     would violate a PodDisruptionBudget before the others — keeping each that
//     still lets the pod fit; the rest are the node's victims.
//  3. Of the candidate nodes, pick (each rule breaking the previous one's ties):
//     fewest PDB violations, lowest highest-victim priority, smallest sum of victim
//     priorities, fewest victims, latest start of the highest-priority victims, then
//     the first in the dry run's order (which starts at a random node, as
//     DryRunPreemption's offset does).
// With no candidate the message is FitError's over the dry run ("0/3 nodes are
// available: 1 Preemption is not helpful for scheduling, 2 No preemption victims
// found for incoming pod."). Evicting the victims is the scheduler's (scheduler.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/api/labels.h"
#include "core/scheduler/plugins.h"
#include "core/sim/random.h"

namespace kt::scheduler {

// A PodDisruptionBudget as preemption reads it.
struct DisruptionBudget {
  std::string ns;
  api::LabelSelector selector;
  bool empty_selector = true;   // a nil or empty selector matches nothing
  std::int64_t allowed = 0;     // status.disruptionsAllowed
  std::vector<std::string> disrupted;  // status.disruptedPods' names
  static DisruptionBudget from_json(const Json& pdb);
};

struct Candidate {
  std::string node;
  std::vector<api::ObjectPtr> victims;  // most important first
  int pdb_violations = 0;
};

struct PreemptionOutcome {
  std::optional<Candidate> chosen;
  // The PostFilter message when none: "preemption: 0/3 nodes are available: …".
  std::string message;
};

// v1.Pod priority (spec.priority, 0 when unset).
std::int64_t pod_priority(const Json& pod);
// MoreImportantPod: higher priority, then the earlier start (status.startTime).
bool more_important(const Json& a, const Json& b);

// Step 2 on one node: the victims, or nullopt with the reasons the pod cannot fit.
struct NodeVictims {
  bool fits = false;
  Candidate candidate;
  std::vector<std::string> reasons;
};
NodeVictims select_victims_on_node(const Json& pod, const NodeInfo& node, const NodeInfos& all,
                                   const std::vector<DisruptionBudget>& pdbs);

// Step 3 up to the last rule: the indices in `candidates` (non-empty) that tie for
// first; one index unless every rule ties.
std::vector<std::size_t> best_candidates(const std::vector<Candidate>& candidates);

// The whole PostFilter. `filter_results` holds every node's failed filter result;
// `rng` draws the dry run's starting node when candidates tie on every rule.
PreemptionOutcome preempt(const Json& pod, const NodeInfos& nodes, const std::map<std::string, FilterResult>& filter_results,
                          const std::vector<DisruptionBudget>& pdbs, sim::Random& rng);

}  // namespace kt::scheduler
