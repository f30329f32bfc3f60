#include "core/scheduler/preemption.h"

#include <algorithm>
#include <cstdint>
#include <functional>

#include "core/api/object.h"

namespace kt::scheduler {
namespace {

// GetPodStartTime: status.startTime; a pod not started yet counts as starting now,
// after every one that has (RFC 3339 strings of one format compare as times).
std::string start_time(const Json& pod) {
  const std::string t = api::str_field(pod, {"status", "startTime"});
  return t.empty() ? std::string("9999-12-31T23:59:59Z") : t;
}

// "N reason" strings sorted as strings, joined (FitError.Error's histogram).
std::string histogram(const std::map<std::string, int>& counts) {
  std::vector<std::string> parts;
  for (const auto& [reason, n] : counts) parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

bool terminating_by_preemption(const Json& pod) {
  if (!api::meta::being_deleted(pod)) return false;
  const Json& conds = api::field(pod, {"status", "conditions"});
  if (conds.is_array())
    for (const auto& c : conds)
      if (c.value("type", "") == "DisruptionTarget" && c.value("status", "") == "True" &&
          c.value("reason", "") == "PreemptionByScheduler")
        return true;
  return false;
}

// filterPodsWithPDBViolation: splits `pods` (most important first) into those whose
// eviction would take a matching budget below zero and the others.
void split_by_pdb(const std::vector<api::ObjectPtr>& pods, const std::vector<DisruptionBudget>& pdbs,
                  std::vector<api::ObjectPtr>& violating, std::vector<api::ObjectPtr>& non_violating) {
  std::vector<std::int64_t> allowed;
  for (const auto& b : pdbs) allowed.push_back(b.allowed);
  for (const auto& p : pods) {
    bool violated = false;
    const Json& labels = api::meta::labels(*p);
    if (labels.is_object() && !labels.empty()) {
      for (std::size_t i = 0; i < pdbs.size(); ++i) {
        const DisruptionBudget& b = pdbs[i];
        if (b.ns != api::meta::namespace_of(*p) || b.empty_selector || !b.selector.matches(labels)) continue;
        const std::string name = api::meta::name(*p);
        if (std::find(b.disrupted.begin(), b.disrupted.end(), name) != b.disrupted.end()) continue;
        if (--allowed[i] < 0) violated = true;
      }
    }
    (violated ? violating : non_violating).push_back(p);
  }
}

}  // namespace

DisruptionBudget DisruptionBudget::from_json(const Json& pdb) {
  DisruptionBudget b;
  b.ns = api::meta::namespace_of(pdb);
  const Json& sel = api::field(pdb, {"spec", "selector"});
  const bool has_terms = sel.is_object() && ((sel.contains("matchLabels") && !sel["matchLabels"].empty()) ||
                                             (sel.contains("matchExpressions") && !sel["matchExpressions"].empty()));
  if (has_terms) {
    try {
      b.selector = api::LabelSelector::from_json(sel);
      b.empty_selector = false;
    } catch (const std::exception&) {
      // An invalid selector matches no pod.
    }
  }
  b.allowed = api::int_field(pdb, {"status", "disruptionsAllowed"}, 0);
  if (const Json& d = api::field(pdb, {"status", "disruptedPods"}); d.is_object())
    for (auto it = d.begin(); it != d.end(); ++it) b.disrupted.push_back(it.key());
  return b;
}

std::int64_t pod_priority(const Json& pod) { return api::int_field(pod, {"spec", "priority"}, 0); }

bool more_important(const Json& a, const Json& b) {
  const std::int64_t pa = pod_priority(a), pb = pod_priority(b);
  if (pa != pb) return pa > pb;
  return start_time(a) < start_time(b);
}

NodeVictims select_victims_on_node(const Json& pod, const NodeInfo& node, const NodeInfos& all,
                                   const std::vector<DisruptionBudget>& pdbs) {
  NodeVictims out;
  out.candidate.node = node.name();
  NodeInfo trial = node;
  const std::int64_t priority = pod_priority(pod);
  std::vector<std::pair<std::string, api::ObjectPtr>> potential;
  for (const auto& [key, p] : node.pods())
    if (pod_priority(*p) < priority) potential.emplace_back(key, p);
  if (potential.empty()) {
    out.reasons.push_back("No preemption victims found for incoming pod");
    return out;
  }
  for (const auto& [key, p] : potential) trial.remove_pod(key);
  if (FilterResult r = run_filters(pod, trial, all); !r.ok) {
    out.reasons = r.reasons;
    return out;
  }
  std::stable_sort(potential.begin(), potential.end(),
                   [](const auto& a, const auto& b) { return more_important(*a.second, *b.second); });
  std::vector<api::ObjectPtr> ordered;
  std::map<const Json*, std::string> key_of;
  for (const auto& [key, p] : potential) {
    ordered.push_back(p);
    key_of[p.get()] = key;
  }
  std::vector<api::ObjectPtr> violating, non_violating;
  split_by_pdb(ordered, pdbs, violating, non_violating);
  // Reprieve as many as still let the pod fit.
  auto reprieve = [&](const api::ObjectPtr& p) {
    const std::string& key = key_of[p.get()];
    trial.add_pod(key, p);
    if (run_filters(pod, trial, all).ok) return true;
    trial.remove_pod(key);
    out.candidate.victims.push_back(p);
    return false;
  };
  for (const auto& p : violating)
    if (!reprieve(p)) ++out.candidate.pdb_violations;
  for (const auto& p : non_violating) reprieve(p);
  if (!violating.empty() && !non_violating.empty())
    std::stable_sort(out.candidate.victims.begin(), out.candidate.victims.end(),
                     [](const api::ObjectPtr& a, const api::ObjectPtr& b) { return more_important(*a, *b); });
  out.fits = true;
  return out;
}

std::vector<std::size_t> best_candidates(const std::vector<Candidate>& candidates) {
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i].victims.empty()) return {i};
  // Scores where higher wins; a string score compares the same way.
  using Score = std::function<std::int64_t(const Candidate&)>;
  const std::vector<Score> scores = {
      [](const Candidate& c) { return -static_cast<std::int64_t>(c.pdb_violations); },
      [](const Candidate& c) { return -pod_priority(*c.victims.front()); },
      [](const Candidate& c) {
        // Each priority offset by MaxInt32+1 so that negative ones still add up.
        std::int64_t sum = 0;
        for (const auto& v : c.victims) sum += pod_priority(*v) + std::int64_t{INT32_MAX} + 1;
        return -sum;
      },
      [](const Candidate& c) { return -static_cast<std::int64_t>(c.victims.size()); },
  };
  std::vector<std::size_t> left(candidates.size());
  for (std::size_t i = 0; i < left.size(); ++i) left[i] = i;
  for (const auto& f : scores) {
    std::int64_t best = INT64_MIN;
    std::vector<std::size_t> kept;
    for (std::size_t i : left) {
      const std::int64_t s = f(candidates[i]);
      if (s > best) {
        best = s;
        kept.clear();
      }
      if (s == best) kept.push_back(i);
    }
    if (kept.size() == 1) return kept;
    left = kept;
  }
  // The latest start among each node's highest-priority victims wins.
  auto earliest_top = [&](const Candidate& c) {
    const std::int64_t top = pod_priority(*c.victims.front());
    std::string earliest;
    for (const auto& v : c.victims)
      if (pod_priority(*v) == top && (earliest.empty() || start_time(*v) < earliest)) earliest = start_time(*v);
    return earliest;
  };
  std::string latest;
  std::vector<std::size_t> kept;
  for (std::size_t i : left) {
    const std::string t = earliest_top(candidates[i]);
    if (kept.empty() || t > latest) {
      latest = t;
      kept.assign(1, i);
    } else if (t == latest) {
      kept.push_back(i);
    }
  }
  return kept;
}

PreemptionOutcome preempt(const Json& pod, const NodeInfos& nodes, const std::map<std::string, FilterResult>& filter_results,
                          const std::vector<DisruptionBudget>& pdbs, sim::Random& rng) {
  PreemptionOutcome out;
  if (api::str_field(pod, {"spec", "preemptionPolicy"}) == "Never") {
    out.message = "preemption: not eligible due to preemptionPolicy=Never.";
    return out;
  }
  const std::string nominated = api::str_field(pod, {"status", "nominatedNodeName"});
  if (!nominated.empty()) {
    auto fr = filter_results.find(nominated);
    const bool unresolvable = fr != filter_results.end() && fr->second.unresolvable;
    auto n = nodes.find(nominated);
    if (!unresolvable && n != nodes.end())
      for (const auto& [key, p] : n->second.pods())
        if (pod_priority(*p) < pod_priority(pod) && terminating_by_preemption(*p)) {
          out.message = "preemption: not eligible due to a terminating pod on the nominated node.";
          return out;
        }
  }
  std::map<std::string, int> reasons;
  std::vector<Candidate> candidates;
  std::vector<std::string> potential;  // nodes preemption may help, by name
  for (const auto& [name, info] : nodes) {
    auto fr = filter_results.find(name);
    if (fr == filter_results.end()) continue;  // it fits: not ours to judge
    if (fr->second.unresolvable) {
      ++reasons["Preemption is not helpful for scheduling"];
      continue;
    }
    potential.push_back(name);
    NodeVictims v = select_victims_on_node(pod, info, nodes, pdbs);
    if (v.fits) {
      candidates.push_back(std::move(v.candidate));
      continue;
    }
    for (const auto& r : v.reasons) ++reasons[r];
  }
  if (candidates.empty()) {
    const std::string n = std::to_string(nodes.size());
    out.message = "preemption: 0/" + n + " nodes are available: " + histogram(reasons) + ".";
    return out;
  }
  const std::vector<std::size_t> best = best_candidates(candidates);
  std::size_t pick = best.front();
  if (best.size() > 1) {
    // DryRunPreemption visits the nodes from a random offset; the first of the tied
    // candidates in that order wins.
    const std::size_t offset = static_cast<std::size_t>(rng.below(potential.size()));
    auto distance = [&](std::size_t c) {
      const auto pos = static_cast<std::size_t>(
          std::find(potential.begin(), potential.end(), candidates[c].node) - potential.begin());
      return (pos + potential.size() - offset) % potential.size();
    };
    for (std::size_t c : best)
      if (distance(c) < distance(pick)) pick = c;
  }
  out.chosen = candidates[pick];
  return out;
}

}  // namespace kt::scheduler
